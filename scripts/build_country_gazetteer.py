"""Generate the COUNTRY gazetteer from ISO 3166-1 (pycountry, with its Spanish gettext catalogue).

Writes two files under ``extractors/data/gazetteers/``, both generated, never edited by hand:

- ``countries.tsv``: one alias a row (alias, id, label, lang) for every ISO 3166-1 alpha-2
  country, from its English short, common and official names and their Spanish translations
  (gettext domain ``iso3166-1``, locale ``es``);
- ``country_names.tsv``: one row per country (id, label, name_en, name_es, iso_code), the
  canonical names of the entity catalogue.

Hand-kept data lives beside them and survives a rerun: press forms ("EE.UU.", "the US", "UK",
"Holanda", the EU) in ``countries_press.tsv``, and name overrides ("South Korea" /
"Corea del Sur" for KR) as COUNTRY rows of ``names.tsv``. A generated alias is left out when
it is in ``DROPPED`` below (a word or another place before it is a country in trade news),
when two countries would share it, or when a hand-kept gazetteer already has it (the hand row
wins); the run prints each one left out and why.

Rerun (pycountry stays out of the project's environment; it is only needed here):

    python3 -m venv /tmp/gazvenv && /tmp/gazvenv/bin/pip install pycountry
    /tmp/gazvenv/bin/python scripts/build_country_gazetteer.py

then review ``git diff extractors/data/gazetteers`` and run ``pytest tests/extractors``.
"""

from __future__ import annotations

import gettext
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry

GAZETTEERS = Path(__file__).resolve().parents[1] / "extractors" / "data" / "gazetteers"
HAND_KEPT = ("countries_press", "regions", "orgs", "people", "places", "products")

# Generated aliases that trade news uses for something else first: (alias, lang) -> why.
DROPPED = {
    ("Georgia", "en"): "the US state",
    ("Georgia", "es"): "the US state",
    ("Jordan", "en"): "a given name and surname",
    ("Chad", "en"): "a given name",
    ("Jersey", "en"): "New Jersey, the US state",
    ("Jersey", "es"): "Nueva Jersey, the US state",
    ("San Martín", "es"): "Peru's San Martín region (PE-SAM)",
    ("Saint Martin", "en"): "Peru's San Martín region (PE-SAM) in English text",
    ("Santa Elena", "es"): "Ecuador's Santa Elena province",
    ("Granada", "es"): "the Spanish city",
    ("Reunión", "es"): "the word reunión (meeting) at a sentence start",
    ("Taiwán, Provincia de China", "es"): "not a press form",
    ("Taiwan, Province of China", "en"): "not a press form",
}
# A comma form "Bolivia, Plurinational State of" reads naturally inverted when its tail ends so.
_LINKS = re.compile(r"\b(?:of|of the|de|del|de la|de los)$", re.IGNORECASE)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_forms(name: str) -> list[tuple[str, int]]:
    """Return the alias forms of one ISO name with a priority (0 a full name, 1 a shortened one)."""
    name = re.sub(r"^the ", "", name.strip(), flags=re.IGNORECASE)
    stripped = re.sub(r"\s*\([^)]*\)", "", name).strip()
    forms: list[tuple[str, int]] = []
    if "," not in stripped:
        forms.append((stripped, 0 if stripped == name else 1))
        return forms
    head, tail = (part.strip() for part in stripped.split(",", 1))
    forms.append((head, 1))
    if _LINKS.search(tail):
        inverted = re.sub(r"^the ", "", f"{tail} {head}", flags=re.IGNORECASE)
        forms.append((inverted[0].upper() + inverted[1:], 0))
    return forms


def display(pair: tuple[str, str], everyone: list[tuple[str, str]], _language: int) -> str:
    """The display name: the short form, or the official name where two countries share the short one."""
    name, official = pair
    short = name_forms(name)[0][0]
    if sum(name_forms(other)[0][0] == short for other, _ in everyone) > 1:
        return name_forms(official)[-1][0]
    return short


def read_hand_kept() -> dict[tuple[str, str], str]:
    """(folded alias, lang) -> id of every hand-kept gazetteer row ('*' rows count for both)."""
    taken: dict[tuple[str, str], str] = {}
    for name in HAND_KEPT:
        path = GAZETTEERS / f"{name}.tsv"
        lines = [line for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#")]
        for line in lines[1:]:
            alias, entity_id, _label, lang = line.split("\t")
            for each in ("en", "es") if lang == "*" else (lang,):
                taken[(fold(alias), each)] = entity_id
    return taken


def main() -> int:
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    candidates: dict[tuple[str, str], list[tuple[int, str, str]]] = defaultdict(list)
    spelling: dict[tuple[str, str], str] = {}  # one spelling per folded alias: the one with most capitals
    names: list[tuple[str, str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        english = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        english = [name for name in english if name]
        for lang, sources in (("en", english), ("es", [spanish.gettext(name) for name in english])):
            for source in dict.fromkeys(sources):
                for alias, priority in name_forms(source):
                    key = (fold(alias), lang)
                    if key not in spelling or sum(map(str.isupper, alias)) > sum(map(str.isupper, spelling[key])):
                        spelling[key] = alias
                    candidates[key].append((priority, code, source))
        official = getattr(country, "official_name", None) or country.name
        names.append((code, (getattr(country, "common_name", None) or country.name, official),
                      (spanish.gettext(country.name), spanish.gettext(official))))
    names = [(code, *(display(pair, [other[i] for _, *other in names], i) for i, pair in enumerate(pairs)))
             for code, *pairs in names]

    taken = read_hand_kept()
    rows: dict[tuple[str, str], str] = {}
    for (folded, lang), found in sorted(candidates.items()):
        alias = spelling[(folded, lang)]
        every = {code for _, code, _ in found}
        best = min(priority for priority, _, _ in found)
        codes = {code for priority, code, _ in found if priority == best}
        if (alias, lang) in DROPPED:
            print(f"dropped {alias!r} ({lang}): {DROPPED[alias, lang]}", file=sys.stderr)
        elif len(codes) > 1 or len(every) > 1 and best > 0:
            print(f"dropped {alias!r} ({lang}): shared by {sorted(every)}", file=sys.stderr)
        elif (folded, lang) in taken:
            if taken[(folded, lang)] != next(iter(codes)):
                print(f"dropped {alias!r} ({lang}): a hand-kept gazetteer has it as {taken[(folded, lang)]}",
                      file=sys.stderr)
        else:
            rows[(alias, lang)] = codes.pop()
    merged: list[tuple[str, str, str]] = []
    for (alias, lang), code in rows.items():
        other = "es" if lang == "en" else "en"
        if rows.get((alias, other)) == code:
            if lang == "en":
                merged.append((alias, code, "*"))
        else:
            merged.append((alias, code, lang))
    merged.sort(key=lambda row: (row[0].casefold(), row[0], row[2]))

    source = f"pycountry {getattr(pycountry, '__version__', '?')} (ISO 3166-1, gettext iso3166-1/es)"
    with (GAZETTEERS / "countries.tsv").open("w", encoding="utf-8") as out:
        out.write(f"# provenance: generated by scripts/build_country_gazetteer.py from {source}; do not edit, "
                  "add press forms to countries_press.tsv.\n")
        out.write("alias\tid\tlabel\tlang\n")
        out.writelines(f"{alias}\t{code}\tCOUNTRY\t{lang}\n" for alias, code, lang in merged)
    with (GAZETTEERS / "country_names.tsv").open("w", encoding="utf-8") as out:
        out.write(f"# provenance: generated by scripts/build_country_gazetteer.py from {source}; do not edit, "
                  "override a name with a COUNTRY row in names.tsv.\n")
        out.write("id\tlabel\tname_en\tname_es\tiso_code\n")
        out.writelines(f"{code}\tCOUNTRY\t{en}\t{es}\t{code}\n" for code, en, es in sorted(names))
    print(f"wrote {len(merged)} aliases and {len(names)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
