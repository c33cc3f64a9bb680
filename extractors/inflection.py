"""Regular plurals of PRODUCT aliases, from the rules of ``data/<lang>/inflection.toml``.

Products are listed in the singular ("pepper", "uva de mesa"); ``with_plurals`` adds the plurals
that the language's rules make ("peppers", "uvas de mesa"), so one code path serves both languages:

- words from the first ``links`` word on keep their form ("uvas de mesa"); before it, the last word
  (``inflect = "last"``: "giant squids") or every word (``"all"``: "gases naturales") is pluralised;
- a word with a capital ("Brazil", "Hass", "LNG") or listed in ``invariable`` keeps its form;
  ``irregular`` gives a word's plurals outright ("mango" -> "mangoes", "mangos"); otherwise the
  first of ``rules`` (a regular expression on the word's end, its replacement) makes it;
- a plural that folds to an alias the language already has, of any label, is skipped, so no folded
  alias ever gets two ids; the plural keeps its singular's id, label, language and source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import product

from extractors.entities import fold
from extractors.lexicon import ANY_LANGUAGE, Alias, LexiconError, read_toml

INFLECTION_KEYS = frozenset({"links", "inflect", "rules", "irregular", "invariable"})
INFLECTED_LABELS = frozenset({"PRODUCT"})


@dataclass(frozen=True)
class Inflection:
    """One language's plural rules (see the module docstring)."""

    links: frozenset[str]
    inflect_all: bool
    rules: tuple[tuple[re.Pattern, str], ...]
    irregular: dict[str, tuple[str, ...]]
    invariable: frozenset[str]

    def word_plurals(self, word: str) -> tuple[str, ...]:
        """The plurals of one word; empty where it keeps its form."""
        key = fold(word)
        if word != word.lower() or key in self.invariable:
            return ()
        if key in self.irregular:
            return self.irregular[key]
        pattern, replacement = next(rule for rule in self.rules if rule[0].search(word))
        plural = pattern.sub(replacement, word, count=1)
        return (plural,) if plural != word else ()

    def plurals(self, phrase: str) -> list[str]:
        """The plurals of an alias ("uva de mesa" -> ["uvas de mesa"]); empty where none changes."""
        words = phrase.split()
        head_end = next((i for i, word in enumerate(words) if i and fold(word) in self.links), len(words))
        heads = range(head_end) if self.inflect_all else [head_end - 1]
        options = [self.word_plurals(word) or (word,) if i in heads else (word,) for i, word in enumerate(words)]
        return [" ".join(choice) for choice in product(*options) if list(choice) != words]


@cache
def load_inflection(lang: str) -> Inflection:
    """Load and validate ``data/<lang>/inflection.toml``."""
    data = read_toml(lang, "inflection.toml", keys=INFLECTION_KEYS)
    if data["inflect"] not in ("last", "all"):
        raise LexiconError(f"{lang}/inflection.toml: inflect must be last|all, not {data['inflect']!r}")
    if not data["rules"] or any(len(rule) != 2 for rule in data["rules"]) or data["rules"][-1][0] != "$":
        raise LexiconError(f"{lang}/inflection.toml: rules must be [pattern, replacement] pairs ending with '$'")
    return Inflection(
        links=frozenset(fold(word) for word in data["links"]),
        inflect_all=data["inflect"] == "all",
        rules=tuple((re.compile(pattern), replacement) for pattern, replacement in data["rules"]),
        irregular={fold(word): tuple(forms) for word, forms in data["irregular"].items()},
        invariable=frozenset(fold(word) for word in data["invariable"]),
    )


def with_plurals(aliases: tuple[Alias, ...], lang: str) -> tuple[Alias, ...]:
    """Return ``aliases`` followed by the regular plurals of their PRODUCT aliases in ``lang``."""
    inflection = load_inflection(lang)
    taken = {fold(alias.alias) for alias in aliases if alias.lang in (lang, ANY_LANGUAGE)}
    plurals = []
    for alias in aliases:
        if alias.label not in INFLECTED_LABELS or alias.lang not in (lang, ANY_LANGUAGE):
            continue
        for plural in inflection.plurals(alias.alias):
            if fold(plural) not in taken:
                taken.add(fold(plural))
                plurals.append(Alias(plural, alias.entity_id, alias.label, alias.lang, alias.source))
    return (*aliases, *plurals)
