"""Properties over any input: extraction and fact linking never raise, offsets always slice to the
mention and facts cite existing mentions; any bytes become an article or a DocumentError; a
formatted number parses back to itself."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datetime import date

from extractors import analyse, extract
from extractors.documents import DocumentError, parse_document

NEWS_ALPHABET = st.sampled_from(list("0123456789 .,%$€/+-()\n\u00a0") + ["US$", "S/", "millones", "billion", "mil",
                                                                       "por ciento", "percent", "Perú", "China", "y"])
FACT_ALPHABET = st.sampled_from([
    "exportaciones", "exports", "crecieron", "fell", "Junín", "Arequipa", "China", "cobre", "café", "respectivamente",
    "respectively", "ambas", "del total", "de", "from", "to", "a", "en 2024", "entre enero y marzo", "last year",
    "el mismo periodo de 2023", "(", ")", ",", ";", ":", ".", "\n", "19,8%", "+64%", "US$ 68 120 millones",
    "USD 25 billion", "9.2%", "déficit", "proyecta", "la región", "ese mercado", "tonnes", "loans", " ",
])
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=st.text(max_size=300), lang=st.sampled_from(["en", "es", None]))
def test_extract_never_raises_and_offsets_slice(text, lang):
    for mention in extract(text, lang):
        assert text[mention.start:mention.end] == mention.text


@FAST
@given(pieces=st.lists(NEWS_ALPHABET, max_size=60), lang=st.sampled_from(["en", "es"]))
def test_extract_on_number_soup(pieces, lang):
    text = "".join(pieces)
    for mention in extract(text, lang):
        assert text[mention.start:mention.end] == mention.text
        assert mention.kind != "money" or mention.value is None or isinstance(mention.value, Decimal)


@FAST
@given(pieces=st.lists(FACT_ALPHABET, max_size=80), lang=st.sampled_from(["en", "es"]),
       published=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))))
def test_linking_never_raises_and_facts_are_well_formed(pieces, lang, published):
    result = analyse(" ".join(pieces), lang, published)
    for fact in result.facts:
        assert fact.mentions and all(0 <= i < len(result.mentions) for i in fact.mentions)
        assert any(n is not None for n in (fact.value, fact.change_pct, fact.share_pct))
        assert (fact.period_start is None) == (fact.period_end is None)
        assert fact.period_start is None or fact.period_start <= fact.period_end
        assert (fact.value is None) == (fact.currency is None)


@FAST
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".md"]))
def test_any_bytes_become_an_article_or_a_document_error(data, suffix):
    try:
        article = parse_document(data, suffix)
    except DocumentError as error:
        assert error.stage in {"read", "decode", "parse"} and error.reason
    else:
        assert article.body.strip() and article.lang in {"en", "es"}


@FAST
@given(value=st.integers(min_value=0, max_value=10**12), lang=st.sampled_from(["en", "es"]))
def test_a_formatted_amount_reads_back(value, lang):
    separator = "," if lang == "en" else " "
    text = f"Exports reached US$ {value:,} in total.".replace(",", separator)
    money = [m for m in extract(text, lang) if m.kind == "money"]
    assert [m.value for m in money] == [Decimal(value)]
