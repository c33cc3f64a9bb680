"""Integrity of the data files: formats agree across languages, aliases are unambiguous, ids well formed."""

import re
from collections import defaultdict

import pytest

from extractors.entities import load_entity_rules
from extractors.lexicon import ANY_LANGUAGE, GAZETTEERS, LANGUAGES, load_currencies, load_gazetteer, read_table, read_toml
from extractors.numbers import NUMBER_FORMAT_KEYS, load_number_format

ID_FORMS = {
    "COUNTRY": re.compile(r"[A-Z]{2}"),
    "REGION": re.compile(r"PE-[A-Z]{3}"),
    "ORG": re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"),
    "PERSON": re.compile(r"[a-z]+(?:-[a-z]+)+"),
    "PRODUCT": re.compile(r"[a-z]+(?:-[a-z]+)*"),
    "PLACE": re.compile(r"[a-z]+(?:-[a-z]+)*"),
}
PERU_REGIONS = {
    "PE-AMA", "PE-ANC", "PE-APU", "PE-ARE", "PE-AYA", "PE-CAJ", "PE-CAL", "PE-CUS", "PE-HUC",
    "PE-HUV", "PE-ICA", "PE-JUN", "PE-LAL", "PE-LAM", "PE-LIM", "PE-LOR", "PE-MDD", "PE-MOQ",
    "PE-PAS", "PE-PIU", "PE-PUN", "PE-SAM", "PE-TAC", "PE-TUM", "PE-UCA",
}  # fmt: skip


def all_aliases():
    return [alias for name in GAZETTEERS for alias in load_gazetteer(name)]


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_entity_rules_point_at_regions(lang):
    assert set(load_entity_rules(lang)["place_of_region"]) <= PERU_REGIONS


def test_no_alias_has_two_ids_in_one_language():
    seen = defaultdict(set)
    for alias in all_aliases():
        langs = LANGUAGES if alias.lang == ANY_LANGUAGE else (alias.lang,)
        for lang in langs:
            seen[(alias.alias.casefold(), lang)].add((alias.label, alias.entity_id))
    clashes = {key: ids for key, ids in seen.items() if len(ids) > 1}
    assert clashes == {}


@pytest.mark.parametrize("alias", all_aliases(), ids=lambda a: f"{a.source}:{a.alias}:{a.lang}")
def test_alias_is_a_name_with_a_well_formed_id(alias):
    assert ID_FORMS[alias.label].fullmatch(alias.entity_id)
    assert alias.alias == alias.alias.strip() and len(alias.alias.split()) <= 12
    assert not alias.alias.endswith((",", ";", ":"))


def test_regions_are_perus_25():
    assert {a.entity_id for a in load_gazetteer("regions")} == PERU_REGIONS


@pytest.mark.parametrize("name", GAZETTEERS)
def test_gazetteer_is_sorted(name):
    rows = read_table("gazetteers", f"{name}.tsv", columns=("alias", "id", "label", "lang"))
    keys = [(r["alias"].casefold(), r["alias"], r["lang"]) for r in rows]
    assert keys == sorted(keys)


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
