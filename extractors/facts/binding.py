"""Stage 2: bind the figures of a sentence into statements (annotation guide §4 "Binding").

Each rule names the construction it handles:

- **comparison base**: an amount right after a comparison word ("from $85.4mn", "than the $14.7
  billion", "frente a los US$"), bracketed after a comparison period ("than in 2015 (US$22.952
  billion)"), in a "when"-clause after one ("than in 2008, when US$211.7m-worth ... were sold"), or
  the first of "de X a Y" ("pasaron de US$ 2 millones a US$ 9 millones") is a frame of its own;
- **share or change**: a percent is a share when a share word governs it ("accounted for 18%", "el
  81% del total"), or when it continues a list of shares ("followed by the Netherlands (14%)");
- **respectively**: figures listed before "respectively" pair in order with the subjects listed
  before them;
- **value + rate**: a percent joins the nearest amount of its clause when nothing names another
  subject and no other figure lies between ("USD 25 billion, a 9.2% increase");
- **share + growth** of one subject join ("con el 34,6% del total, creció 15%").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from extractors.facts.document import DocumentIndex, Subject
from extractors.facts.figures import Figure

WINDOW = 14  # tokens between a percent and the amount it may join
_AROUND = WINDOW + 40
_PAIRABLE_KINDS = ("REGION", "COUNTRY", "PRODUCT", "sector", "PLACE", "group", "ORG")
_JOINERS = frozenset({"y", "and", "e", "&", ","})


class Binder:
    """The binding rules of one sentence."""

    def __init__(self, index: DocumentIndex, figures: list[Figure], start: int, end: int, continues_shares: bool = False):
        self.index, self.figures, self.start, self.end = index, figures, start, end
        self.continues_shares = continues_shares  # the statement before was a share: "Next on the list come Antamina (18.7%)"
        self.starts = [f.start for f in figures]
        self.position = {f: i for i, f in enumerate(figures)}
        self.paired: dict[Figure, Subject] = {}

    def bind(self) -> list[Figure]:
        """Mark bases and shares, pair and join figures; return the statement anchors in text order."""
        self._mark_bases_and_shares()
        self._mark_listed_shares()
        self._mark_whole_amounts()
        self._bind_appositions()
        self.paired = self._respectively()
        free = [f for f in self.figures if f not in self.paired and not f.used]
        moneys = [f for f in free if f.kind == "money" and not f.base]
        rates = [f for f in free if f.kind == "percent" and not f.base]
        monthly: list[Figure] = []
        for percent in rates:
            bracketed = self.bracketed(percent)  # "uva (37 %), y acumuló US$ 1 031,8 millones": the item's
            candidates = [m for m in _around(moneys, percent)
                          if not (bracketed and m.start > percent.start and not self._same_item(percent, m))]
            if self._month_on_month(percent) and any(self._year_on_year(r) for r in rates if r is not percent):
                monthly.append(percent)
                continue  # "$301.45 million in July, down 16.6% from June and 34.1% lower on the year": the annual rate binds
            best = self._nearest(percent, candidates, monthly)
            if best is not None:
                best.joined.append(percent)
                percent.used = True
        anchors = [f for f in free if f.kind == "percent" and not f.used and not f.base]
        for percent in anchors:
            if percent.used:
                continue
            others = [a for a in _around(anchors, percent) if a is not percent and not a.used and a.share != percent.share
                      and a.start < percent.start
                      and not any(j.share == percent.share for j in a.joined if j.kind == "percent")]
            best = self._nearest(percent, others)
            if best is not None:
                best.joined.append(percent)
                percent.used = True
        self.group_ends = sorted(f.group_end for f in self.figures)
        self.base_ends = sorted(f.group_end for f in self.figures if f.base)
        return [f for f in self.figures if not f.used]

    def end_before(self, token: int, floor: int) -> int:
        """The latest end of a figure group at or before ``token`` (at least ``floor``)."""
        i = bisect_right(self.group_ends, token)
        return max(self.group_ends[i - 1], floor) if i else floor

    def base_just_before(self, token: int, reach: int = 4) -> bool:
        """Whether a comparison base ends at most ``reach`` tokens before ``token``."""
        i = bisect_right(self.base_ends, token)
        return bool(i) and token - self.base_ends[i - 1] <= reach

    # -- bases and shares -------------------------------------------------------------------------
    def _mark_bases_and_shares(self) -> None:
        cues, doc = self.index.cues, self.index.doc
        previous_end = self.start
        for i, figure in enumerate(self.figures):
            following = self.figures[i + 1] if i + 1 < len(self.figures) else None
            if figure.kind == "money":
                figure.opens_change = self._from_to(figure, following) or (
                    cues.ending_at("base", figure.start, 1) and following is not None and following.kind == "money"
                    and following.start - figure.end <= 8 and any(t.lower_ in ("to", "a", "hasta") for t in doc[figure.end : following.start]))
                previous = self.figures[i - 1] if i else None
                slashed = previous is not None and previous.kind == "money" and \
                    [t.text for t in doc[previous.end : figure.start]] == ["/"]  # "(US$ 449 millones 998 mil/US$ 444 millones 604 mil)"
                restated = previous is not None and previous.kind == "money" and previous.base and \
                    ([t.lower_ for t in doc[previous.end : figure.start]] in ([",", "or"], [",", "o"])  # "$3.69 billion, or $82.63/mt"
                     or self._second_base(previous, figure))
                figure.base = (cues.ending_at("base", figure.start, 1) or self._after_comparison_period(figure)
                               or self._in_when_clause(figure) or figure.opens_change or self._of_base_period(figure) or slashed
                               or restated)
            else:
                figure.share = self.is_share(figure, previous_end)
                # "went from 81.9% to 84.5%", "de 3,1% a 3,2%": the first is the base
                figure.base = (following is not None and following.kind == "percent"
                               and following.start - figure.end <= 2 and cues.ending_at("base", figure.start, 1)
                               and cues.any("range_joins", figure.end, following.start))
                if not figure.base and (self._from_to(figure, following) or self._in_when_clause(figure)):
                    figure.base = True
                figure.opens_change = figure.base
            previous_end = figure.end
        del doc

    def _second_base(self, previous: Figure, figure: Figure) -> bool:
        """ "down from $53.52/mt in June and $74.52/mt in the year-ago month": a second base after "and", with
        a comparison period of its own."""
        doc = self.index.doc
        words = [t.lower_ for t in doc[previous.end : figure.start]]
        if not words or words[-1] not in ("and", "y") or len(words) > 6:
            return False
        return any(p.comparison or p.kind in ("same_period", "previous_year")
                   for _, _, p in self.index.periods_in(figure.end, figure.end + 5))

    def _from_to(self, figure: Figure, following: Figure | None) -> bool:
        """ "pasaron de US$ 2 millones en 2023 a US$ 9 millones", "al pasar de 213,2 millones ... a un total
        de 208 millones": the amount after "de" that another amount of its kind follows after "a"."""
        if following is None or following.kind != figure.kind or figure.start == 0:
            return False
        if self.index.doc[figure.start - 1].lower_ not in ("de", "from"):
            return False
        between = self.index.doc[figure.end : following.start]
        for token in between[:12]:
            if token.lower_ in ("a", "to", "hasta"):
                return True
            if token.text in ",;:":
                return False  # "un valor de 31 mil 640 millones, cifra inferior a los 33 mil 70 millones": no change
        return False

    def _after_comparison_period(self, figure: Figure) -> bool:
        """ "on 2006 ($1.99 billion)", "en el mismo trimestre del 2016 (US$ 5 mil 203 millones)" """
        if figure.start == 0 or self.index.doc[figure.start - 1].text != "(":
            return False
        return any(p.comparison and e >= figure.start - 2
                   for s, e, p in self.index.periods_in(max(figure.start - 10, self.start), figure.start))

    def _of_base_period(self, figure: Figure) -> bool:
        """ "frente al déficit de (-)1,499 millones de dólares del mismo mes del año anterior", "US$1.1bn in the
        same period a year earlier": an amount whose own period is the comparison's is the base."""
        doc = self.index.doc
        for s, _, expression in self.index.periods_in(figure.end, figure.end + 3):
            if expression.kind not in ("same_period", "previous_year") and not self.index.cues.starting_at("base_after", s, 0):
                continue
            gap = doc[figure.end : s]
            if all(t.lower_ in ("de", "del", "in", "en", "of", "for", "durante", "during") for t in gap):
                return True
        return False

    def _in_when_clause(self, figure: Figure) -> bool:
        """ "48 per cent more than in 2008, when US$211.7m-worth of goods were sold", "respecto de 2017,
        cuando se exportaron US$ 247,393,267": the base's own amount."""
        doc = self.index.doc
        for i in range(figure.start - 1, max(figure.start - 8, self.start) - 1, -1):
            if doc[i].lower_ in ("when", "cuando"):
                return any(p.comparison for _, e, p in self.index.periods_in(max(i - 10, self.start), i) if e >= i - 2)
            if doc[i].text in ".;":
                return False
        return False

    def is_share(self, figure: Figure, segment_start: int | None = None) -> bool:
        """Whether a percent is a share of a whole rather than a change."""
        cues = self.index.cues
        if cues.ending_at("share_adjacent", figure.start, 0) or cues.starting_at("share_after", figure.end, 0):
            return True
        if self._of_a_whole(figure):
            return True
        if cues.starting_at("difference", figure.end, 0):
            return False  # "took US$291.6m worth (20 per cent more than last year)": a change
        found = cues.within("share", max(figure.start - 8, 0), figure.start)
        if segment_start is not None:
            found += cues.within("share_nouns", max(segment_start, figure.start - 20), figure.start)
        if not found:
            return False
        # "lo que representa un incremento del 18,1 %": a growth word after the share word makes a growth
        last = max(end for _, end, _ in found)
        return not (cues.any("up", last, figure.start) or cues.any("down", last, figure.start))

    def _of_a_whole(self, figure: Figure) -> bool:
        """ "60% of textile exports", "el 36.4%% de los despachos": "of" and a flow word or sector right after."""
        doc, cues = self.index.doc, self.index.cues
        if figure.end >= len(doc) or doc[figure.end].lower_ not in ("of", "de", "del"):
            return False
        window = (figure.end + 1, min(figure.end + 7, self.end))
        stop = next((t.i for t in doc[window[0] : window[1]] if t.text in ",;()"), window[1])
        window = (window[0], stop)
        return any(v != "price" for _, _, v in cues.within("metrics", *window)) or cues.any("sectors", *window) \
            or cues.any("total", *window) or any(t.lower_ == "total" for t in doc[window[0] : window[1]])

    def _mark_listed_shares(self) -> None:
        """ "taking about 24 per cent of the total, followed by the Netherlands (14 per cent)": a percent
        that continues a list of shares is a share too."""
        cues = self.index.cues
        percents = [f for f in self.figures if f.kind == "percent"]
        if percents and self.continues_shares and not percents[0].share and self.bracketed(percents[0]) \
                and not percents[0].mention.text.startswith(("+", "-")):
            near = (max(percents[0].start - 4, 0), percents[0].end + 2)
            if not cues.any("up", *near) and not cues.any("down", *near) and not any(f.kind == "money" for f in self.figures):
                percents[0].share = percents[0].listed_share = True
        share_seen = bool(percents) and percents[0].share
        for i, percent in enumerate(percents[1:], start=1):
            previous = percents[i - 1]
            # a share, or a growth joined to the share before it ("con el 34,6% del total, creció 15%, mientras que
            # el puerto de Matarani (12,5%)"), is continued by a bracketed percent
            paired_growth = i >= 2 and percents[i - 2].share and not previous.share and previous.start - percents[i - 2].end <= 14 \
                and self._same_kind_of_item(percents[i - 2], percent)
            if (previous.share or (paired_growth and self.bracketed(percent))) and not percent.share \
                    and not percent.mention.text.startswith(("+", "-")):
                near = (max(percent.start - 4, 0), percent.end + 2)
                if not cues.any("up", *near) and not cues.any("down", *near):
                    percent.share = percent.listed_share = True
            share_seen = share_seen or percent.share

    def _same_kind_of_item(self, first: Figure, second: Figure) -> bool:
        """ "el puerto del Callao, ... con el 34,6% del total, creció 15%, mientras que el puerto de Matarani (12,5%)":
        the later item is a subject of the same kind as the share's."""
        before_first = self.index.subjects(max(self.start, first.start - 14), first.start)
        before_second = self.index.subjects(max(self.start, second.start - 4), second.start)
        return bool(before_first and before_second) and before_first[-1].kind == before_second[-1].kind

    def bracketed(self, figure: Figure) -> bool:
        return figure.start > 0 and self.index.doc[figure.start - 1].text == "("

    def _mark_whole_amounts(self) -> None:
        """The amount of the whole a share is of: "apenas el 1.9% de lo exportado a ese país (US$ 4 mil 727
        millones)", "el 2.2% del total (US$ 554 millones 134 mil, de US$ 25 mil 260 millones)"."""
        doc = self.index.doc
        for i, figure in enumerate(self.figures):
            if figure.kind != "money" or figure.base:
                continue
            previous = self.figures[i - 1] if i else None
            if previous is None or previous.kind != "percent" or not previous.share:
                if previous is not None and previous.kind == "money" and i >= 2 and self.figures[i - 2].share \
                        and [t.lower_ for t in doc[previous.end : figure.start]] in ([",", "de"], [",", "of"]):
                    figure.whole_amount = True  # "(US$ 554 millones 134 mil, de US$ 25 mil 260 millones)"
                continue
            gap = doc[previous.end : figure.start]
            if len(gap) >= 3 and gap[-1].text == "(" and doc[previous.end].lower_ in ("de", "del", "of"):
                figure.whole_amount = True

    def _bind_appositions(self) -> None:
        """A figure of the other kind in brackets right after a figure is the same statement's:
        "17.8% (US $ 8.5 billion)", "Áncash ... US$ 1,689 millones (-12%)"."""
        for first, second in zip(self.figures, self.figures[1:]):
            if first.used or first.base or second.base or first.kind == second.kind:
                continue
            between = self.index.doc[first.end : second.start]
            if len(between) == 1 and between[0].text == "(" and not any(j.kind == second.kind for j in first.joined):
                if second.kind == "percent" and second.share and first.kind == "percent":
                    continue
                first.joined.append(second)
                second.used = True

    # -- respectively -----------------------------------------------------------------------------
    def _respectively(self) -> dict[Figure, Subject]:
        """Pair the figures right before "respectively" with the subjects before them, in order: "the
        United States and the European Union, with USD 9.5 billion and USD 8.2 billion, respectively".
        With no subjects of their own, amounts pair with the rates listed before them."""
        pairs: dict[Figure, Subject] = self._bracketed_pairs()
        index = self.index
        for cue_start, _, _ in index.cues.within("respectively", self.start, self.end):
            listed = [f for f in self.figures if not f.used and f.group_end <= cue_start]
            if not listed or cue_start - listed[-1].group_end > 12:
                continue
            listed = _trailing_series(index, [f for f in listed if f.kind == listed[-1].kind])
            if len(listed) < 2:
                continue
            earlier = [f for f in self.figures if f.end <= listed[0].start and not f.used]
            segment_start = earlier[-1].end if earlier else self.start
            subjects = [s for s in index.subjects(segment_start, listed[0].start) if s.kind != "demonym"]
            for kind in _PAIRABLE_KINDS:
                candidates = [s for s in subjects if s.kind == kind]
                if len(candidates) == len(listed):
                    pairs.update(zip(listed, candidates))
                    break
            else:
                partners = [f for f in earlier if f.kind != listed[0].kind][-len(listed):]
                if not subjects and len(partners) == len(listed):
                    for partner, figure in zip(partners, listed):
                        partner.joined.append(figure)
                        figure.used = True
        return pairs

    def _bracketed_pairs(self) -> dict[Figure, Subject]:
        """Two coordinated subjects and then two coordinated figures, in order: "harina y aceite de pescado
        (61% y 50%)", "Estados Unidos y la Unión Europea ocuparon el segundo y tercer lugar, con 15,2 % y 11,1 %"."""
        pairs: dict[Figure, Subject] = {}
        doc = self.index.doc
        for i, (first, second) in enumerate(zip(self.figures, self.figures[1:])):
            if first.kind != second.kind or self.index.cues.any("respectively", second.end, second.end + 8):
                continue
            if [t.lower_ for t in doc[first.end : second.start]] not in (["y"], ["and"], [","], ["e"]):
                continue
            bracketed = self.bracketed(first) and second.end < len(doc) and doc[second.end].text == ")"
            earlier_end = self.figures[i - 1].end if i else self.start
            if not bracketed and i and max(f.end for f in self.figures[max(0, i - 3) : i]) > earlier_end:
                continue
            window_start = max(self.start, earlier_end, first.start - (12 if bracketed else 20))
            subjects = [s for s in self.index.subjects(window_start, first.start - (1 if bracketed else 0))
                        if s.role in ("product", "sector", "flow_of", "country")]
            if len(subjects) >= 2:
                a, b = subjects[-2], subjects[-1]
                gap = doc[a.end : b.start]
                if a.kind == b.kind and len(gap) <= 2 and any(t.lower_ in _JOINERS for t in gap):
                    pairs[first], pairs[second] = a, b
        return pairs

    # -- joining ----------------------------------------------------------------------------------
    def _same_item(self, percent: Figure, money: Figure) -> bool:
        """ "la palta o aguacate (41.4%), con ventas por US$ 1,156 millones", "el arándano (29.7%), que se acercó
        a US$ 1,000 millones": a bracketed rate and an amount of one list item."""
        between = self.index.doc[percent.end : money.start]
        words = {t.lower_ for t in between}
        return bool(words & {"con", "with", "que", "which", "worth"}) and not words & {"y", "and", "e", ";"}

    def _year_on_year(self, percent: Figure) -> bool:
        cues = self.index.cues
        window = (percent.end, min(percent.end + 6, self.end))
        return cues.any("year_on_year", *window) or any(
            p.kind in ("same_period", "previous_year") for _, _, p in self.index.periods_in(*window))

    def _month_on_month(self, percent: Figure) -> bool:
        """A rate against the month before: "down 16.6% from June", "27.3% on the previous month"."""
        cues = self.index.cues
        window = (percent.end, min(percent.end + 4, self.end))
        if cues.any("month_on_month", *window):
            return True
        return any(p.comparison and p.kind.startswith("months") and p.first_month == p.last_month and p.year is None
                   for _, _, p in self.index.periods_in(*window))

    def _nearest(self, percent: Figure, anchors: list[Figure], passed: list[Figure] = ()) -> Figure | None:
        """The closest anchor of ``percent`` in its clause with no subject or other figure (but the ``passed``
        monthly rates) between."""
        best = None
        for anchor in anchors:
            lo, hi = (percent.end, anchor.start) if anchor.start > percent.start else (anchor.end, percent.start)
            first = anchor if anchor.start < percent.start else percent
            lo = max(lo, self.whole_end(first))  # "el 81% de la agroexportación, crecieron 18,2%"
            # "crecieron 22.3 por ciento al ir de 2 mil 57 millones a 2 mil 516 millones": the change's base lies
            # between the rate and the amount it is the rate of
            besides = anchor.joined + self._base_of(anchor) + list(passed)
            if hi - lo > WINDOW or self._subject_between(lo, hi) or self._figure_between(lo, hi, besides):
                continue
            if any(token.text == ";" for token in self.index.doc[lo:hi]) or self._other_metric_between(first, lo, hi):
                continue  # "landings reached 4.31 million MT, 27.6 percent more ..., and exports were valued at USD 1.28 billion"
            if any(j.kind == "percent" and j.share == percent.share for j in anchor.joined):
                continue
            if best is None or hi - lo < best[0]:
                best = (hi - lo, anchor)
        return best[1] if best else None

    def _base_of(self, figure: Figure) -> list[Figure]:
        """The base that opens the change ``figure`` ends ("de X a Y": X for Y)."""
        i = self.position[figure]
        previous = self.figures[i - 1] if i else None
        return [previous] if previous is not None and previous.opens_change and previous.kind == figure.kind else []

    def _other_metric_between(self, first: Figure, lo: int, hi: int) -> bool:
        """A metric word between two figures that differs from the one the first figure is about."""
        cues = self.index.cues
        between = {v for _, _, v in cues.within("metrics", lo, hi)} - {"price"}
        if not between:
            return False
        clause_start, _ = self.index.clause(first.start, self.start, self.end)
        before = [v for _, _, v in cues.within("metrics", clause_start, first.start) if v != "price"]
        return bool(before) and any(v != before[-1] for v in between)

    def whole(self, figure: Figure) -> list[Subject]:
        """The product or sector a share is of: "took 66.5pc of the country's copper", "el 81% de la
        agroexportación", "42% of non-traditional shipments"."""
        doc = self.index.doc
        if figure.kind != "percent" or not figure.share or figure.end >= len(doc):
            return []
        if not (self.index.cues.starting_at("share_after", figure.end, 0) or doc[figure.end].lower_ in ("of", "de", "del")):
            return []
        stop = figure.end + 1
        while stop < min(figure.end + 7, self.end) and doc[stop].text not in ",;()":
            stop += 1
        found = [s for s in self.index.subjects(figure.end, stop) if s.role in ("product", "sector")][:1]
        return [replace(s, whole=True) for s in found]

    def whole_end(self, figure: Figure) -> int:
        whole = self.whole(figure)
        return whole[0].end if whole else figure.end

    def _subject_between(self, lo: int, hi: int) -> bool:
        return any(s.role not in ("unnamed", "org") and s.kind != "demonym" for s in self.index.subjects(lo, hi))

    def figure_between(self, lo: int, hi: int) -> bool:
        return self._figure_between(lo, hi)

    def _figure_between(self, lo: int, hi: int, besides: list[Figure] = ()) -> bool:
        """Whether a figure of the sentence (other than ``besides``) lies within tokens ``lo``..``hi``."""
        i = bisect_left(self.starts, lo)
        while i < len(self.figures) and self.figures[i].start < hi:
            figure = self.figures[i]
            if figure.end <= hi and figure not in besides:
                return True
            i += 1
        return False


def _trailing_series(index: DocumentIndex, listed: list[Figure]) -> list[Figure]:
    """The last figures before "respectively" that form one coordinated series ("X, Y and Z")."""
    series: list[Figure] = []
    for figure in reversed(listed):
        if series:
            gap = index.doc[figure.group_end : series[-1].start]
            if len(gap) > 4 or not all(t.is_punct or t.lower_ in _JOINERS or t.lower_ in ("percent", "por", "ciento")
                                       or t.text == "%" for t in gap):
                break
        series.append(figure)
    return series[::-1]


def _around(figures: list[Figure], figure: Figure, reach: int = _AROUND) -> list[Figure]:
    """The figures (sorted by start) that start within ``reach`` tokens of ``figure``."""
    lo = bisect_left(figures, figure.start - reach, key=lambda f: f.start)
    hi = bisect_right(figures, figure.end + reach, key=lambda f: f.start)
    return figures[lo:hi]
