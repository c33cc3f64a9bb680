"""Load ``data/currency_names.tsv``: ISO 4217 codes and CLDR currency names (generated).

The file is written by ``scripts/build_currency_names.py`` (never by hand) and has the columns of
the hand-kept ``currencies.tsv``. ``with_currency_names`` merges the two for the numeral tagger and
the money recogniser: the hand rows come first and win wherever both have a surface, so the press
forms and the guide's decisions ("$" is USD, "dollar" is USD) never change with a regeneration.
"""

from __future__ import annotations

from functools import cache

from extractors.lexicon import Currency, read_currency_table


@cache
def load_currency_names() -> tuple[Currency, ...]:
    """Return the generated currency surfaces (unique case-insensitively, ISO codes checked)."""
    return read_currency_table("currency_names.tsv")


def with_currency_names(hand: tuple[Currency, ...]) -> tuple[Currency, ...]:
    """The hand-kept surfaces, then every generated one whose surface the hand table lacks."""
    return _merge(hand)


@cache
def _merge(hand: tuple[Currency, ...]) -> tuple[Currency, ...]:
    taken = {currency.surface.lower() for currency in hand}
    return hand + tuple(c for c in load_currency_names() if c.surface.lower() not in taken)


def is_name(currency: Currency) -> bool:
    """Whether a surface is a currency name (words, written after the amount: "Swiss francs"),
    not a code or a symbol ("CHF", "S/", "US$")."""
    letters = currency.surface.replace(" ", "").replace(".", "").replace("ʻ", "")
    return letters.isalpha() and any(char.islower() for char in letters)
