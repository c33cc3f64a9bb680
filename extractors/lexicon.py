"""Load and validate the data files under ``extractors/data/`` (no spaCy, no rules).

Every file opens with ``#`` provenance lines, which are skipped. TSV files then have a header
row naming their columns; TOML files have a fixed set of keys. Loaders reject unknown or missing
keys, wrong column counts and duplicate entries, so a typo in a data file fails loudly at load
time instead of silently changing what is extracted. Files are read through
``importlib.resources`` so an installed wheel works.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

LANGUAGES = ("en", "es")
ANY_LANGUAGE = "*"
GAZETTEERS = ("countries", "regions", "orgs", "people", "places", "products")
ENTITY_LABELS = ("COUNTRY", "REGION", "ORG", "PERSON", "PRODUCT", "PLACE")


class LexiconError(ValueError):
    """A data file breaks its format: unknown key, bad row, duplicate entry."""


@dataclass(frozen=True)
class Currency:
    """One written form of a currency: ``surface`` maps to the ISO 4217 ``code``."""

    surface: str
    code: str
    case_sensitive: bool
    reason: str | None  # set where reading the surface as ``code`` is a guess


@dataclass(frozen=True)
class Alias:
    """One gazetteer row: a name form of an entity in one language (or ``*`` for all)."""

    alias: str
    entity_id: str
    label: str
    lang: str
    source: str


def _read_text(*parts: str) -> str:
    return resources.files("extractors").joinpath("data", *parts).read_text("utf-8")


def _data_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_table(*parts: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Read a TSV data file whose header must be exactly ``columns``; return one dict per row."""
    name = "/".join(parts)
    lines = _data_lines(_read_text(*parts))
    if not lines or tuple(lines[0].split("\t")) != columns:
        raise LexiconError(f"{name}: header must be the columns {columns}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise LexiconError(f"{name}: row {number} has {len(cells)} cells, not {len(columns)}")
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def read_toml(*parts: str, keys: frozenset[str]) -> dict:
    """Read a TOML data file and check that its top-level keys are exactly ``keys``."""
    name = "/".join(parts)
    data = tomllib.loads(_read_text(*parts))
    unknown, missing = set(data) - keys, keys - set(data)
    if unknown or missing:
        raise LexiconError(f"{name}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    return data


def check_table(name: str, data: dict, keys: frozenset[str]) -> dict:
    """Check that a TOML table has exactly ``keys``; return it."""
    unknown, missing = set(data) - keys, keys - set(data)
    if unknown or missing:
        raise LexiconError(f"{name}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    return data


@cache
def load_currencies() -> tuple[Currency, ...]:
    """Return the currency surfaces of ``data/currencies.tsv`` (unique case-insensitively)."""
    rows = read_table("currencies.tsv", columns=("surface", "currency", "case", "reason"))
    seen: set[str] = set()
    currencies = []
    for row in rows:
        key = row["surface"].lower()
        if key in seen:
            raise LexiconError(f"currencies.tsv: duplicate surface {row['surface']!r}")
        if row["case"] not in ("any", "exact"):
            raise LexiconError(f"currencies.tsv: case must be any|exact, not {row['case']!r}")
        if not (len(row["currency"]) == 3 and row["currency"].isupper()):
            raise LexiconError(f"currencies.tsv: {row['currency']!r} is not an ISO 4217 code")
        seen.add(key)
        currencies.append(
            Currency(row["surface"], row["currency"], row["case"] == "exact", row["reason"] or None)
        )
    return tuple(currencies)


@cache
def load_gazetteer(name: str) -> tuple[Alias, ...]:
    """Return the rows of ``data/gazetteers/<name>.tsv``; reject bad labels, langs and duplicates."""
    rows = read_table("gazetteers", f"{name}.tsv", columns=("alias", "id", "label", "lang"))
    seen: set[tuple[str, str]] = set()
    aliases = []
    for row in rows:
        if row["label"] not in ENTITY_LABELS:
            raise LexiconError(f"{name}.tsv: unknown label {row['label']!r}")
        if row["lang"] not in (*LANGUAGES, ANY_LANGUAGE):
            raise LexiconError(f"{name}.tsv: unknown lang {row['lang']!r}")
        if not row["alias"].strip() or not row["id"].strip():
            raise LexiconError(f"{name}.tsv: empty alias or id in {row}")
        key = (row["alias"], row["lang"])
        if key in seen:
            raise LexiconError(f"{name}.tsv: duplicate alias {row['alias']!r} ({row['lang']})")
        seen.add(key)
        aliases.append(Alias(row["alias"], row["id"], row["label"], row["lang"], name))
    return tuple(aliases)


def load_aliases(lang: str) -> tuple[Alias, ...]:
    """Return every gazetteer alias that applies to ``lang`` (its own rows and the ``*`` rows)."""
    return tuple(
        alias
        for name in GAZETTEERS
        for alias in load_gazetteer(name)
        if alias.lang in (lang, ANY_LANGUAGE)
    )
