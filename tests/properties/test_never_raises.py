"""Properties over any input: extraction never raises and its offsets always slice to the mention;
any bytes become an article or a DocumentError; a formatted number parses back to itself."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract
from extractors.documents import DocumentError, parse_document

NEWS_ALPHABET = st.sampled_from(list("0123456789 .,%$€/+-()\n\u00a0") + ["US$", "S/", "millones", "billion", "mil",
                                                                       "por ciento", "percent", "Perú", "China", "y"])
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
