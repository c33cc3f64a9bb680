"""Fact-linking cue phrases: loaded from ``data/<lang>/facts.toml`` and matched on a document.

One code path for both languages: every key exists in both files, and the phrases match accent-
and case-folded token norms, so the rules never branch on the language. Matches are kept per
label, sorted by start, and looked up by bisection, so that linking stays linear in the length of
the document.
"""

from __future__ import annotations

import fnmatch
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import IDX, LENGTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extractors.entities import fold
from extractors.lexicon import check_table, read_toml

FACT_TABLES = frozenset({"metrics", "sectors", "qualified_sectors", "groups", "demonyms", "cues"})
SUBJECT_FILE_KEYS = frozenset({"world_regions", "place_flows", "home_country", "container_places"})
CUE_KEYS = frozenset({
    # direction and kind of a percent
    "up", "down", "approximate", "share", "share_nouns", "share_adjacent", "share_after", "whole_total",
    # what a figure is not
    "not_frame", "per_year", "finance", "volume", "in_value", "difference", "difference_before", "range_joins", "unit_price",
    # comparisons, projections and pairing
    "base", "base_after", "projection", "respectively", "each",
    # subjects
    "subject_after", "both_qualifiers", "producer_nouns", "partner_before", "owner_after", "examples", "together", "national", "total", "unnamed_subjects", "list_links",
    "sector_anaphora", "region_anaphora", "partner_anaphora", "subject_anaphora",
    # periods in the discourse
    "timeless", "alone", "whole_year", "over_the_period", "world_price", "negative_value", "generic_nouns", "year_on_year", "month_on_month", "average_base",
})
METRICS = ("exports", "imports", "trade_balance", "trade", "investment", "production", "price", "other")
MAX_CUE_TOKENS = 12


@dataclass(frozen=True)
class FactRules:
    """One language's cue phrases, compiled for matching, and the language-free subject tables."""

    lang: str
    matcher: PhraseMatcher
    qualified: dict[str, dict[str, str]]  # qualifier sector -> {sector: qualified sector}
    world_regions: frozenset[str]
    place_flows: tuple[str, ...]
    container_places: frozenset[str]
    home_country: str

    def is_place_flow(self, entity_id: str) -> bool:
        """Whether a place (a port, a city, a customs area) has flows of its own: ``place_flows`` patterns."""
        return any(fnmatch.fnmatchcase(entity_id, pattern) for pattern in self.place_flows)


@cache
def load_fact_rules(lang: str, vocab) -> FactRules:
    """Build the cue matcher of ``lang`` on ``vocab`` from its data files."""
    data = read_toml(lang, "facts.toml", keys=FACT_TABLES)
    cues = check_table(f"{lang}/facts.toml [cues]", data["cues"], CUE_KEYS)
    unknown_metrics = set(data["metrics"]) - set(METRICS)
    if unknown_metrics:
        raise ValueError(f"{lang}/facts.toml: unknown metrics {sorted(unknown_metrics)}")
    subjects = read_toml("fact_subjects.toml", keys=SUBJECT_FILE_KEYS)
    matcher = PhraseMatcher(vocab, attr="NORM")

    from extractors.nlp import get_pipeline  # the pipeline's own tokenizer: "textil-confecciones" is one token in es

    tokenizer = get_pipeline(lang).tokenizer

    def add(label: str, phrases: list[str]) -> None:
        docs = []
        for phrase in phrases:
            variants = {tuple(_cue_words(phrase)), tuple(t.text for t in tokenizer(fold(phrase)))}
            for words in sorted(variants):
                doc = Doc(vocab, words=list(words))
                for token in doc:
                    token.norm_ = token.text
                if len(doc) > MAX_CUE_TOKENS:
                    raise ValueError(f"{lang}/facts.toml: cue {phrase!r} is longer than {MAX_CUE_TOKENS} tokens")
                docs.append(doc)
        if docs:
            matcher.add(label, docs)

    for table in ("metrics", "sectors", "groups", "demonyms"):
        for key, phrases in data[table].items():
            add(f"{table}:{key}", phrases)
    for key in sorted(CUE_KEYS):
        add(key, cues[key])
    return FactRules(lang, matcher, data["qualified_sectors"], frozenset(subjects["world_regions"]),
                     tuple(subjects["place_flows"]), frozenset(subjects["container_places"]), subjects["home_country"])


def _cue_words(phrase: str) -> list[str]:
    """The tokens a cue phrase matches: folded, with "-", "/" and "'s" split off as the tokenizer does."""
    folded = fold(phrase)
    for mark in ("-", "/", "(", ")"):
        folded = folded.replace(mark, f" {mark} ")
    return folded.replace("'s", " 's").split()


@dataclass
class Cues:
    """The cue matches of one document, by label, as ``(start, end, value)`` token spans sorted by start."""

    spans: dict[str, list[tuple[int, int, str]]]
    starts: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for found in self.spans.values():
            found.sort()
        self.starts = {label: [s[0] for s in found] for label, found in self.spans.items()}

    @classmethod
    def match(cls, doc: Doc, rules: FactRules, names: list[tuple[int, int]]) -> Cues:
        """Cue matches of ``doc``, minus those inside an organisation's or person's name
        ("Ministerio de Comercio Exterior" names no trade flow); ``names`` are character spans."""
        spans: dict[str, list[tuple[int, int, str]]] = {}
        names = sorted(names)
        name_starts = [a for a, _ in names]
        matches = rules.matcher(doc)
        if not matches:
            return cls(spans)
        offsets = doc.to_array([IDX, LENGTH]).tolist() if names else None
        labels: dict[int, tuple[str, str]] = {}
        for key, start, end in matches:
            if names:
                first, last = offsets[start][0], offsets[end - 1][0] + offsets[end - 1][1]
                i = bisect_right(name_starts, first) - 1
                if i >= 0 and names[i][1] >= last:
                    continue
            label = labels.get(key)
            if label is None:
                kind, _, value = doc.vocab.strings[key].partition(":")
                label = labels[key] = (kind, value)
            spans.setdefault(label[0], []).append((start, end, label[1]))
        return cls(spans)

    def _from(self, label: str, first_start: int, last_start: int) -> list[tuple[int, int, str]]:
        starts = self.starts.get(label)
        if not starts:
            return []
        return self.spans[label][bisect_left(starts, first_start) : bisect_right(starts, last_start)]

    def within(self, label: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Matches of ``label`` that lie inside tokens ``start``..``end``."""
        starts = self.starts.get(label)
        if not starts:
            return []
        found = self.spans[label]
        lo = bisect_left(starts, start)
        if lo == len(starts) or starts[lo] >= end:
            return []
        return [s for s in found[lo : bisect_right(starts, end - 1, lo)] if s[1] <= end]

    def any(self, label: str, start: int, end: int) -> bool:
        starts = self.starts.get(label)
        if not starts:
            return False
        found = self.spans[label]
        i = bisect_left(starts, start)
        while i < len(starts) and starts[i] < end:
            if found[i][1] <= end:
                return True
            i += 1
        return False

    def ending_at(self, label: str, end: int, slack: int = 0) -> bool:
        """Whether a match of ``label`` ends at token ``end`` (or up to ``slack`` tokens before it)."""
        return any(end - slack <= s[1] <= end for s in self._from(label, end - slack - MAX_CUE_TOKENS, end))

    def starting_at(self, label: str, start: int, slack: int = 0) -> bool:
        """Whether a match of ``label`` starts at token ``start`` (or up to ``slack`` tokens after it)."""
        return bool(self._from(label, start, start + slack))

    def covering(self, label: str, token: int) -> bool:
        """Whether a match of ``label`` covers token ``token``."""
        return any(s[0] <= token < s[1] for s in self._from(label, token - MAX_CUE_TOKENS, token))
