"""Percent mentions: one table per provenance, language first; rows are (text, value, unit)."""

from decimal import Decimal

import pytest

from extractors import extract


def percents(lang, text):
    return [(m.text, m.value, m.unit) for m in extract(text, lang) if m.kind == "percent"]


def rows(*triples):
    return [(text, Decimal(value), unit) for text, value, unit in triples]


SEEDS = [
    pytest.param("es", "creciendo 19,8%, el doble", rows(("19,8%", "19.8", None)), id="19,8%"),
    pytest.param("es", "Cajamarca (+64%), Lambayeque (+30%)", rows(("+64%", "64", None), ("+30%", "30", None)), id="signed list"),
    pytest.param("es", "un incremento del 18,1 %", rows(("18,1 %", "18.1", None)), id="space before %"),
    pytest.param("en", "exports surged by 15.6% in 2024", rows(("15.6%", "15.6", None)), id="15.6%"),
]

GUIDE = [
    pytest.param("en", "fell -54.8% in May", rows(("-54.8%", "-54.8", None)), id="written minus"),
    pytest.param("es", "subió (+10,8%)", rows(("+10,8%", "10.8", None)), id="parenthesised plus"),
    pytest.param("es", "cayó (- 7%)", rows(("- 7%", "-7", None)), id="spaced minus in parentheses"),
    pytest.param("es", "una variación de (-)2.1 por ciento", rows(("(-)2.1 por ciento", "-2.1", None)), id="(-) sign"),
    pytest.param("es", "una caída de -0,2 %", rows(("-0,2 %", "-0.2", None)), id="caida with minus"),
    pytest.param("en", "shipments fell 16.8% in volume", rows(("16.8%", "16.8", None)), id="fell is unsigned"),
    pytest.param("en", "grew 25.7percent", rows(("25.7percent", "25.7", None)), id="glued percent"),
    pytest.param("en", "up 49.4pc on the year", rows(("49.4pc", "49.4", None)), id="pc"),
    pytest.param("en", "rose 20 per cent", rows(("20 per cent", "20", None)), id="per cent"),
    pytest.param("es", "creció cinco por ciento", rows(("cinco por ciento", "5", None)), id="number word es"),
    pytest.param("en", "grew ten percent", rows(("ten percent", "10", None)), id="number word en"),
    pytest.param("es", "subió 12, 7% en marzo", rows(("12, 7%", "12.7", None)), id="stray space after comma"),
    pytest.param("es", "aumentó 19,8 puntos porcentuales", rows(("19,8 puntos porcentuales", "19.8", "pp")), id="puntos porcentuales"),
    pytest.param("en", "up 2 percentage points", rows(("2 percentage points", "2", "pp")), id="percentage points"),
    pytest.param("en", "a 1.5 pp rise", rows(("1.5 pp", "1.5", "pp")), id="pp"),
    pytest.param("en", "between 2.5%-3% a year", rows(("2.5%", "2.5", None), ("3%", "3", None)), id="range with both markers"),
    pytest.param("en", "from 25 percent to 30 percent", rows(("25 percent", "25", None), ("30 percent", "30", None)), id="range with words"),
    pytest.param("en", "grew by 35 and 151 percent", rows(("35", "35", None), ("151 percent", "151", None)), id="shared marker"),
    pytest.param("es", "creció 12%% en total", rows(("12%%", "12", None)), id="double percent sign"),
    pytest.param("es", "creció treinta y cinco por ciento", rows(("treinta y cinco por ciento", "35", None)), id="joined number words"),
]

NOT_PERCENT = [
    pytest.param("es", "Italia (20,8) y España", [], id="bare number in parentheses"),
    pytest.param("en", "rose by 4.3. Exports", [], id="bare number"),
    pytest.param("es", "en 2023 y 5 % en 2024", rows(("5 %", "5", None)), id="year is not a shared-marker end"),
]

PEER_SUITE = [  # shared/peer-suites/recognizers-text (en-percent, es-percent)
    pytest.param("es", "dos coma cinco por ciento", rows(("dos coma cinco por ciento", "2.5", None)), id="dos coma cinco por ciento"),
    pytest.param("es", "siete con cincuenta por ciento", rows(("siete con cincuenta por ciento", "7.5", None)), id="siete con cincuenta por ciento"),
    pytest.param("es", "dos mil trescientos cuarenta y siete coma mil quinientos setenta y ocho por ciento", rows(("dos mil trescientos cuarenta y siete coma mil quinientos setenta y ocho por ciento", "2347.1578", None)), id="coma mil quinientos setenta y ocho"),
    pytest.param("es", "5 millones con 20 por ciento", rows(("20 por ciento", "20", None)), id="no spelled decimal after digits"),
    pytest.param("es", "tres billones cuatrocientos cincuenta y cinco mil doscientos veintiocho millones quinientos cincuenta y seis mil ochocientos treinta y dos por ciento", rows(("tres billones cuatrocientos cincuenta y cinco mil doscientos veintiocho millones quinientos cincuenta y seis mil ochocientos treinta y dos por ciento", "3455228556832", None)), id="tres billones ... por ciento"),
    pytest.param("en", "just need minus five percent", rows(("minus five percent", "-5", None)), id="minus five percent"),
    pytest.param("es", "al menos 5 por ciento", rows(("5 por ciento", "5", None)), id="al menos is no sign"),
    pytest.param("en", " 100 percentage", rows(("100 percentage", "100", None)), id="100 percentage"),
    pytest.param("en", "up 5 percentage points", rows(("5 percentage points", "5", "pp")), id="percentage points stay points"),
    pytest.param("es", ",08 por ciento", rows((",08 por ciento", "0.08", None)), id="leading decimal comma"),
    pytest.param("en", "a .5% rise", rows((".5%", "0.5", None)), id="leading decimal point"),
    pytest.param("es", "tres quintos por ciento", rows(("tres quintos por ciento", "0.6", None)), id="tres quintos por ciento"),
    pytest.param("es", "ciento treinta y dos quintos por ciento", rows(("ciento treinta y dos quintos por ciento", "26.4", None)), id="ciento treinta y dos quintos"),
    pytest.param("es", "ciento treinta con dos quintos por ciento", rows(("ciento treinta con dos quintos por ciento", "130.4", None)), id="ciento treinta con dos quintos"),
    pytest.param("es", "tres dosmilesimos por ciento", rows(("tres dosmilesimos por ciento", "0.0015", None)), id="tres dosmilesimos por ciento"),
    pytest.param("es", "un billonesimo por cien", rows(("un billonesimo por cien", "1e-12", None)), id="un billonesimo por cien"),
    pytest.param("es", "1 sobre 4 por ciento", rows(("1 sobre 4 por ciento", "0.25", None)), id="1 sobre 4 por ciento"),
    pytest.param("es", "3/4%", rows(("3/4%", "0.75", None)), id="3/4%"),
    pytest.param("es", "en 2023/2024 subió 5%", rows(("5%", "5", None)), id="a season is no fraction"),
    pytest.param("en", "the fourth quarter 5%", rows(("5%", "5", None)), id="ordinal before a percent"),
]

GAPS = [
    pytest.param("en", "one over four percent", rows(("one over four percent", "0.25", None)), id="over as a fraction mark", marks=pytest.mark.xfail(strict=True)),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SEEDS + GUIDE + NOT_PERCENT + PEER_SUITE + GAPS)
def test_percent(lang, text, expected):
    assert percents(lang, text) == expected
