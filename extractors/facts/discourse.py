"""Stage 3: the discourse model — what the report, the passage and the sentence are about.

A fact frame takes the slots its own clause does not settle from the discourse around it
(annotation guide §4 "Period", "A statement without a period of its own"). The state is explicit:

- ``Report`` (the document): the publication date, the year an undated article reports on, the
  lead's period (a headline without a period takes it), whose flows the article reports by
  default, and what the headline's flow is of (``Topic``: metric, product, sector, partner);
- ``Passage`` (updated statement by statement): the current period, the subjects of the latest
  statement (for "its", "the sector", "esta cifra"), the last region and partner named (for "la
  región", "ese mercado"), the breakdown's qualifier (traditional / non-traditional) and metric.

Rules that update it name the construction they handle:

- **a new own period opens a new scope**: a statement with its own period moves the passage to it,
  except a comparison base, a projection, a sub-period marked "alone"/"solo", and a year earlier
  than the passage (background: "the 2013 figure", "todo lo exportado en el 2020");
- **a comparison base never moves the current period**, and has its own ("against US$1.1bn in the
  same period a year earlier" is the passage's months a year earlier);
- **a year inside a passage about months keeps the months** ("pasó de 84,3% en 2024 a 85,3% en
  2025"), unless the text says the whole year ("todo el 2020", "the whole of last year");
- **an undated article's year** is the latest year its own figures are given for, else the year
  after its latest comparison base ("12% más que en igual periodo de 2021" -> 2022).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from extractors.facts.document import DocumentIndex, Subject
from extractors.periods import Period, PeriodExpression, resolve

_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")  # ISO 3166-2: a region of a country
LEAD_SENTENCES = 4  # headline, standfirst, dateline and first paragraph: where the report's period is set
LEAD_YEAR_SENTENCES = 2  # headline and first sentence: a year they state is the report's
FLOW_LEAD_SENTENCES = 3  # where the article says whose flows it reports


@dataclass(frozen=True)
class Topic:
    """What a statement, a passage or the report is about; unset slots are None."""

    metric: str | None = None
    flow_of: str | None = None
    partner: str | None = None
    sector: str | None = None
    product: str | None = None


@dataclass
class Report:
    """The document level of the discourse."""

    published: date | None
    year: int | None  # the year an undated article reports on
    period: Period | None  # the lead's period
    flow: str  # whose flows the article reports when a statement names no other
    topic: Topic  # what the headline's flow is of


@dataclass
class Passage:
    """The passage level of the discourse, updated after every statement and sentence."""

    period: Period | None
    subjects: Topic = field(default_factory=Topic)  # the latest statement's subjects
    topic: Topic | None = None  # what the sentence before said without figures ("La agroexportación peruana ...")
    sector: str | None = None  # the last sector stated ("this sector")
    metric: str | None = None  # the latest metric stated
    qualifier: str | None = None  # "traditional" / "non-traditional" of the current breakdown
    qualifier_sentence: int = -1
    qualifier_paragraph: int = -1
    region: str | None = None  # the last region named ("la región")
    partner: str | None = None  # the last partner named ("ese mercado")
    world_region: str | None = None  # the last world region named ("las exportaciones chinas a la región")
    last_share: bool = False  # the latest statement was a share: a list of bare percents after it continues it
    amounts: dict = field(default_factory=dict)  # amounts stated for the current period, by subject
    flow: str | None = None  # the flow of the latest statement about a region or place ("Los envíos de Arequipa")
    flow_paragraph: int = -1
    total: Topic | None = None  # the latest statement without partner or product: a breakdown by market inherits its sector
    total_paragraph: int = -1
    last_year: int | None = None  # the last year named ("that year", "ese año")


class Discourse:
    """The discourse state of one document and the rules that read and update it."""

    def __init__(self, index: DocumentIndex, flow: str, topic: Topic):
        self.index = index
        year, stated = (None, False) if index.published else _report_year(index)
        self.report = Report(index.published, year, None, flow, topic)
        self.year_stated = stated
        self.report.period = self._lead_period()
        self.passage = Passage(self.report.period)
        self.claimed: set[PeriodExpression] = set()  # periods of comparison bases: never the passage's

    # -- periods ----------------------------------------------------------------------------------
    def resolve(self, expression: PeriodExpression, context: Period | None) -> Period | None:
        """The calendar span of ``expression`` in a passage about ``context``."""
        if expression.kind == "that_year":
            year = self.passage.last_year
            return Period.of_months(year, 1, 12) if year else None
        if expression.kind == "last_year" and self.report.published is None and self.report.year is not None:
            # an undated article: "last year" is the year before the one it states, or the one its comparisons imply
            year = self.report.year - 1 if self.year_stated else self.report.year
            return Period.of_months(year, 1, 12)
        return resolve(expression, context, self.report.published, self.report.year)

    def _lead_period(self) -> Period | None:
        """The period the lead (headline and first paragraph) states, if any; comparisons and forecast
        targets ("by 2013") are not the report's period."""
        index = self.index
        sentences = index.sentences[:LEAD_SENTENCES]
        if not sentences:
            return None
        for start, end, expression in index.periods_in(0, sentences[-1][1]):
            sentence = index.sentence_of(start)
            s_start, s_end = index.sentences[sentence]
            if expression.kind == "season":
                return None  # "so far in the 2021-22 campaign": the report is about a season, which has no months
            if expression.comparison or expression.kind == "that_year":
                continue
            if index.cues.any("projection", s_start, s_end) or index.cues.any("timeless", s_start, s_end):
                continue  # "head the mining investment project portfolio in 2025": a stock, no period
            if sentence > 0 and not index.figures_in(s_start, s_end):
                continue  # "organiza la feria Expoalimentaria 2019": an event's year, not the report's
            period = self.resolve(expression, None)
            if period is not None:
                return period
        return None

    def period_of_base(self, expression: PeriodExpression | None, main: Period | None, revision: bool) -> Period | None:
        """The period of a comparison base: its own expression, else the main figure's a year earlier
        (a revised forecast's earlier estimate is of the same period)."""
        context = main or self.passage.period
        if expression is not None:
            self.claimed.add(expression)
            if expression.kind == "year" and expression.comparison and context is not None and not context.within_one_year:
                return Period.of_months(expression.year, 1, 12)
            return self.resolve(expression, context)
        if context is None:
            return None
        return context if revision else context.shifted(-1)

    def period_of(self, expression: PeriodExpression | None, *, projection: bool, whole_year: bool = False,
                  value=None, key: tuple | None = None) -> Period | None:
        """The period of a statement: its own expression resolved in the passage, else the passage's. A bare
        year inside a passage about a few months keeps the months (guide §4: "pasó de 84,3% en 2024 a 85,3% en
        2025"), unless it is a forecast's, said whole ("durante el 2009"), or its amount is a whole year's:
        many times the passage's own figure for the same subject ("In 2010, exports grew 31.1 percent to a record
        $35.4 billion" in a January-February report)."""
        context = self.passage.period
        if expression is None:
            return context
        if expression.kind == "year":
            if projection or whole_year or context is None or not context.within_one_year or context.whole_years:
                return Period.of_months(expression.year, 1, 12)
            months = (context.end.year - context.start.year) * 12 + context.end.month - context.start.month + 1
            if expression.year != context.end.year and (months <= 3 or self._whole_year_amount(value, key, context)):
                return Period.of_months(expression.year, 1, 12)  # "registró en el 2020 un déficit" in a January report
            return Period.of_months(expression.year, context.start.month, context.end.month)
        return self.resolve(expression, context)

    def _whole_year_amount(self, value, key: tuple | None, context: Period) -> bool:
        months = (context.end.year - context.start.year) * 12 + context.end.month - context.start.month + 1
        if value is None or months > 6:
            return False  # ten months and a year differ less than two years' figures do: keep the months
        figures = self.passage.amounts
        reference = figures.get(key) if key is not None else None
        if reference is None:
            reference = max(figures.values(), default=None)
        return reference is not None and reference > 0 and abs(value) / reference >= 12 / months / 1.5

    def note_amount(self, period: Period | None, value, key: tuple) -> None:
        """Remember the amounts stated for the passage's period, by subject, for the size of a bare year's."""
        if value is None or period is None or period != self.passage.period:
            return
        self.passage.amounts[key] = abs(value)

    def settle(self, expression: PeriodExpression | None, period: Period | None, *, projection: bool, alone: bool) -> None:
        """A statement's own period opens a new scope, unless it is a forecast, a sub-period "alone", or
        background from an earlier year than the passage's."""
        if expression is None or period is None or projection or alone or expression in self.claimed:
            return
        current = self.passage.period
        if current is not None and period.end < current.start:
            return  # "still falls short of the figure recorded in 2013", "since March 2016": background
        if current is not None and current.start <= period.start and period.end <= current.end and period != current \
                and not current.whole_years and period != self.report.period:
            return  # "jumped 40 per cent in January" in a January-July report: a detail, the passage goes on
        if period != current:
            self.passage.amounts = {}
        self.passage.period = period

    def note_years(self, start: int, end: int) -> None:
        """Remember the last explicit year named, for "that year" / "ese año"."""
        for _, _, expression in self.index.periods_in(start, end):
            if expression.year is not None and expression.kind != "last_years":
                self.passage.last_year = expression.year

    # -- subjects ---------------------------------------------------------------------------------
    def note_subjects(self, subjects: list[Subject]) -> None:
        """Remember the last region and partner named, for "la región" and "ese mercado"."""
        home = self.index.rules.home_country
        for subject in subjects:
            if subject.kind == "REGION":
                self.passage.region = subject.value
            elif subject.kind == "PLACE" and subject.value in self.index.rules.world_regions:
                self.passage.world_region = subject.value
            elif subject.kind in ("COUNTRY", "PLACE") and subject.value not in (home, self.report.flow):
                self.passage.partner = subject.value

    def note_statement(self, topic: Topic, paragraph: int = -1, share: bool = False) -> None:
        self.passage.subjects = topic
        self.passage.last_share = share
        if topic.flow_of and topic.flow_of not in (self.report.flow, self.index.rules.home_country) and self._place_flow(topic.flow_of):
            self.passage.flow, self.passage.flow_paragraph = topic.flow_of, paragraph
        if not topic.partner and not topic.product:
            self.passage.total, self.passage.total_paragraph = topic, paragraph
        if topic.sector:
            self.passage.sector = topic.sector
        if topic.metric and topic.metric != "price":
            self.passage.metric = topic.metric

    def _place_flow(self, flow: str) -> bool:
        """A region's or a place's flow (its products follow it), not a group's or a country's."""
        return bool(_SUBDIVISION.match(flow)) or self.index.rules.is_place_flow(flow)

    def note_qualifier(self, sentence: int, qualifiers: set[str]) -> None:
        """A sentence that names exactly one qualifier ("Los despachos tradicionales ...") opens a
        breakdown under it, until the paragraph ends; one that names both closes it."""
        if len(qualifiers) == 1:
            self.passage.qualifier = next(iter(qualifiers))
            self.passage.qualifier_sentence = sentence
            self.passage.qualifier_paragraph = self.index.paragraph_of[sentence]
        elif len(qualifiers) > 1:
            self.passage.qualifier = None


def _report_year(index: DocumentIndex) -> tuple[int | None, bool]:
    """The year an undated article reports on, and whether the text states it (rather than implying it
    through a comparison): the explicit year of its lead (headline and first sentence), else the latest
    year its figures are given for or implied by their comparison bases ("12% más que en igual periodo de
    2021" -> 2022)."""
    own: list[int] = []
    bases: list[int] = []
    lead: list[int] = []
    for start, end, expression in index.periods:
        if expression.year is None or expression.kind in ("last_years", "that_year", "season", "rolling"):
            continue
        sentence = index.sentence_of(start)
        s_start, s_end = index.sentences[sentence]
        if index.cues.any("projection", s_start, s_end):
            continue
        if sentence < LEAD_YEAR_SENTENCES and not expression.comparison:
            lead.append(expression.year)
        if sentence > 0 and not (_near_figure(index, start, end, s_start, s_end) or expression.comparison and index.figures_in(s_start, s_end)):
            continue  # "la feria Expoalimentaria 2019", "...: en 2019 produjo 5,7 millones de toneladas": no figure's period
        if not expression.comparison and _base_of_change(index, start, end):
            bases.append(expression.year + 1)  # "pasó de US$ 9,311 millones en 2012 a US$ 5,481 millones el año pasado"
            continue
        if expression.comparison:
            bases.append(expression.year + 1)
        else:
            own.append(expression.year)
    if lead:
        return max(lead), True
    if own or bases:
        return max(own + bases), bool(own) and max(own) >= max(bases, default=0)
    return None, False


def _base_of_change(index: DocumentIndex, start: int, end: int) -> bool:
    """A year in "de/from <amount> en <year> a/to <amount>": the base of a change."""
    doc = index.doc
    before = index.figures_in(max(start - 6, 0), start)
    after = index.figures_in(end, end + 6)
    if not before or not after:
        return False
    first = before[-1]
    return first[0] > 0 and doc[first[0] - 1].lower_ in ("de", "from") and any(
        t.lower_ in ("a", "to", "hasta") for t in doc[end : after[0][0]])


def _near_figure(index: DocumentIndex, start: int, end: int, s_start: int, s_end: int) -> bool:
    """Whether a money or percent mention lies within 10 tokens of a period, with no colon or semicolon between."""
    for f_start, f_end, _, _ in index.figures_in(max(s_start, start - 10), min(s_end, end + 10)):
        lo, hi = (f_end, start) if f_end <= start else (end, f_start)
        if not any(t.text in ":;" for t in index.doc[lo:hi]):
            return True
    return False
