"""Integrity of the number and currency data files (gazetteers: test_gazetteers.py)."""

import re

import pytest

from extractors.lexicon import LANGUAGES, load_currencies, read_toml
from extractors.numbers import NUMBER_FORMAT_KEYS, load_number_format


def test_number_formats_have_the_same_keys():
    tables = {lang: read_toml(lang, "number_format.toml", keys=NUMBER_FORMAT_KEYS) for lang in LANGUAGES}
    for section in ("scales", "attached_scales", "number_words", "markers", "context"):
        assert all(tables[lang][section] for lang in LANGUAGES), f"{section} is empty somewhere"
    shapes = {lang: {k: sorted(v) for k, v in t.items() if k in ("markers", "context")} for lang, t in tables.items()}
    assert shapes["en"] == shapes["es"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_number_format_loads(lang):
    fmt = load_number_format(lang)
    assert fmt.percent_markers and fmt.point_markers and fmt.scales


def test_currencies_are_iso_codes_and_unique():
    currencies = load_currencies()
    assert len({c.surface.lower() for c in currencies}) == len(currencies)
    assert {"USD", "PEN", "EUR", "CNY"} <= {c.code for c in currencies}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_number_word_tables_do_not_overlap(lang):
    fmt = load_number_format(lang)
    assert not set(fmt.fraction_words) & set(fmt.number_words)
    assert not set(fmt.fraction_words) & set(fmt.scales)
    assert fmt.standalone_scales <= set(fmt.scales)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_code_scales_make_no_currency_surface(lang):
    surfaces = {c.surface for c in load_currencies()}
    codes = {s for s in surfaces if re.fullmatch("[A-Z]{3}", s)}
    assert not {prefix + code for prefix in load_number_format(lang).code_scales for code in codes} & surfaces
