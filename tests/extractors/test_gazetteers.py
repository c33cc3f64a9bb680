"""Integrity of the entity gazetteers and the catalogue: formats, unambiguous aliases, ids, names."""

import re
from collections import defaultdict

import pytest

from extractors.entities import CatalogueEntry, entity_catalogue, fold, load_entity_rules
from extractors.lexicon import (
    ANY_LANGUAGE,
    GAZETTEERS,
    LANGUAGES,
    NAME_TABLES,
    load_entity_names,
    load_gazetteer,
    read_table,
)

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


def catalogue_keys():
    return {(entry.label, entry.entity_id) for entry in entity_catalogue()}


@pytest.mark.parametrize("name", GAZETTEERS)
def test_gazetteer_loads(name):
    assert load_gazetteer(name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_folded_alias_has_two_ids_in_one_language(lang):
    # The matcher compares accent- and case-folded text, so "Perú" and "PERU" are the same alias.
    seen = defaultdict(set)
    for alias in all_aliases():
        if alias.lang in (lang, ANY_LANGUAGE):
            seen[fold(alias.alias)].add((alias.label, alias.entity_id))
    assert {key: ids for key, ids in seen.items() if len(ids) > 1} == {}


@pytest.mark.parametrize("label", sorted(ID_FORMS))
def test_ids_are_well_formed(label):
    ids = {a.entity_id for a in all_aliases() if a.label == label} | {e.entity_id for e in entity_catalogue() if e.label == label}
    assert ids, f"no {label} ids"
    assert sorted(i for i in ids if not ID_FORMS[label].fullmatch(i)) == []


def test_every_alias_id_has_english_and_spanish_names():
    names = load_entity_names()
    missing = sorted({(a.label, a.entity_id) for a in all_aliases()} - set(names))
    assert missing == []
    assert all(n.name_en.strip() and n.name_es.strip() for n in names.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule_ids_are_in_the_catalogue(lang):
    rules = load_entity_rules(lang)
    assert set(rules["place_of_region"]) | set(rules["port_of_region"]) <= PERU_REGIONS
    produced = {("PLACE", place) for place in [*rules["place_of_region"].values(), *rules["port_of_region"].values()]}
    assert produced <= catalogue_keys()


def test_rules_have_the_same_keys_and_no_empty_list():
    tables = {lang: load_entity_rules(lang) for lang in LANGUAGES}
    assert set(tables["en"]) == set(tables["es"])
    assert all(value for table in tables.values() for value in table.values())


def test_all_25_regions_and_never_pe_lma():
    region_ids = {a.entity_id for a in all_aliases() if a.label == "REGION"}
    assert region_ids == PERU_REGIONS
    assert {e.entity_id for e in entity_catalogue() if e.label == "REGION"} == PERU_REGIONS
    assert "PE-LMA" not in {a.entity_id for a in all_aliases()} | {e.entity_id for e in entity_catalogue()}


def test_catalogue_shape():
    catalogue = entity_catalogue()
    assert all(isinstance(entry, CatalogueEntry) for entry in catalogue)
    assert catalogue == sorted(catalogue, key=lambda entry: (entry.label, entry.entity_id))
    assert len(catalogue_keys()) == len(catalogue)
    for entry in catalogue:
        expected_iso = entry.entity_id if entry.label in ("COUNTRY", "REGION") else None
        assert entry.iso_code == expected_iso, entry


# Countries left without an alias in a language: their only names there are other things first in trade news
# (scripts/build_country_gazetteer.py DROPPED: Georgia the US state, (New) Jersey, San Martín the region, ...).
UNNAMED_COUNTRIES = {"en": {"GE", "JE", "MF"}, "es": {"GD", "GE", "JE", "MF", "RE", "SH"}}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_countries_cover_iso_3166(lang):
    countries = {e.entity_id for e in entity_catalogue() if e.label == "COUNTRY"}
    assert len(countries) >= 250 and {"US", "CN", "PE", "EU", "GB", "NL", "KR", "AE"} <= countries
    named = {a.entity_id for a in all_aliases() if a.label == "COUNTRY" and a.lang in (lang, ANY_LANGUAGE)}
    assert countries - named == UNNAMED_COUNTRIES[lang]


def test_name_tables_do_not_repeat_an_entity():
    assert NAME_TABLES[-1] == "names"  # the hand-kept table overrides the generated one
    assert load_entity_names()[("COUNTRY", "KR")].name_es == "Corea del Sur"


@pytest.mark.parametrize("name", GAZETTEERS)
def test_gazetteer_is_sorted(name):
    rows = read_table("gazetteers", f"{name}.tsv", columns=("alias", "id", "label", "lang"))
    keys = [(r["alias"].casefold(), r["alias"], r["lang"]) for r in rows]
    assert keys == sorted(keys)


@pytest.mark.parametrize("alias", all_aliases(), ids=lambda a: f"{a.source}:{a.alias}:{a.lang}")
def test_alias_is_a_trimmed_name(alias):
    assert alias.alias == alias.alias.strip() and len(alias.alias.split()) <= 12
    assert not alias.alias.endswith((",", ";", ":"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_alias_patterns_tokenize_as_the_pipeline(lang):
    # The alias patterns are split on spaces or tokenized on a scratch vocabulary with only the
    # exceptions an alias can meet (entities.alias_patterns); a pattern split otherwise than the text
    # would never match.
    from extractors.components import with_plurals
    from extractors.entities import alias_patterns
    from extractors.lexicon import load_aliases
    from extractors.nlp import get_pipeline

    nlp = get_pipeline(lang)
    aliases = with_plurals(load_aliases(lang), lang)
    texts = [alias.alias for alias in aliases]
    scratch = [[t.text for t in doc] for doc in alias_patterns(nlp, aliases)]
    pipeline = [[t.text for t in doc] for doc in nlp.tokenizer.pipe(texts)]
    assert [(text, a, b) for text, a, b in zip(texts, scratch, pipeline, strict=True) if a != b] == []


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "exports to Central Asia and North Africa", {"central-asia", "north-africa"}),
    ("es", "envíos a Asia Central, el Norte de África y el Cono Sur", {"central-asia", "north-africa", "southern-cone"}),
    ("en", "markets in the Balkans and Scandinavia", {"balkans", "scandinavia"}),
])
def test_world_regions_of_the_m49_scheme(lang, text, expected):
    from extractors import extract

    assert {m.entity_id for m in extract(text, lang) if m.label == "PLACE"} == expected
