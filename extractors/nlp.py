"""Build, cache and run one blank spaCy pipeline per language, configured from ``data/``.

No models are loaded: each pipeline is ``spacy.blank(lang)`` with tokenizer affixes derived from
the number formats and currency surfaces of every language (so "19,8%", "US$68", "USD3.3bn",
"$7.63billion", "25.7percent" split the same way in English and Spanish), then the rule
components registered in ``components.py``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from typing import NamedTuple

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from extractors import components  # noqa: F401  (registers the cifras_ factories)
from extractors.bounded import make_doc
from extractors.fact import Fact
from extractors.facts import link_facts
from extractors.language import detect_language
from extractors.lexicon import LANGUAGES, load_currencies
from extractors.mention import Mention
from extractors.numbers import load_number_format
from extractors.sentences import sentence_index, sentence_starts

# Same-length substitution, so offsets into the normalised text are offsets into the input.
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " "})
PIPE_NAMES = ("sentencizer", "cifras_line_breaks", "cifras_numerals", "cifras_money", "cifras_percent", "cifras_entities")
_KIND_ORDER = {"entity": 0, "money": 1, "percent": 2}


def normalise_spaces(text: str) -> str:
    """Replace no-break and thin spaces by plain spaces, keeping every offset.

    >>> normalise_spaces("US$\\u00a068\\u202f120") == "US$ 68 120"
    True
    """
    return text.translate(_SPACES)


def _affixes() -> tuple[list[str], list[str], list[str]]:
    """Tokenizer prefixes, suffixes and infixes that split numbers from their markers."""
    glued = sorted(
        {c.surface for c in load_currencies() if " " not in c.surface and not c.surface.islower()},
        key=len,
        reverse=True,
    )
    currency = "|".join(re.escape(surface) for surface in glued)
    words: set[str] = set()
    for lang in LANGUAGES:
        fmt = load_number_format(lang)
        words |= set(fmt.scales) | set(fmt.attached_scales)
        words |= {m for m in fmt.percent_markers + fmt.point_markers if " " not in m}
    marker = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    codes = "|".join(sorted(c.surface for c in load_currencies() if re.fullmatch("[A-Z]{3}", c.surface)))
    code_scales = {prefix for lang in LANGUAGES for prefix in load_number_format(lang).code_scales}
    scaled = "|".join(re.escape(prefix) for prefix in sorted(code_scales, key=len, reverse=True))
    prefixes = [
        r"\([+\-−]\)",
        rf"[+\-−](?=[0-9]|(?:{currency})[0-9 ])",
        rf"(?i:{currency})(?=[0-9]|,[0-9])",  # "nzd$15", "500 USD,100 times"
        rf"(?:{scaled})(?=(?:{codes})(?![A-Za-z]))",  # "30 MUSD", "MAUD 60"
    ]
    suffixes = [rf"(?<=[0-9])(?i:{marker})", rf"(?<=[0-9])(?:{currency})"]
    # "US$211.7m-worth": a scale glued to its number and hyphened to a word; the empty infix splits
    # the number from the scale, the second the hyphen after it (one look-behind per word, as
    # look-behinds must be fixed-width).
    after_scale = "|".join(rf"(?<=[0-9]{re.escape(word)})" for word in sorted(words, key=len, reverse=True))
    infixes = [
        r"(?<=[0-9])%(?=[\-–/])",
        r"(?<=[0-9%])[\-–](?=[+\-−]?[0-9])",
        rf"(?<=[0-9])(?=(?i:{marker})[\-–][^\W\d_])",
        rf"(?i:{after_scale})[\-–](?=[^\W\d_])",
    ]
    return prefixes, suffixes, infixes


def _abbreviation_clashes() -> set[str]:
    """Tokenizer exceptions like "m." that would swallow a sentence-final "$229m."."""
    scales = {word for lang in LANGUAGES for word in load_number_format(lang).attached_scales}
    return {f"{s}." for s in scales} | {f"{s.upper()}." for s in scales}


@cache
def get_pipeline(lang: str) -> Language:
    """Return the cached rule pipeline for ``lang`` ("en" or "es")."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    nlp = spacy.blank(lang)
    prefixes, suffixes, infixes = _affixes()
    tokenizer = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex(prefixes + list(nlp.Defaults.prefixes)).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes + list(nlp.Defaults.suffixes)).search
    tokenizer.infix_finditer = compile_infix_regex(infixes + list(nlp.Defaults.infixes)).finditer
    clashes = _abbreviation_clashes()
    tokenizer.rules = {text: rule for text, rule in tokenizer.rules.items() if text not in clashes}
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    return nlp


class Analysis(NamedTuple):
    """What one text yields: its sorted mentions, the facts linked from them, and where each sentence starts
    (character offsets into the text; a fact's ``sentence_idx`` indexes them)."""

    mentions: list[Mention]
    facts: list[Fact]
    sentence_starts: tuple[int, ...] = ()


def extract_many(items: Iterable[tuple[str, str | None]], batch_size: int = 64) -> Iterator[list[Mention]]:
    """Extract mentions from ``(text, lang)`` pairs, yielding one sorted list per pair, in order."""
    for analysis in _analyse(((text, lang, None) for text, lang in items), batch_size, link=False):
        yield analysis.mentions


def analyse_many(items: Iterable[tuple[str, str | None, date | None]], batch_size: int = 64) -> Iterator[Analysis]:
    """Mentions and facts of ``(text, lang, published)`` triples, one ``Analysis`` per triple, in order.

    ``published`` (the article's date) resolves relative periods; ``None`` leaves them null.
    """
    return _analyse(items, batch_size, link=True)


def _analyse(items: Iterable[tuple[str, str | None, date | None]], batch_size: int, link: bool) -> Iterator[Analysis]:
    """Texts are grouped by language and run through ``nlp.pipe``; a missing ``lang`` is detected."""
    items = list(items)
    langs = [lang or detect_language(text) for text, lang, _ in items]
    results: list[Analysis | None] = [None] * len(items)
    for lang in dict.fromkeys(langs):
        indices = [i for i, other in enumerate(langs) if other == lang]
        texts = [normalise_spaces(items[i][0]) for i in indices]
        nlp = get_pipeline(lang)
        docs = nlp.pipe((make_doc(nlp, text) for text in texts), batch_size=batch_size)
        for position, (i, doc) in enumerate(zip(indices, docs, strict=True)):
            starts = sentence_starts(doc)
            mentions = _mentions(doc, items[i][0], starts)
            facts = link_facts(doc, mentions, lang, items[i][2], texts[position]) if link else []
            results[i] = Analysis(mentions, facts, tuple(starts))
    yield from results  # type: ignore[misc]


def _mentions(doc, original: str, starts: list[int] | None = None) -> list[Mention]:
    starts = sentence_starts(doc) if starts is None else starts
    mentions = [
        dataclasses.replace(
            mention,
            text=original[mention.start : mention.end],
            sentence_idx=sentence_index(starts, mention.start),
        )
        for mention in doc._.cifras_mentions
    ]
    return sorted(mentions, key=lambda m: (m.start, m.kind, m.end))
