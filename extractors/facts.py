"""Link mentions into fact frames (contract section "Facts", annotation guide §4).

Rules over the spaCy doc and data, one code path for both languages: the cue words live in
``data/<lang>/facts.toml`` (metrics, sectors, groups, demonyms, direction, share, projection,
"respectively", comparison bases), the subject places in ``data/fact_subjects.toml`` and the period
words in ``periods.toml``. Per sentence:

1. **Figures**: money and percent mentions, minus percentage points, ranges, amounts repeated in
   another currency, and figures whose clause is about something else (loans, tonnes, firms).
2. **Binding**: a percent joins the nearest money of its clause when nothing names another subject
   between them ("USD 25 billion, a 9.2% increase"); a money right after a comparison word
   ("from $85.4mn") is a base of its own, in the base period.
3. **Subjects**: the nearest region, country, place, product, sector or group before the figure and
   after the previous one ("Cajamarca (+64%), Lambayeque (+30%)"); "respectively" pairs subjects
   and figures in order; "ambas"/"each" gives one figure to every subject before it.
4. **Metric, direction, share, projection** from the cues around the figure; **period** from the
   nearest own period expression, else the sentence's, else the passage's (``periods.py``).
"""

from __future__ import annotations

import fnmatch
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extractors.entities import fold
from extractors.fact import Fact
from extractors.lexicon import read_toml
from extractors.mention import Mention
from extractors.periods import Period, PeriodExpression, find_periods, resolve

FACT_KEYS = frozenset({"metrics", "sectors", "qualified_sectors", "groups", "demonyms", "cues"})
CUE_KEYS = (
    "up", "down", "negative_value", "share", "share_nouns", "whole_total", "share_adjacent", "share_after", "projection", "respectively", "each",
    "base", "subject_after", "not_frame", "finance", "volume", "range_joins", "partner_before", "national", "timeless", "unnamed_subjects",
    "sector_anaphora", "region_anaphora", "partner_anaphora",
)
SUBJECT_LABELS = ("REGION", "COUNTRY", "PLACE", "PRODUCT")
LEAD_SENTENCES = 4  # headline, standfirst, dateline and first paragraph: where the report's period is set
WINDOW = 14
MAX_CUE_TOKENS = 12
REACH = 60  # tokens either side of a figure that its clause may span  # the longest cue phrase, in tokens (checked when the rules load)  # tokens between a percent and the money it may join
_HUNDRED = Decimal(100)
_JOINERS = frozenset({"y", "and", "e", "o", "or", "while", "mientras"})


@dataclass(frozen=True)
class Subject:
    """Something a figure can be about: a slot ("flow_of", "partner", "product", "sector") and its id."""

    slot: str
    value: str
    start: int  # token offsets
    end: int
    mention: int | None = None  # index of the entity mention, if any
    kind: str = ""  # REGION, COUNTRY, ... or "sector", "group", "demonym"


@dataclass(eq=False)
class Figure:
    """A money or percent mention inside a sentence, with what binding decides about it."""

    index: int
    mention: Mention
    start: int  # token offsets
    end: int
    base: bool = False
    share: bool = False
    listed_share: bool = False  # a share by the list it continues ("followed by the Netherlands (14 per cent)")
    joined: list[Figure] = field(default_factory=list)
    used: bool = False


@dataclass(frozen=True)
class FactRules:
    """One language's cue phrases, compiled for matching."""

    matcher: PhraseMatcher
    qualified: dict[str, dict[str, str]]
    world_regions: frozenset[str]
    place_flows: tuple[str, ...]
    home_country: str


@cache
def load_fact_rules(lang: str, vocab) -> FactRules:
    """Build the cue matcher of ``lang`` on ``vocab`` from its data files."""
    data = read_toml(lang, "facts.toml", keys=FACT_KEYS)
    places = read_toml("fact_subjects.toml", keys=frozenset({"world_regions", "place_flows", "home_country"}))
    matcher = PhraseMatcher(vocab, attr="NORM")

    def add(label: str, phrases: list[str]) -> None:
        docs = []
        for phrase in phrases:
            doc = Doc(vocab, words=fold(phrase).replace("-", " - ").replace("'s", " 's").split())
            for token in doc:
                token.norm_ = token.text
            if len(doc) > MAX_CUE_TOKENS:
                raise ValueError(f"{lang}/facts.toml: cue {phrase!r} is longer than {MAX_CUE_TOKENS} tokens")
            docs.append(doc)
        matcher.add(label, docs)

    for table in ("metrics", "sectors", "groups", "demonyms"):
        for key, phrases in data[table].items():
            add(f"{table}:{key}", phrases)
    for key in CUE_KEYS:
        if data["cues"][key]:
            add(key, data["cues"][key])
    return FactRules(matcher, data["qualified_sectors"], frozenset(places["world_regions"]),
                     tuple(places["place_flows"]), places["home_country"])


@dataclass
class _Cues:
    """Cue matches of one document, by label, as token spans sorted by start (looked up by bisection,
    so linking stays linear in the length of the document)."""

    spans: dict[str, list[tuple[int, int, str]]]
    starts: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.starts = {label: [s[0] for s in found] for label, found in self.spans.items()}

    def _from(self, label: str, first_start: int, last_start: int) -> list[tuple[int, int, str]]:
        starts = self.starts.get(label)
        if not starts:
            return []
        found = self.spans[label]
        return found[bisect_left(starts, first_start) : bisect_right(starts, last_start)]

    def within(self, label: str, start: int, end: int) -> list[tuple[int, int, str]]:
        return [s for s in self._from(label, start, end - 1) if s[1] <= end]

    def any(self, label: str, start: int, end: int) -> bool:
        return bool(self.within(label, start, end))

    def ending_at(self, label: str, end: int, slack: int = 0) -> bool:
        return any(end - slack <= s[1] <= end for s in self._from(label, end - slack - MAX_CUE_TOKENS, end))

    def starting_at(self, label: str, start: int, slack: int = 0) -> bool:
        return bool(self._from(label, start, start + slack))


def link_facts(doc: Doc, mentions: list[Mention], lang: str, published: date | None) -> list[Fact]:
    """Return the fact frames of one document, in text order."""
    if not any(m.kind != "entity" for m in mentions):
        return []
    rules = load_fact_rules(lang, doc.vocab)
    names = [(m.start, m.end) for m in mentions if m.kind == "entity" and m.label in ("ORG", "PERSON")]
    cues = _match_cues(doc, rules, names)
    token_starts = [token.idx for token in doc]
    to_token = lambda char: max(bisect_right(token_starts, char) - 1, 0)  # noqa: E731
    figures_taken = [(m.start, m.end) for m in mentions if m.kind != "entity"]
    periods = find_periods(doc.text, lang, taken=figures_taken)
    period_tokens = [(to_token(p.start), to_token(p.end - 1) + 1, p) for p in periods]
    sentences = list(doc.sents)
    linker = _Linker(doc, mentions, rules, cues, published, to_token)
    lead_end = sentences[min(LEAD_SENTENCES, len(sentences)) - 1].end if sentences else 0
    linker.report_year = None if published else _report_year([p for s, _, p in period_tokens if s < lead_end])
    forecasts = [(s.start, s.end) for s in sentences if cues.any("projection", s.start, s.end)]
    context = _first_period(period_tokens, published, linker.report_year, lead_end, forecasts)
    linker.default_flow = _document_flow(linker, sentences)
    facts: list[Fact] = []
    period_starts = [s for s, _, _ in period_tokens]
    for sent_idx, sentence in enumerate(sentences):
        own = period_tokens[bisect_left(period_starts, sentence.start) : bisect_left(period_starts, sentence.end)]
        new_facts, context = linker.sentence(sent_idx, sentence.start, sentence.end, own, context)
        facts.extend(new_facts)
    return facts


def _match_cues(doc: Doc, rules: FactRules, names: list[tuple[int, int]]) -> _Cues:
    """Cue matches, minus those inside an organisation's or person's name ("Ministerio de Comercio Exterior")."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for key, start, end in rules.matcher(doc):
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        if any(a <= first and last <= b for a, b in names):
            continue
        label = doc.vocab.strings[key]
        kind, _, value = label.partition(":")
        spans.setdefault(kind, []).append((start, end, value))
    for found in spans.values():
        found.sort()
    return _Cues(spans)


def _first_period(period_tokens, published: date | None, report_year: int | None, lead_end: int,
                  forecasts: list[tuple[int, int]]) -> Period | None:
    """The period the article's lead (headline and first paragraph) states, if any; a forecast's
    target year ("by 2013") is not the report's period."""
    for start, _, expression in period_tokens:
        if start >= lead_end:
            break
        if not expression.comparison and not any(a <= start < b for a, b in forecasts):
            period = resolve(expression, None, published, report_year)
            if period is not None:
                return period
    return None


def _report_year(periods: list[PeriodExpression]) -> int | None:
    """The year an undated article reports on: its first own explicit year, else the year after its
    first comparison base ("12% más que en igual periodo de 2021" -> 2022)."""
    for expression in periods:
        if not expression.comparison and expression.year is not None and expression.kind == "months":
            return expression.year
    for expression in periods:
        if expression.kind == "same_period" and expression.year is not None:
            return expression.year + 1
    return None


def _document_flow(linker: _Linker, sentences) -> str:
    """Whose flows the article reports by default: a region or group its headline names; else the
    country its first sentences call their own ("Chile's", "exportaciones colombianas") or open with
    first without a destination word ("Chile anota superávit"); else the home country."""
    home = linker.rules.home_country
    lead = sentences[:2]
    for sentence in lead:
        for subject in linker.subjects(sentence.start, sentence.end):
            if subject.kind in ("REGION", "group"):
                return subject.value
    for sentence in lead:
        for subject in linker.subjects(sentence.start, sentence.end):
            if subject.kind == "demonym":
                return subject.value
    countries = [s for sentence in lead for s in linker.subjects(sentence.start, sentence.end) if s.kind == "COUNTRY"]
    if countries:
        first = countries[0]
        partner = linker.cues.ending_at("partner_before", first.start, 2) or linker.cues.any(
            "share", first.end, first.end + 5)  # "China fue el principal destino"
        if not partner:
            return first.value
    return home


class _Linker:
    """The per-sentence linking rules of one document."""

    def __init__(self, doc: Doc, mentions: list[Mention], rules: FactRules, cues: _Cues, published, to_token):
        self.doc, self.mentions, self.rules, self.cues, self.published = doc, mentions, rules, cues, published
        self.to_token = to_token
        self.default_flow = rules.home_country
        self.report_year: int | None = None
        self.claimed: set[PeriodExpression] = set()  # periods of comparison bases: not the passage's
        self.figures: list[Figure] = []
        self.sentence_starts: list[int] = []  # starts of self.figures
        self.base_ends: list[int] = []
        self.semicolons: list[int] = []
        self.region_cache: dict = {}
        self.sentence_bounds = (0, 0)
        self.paired: dict[Figure, Subject] = {}
        self.last_fact_period: Period | None = None
        self.last_sector: str | None = None  # the sector of the latest frame, for "this sector"
        self.topic: list[Subject] = []  # subjects of the latest sentence without figures
        self.last_region: str | None = None  # for "la región", from earlier sentences
        self.last_partner: str | None = None  # for "ese mercado"
        self.last_fact: Fact | None = None
        self.entity_tokens = [
            (to_token(m.start), to_token(m.end - 1) + 1, i, m) for i, m in enumerate(mentions) if m.kind == "entity"
        ]
        self.entity_starts = [start for start, _, _, _ in self.entity_tokens]
        self.figure_tokens = [
            (to_token(m.start), to_token(m.end - 1) + 1, i, m) for i, m in enumerate(mentions) if m.kind != "entity"
        ]
        self.figure_starts = [start for start, _, _, _ in self.figure_tokens]

    # -- subjects ---------------------------------------------------------------------------------
    def subjects(self, start: int, end: int) -> list[Subject]:
        """Subjects named between tokens ``start`` and ``end``, in text order."""
        found: list[Subject] = []
        lo, hi = bisect_left(self.entity_starts, start), bisect_left(self.entity_starts, end)
        for s, e, index, mention in self.entity_tokens[lo:hi]:
            subject = self._entity_subject(s, e, index, mention)
            if subject is not None and e <= end:
                found.append(subject)
        for s, e, sector in self.cues.within("sectors", start, end):
            found.append(Subject("sector", sector, s, e, kind="sector"))
        for s, e, group in self.cues.within("groups", start, end):
            found.append(Subject("flow_of", group, s, e, kind="group"))
        for s, e, _ in self.cues.within("unnamed_subjects", start, end):
            found.append(Subject("unnamed", "", s, e, kind="unnamed"))
        for s, e, _ in self.cues.within("sector_anaphora", start, end):
            if self.last_sector:
                found.append(Subject("sector", self.last_sector, s, e, kind="anaphora"))
        for s, e, _ in self.cues.within("region_anaphora", start, end):
            if self.last_region:
                found.append(Subject("flow_of", self.last_region, s, e, kind="anaphora"))
        for s, e, _ in self.cues.within("partner_anaphora", start, end):
            if self.last_partner:
                found.append(Subject("partner", self.last_partner, s, e, kind="anaphora"))
        for s, e, _ in self.cues.within("national", start, end):
            found.append(Subject("flow_of", self.rules.home_country, s, e, kind="national"))
        for s, e, country in self.cues.within("demonyms", start, end):
            found.append(Subject("country", country, s, e, kind="demonym"))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        kept: list[Subject] = []
        for subject in found:  # longest first at a position; nothing inside another subject
            if kept and subject.start < kept[-1].end:
                continue
            kept.append(subject)
        return kept

    def _entity_subject(self, start: int, end: int, index: int, mention: Mention) -> Subject | None:
        label, entity_id = mention.label, mention.entity_id
        if label == "REGION":
            return Subject("flow_of", entity_id, start, end, index, label)
        if label == "COUNTRY":
            return Subject("country", entity_id, start, end, index, label)
        if label == "PRODUCT":
            return Subject("product", entity_id, start, end, index, label)
        if label == "PLACE":
            if entity_id in self.rules.world_regions:
                return Subject("partner", entity_id, start, end, index, label)
            if any(fnmatch.fnmatchcase(entity_id, pattern) for pattern in self.rules.place_flows):
                return Subject("flow_of", entity_id, start, end, index, label)
        return None

    # -- one sentence -----------------------------------------------------------------------------
    def sentence(self, sent_idx: int, start: int, end: int, periods, context: Period | None):
        figures = self._figures(start, end)
        own_periods = [(s, e, p) for s, e, p in periods if not p.comparison]
        facts: list[Fact] = []
        if figures:
            self.figures = figures
            self.sentence_starts = [f.start for f in figures]
            self.base_ends = sorted(f.end for f in figures if f.base)
            self.semicolons = [t.i for t in self.doc[start:end] if t.text == ";"]
            self.region_cache = {}
            self.sentence_bounds = (start, end)
            self._bind(figures, start)
            self.base_ends = sorted(f.end for f in figures if f.base)
            facts = self._frames(sent_idx, start, end, figures, periods, context)
            self.topic = []
        else:
            # what a figure-less sentence is about carries to the next figures without subjects; places
            # named in passing (a source's office, a dateline) do not
            self.topic = [s for s in self._own_subjects(start, end) if s.kind in ("sector", "PRODUCT", "group", "demonym", "national")]
        for subject in self.subjects(start, end):
            if subject.kind == "REGION":
                self.last_region = subject.value
            elif subject.kind == "COUNTRY" and subject.value != self.rules.home_country:
                self.last_partner = subject.value
        settles = figures and not self.cues.any("projection", start, end)  # "could lift exports by 2013"
        for _, _, expression in reversed(own_periods if settles else []):
            if expression in self.claimed:
                continue
            resolved = resolve(expression, context, self.published, self.report_year)
            if resolved is not None:
                context = resolved
                break
        return facts, context

    def _figures(self, start: int, end: int) -> list[Figure]:
        lo, hi = bisect_left(self.figure_starts, start), bisect_left(self.figure_starts, end)
        figures = [Figure(index, mention, s, e) for s, e, index, mention in self.figure_tokens[lo:hi]
                   if mention.value is not None and mention.unit != "pp"]
        kept = []
        for i, figure in enumerate(figures):
            previous = figures[i - 1] if i else None
            following = figures[i + 1] if i + 1 < len(figures) else None
            if self._is_range(previous, figure) or self._is_range(figure, following):
                continue
            if previous is not None and figure.mention.kind == previous.mention.kind == "money" and self._in_brackets_after(previous, figure):
                continue  # "USD 1.28 billion (EUR 1.06 billion)": one amount in two currencies
            clause_start, clause_end = self._clause(figure.start, start, end)
            window = (max(clause_start, figure.start - 6), min(clause_end, figure.end + 4))
            if self.cues.any("not_frame", *window) or self.cues.any("finance", start, end):
                continue
            # a volume: near any figure, or anywhere in the clause of a bare percent ("lift exports by 20 per
            # cent by 2013, equivalent to roughly 45,000 tonnes"); production changes count whatever the unit
            lo, hi = bisect_left(self.figure_starts, clause_start), bisect_left(self.figure_starts, clause_end)
            money_in_clause = any(m.kind == "money" for _, _, _, m in self.figure_tokens[lo:hi])
            volume = window if money_in_clause else (window[0], clause_end)
            if self.cues.any("volume", *volume) and self._metric(figure, clause_start, clause_end, start) != "production":
                continue
            kept.append(figure)
        return kept

    def _is_range(self, first: Figure | None, second: Figure | None) -> bool:
        if first is None or second is None or first.mention.kind != second.mention.kind:
            return False
        gap = second.start - first.end
        if self.cues.ending_at("base", first.start, 1):
            return False  # "from $5.5 billion to $6 billion": a change, not a range
        return gap == 1 and self.cues.any("range_joins", first.end, second.start) and not self.cues.any(
            "respectively", second.end, second.end + 8)

    def _in_brackets_after(self, first: Figure, second: Figure) -> bool:
        between = self.doc[first.end : second.start]
        return len(between) <= 1 and any(token.text == "(" for token in between) and first.mention.currency != second.mention.currency

    def _clause(self, token: int, start: int, end: int) -> tuple[int, int]:
        """The clause around ``token``: the sentence cut at semicolons, and at most ``REACH`` tokens
        either side (a subject further away is not the figure's; it also keeps linking linear)."""
        i = bisect_left(self.semicolons, token)
        left = self.semicolons[i - 1] + 1 if i else start
        right = self.semicolons[i] if i < len(self.semicolons) else end
        return max(left, start, token - REACH), min(right, end, token + REACH)

    # -- binding ------------------------------------------------------------------------------------
    def _bind(self, figures: list[Figure], sentence_start: int) -> None:
        previous_end = sentence_start
        for i, figure in enumerate(figures):
            if figure.mention.kind == "money":
                figure.base = self.cues.ending_at("base", figure.start, 1) or self._after_comparison_period(figure)
            else:
                figure.share = self._is_share(figure, previous_end)
                following = figures[i + 1] if i + 1 < len(figures) else None
                # "went from 81.9% to 84.5%": the first is the base period's
                figure.base = (following is not None and following.mention.kind == "percent"
                               and following.start - figure.end <= 2 and self.cues.ending_at("base", figure.start, 1)
                               and self.cues.any("range_joins", figure.end, following.start))
            previous_end = figure.end
        percents = [f for f in figures if f.mention.kind == "percent"]
        share_seen = bool(percents) and percents[0].share
        for i, percent in enumerate(percents[1:], start=1):
            # "taking about 24 per cent of the total, followed by the Netherlands (14 per cent)",
            # "que concentró el 22% del total, ..., mientras que el puerto de Matarani (12,5%)"
            previous = percents[i - 1]
            bracketed = self.doc[percent.start - 1].text == "(" if percent.start else False
            if (previous.share or (bracketed and share_seen)) and not percent.share \
                    and not percent.mention.text.startswith(("+", "-")):
                near = (max(percent.start - 4, 0), percent.end + 2)
                if not self.cues.any("up", *near) and not self.cues.any("down", *near):
                    percent.share = percent.listed_share = True
            share_seen = share_seen or percent.share
        self.paired = self._respectively(figures, sentence_start)
        free = [f for f in figures if f not in self.paired and not f.used]
        moneys = [f for f in free if f.mention.kind == "money" and not f.base]
        for percent in (f for f in free if f.mention.kind == "percent" and not f.base):
            # a bracketed percent after a name is that item's ("uva (37 %), y acumuló US$ 1 031,8 millones")
            bracketed = percent.start > 0 and self.doc[percent.start - 1].text == "("
            candidates = [m for m in _around(moneys, percent) if not (bracketed and m.start > percent.start)]
            best = self._nearest(percent, candidates)
            if best is not None:
                best.joined.append(percent)
                percent.used = True
        # a share and a growth of one subject: "principal vía de salida con el 34,6% del total, creció 15%"
        anchors = [f for f in free if f.mention.kind == "percent" and not f.used and not f.base]
        for percent in anchors:
            if percent.used:
                continue
            others = [a for a in _around(anchors, percent) if a is not percent and not a.used and a.share != percent.share
                      and a.start < percent.start
                      and not any(j.share == percent.share for j in a.joined if j.mention.kind == "percent")]
            best = self._nearest(percent, others)
            if best is not None:
                best.joined.append(percent)
                percent.used = True

    def _nearest(self, percent: Figure, anchors: list[Figure]) -> Figure | None:
        """The closest anchor of ``percent`` in its clause with no subject or other figure between."""
        best = None
        for anchor in anchors:
            lo, hi = (percent.end, anchor.start) if anchor.start > percent.start else (anchor.end, percent.start)
            first = anchor if anchor.start < percent.start else percent
            lo = max(lo, self._whole_end(first))  # "el 81% de la agroexportación, crecieron 18,2%"
            if hi - lo > WINDOW or self._subject_between(lo, hi) or self._figure_between(lo, hi, anchor.joined):
                continue
            if any(token.text == ";" for token in self.doc[lo:hi]):
                continue
            if any(j.mention.kind == "percent" and j.share == percent.share for j in anchor.joined):
                continue
            if best is None or hi - lo < best[0]:
                best = (hi - lo, anchor)
        return best[1] if best else None

    def _after_comparison_period(self, figure: Figure) -> bool:
        """ "on 2006 ($1.99 billion)", "en el mismo trimestre del 2016 (US$ 5 mil 203 millones)" """
        before = self.doc[max(figure.start - 1, 0)]
        if before.text != "(":
            return False
        for expression in find_periods(self.doc[max(figure.start - 8, 0) : figure.start].text, self.doc.lang_):
            if expression.comparison:
                return True
        return False

    def _subject_between(self, lo: int, hi: int) -> bool:
        return any(s.kind in SUBJECT_LABELS or s.kind in ("sector", "group") for s in self.subjects(lo, hi))

    def _figure_between(self, lo: int, hi: int, besides: list[Figure] = ()) -> bool:
        """Whether a figure of the sentence (other than ``besides``) lies within tokens ``lo``..``hi``."""
        i = bisect_left(self.sentence_starts, lo)
        while i < len(self.figures) and self.figures[i].start < hi:
            figure = self.figures[i]
            if figure.end <= hi and figure not in besides:
                return True
            i += 1
        return False

    def _is_share(self, figure: Figure, segment_start: int | None = None) -> bool:
        if self.cues.ending_at("share_adjacent", figure.start, 0):
            return True
        if self.cues.starting_at("share_after", figure.end, 0):
            return True
        cues = self.cues.within("share", max(figure.start - 8, 0), figure.start)
        if segment_start is not None:
            cues += self.cues.within("share_nouns", max(segment_start, figure.start - 20), figure.start)
        if not cues:
            return False
        # "lo que representa un incremento del 18,1 %", "que concentró el 22% del total, aumentaron 36%":
        # a growth word after the share word makes the figure a growth
        last = max(end for _, end, _ in cues)
        return not (self.cues.any("up", last, figure.start) or self.cues.any("down", last, figure.start))

    # -- frames -------------------------------------------------------------------------------------
    def _frames(self, sent_idx, start, end, figures, periods, context) -> list[Fact]:
        groups = [f for f in figures if not f.used]
        facts: list[Fact] = []
        previous_subjects: list[Subject] = []
        main_period: Period | None = None
        previous_end = start
        for index, figure in enumerate(groups):
            next_start = groups[index + 1].start if index + 1 < len(groups) else end
            clause_start, clause_end = self._clause(figure.start, start, end)
            if figure in self.paired:
                subjects = [self.paired[figure]]
            else:
                lo = max(previous_end, clause_start)
                subjects = self._own_subjects(lo, figure.start) + self._subjects_after(figure, clause_end)
                flows = _trailing_run([s for s in subjects if s.slot in ("flow_of", "country", "product", "partner")])
                if self.cues.any("each", figure.start - 3, self._group_end(figure) + 3) and len(flows) > 1:
                    for subject in flows:
                        facts.extend(self._fact(sent_idx, figure, [subject], start, clause_start, clause_end, periods,
                                                context, main_period))
                    previous_end = self._end_before(figure, next_start)
                    continue
                if self._coordinated(subjects, figure):
                    previous_end = self._end_before(figure, next_start)
                    continue  # "Lima y Callao (9,7%)": one figure for several subjects
                if not subjects and figure.base:
                    subjects = previous_subjects
                elif not subjects:
                    subjects = self._clause_subjects(clause_start, figure) or previous_subjects
                    if not subjects:
                        subjects = self.topic  # "La agroexportación peruana mantuvo ... . Entre enero y noviembre, aumentó 18,5%"
            new = self._fact(sent_idx, figure, subjects, start, clause_start, clause_end, periods, context, main_period)
            facts.extend(new)
            if new and not figure.base:
                main_period = _period_of(new[0])
            previous_subjects = subjects
            previous_end = self._end_before(figure, next_start)
        return facts

    def _clause_subjects(self, clause_start: int, figure: Figure) -> list[Subject]:
        """A figure with nothing named since the figure before it: the clause's flow and partner, but not
        the products or sectors of the list before it ("..., y uva (37 %), y acumuló US$ 1 031,8 millones")."""
        subjects = self._own_subjects(clause_start, figure.start)
        i = bisect_left(self.sentence_starts, figure.start)
        if i and self.figures[i - 1].start >= clause_start:
            subjects = [s for s in subjects if s.slot in ("flow_of", "country", "partner")]
        return subjects

    def _own_subjects(self, start: int, end: int) -> list[Subject]:
        """Subjects of a figure's segment: a demonym right after a region or group describes it
        ("las mipymes peruanas"), and "national" counts only where no other flow is named."""
        subjects = self.subjects(start, end)
        kept = []
        for subject in subjects:
            if subject.kind == "demonym" and kept and kept[-1].slot == "flow_of" and subject.start - kept[-1].end <= 1:
                continue
            kept.append(subject)
        if any(s.slot == "flow_of" and s.kind != "national" for s in kept):
            kept = [s for s in kept if s.kind != "national"]
        return kept

    def _coordinated(self, subjects: list[Subject], figure: Figure) -> bool:
        """Two or more regions or countries joined by "y"/"and"/"," right before one figure."""
        near = [s for s in subjects if s.kind in ("REGION", "COUNTRY") and s.end <= figure.start]
        if len(near) < 2:
            return False
        last, before = near[-1], near[-2]
        between = self.doc[before.end : last.start]
        tail = self.doc[last.end : figure.start]
        joined = 1 <= len(between) <= 2 and all(t.is_punct or t.lower_ in ("y", "and", "e", "&") for t in between)
        return joined and len(tail) <= 1 and all(t.text == "(" for t in tail)

    def _end_before(self, figure: Figure, limit: int) -> int:
        """Where a figure's group ends before the next figure (amounts paired "respectively" may come later)."""
        return max([figure.end] + [j.end for j in figure.joined if j.end <= limit])

    def _group_end(self, figure: Figure) -> int:
        return max([figure.end] + [j.end for j in figure.joined])

    def _whole(self, figure: Figure) -> list[Subject]:
        """The product or sector a share is of: "took 66.5pc of the country's copper", "el 81% de la agroexportación"."""
        if figure.mention.kind != "percent" or not figure.share or not self.cues.starting_at("share_after", figure.end, 0):
            return []
        return [s for s in self.subjects(figure.end, figure.end + 6) if s.slot in ("product", "sector")][:1]

    def _whole_end(self, figure: Figure) -> int:
        whole = self._whole(figure)
        return whole[0].end if whole else figure.end

    def _subjects_after(self, figure: Figure, clause_end: int) -> list[Subject]:
        end = self._group_end(figure)
        if self._whole(figure):
            return [s for s in self._whole(figure) if s.end <= clause_end]
        if self.cues.starting_at("partner_before", end, 1):
            # "se exportaron US$63,366 millones a ese mercado", "shipments of $2 billion to China"
            after = self.subjects(end, min(end + 5, clause_end))
            partners = [s for s in after if s.slot == "partner" or s.kind == "COUNTRY"]
            if partners and not any(f.start < partners[0].start for f in self.figures if f.start >= end):
                return partners[:1]
        if not self.cues.starting_at("subject_after", end, 1):
            return []
        return self.subjects(end, min(end + 8, clause_end))[:1]

    def _respectively(self, figures: list[Figure], sentence_start: int) -> dict[Figure, Subject]:
        """Pair the figures right before "respectively" with the subjects before them, in order:
        "the United States and the European Union, with USD 9.5 billion and USD 8.2 billion, respectively".
        With no subjects of their own, amounts pair with the growth figures listed before them."""
        pairs: dict[Figure, Subject] = {}
        for cue_start, _, _ in self.cues.within("respectively", sentence_start, len(self.doc)):
            if not self.doc[cue_start].sent.start == sentence_start:
                break
            listed = [f for f in figures if f.end <= cue_start and cue_start - f.end <= 12 and f.start >= sentence_start]
            listed = [f for f in listed if f.mention.kind == listed[-1].mention.kind] if listed else []
            if len(listed) < 2:
                continue
            earlier = [f for f in figures if f.end <= listed[0].start]
            segment_start = earlier[-1].end if earlier else sentence_start
            subjects = [s for s in self.subjects(segment_start, listed[0].start) if s.kind != "demonym"]
            for kind in ("REGION", "COUNTRY", "PRODUCT", "sector", "PLACE", "group"):
                candidates = [s for s in subjects if s.kind == kind]
                if len(candidates) == len(listed):
                    pairs.update(zip(listed, candidates))
                    break
            else:
                partners = [f for f in earlier if f.mention.kind != listed[0].mention.kind][-len(listed):]
                if not subjects and len(partners) == len(listed):
                    for partner, figure in zip(partners, listed):
                        partner.joined.append(figure)
                        figure.used = True
        return pairs

    def _fact(self, sent_idx, figure: Figure, subjects, sentence_start, clause_start, clause_end, periods, context,
              main_period) -> list[Fact]:
        if subjects and subjects[-1].kind == "unnamed":
            return []  # "La selva lideró con un crecimiento de 35%": no id for the subject
        subjects = [s for s in subjects if s.kind != "unnamed"]
        members = [figure] + figure.joined
        slots = self._slots(subjects, self.subjects(max(sentence_start, figure.start - REACH), figure.start))
        metric = self._metric(figure, clause_start, clause_end, sentence_start)
        value = currency = change = share = None
        for member in members:
            mention = member.mention
            if mention.kind == "money":
                value, currency = mention.value, mention.currency
                if self.cues.any("negative_value", max(clause_start, member.start - 8), member.start) and value > 0:
                    value = -value
            elif member.share or (mention.kind == "percent" and self._is_share(member)):
                share = share if share is not None else mention.value
            elif change is None:
                change = self._signed(member, clause_start)
        if value is None and change is None and share is None:
            return []
        if share is not None and not Decimal(0) <= share <= _HUNDRED:
            share = None
            if value is None and change is None:
                return []
        projection = self.cues.any("projection", clause_start, clause_end)
        period = self._period(figure, periods, context, main_period, sentence_start, clause_start, clause_end, projection)
        sector, product = slots.get("sector"), slots.get("product")
        if product is not None:
            sector = None
        of_total = figure.mention.kind == "percent" and (
            figure.listed_share or self.cues.starting_at("whole_total", figure.end, 0))
        if share is not None and value is None and change is None and of_total and not (sector or product) and self.last_fact:
            # "The US was the leading buyer, taking about 24 per cent of the total": of the grape total before
            sector, product = self.last_fact.sector, self.last_fact.product
        if metric in ("trade_balance", "trade"):
            sector = product = None  # "Copper lifts Chile to $886 million trade balance": the country's balance
        flow_of = slots.get("flow_of") or self._sentence_region(sentence_start, clause_end) or self.default_flow
        partner = slots.get("partner")
        used = sorted({m.index for m in members} | {s.mention for s in subjects if s.mention is not None})
        fact = Fact(
            metric=metric, flow_of=flow_of, partner=partner, sector=sector, product=product,
            period_start=period.start if period else None, period_end=period.end if period else None,
            value=value, currency=currency, change_pct=change, share_pct=share, mentions=tuple(used),
            projection=projection, sentence_idx=sent_idx, rule="facts:" + "+".join(m.mention.kind for m in members),
        )
        self.last_fact = fact
        passage = context is not None and context == self.last_fact_period
        if projection is False and period is not None:
            self.last_fact_period = period
        if sector is not None:
            self.last_sector = sector
        if value is not None and change is not None and period and passage and period.end < context.start:
            # "En 2023, el valor exportado fue de US$ 2 411 millones, lo que representa un incremento del
            # 18,1 %": the level is the earlier year's, the growth the passage's
            growth = [m.index for m in members if m.mention.kind == "percent"]
            return [
                replace(fact, change_pct=None, share_pct=None, rule="facts:earlier-level"),
                replace(fact, value=None, currency=None, period_start=context.start, period_end=context.end,
                        mentions=tuple(sorted(set(used) - {figure.index} | set(growth))), rule="facts:passage-growth"),
            ]
        return [fact]

    def _sentence_region(self, start: int, end: int) -> str | None:
        """The one region the current sentence names: its products and markets are that region's."""
        if "region" not in self.region_cache:
            regions = {s.value for s in self.subjects(self.sentence_bounds[0], self.sentence_bounds[1]) if s.kind == "REGION"}
            self.region_cache["region"] = regions.pop() if len(regions) == 1 else None
        return self.region_cache["region"]

    def _slots(self, subjects: list[Subject], before: list[Subject]) -> dict[str, str]:
        """Fill the frame's slots from its subjects, nearest first; a sector under traditional or
        non-traditional exports named earlier in the sentence keeps that qualifier."""
        slots: dict[str, str] = {}
        qualifiers = {s.value for s in subjects + before if s.slot == "sector" and s.value in self.rules.qualified}
        sentence_qualifiers = {s.value for s in before if s.slot == "sector" and s.value in self.rules.qualified}
        qualifier = next(iter(sentence_qualifiers)) if len(sentence_qualifiers) == 1 else None
        both = len(qualifiers) > 1  # "tradicionales y no tradicionales": the whole sector
        for subject in reversed(subjects):  # nearest first
            slot, value = subject.slot, subject.value
            if slot == "sector" and value in self.rules.qualified:
                if both:
                    continue
                qualifier = qualifier or value
            if slot == "country":
                home = self.rules.home_country
                if value == self.default_flow:
                    continue  # the flow's own country
                slot = "flow_of" if subject.kind == "demonym" or value == home else "partner"
            slots.setdefault(slot, value)
        sector = slots.get("sector")
        if qualifier and sector and sector != qualifier:
            slots["sector"] = self.rules.qualified[qualifier].get(sector, sector)
        return slots

    def _metric(self, figure: Figure, clause_start: int, clause_end: int, sentence_start: int) -> str:
        after = self.cues.within("metrics", figure.end, min(figure.end + 6, clause_end))
        if after and figure.mention.kind == "percent" and self.cues.starting_at("share_after", figure.end, 0):
            return after[0][2]
        before = self.cues.within("metrics", clause_start, figure.start)
        if before:
            return before[-1][2]
        anywhere = self.cues.within("metrics", sentence_start, clause_end)
        if anywhere:
            return anywhere[0][2]
        return "exports"

    def _signed(self, percent: Figure, clause_start: int) -> Decimal:
        value = percent.mention.value
        if value < 0:
            return value
        ups = self.cues.within("up", max(clause_start, percent.start - 8), percent.end + 3)
        downs = self.cues.within("down", max(clause_start, percent.start - 8), percent.end + 3)
        if not downs:
            return value
        nearest_down = min(abs(s - percent.start) for s, _, _ in downs)
        nearest_up = min((abs(s - percent.start) for s, _, _ in ups), default=10**6)
        return -value if nearest_down <= nearest_up else value

    def _period(self, figure, periods, context, main_period, sentence_start, clause_start, clause_end, projection):
        members_end = self._group_end(figure)
        candidates = []
        i = bisect_left(self.sentence_starts, figure.start)
        segment_start = max(clause_start, self.figures[i - 1].end if i else clause_start)
        for s, e, expression in periods:
            if figure.base:
                if members_end <= s <= members_end + 4 or figure.start - 10 <= s < figure.start:
                    candidates.append((abs(s - members_end), expression))
                continue
            j = bisect_right(self.base_ends, s)
            if expression.comparison or (j and s - self.base_ends[j - 1] <= 4):
                continue  # a comparison, or the period of a comparison base ("from $250.6mn in August 2019")
            if members_end <= s <= members_end + 2 and all(t.is_alpha and t.lower_ not in _JOINERS for t in self.doc[members_end:s]):
                candidates.append((0, expression))  # "US$ 2 millones en 2023", "$14.7 billion recorded in 2006"
            elif segment_start <= s < figure.start:
                candidates.append((1 + figure.start - e, expression))
            elif clause_start <= s < figure.start:
                candidates.append((50 + figure.start - e, expression))
            elif members_end <= s <= members_end + 5 and not self._figure_between(members_end, s):
                candidates.append((60, expression))
            elif sentence_start <= s and not (s > members_end and any(t.text in ":;" for t in self.doc[members_end:s])):
                # a period after a colon belongs to what the colon introduces ("el 28 %: en 2019 produjo ...")
                candidates.append((100 + abs(s - figure.start), expression))
        if figure.base and not candidates:
            return main_period.shifted(-1) if main_period else (context.shifted(-1) if context else None)
        own = [c for c in candidates if c[0] < 100]
        if not own and self.cues.any("timeless", clause_start, clause_end):
            return None  # "Mining represents around 9pc of GDP": background, no period
        if not candidates:
            return context
        expression = min(candidates, key=lambda c: c[0])[1]
        if figure.base:
            self.claimed.add(expression)
        if projection and expression.kind == "year":
            return Period.of_months(expression.year, 1, 12)
        if figure.base and main_period is not None:
            context = main_period  # "1% más que en el mismo lapso de 2009 (USD 773 millones)": the main figure's months
        return resolve(expression, context, self.published, self.report_year)



def _around(figures: list[Figure], figure: Figure, reach: int = WINDOW + 40) -> list[Figure]:
    """The figures (sorted by start) that start within ``reach`` tokens of ``figure``."""
    lo = bisect_left(figures, figure.start - reach, key=lambda f: f.start)
    hi = bisect_right(figures, figure.end + reach, key=lambda f: f.start)
    return figures[lo:hi]


def _trailing_run(subjects: list[Subject]) -> list[Subject]:
    """The last subjects of one kind in a row: "las regiones ..., lideradas por Apurímac y Puno" -> both regions."""
    run: list[Subject] = []
    for subject in reversed(subjects):
        if run and subject.kind != run[-1].kind:
            break
        run.append(subject)
    return run[::-1]



def _period_of(fact: Fact) -> Period | None:
    return Period(fact.period_start, fact.period_end) if fact.period_start else None


__all__ = ["Fact", "PeriodExpression", "link_facts"]
