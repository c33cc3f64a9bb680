"""Generate ``extractors/data/currency_names.tsv``: ISO 4217 codes and CLDR currency names.

Every row is a currency surface (same columns as the hand-kept ``currencies.tsv``):

- each ISO 4217 code of the current list (``pycountry.currencies``), matched case-exactly
  ("ZAR 500 million", "500 million KES"), except the codes in ``DROPPED_CODES``;
- the English and Spanish CLDR display names of those codes (Babel
  ``get_currency_name(code, count, locale)``, singular and plural): "Swiss francs", "francos
  suizos", "South African rand", "soles peruanos", "yuanes renminbi";
- their head nouns, the unit without its country ("francos", "rand", "yuanes", "dírhams"): the last
  word of a multi-word English name, the first word of a Spanish one.

A surface is left out (and listed in a ``# left out:`` comment of the file, with why) when it is
in ``DROPPED_NAMES``, when two currencies share it (a bare "pesos", "rupees", "dollars", "francs",
"crowns": the country is unknown), or when the hand-kept ``currencies.tsv`` already has it (the
hand row wins, so "dollar" stays USD and "$" stays USD with its reason). The loader
(``extractors/currency_names.py``) also lets hand rows win at run time.

Rerun after a Babel or pycountry upgrade, then review the diff:

    .venv/bin/python scripts/build_currency_names.py
    .venv/bin/pytest tests/extractors/test_currency_names.py

``tests/extractors/test_currency_names.py`` rebuilds the file in memory and compares it with the
committed one, so a hand edit or a library change fails until the file is regenerated.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import babel
import pycountry
from babel.numbers import get_currency_name

DATA = Path(__file__).resolve().parents[1] / "extractors" / "data"
OUTPUT = DATA / "currency_names.tsv"
HAND_KEPT = DATA / "currencies.tsv"
LOCALES = ("en", "es")
COUNTS = (1, 2)  # CLDR plural categories "one" and "other" in both locales
COLUMNS = ("surface", "currency", "case", "reason")

# ISO 4217 codes that are no amount of money, or that written in capitals are first a word,
# an acronym or an identifier in news text: code -> why.
DROPPED_CODES = {
    "XXX": "ISO 4217 'no currency'",
    "XTS": "ISO 4217 testing code",
    "XAU": "a troy ounce of gold: a quantity of metal",
    "XAG": "a troy ounce of silver: a quantity of metal",
    "XPD": "a troy ounce of palladium: a quantity of metal",
    "XPT": "a troy ounce of platinum: a quantity of metal",
    "XBA": "bond-market unit",
    "XBB": "bond-market unit",
    "XBC": "bond-market unit",
    "XBD": "bond-market unit",
    "ALL": "the word ALL in capitalised headlines",
    "TOP": "the word TOP in capitalised headlines ('TOP 10')",
    "CUP": "the word CUP ('COPA/CUP 2026')",
    "SOS": "the word SOS",
    "MOP": "the word MOP",
    "BAM": "the word BAM",
    "AMD": "the chip maker AMD",
    "CVE": "vulnerability identifiers ('CVE-2024-1234')",
}

# CLDR names or head nouns that news text uses for something else: folded surface -> why.
DROPPED_NAMES = {
    "real": "the adjective real/real ('in real terms', 'valor real')",
    "rights": "not a unit: head of 'special drawing rights'",
    "derechos": "not a unit: head of 'derechos especiales de giro'",
    "unidad": "not a unit: head of 'unidad de fomento'",
    "unidades": "not a unit: head of 'unidades de fomento'",
    "unit": "not a unit: head of 'unit of account'",
    "units": "not a unit: head of 'units of account'",
    "oro": "gold, a metal",
    "plata": "silver, a metal",
    "sol": "the noun sol/sun",
    "mark": "the noun mark",
    "marks": "the noun marks",
    "pound": "a unit of weight",
    "pounds": "a unit of weight (quantity_units)",
    "libra": "a unit of weight",
    "libras": "a unit of weight (quantity_units)",
    "bat": "the English noun bat",
    "bats": "the English noun bats",
    "balboa": "a surname and place name (Balboa, Panama)",
    "boliviano": "the demonym boliviano ('2 millones de bolivianos' are people)",
    "bolivianos": "the demonym bolivianos ('2 millones de bolivianos' are people)",
    "cordoba": "the city of Córdoba ('... millones de Córdoba')",
    "gold": "the metal: head of 'Zimbabwean gold'",
    "sum": "the English noun sum",
    "sums": "the English noun sums",
    "soberano": "the adjective soberano ('bonos soberanos')",
    "soberanos": "the adjective soberanos ('bonos soberanos')",
    "leone": "a surname",
    "leones": "the Spanish noun leones (lions)",
    "leona": "the Spanish noun leona (lioness)",
    "leonas": "the Spanish noun leonas (lionesses)",
    "guilder": "the historic Dutch guilder (NLG in currencies.tsv) as much as the Caribbean one",
    "guilders": "the historic Dutch guilder (NLG in currencies.tsv) as much as the Caribbean one",
}
# ISO 4217 fund and accounting units: their codes and full names count, but their names have no
# head noun that is a unit ("ADB unit of account", "WIR euro", "Bolivian mvdol").
FUNDS = frozenset({"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XAD", "XDR", "XSU", "XUA"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def read_hand_kept() -> dict[str, str]:
    """Lower-cased surface -> currency of every hand-kept ``currencies.tsv`` row."""
    lines = [line for line in HAND_KEPT.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return {line.split("\t")[0].lower(): line.split("\t")[1] for line in lines[1:]}


def names_of(code: str) -> list[tuple[str, str]]:
    """(name, how) for the CLDR names of ``code`` and their head nouns, both locales."""
    found: list[tuple[str, str]] = []
    for locale in LOCALES:
        for count in COUNTS:
            name = get_currency_name(code, count, locale)
            if not name or name == code or re.search(r"[()\d]", name):
                continue  # no CLDR name, a name with a qualifier ("(next day)") or a date
            found.append((name, f"CLDR {locale}"))
            words = name.split()
            if len(words) > 1 and code not in FUNDS:
                head = words[-1] if locale == "en" else words[0]
                found.append((head, f"CLDR {locale} head noun"))
    return found


def build() -> str:
    """Return the text of ``currency_names.tsv`` (what ``main`` writes)."""
    hand = read_hand_kept()
    codes = sorted(currency.alpha_3 for currency in pycountry.currencies)
    candidates: dict[str, set[str]] = defaultdict(set)  # folded surface -> codes
    spelling: dict[str, str] = {}
    for code in codes:
        if code in DROPPED_CODES:
            continue
        for name, _how in names_of(code):
            key = fold(name)
            candidates[key].add(code)
            # one spelling per folded surface: lower case, accents kept where CLDR writes them
            lowered = name.lower() if not name.isupper() else name
            if key not in spelling or sum(map(str.isupper, lowered)) < sum(map(str.isupper, spelling[key])):
                spelling[key] = lowered if sum(c != "ʻ" for c in lowered) else name
    rows: list[tuple[str, str, str, str]] = []
    left_out: list[str] = []
    for code in codes:
        if code in DROPPED_CODES:
            left_out.append(f"{code}: {DROPPED_CODES[code]}")
        elif code.lower() in hand:
            if hand[code.lower()] != code:
                left_out.append(f"{code}: hand-kept currencies.tsv maps it to {hand[code.lower()]}")
        else:
            rows.append((code, code, "exact", ""))
    for key in sorted(candidates):
        surface, owners = spelling[key], sorted(candidates[key])
        if key in DROPPED_NAMES:
            left_out.append(f"{surface} ({' '.join(owners)}): {DROPPED_NAMES[key]}")
        elif len(owners) > 1:
            left_out.append(f"{surface} ({' '.join(owners)}): shared by several currencies")
        elif surface.lower() in hand or key in {fold(s) for s in hand}:
            continue  # the hand-kept row wins (silently where it agrees)
        elif key.upper() in candidates or surface.upper() in codes:
            left_out.append(f"{surface} ({owners[0]}): same letters as an ISO code")
        else:
            rows.append((surface, owners[0], "any", ""))
    rows.sort(key=lambda row: (row[0].casefold(), row[0]))
    versions = f"Babel {babel.__version__} (CLDR, locales {', '.join(LOCALES)}) and pycountry {pycountry_version()}"
    lines = [
        f"# provenance: generated by scripts/build_currency_names.py from ISO 4217 and {versions}; "
        "do not edit, add press forms to currencies.tsv (hand rows win).",
        *(f"# left out: {reason}" for reason in left_out),
        "\t".join(COLUMNS),
        *("\t".join(row) for row in rows),
    ]
    return "\n".join(lines) + "\n"


def pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def main() -> int:
    text = build()
    OUTPUT.write_text(text, encoding="utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")][1:]
    dropped = sum(line.startswith("# left out:") for line in text.splitlines())
    print(f"wrote {len(rows)} surfaces to {OUTPUT.name} ({dropped} left out)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
