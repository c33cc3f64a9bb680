"""Money mentions: one table per provenance, language first; values as (text, value, currency)."""

from decimal import Decimal

import pytest

from extractors import extract


def money(lang, text):
    return [(m.text, m.value, m.currency) for m in extract(text, lang) if m.kind == "money"]


def rows(*triples):
    return [(text, Decimal(value), currency) for text, value, currency in triples]


SEEDS = [
    pytest.param("en", "exports soaring to USD 74.7 billion, a 15.6% increase", rows(("USD 74.7 billion", "74.7e9", "USD")), id="USD 74.7 billion"),
    pytest.param("en", "reached $74.645 billion in 2024", rows(("$74.645 billion", "74.645e9", "USD")), id="$74.645 billion"),
    pytest.param("es", "alcanzaron los US$ 68 120 millones", rows(("US$ 68 120 millones", "68120e6", "USD")), id="US$ 68 120 millones"),
    pytest.param("es", "superar los US$ 68 mil millones", rows(("US$ 68 mil millones", "68e9", "USD")), id="US$ 68 mil millones"),
    pytest.param("es", "sumaron USD 3.300 millones", rows(("USD 3.300 millones", "3300e6", "USD")), id="USD 3.300 millones"),
    pytest.param("es", "exportó US$ 2 847 761 852 en total", rows(("US$ 2 847 761 852", "2847761852", "USD")), id="US$ 2 847 761 852"),
]

GUIDE = [
    pytest.param("es", "US$ 6 mil 299 millones", rows(("US$ 6 mil 299 millones", "6299e6", "USD")), id="mil compound"),
    pytest.param("es", "Arequipa (US$ 1,111 millones 653 mil)", rows(("US$ 1,111 millones 653 mil", "1111653000", "USD")), id="millones-mil compound"),
    pytest.param("es", "llegaron a mil 500 millones de dólares", rows(("mil 500 millones de dólares", "1500e6", "USD")), id="mil 500 millones de dolares"),
    pytest.param("es", "unos cuatro mil 15 millones de dólares", rows(("cuatro mil 15 millones de dólares", "4015e6", "USD")), id="number word compound"),
    pytest.param("es", "US$ 2,318 millones 450,000", rows(("US$ 2,318 millones 450,000", "2318450000", "USD")), id="millones then grouped units"),
    pytest.param("es", "un precio de S/ 3,50 por kilo", rows(("S/ 3,50", "3.5", "PEN")), id="unit price soles"),
    pytest.param("en", "at US$6.20 per kilogram", rows(("US$6.20", "6.2", "USD")), id="unit price dollars"),
    pytest.param("en", "$412 million and $730,000", rows(("$412 million", "412e6", "USD"), ("$730,000", "730e3", "USD")), id="second marker, second mention"),
    pytest.param("es", "un saldo de (-)350 millones de dólares", rows(("(-)350 millones de dólares", "-350e6", "USD")), id="written minus"),
    pytest.param("es", "un déficit de US$ 52 millones", rows(("US$ 52 millones", "52e6", "USD")), id="deficit is positive"),
    pytest.param("en", "reached $2.4 billion USD", rows(("$2.4 billion USD", "2.4e9", "USD")), id="currency both sides"),
    pytest.param("es", "US$ 41, 6 millones", rows(("US$ 41, 6 millones", "41.6e6", "USD")), id="stray space after decimal comma"),
    pytest.param("en", "US$2.35m in sales", rows(("US$2.35m", "2.35e6", "USD")), id="attached m"),
    pytest.param("en", "EUR 1.06 billion", rows(("EUR 1.06 billion", "1.06e9", "EUR")), id="EUR"),
    pytest.param("es", "S/ 1.500 millones", rows(("S/ 1.500 millones", "1500e6", "PEN")), id="soles symbol"),
    pytest.param("en", "US$ 120 million in 2019, 135.5 million in 2020", rows(("US$ 120 million", "120e6", "USD"), ("135.5 million", "135.5e6", "USD")), id="series ellipsis"),
    pytest.param("es", "7.394 millones de dólares y bajó hasta 6.859 millones", rows(("7.394 millones de dólares", "7394e6", "USD"), ("6.859 millones", "6859e6", "USD")), id="series ellipsis es"),
    pytest.param("en", "between 300 million and 450 million soles", rows(("300 million", "300e6", "PEN"), ("450 million soles", "450e6", "PEN")), id="range shares currency"),
    pytest.param("en", "from S/5,000 to S/15,000 million", rows(("S/5,000", "5000e6", "PEN"), ("S/15,000 million", "15000e6", "PEN")), id="range shares scale"),
    pytest.param("es", "pasaron de US$2,410 a US$5,120 millones", rows(("US$2,410", "2410e6", "USD"), ("US$5,120 millones", "5120e6", "USD")), id="comparison shares scale"),
    pytest.param("en", "US$ 61.3 billion, above the 2021 record (US$58.7)", rows(("US$ 61.3 billion", "61.3e9", "USD"), ("US$58.7", "58.7e9", "USD")), id="record shares scale"),
]

NOT_MONEY = [
    pytest.param("es", "5,7 millones de toneladas y un récord de 5,8 millones", [], id="tonnes series"),
    pytest.param("en", "a market of 1.4 billion people", [], id="population"),
    pytest.param("es", "ocupa el puesto 11 con 2 millones de empresas", [], id="rank and count"),
    pytest.param("en", "in 2024, 15% more than in 2023", [], id="years"),
]

DEV_MISSES = [
    pytest.param("en", "sales slipped 9.4% to $229m.\n\nPresident", rows(("$229m", "229e6", "USD")), id="attached m before period"),
    pytest.param("en", "fell to $1.085 billion and coal exports decreased by 15.2% to 391m.", rows(("$1.085 billion", "1.085e9", "USD"), ("391m", "391e6", "USD")), id="ellipsis with attached m"),
]

BUGS = [
    pytest.param("en", "$ 20,000.00 $ 37,305.97 february expenses", rows(("$ 20,000.00", "20000", "USD"), ("$ 37,305.97", "37305.97", "USD")), id="two symbol amounts in a row"),
    pytest.param("en", "50 dollar 50 dollar", rows(("50 dollar", "50", "USD"), ("50 dollar", "50", "USD")), id="currency after binds to its amount"),
    pytest.param("en", "pay three thousand dollars two hundred times", rows(("three thousand dollars", "3000", "USD")), id="no ellipsis for hundred"),
    pytest.param("en", "sold 115USD of goods", rows(("115USD", "115", "USD")), id="code glued after digits"),
    pytest.param("en", "the pen 7 is blue", [], id="lower-case pen is not PEN"),
]

GAPS = [
    pytest.param("en", "a 75 USD million deal", rows(("75 USD million", "75e6", "USD")), id="scale after currency code", marks=pytest.mark.xfail(strict=True)),
    pytest.param("en", "thirteen dollars and forty-five cents", rows(("thirteen dollars and forty-five cents", "13.45", "USD")), id="dollars and cents", marks=pytest.mark.xfail(strict=True)),
    pytest.param("en", "C$ 16.4 million", rows(("C$ 16.4 million", "16.4e6", "CAD")), id="C$ glued is CAD"),
    pytest.param("en", "c $ 16.4 million", rows(("c $ 16.4 million", "16.4e6", "CAD")), id="spaced c $ is CAD", marks=pytest.mark.xfail(strict=True)),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SEEDS + GUIDE + NOT_MONEY + DEV_MISSES + BUGS + GAPS)
def test_money(lang, text, expected):
    assert money(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "ambiguous"),
    [
        pytest.param("en", "sold for $5 million", True, id="bare dollar sign"),
        pytest.param("en", "sold for US$5 million", False, id="US$ is sure"),
        pytest.param("es", "US$ 540.000 en ventas", True, id="three digits no scale"),
    ],
)
def test_money_ambiguity(lang, text, ambiguous):
    (mention,) = [m for m in extract(text, lang) if m.kind == "money"]
    assert mention.ambiguous is ambiguous
    assert (mention.reason is not None) is ambiguous
