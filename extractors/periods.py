"""Period expressions: find them in a text and resolve them to calendar spans (annotation guide §4).

One code path for both languages: the words live in ``data/<lang>/periods.toml`` and the month
names in ``publication.toml``; the patterns below are built from them. A found expression keeps
what the text says (months, year, or a relative form); ``resolve`` turns it into a ``Period``
against the passage's current period and the article's publication date, and returns ``None``
where the text does not settle it (a relative form in an undated article).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import cache

from extractors.lexicon import read_toml

PERIOD_KEYS = frozenset({
    "capitalised_months", "year_links", "range_opens", "range_joins", "through", "firsts", "ordinals",
    "counts", "month_units", "units", "this_year", "year_tails", "last_year", "previous_year", "year_to_date",
    "this_month", "same_period", "comparison", "years_open", "years_join", "last_years", "seasons", "decade",
    "that_year", "last_month", "rolling_months", "plural_units",
})
_YEAR = r"(?:19[5-9]\d|20\d\d)"


@dataclass(frozen=True)
class Period:
    """A calendar span, first day to last day."""

    start: date
    end: date

    @classmethod
    def of_months(cls, year: int, first: int, last: int, last_year: int | None = None) -> Period:
        """From month ``first`` of ``year`` to month ``last`` of ``last_year`` (default ``year``).

        >>> Period.of_months(2025, 1, 11)
        Period(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 11, 30))
        """
        last_year = year if last_year is None else last_year
        return cls(date(year, first, 1), date(last_year, last, calendar.monthrange(last_year, last)[1]))

    def shifted(self, years: int) -> Period:
        """The same months ``years`` later (earlier when negative)."""
        return Period.of_months(self.start.year + years, self.start.month, self.end.month, self.end.year + years)

    @property
    def within_one_year(self) -> bool:
        return self.start.year == self.end.year

    @property
    def whole_years(self) -> bool:
        return self.start.month == 1 and self.end.month == 12


@dataclass(frozen=True)
class PeriodExpression:
    """A period as the text writes it, with character offsets into the text."""

    start: int
    end: int
    kind: str  # months | months_this_year | months_last_year | last_years (year = N) | year | years | this_year | last_year | previous_year | ytd | this_month | same_period | season | decade | that_year | last_month | rolling (year = N months, last_month = through)
    first_month: int | None = None
    last_month: int | None = None
    year: int | None = None
    first_year: int | None = None  # a span of years, or the start year of months across a year end
    months: int | None = None  # a rolling span's length in months ("the 12 months to June")
    comparison: bool = False  # a comparison base ("compared with 2023"), not the figure's own period


@dataclass(frozen=True)
class PeriodGrammar:
    """Compiled patterns of one language, in priority order (longer forms first)."""

    patterns: tuple[tuple[str, re.Pattern], ...]
    anchor: re.Pattern  # where an expression can start
    by_start: dict[str, tuple[int, ...]]  # the patterns (by priority) that can start with a word ("#": a digit)
    months: dict[str, int]
    ordinals: dict[str, int]
    counts: dict[str, int]
    units: dict[str, int]
    comparison_before: re.Pattern
    capitalised_months: bool
    plural_units: dict[str, int]


def fold_same_length(text: str) -> str:
    """Lower-case ``text`` and strip accents one character for one, so offsets carry over.

    >>> fold_same_length("Junín, ENERO")
    'junin, enero'
    """
    return text.lower().translate(_ACCENTS)


_ACCENTS = str.maketrans("áéíóúüñàèìòùâêîôûäëïöç", "aeiouunaeiouaeiouaeioc")


def _alternation(words) -> str:
    return "|".join(re.escape(fold_same_length(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def load_grammar(lang: str) -> PeriodGrammar:
    """Build the period patterns of ``lang`` from its data files."""
    data = read_toml(lang, "periods.toml", keys=PERIOD_KEYS)
    publication = read_toml(lang, "publication.toml", keys=frozenset({"markers", "numeric_order", "connectors", "months"}))
    months = {fold_same_length(names[0]): i for i, names in enumerate(publication["months"], start=1)}
    months |= {fold_same_length(name): i for i, names in enumerate(publication["months"], start=1) for name in names[1:] if len(name) > 4}
    m = f"(?:{_alternation(months)})"
    link = rf"(?:,?\s+(?:{_alternation(data['year_links'])})\s+|,?\s+)"
    year_tail = (rf"(?:{link}(?P<y>{_YEAR})|\s+(?P<ly>{_alternation(data['last_year'])})"
                 rf"|\s+(?P<ty>{_alternation(data['year_tails'])}))?")
    short = {fold_same_length(name): i for i, names in enumerate(publication["months"], start=1) for name in names[1:] if len(name) <= 4}
    months |= short
    a = f"(?:{_alternation(short | {fold_same_length(names[0]): i for i, names in enumerate(publication['months'], start=1)})})"
    seasons = _alternation(data["seasons"])
    ordinals, counts = data["ordinals"], data["counts"]
    count = rf"(?:{_alternation(counts)}|\d{{1,2}})"
    opens, joins = _alternation(data["range_opens"]), _alternation(data["range_joins"])
    patterns = [
        ("months", rf"(?:(?:{opens})\s+)?(?P<m1>{m}){link}(?P<y1>{_YEAR})\s*(?:{joins})\s*(?P<m2>{m}){link}(?P<y>{_YEAR})"),
        ("months", rf"(?:(?:{opens})\s+)?(?P<m1>{m})\s*(?:{joins})\s*(?P<m2>{m}){year_tail}"),
        ("months", rf"(?P<m1>{a})\.?\s*[-–/]\s*(?P<m2>{a})\.?{year_tail}"),  # "Jan-Oct 2018", "ene-sep"
        ("rolling", "(?:" + "|".join(_alternation([p]).replace(r"\{n\}", rf"(?P<n{i}>{count})").replace(r"\{month\}", rf"(?P<mr{i}>{m})")
                                    for i, p in enumerate(data["rolling_months"])) + ")" + year_tail),
        ("first", rf"(?:{_alternation(data['firsts'])})\s+(?P<n>{count})\s+(?:{_alternation(data['month_units'])}){year_tail}"),
        ("first", rf"(?P<n>{count})\s+(?:{_alternation(data['firsts'])})\s+(?:{_alternation(data['month_units'])}){year_tail}"),
        ("season", rf"(?:(?:{seasons})\s+(?:de\s+|del\s+)?)?(?P<y1>{_YEAR})[-/–](?P<y2>\d\d(?!\d)|{_YEAR})(?:\s+(?:{seasons}))?"),
        ("season", rf"(?:{seasons})\s+(?:de\s+|del\s+)?(?P<y1>{_YEAR})"),
        ("decade", _alternation(data["decade"])),
        ("that_year", _alternation(data["that_year"])),
        ("last_month", _alternation(data["last_month"])),
        ("unit", rf"(?:(?P<thru>{_alternation(data['through'])})\s+(?:the\s+|el\s+|la\s+)?)?(?P<ord>{_alternation(ordinals)})"
                 rf"\s+(?P<unit>{_alternation(data['units'])}){year_tail}"),
        ("first", rf"(?:{_alternation(data['firsts'])})\s+(?P<n>{count})\s+(?P<punit>{_alternation(data['plural_units'])}){year_tail}"),
        ("same_period", rf"(?:{_alternation(data['same_period'])})(?:\s+(?P<y>{_YEAR})|\s+(?P<ly>{_alternation(data['last_year'])})"
                        rf"|\s+(?P<py>{_alternation(data['previous_year'])})|\s+(?P<ty>{_alternation(data['this_year'])}))?"),
        ("through", rf"(?:{_alternation(data['through'])})\s+(?P<m2>{m}){year_tail}"),
        ("month", rf"(?P<m2>{m}){year_tail}"),
        ("years", rf"(?:{_alternation(data['years_open'])})\s+(?P<y1>{_YEAR})\s*(?:{_alternation(data['years_join'])})\s*(?P<y>{_YEAR})"),
        ("last_years", "|".join(_alternation([p]).replace(r"\{n\}", rf"(?P<n{i}>{count})")
                                for i, p in enumerate(data["last_years"]))),
        ("ytd", _alternation(data["year_to_date"])),
        ("this_year", rf"(?:{_alternation(data['this_year'])})(?:\s+(?P<y>{_YEAR}))?"),
        ("last_year", _alternation(data["last_year"])),
        ("previous_year", _alternation(data["previous_year"])),
        ("this_month", _alternation(data["this_month"])),
        ("year", rf"(?P<y>{_YEAR})"),
    ]
    compiled = tuple((kind, re.compile(rf"(?<![\w.,])(?:{pattern})(?![\w]|[.,]\d)")) for kind, pattern in patterns)
    def firsts_of(*keys: str) -> set[str]:
        return {fold_same_length(phrase).split()[0] for key in keys for phrase in data[key]}

    numbers = {fold_same_length(word) for word in counts} | {"#"}
    month_names, any_month = set(months) - set(short), set(months)
    starts_of = {  # the words each kind of expression can start with ("#" is any digit)
        "months": firsts_of("range_opens") | any_month, "rolling": firsts_of("rolling_months") | numbers,
        "first": firsts_of("firsts") | numbers, "season": firsts_of("seasons") | {"#"},
        "decade": firsts_of("decade"), "that_year": firsts_of("that_year"), "last_month": firsts_of("last_month"),
        "unit": firsts_of("through") | {fold_same_length(word) for word in ordinals} | {"#"},
        "same_period": firsts_of("same_period"), "through": firsts_of("through"), "month": month_names,
        "years": firsts_of("years_open"), "last_years": firsts_of("last_years") | numbers, "ytd": firsts_of("year_to_date"),
        "this_year": firsts_of("this_year"), "last_year": firsts_of("last_year"), "previous_year": firsts_of("previous_year"),
        "this_month": firsts_of("this_month"), "year": {"#"},
    }
    by_start: dict[str, list[int]] = {}
    for priority, (kind, _) in enumerate(compiled):
        for word in starts_of[kind]:
            if not word.startswith("{"):
                by_start.setdefault(word, []).append(priority)
    anchor = re.compile(rf"(?<![\w.,])(?:\d|(?:{_alternation(set(by_start) - {'#'})})(?!\w))")
    comparison = re.compile(rf"(?<!\w)(?:{_alternation(data['comparison'])})\s+(?P<gap>(?:\w+\s+){{0,6}})$")
    return PeriodGrammar(compiled, anchor, {word: tuple(sorted(set(p))) for word, p in by_start.items()}, months, {fold_same_length(k): v for k, v in ordinals.items()},
                         {fold_same_length(k): v for k, v in counts.items()},
                         {fold_same_length(k): v for k, v in data["units"].items()}, comparison, data["capitalised_months"],
                         {fold_same_length(k): v for k, v in data["plural_units"].items()})


def find_periods(text: str, lang: str, taken: list[tuple[int, int]] = ()) -> list[PeriodExpression]:
    """Period expressions of ``text`` in order, none overlapping each other or a ``taken`` span.

    >>> [(p.kind, p.first_month, p.last_month, p.year) for p in find_periods("Entre enero y noviembre de 2025 creció", "es")]
    [('months', 1, 11, 2025)]
    >>> [(p.kind, p.year, p.comparison) for p in find_periods("up 15.6% in 2024 compared to 2023", "en")]
    [('year', 2024, False), ('year', 2023, True)]
    """
    grammar = load_grammar(lang)
    folded = fold_same_length(text)
    found: list[tuple[int, int, int, str, re.Match]] = []
    by_start, patterns = grammar.by_start, grammar.patterns
    for anchor in grammar.anchor.finditer(folded):
        word = anchor.group()
        position = anchor.start()
        for priority in by_start.get("#" if word[0].isdigit() else word, ()):
            kind, pattern = patterns[priority]
            match = pattern.match(folded, position)
            if match is not None:
                found.append((position, position - match.end(), priority, kind, match))
    chosen: list[PeriodExpression] = []
    taken = sorted(taken)
    taken_starts = [a for a, _ in taken]
    chosen_end = -1  # candidates come in start order, so only the last chosen one can overlap
    for start, _, _, kind, match in sorted(found):
        end = match.end()
        if start < chosen_end:
            continue
        i = bisect_left(taken_starts, end)
        if i and taken[i - 1][1] > start:
            continue
        expression = _expression(kind, match, grammar, text)
        if expression is None:
            continue
        if kind == "year" and _DATE_BEFORE_YEAR.search(folded[max(0, start - 24) : start]):
            continue  # "el 1 de febrero de 2009", "March 14, 2025": a date, not a period
        # "over the past three years" is a span, not a base: spans up to now are never comparisons
        head = match.start("m2") if kind == "through" else start  # "frente a enero de 2020": "a" is the comparison's
        window = max(0, head - 50)
        cue = grammar.comparison_before.search(folded[window:head])
        # "bought $11.46 billion worth of products from Peru in 2017": a name between cue and period is what
        # the cue is about (a source, a partner), so the period is the figure's own
        compared = cue is not None and not any(
            word[0].isupper() and fold_same_length(word) not in grammar.months
            for word in text[window + cue.start("gap") : head].split())
        # "in the same period" alone is the passage's own span; "than in the same period of 2017" is a base
        relative = re.search(r"year|ano|anterior|pasado|earlier|ago|before|previous", folded[start:end])
        same_base = kind == "same_period" and (compared or expression.year is not None or bool(relative)) \
            and not _group(match, "ty")
        comparison = same_base or (kind not in ("last_years", "ytd", "rolling", "decade", "same_period") and compared)
        chosen_end = end
        chosen.append(_replace(expression, comparison=comparison))
    return sorted(chosen, key=lambda p: p.start)


def _replace(expression: PeriodExpression, **changes) -> PeriodExpression:
    from dataclasses import replace

    return replace(expression, **changes)


def _group(match: re.Match, name: str) -> str | None:
    return match.groupdict().get(name)


def _expression(kind: str, match: re.Match, grammar: PeriodGrammar, text: str) -> PeriodExpression | None:
    year = int(match["y"]) if _group(match, "y") else None
    relative_year = "this_year" if _group(match, "ty") else "last_year" if _group(match, "ly") else None
    span = dict(start=match.start(), end=match.end())
    if kind in ("months", "through", "month"):
        month_text = match["m2"]
        if grammar.capitalised_months and not text[match.start("m2")].isupper():
            return None  # "exports may rise"
        if _DAY_BEFORE.search(text[max(0, match.start() - 8) : match.start()]) or _DAY_AFTER.match(text[match.end() :]):
            return None  # "del 13 al 15 de febrero", "February 15": a date, not a period
        last = _month(grammar, month_text)
        first = _month(grammar, match["m1"]) if kind == "months" else (1 if kind == "through" else last)
        first_year = int(match["y1"]) if _group(match, "y1") else None
        if first_year is None and year is not None and first > last:
            first_year = year - 1  # "December-February 2025"
        return PeriodExpression(**span, kind=_months_kind(relative_year),
                                first_month=first, last_month=last, year=year, first_year=first_year)
    if kind == "rolling":
        raw = next(value for name, value in match.groupdict().items() if name.startswith("n") and value)
        month = next(value for name, value in match.groupdict().items() if name.startswith("mr") and value)
        n = int(raw) if raw.isdigit() else grammar.counts.get(re.sub(r"\s+", " ", raw))
        if not n or not 2 <= n <= 36:
            return None
        return PeriodExpression(**span, kind="rolling", last_month=_month(grammar, month), year=year, months=n)
    if kind == "season":
        y1, y2 = int(match["y1"]), _group(match, "y2")
        if y2 is not None and int(y2) % 100 != (y1 + 1) % 100:
            return None  # "2024-12": not a season spanning two years
        return PeriodExpression(**span, kind="season")
    if kind in ("decade", "that_year", "last_month"):
        if kind == "that_year" and re.match(r"\s+\d{4}", text[match.end() :]):
            return None  # "el año 2020": the year itself follows
        return PeriodExpression(**span, kind=kind)
    if kind == "first":
        raw = match["n"]
        n = int(raw) if raw.isdigit() else grammar.counts[re.sub(r"\s+", " ", raw)]
        if _group(match, "punit"):
            n *= grammar.plural_units[re.sub(r"\s+", " ", match["punit"])]  # "the first three quarters"
        if not 1 <= n <= 12:
            return None
        return PeriodExpression(**span, kind=_months_kind(relative_year),
                                first_month=1, last_month=n, year=year)
    if kind == "unit":
        size = grammar.units[re.sub(r"\s+", " ", match["unit"])]
        order = grammar.ordinals[re.sub(r"\s+", " ", match["ord"])]
        if order < 0:
            order = 12 // size  # "el último trimestre": the last one of the year
        if order * size > 12:
            return None
        first = 1 if _group(match, "thru") else (order - 1) * size + 1  # "through the third quarter": from January
        return PeriodExpression(**span, kind=_months_kind(relative_year), first_month=first, last_month=order * size, year=year)
    if kind == "last_years":
        raw = next(value for name, value in match.groupdict().items() if name.startswith("n") and value)
        n = int(raw) if raw.isdigit() else grammar.counts.get(re.sub(r"\s+", " ", raw))
        return PeriodExpression(**span, kind="last_years", year=n) if n and 1 <= n <= 30 else None
    if kind == "years":
        first_year = int(match["y1"])
        return PeriodExpression(**span, kind="years", year=year, first_year=first_year) if first_year <= year else None
    if kind == "this_year" and year is not None:
        return PeriodExpression(**span, kind="year", year=year)
    if kind == "same_period" and _group(match, "ty"):
        return PeriodExpression(**span, kind=kind, first_year=0)
    return PeriodExpression(**span, kind=kind, year=year)


_DATE_BEFORE_YEAR = re.compile(
    r"(?:\b\d{1,2}\s+(?:de\s+)?[a-z]+\s+(?:de\s+|del\s+)?|[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+|\b\d{1,2}[/.-]\d{1,2}[/.-])$")
_DAY_BEFORE = re.compile(r"(?<!\d)\d{1,2}\s+(?:de\s+|of\s+)?$")
_DAY_AFTER = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?![.,]?\d)")


def _months_kind(relative_year: str | None) -> str:
    return "months" if relative_year is None else f"months_{relative_year}"


def _month(grammar: PeriodGrammar, text: str) -> int:
    return grammar.months[re.sub(r"\s+", " ", text)]


def resolve(expression: PeriodExpression, context: Period | None, published: date | None,
            report_year: int | None = None) -> Period | None:
    """The calendar span of ``expression`` in a passage about ``context``, in an article of ``published``.

    ``report_year`` is the year an undated article reports on (a year its text gives elsewhere); it
    settles months and "this year" without a date, never "last year".

    >>> resolve(PeriodExpression(0, 4, "year", year=2024), Period.of_months(2025, 1, 11), None)
    Period(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 11, 30))
    >>> resolve(PeriodExpression(0, 9, "last_year"), None, None) is None
    True
    """
    kind, year = expression.kind, expression.year
    if kind == "year":
        if context is not None and context.within_one_year and not context.whole_years:
            return Period.of_months(year, context.start.month, context.end.month)  # a year inside a passage about months
        return Period.of_months(year, 1, 12)
    if kind == "years":
        return Period.of_months(expression.first_year, 1, 12, year)
    if kind in ("months", "months_this_year", "months_last_year"):
        first, last = expression.first_month, expression.last_month
        if year is None and kind == "months":
            year = _year_of_month(last, context, published) or report_year
        elif year is None and published is not None:
            year = published.year - (kind == "months_last_year")
        elif year is None and kind == "months_this_year":
            year = report_year
        if year is None:
            return None
        first_year = expression.first_year if expression.first_year is not None else (year if first <= last else year - 1)
        return Period.of_months(first_year, first, last, year)
    if kind == "rolling":  # "the 12 months to June 2020": July 2019 to June 2020
        last = expression.last_month
        if year is None:
            year = _year_of_month(last, context, published) or report_year
        if year is None:
            return None
        first_index = year * 12 + last - 1 - (expression.months - 1)
        return Period.of_months(first_index // 12, first_index % 12 + 1, last, year)
    if kind == "decade":  # "en esta década": the ten years up to the article's month
        return Period.of_months(published.year - 10, published.month, published.month, published.year) if published else None
    if kind == "last_month":
        if published is None:
            return None
        index = published.year * 12 + published.month - 2
        return Period.of_months(index // 12, index % 12 + 1, index % 12 + 1)
    if kind in ("season", "that_year"):
        return None  # seasons have no months; "that year" is resolved by the discourse
    if kind == "last_years":  # "en los dos últimos años": the N whole years before the article's
        return Period.of_months(published.year - year, 1, 12, published.year - 1) if published else None
    if kind == "this_year":
        year = published.year if published else report_year
        return Period.of_months(year, 1, 12) if year else None
    if kind == "last_year":
        return Period.of_months(published.year - 1, 1, 12) if published else None
    if kind == "previous_year":
        return context.shifted(-1) if context is not None else None
    if kind == "ytd":
        return Period.of_months(published.year, 1, published.month) if published else None
    if kind == "this_month":
        return Period.of_months(context.end.year, context.end.month, context.end.month) if context else None
    if kind == "same_period":
        if context is None:
            return None
        if not expression.comparison and year is None:
            return context  # "amounted to US$1.015 billion in the same period": the passage's
        if expression.first_year == 0:  # "igual periodo de este año": the passage's months, this year
            year = published.year if published else report_year
            return Period.of_months(year, context.start.month, context.end.month) if year and context.within_one_year else context
        if year is None:
            return context.shifted(-1)
        return context.shifted(year - context.end.year)
    return None


def _year_of_month(month: int, context: Period | None, published: date | None) -> int | None:
    """A month without a year: its latest occurrence not after the article's date, else the passage's year."""
    if published is not None:
        return published.year if month <= published.month else published.year - 1
    if context is not None:  # an undated article: the latest occurrence not after the passage's end
        return context.end.year if month <= context.end.month else context.end.year - 1
    return None
