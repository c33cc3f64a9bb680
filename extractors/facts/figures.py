"""Stage 1: which money and percent mentions of a sentence are frame figures (annotation guide §4).

A figure is dropped when it is a percentage point, one end of a range, an amount repeated in a
second currency, a difference ("US$ 150 millones más", "se redujo en US$ 838 millones"), or when
its clause is about finance, counts or volumes. A money amount followed by a unit ("per
kilogram", "/mt", "por libra") is kept as a unit price.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.facts.document import DocumentIndex
from extractors.mention import Mention

_NEAR_BEFORE, _NEAR_AFTER = 6, 3  # tokens around a figure where a count word ("firms", "jobs") makes it no frame
_TO_WORDS = frozenset({"to", "a", "hasta", "at", "of", "de", "en", "in", "por", "for", "with", "con"})


@dataclass(eq=False)
class Figure:
    """A money or percent mention inside a sentence, with what the later stages decide about it."""

    index: int  # index of the mention in the document's mention list
    mention: Mention
    start: int  # token offsets
    end: int
    unit_price: bool = False
    base: bool = False  # a comparison base: a frame of its own, in the base period
    opens_change: bool = False  # the base of "de X a Y" / "from X to Y": the next figure's subject is its
    share: bool = False  # a percent that is a share of a whole (else a change)
    listed_share: bool = False  # a share by the list it continues ("followed by the Netherlands (14%)")
    joined: list[Figure] = field(default_factory=list)  # figures bound to this one into one statement
    used: bool = False  # bound to another figure
    repeat_end: int = 0  # end of the same amount repeated in another currency, "(EUR 1.06 billion)"
    addend: Figure | None = None  # the rest of an amount written in two parts ("$638 million and $581,000")
    whole_amount: bool = False  # the amount of the whole a share is of ("el 1.9% de lo exportado (US$ 4 mil 727 millones)")

    def __post_init__(self) -> None:
        self.kind = self.mention.kind  # "money" or "percent"

    @property
    def group_end(self) -> int:
        return max([self.end, self.repeat_end, self.addend.end if self.addend else 0] + [j.end for j in self.joined])

    @property
    def value(self):
        """The amount, with the rest of an amount written in two parts added."""
        return self.mention.value + (self.addend.mention.value if self.addend else 0)


def select_figures(index: DocumentIndex, start: int, end: int) -> list[Figure]:
    """The frame figures of the sentence spanning tokens ``start``..``end``, in text order."""
    cues = index.cues
    candidates = [Figure(i, m, s, e) for s, e, i, m in index.figures_in(start, end)
                  if m.value is not None and m.unit != "pp"]
    if candidates and cues.any("finance", start, end):
        return []  # "financing ... tripled, from S/5,000 to S/15,000 million": no trade flow here
    kept = []
    for i, figure in enumerate(candidates):
        previous = candidates[i - 1] if i else None
        following = candidates[i + 1] if i + 1 < len(candidates) else None
        if _is_range(index, previous, figure) or _is_range(index, figure, following):
            continue
        if previous is not None and kept and kept[-1] is previous and _continues_amount(index, previous, figure):
            previous.addend = figure  # "$638 million and $581,000": one amount written in two parts (guide §4)
            continue
        if previous is not None and _repeats_in_currency(index, previous, figure):
            if kept and kept[-1] is previous:
                previous.repeat_end = figure.end + (index.doc[figure.end].text == ")" if figure.end < len(index.doc) else 0)
            continue  # "USD 1.28 billion (EUR 1.06 billion)": one amount in two currencies
        clause_start, clause_end = index.clause(figure.start, start, end)
        near = (max(clause_start, figure.start - _NEAR_BEFORE), min(clause_end, figure.end + _NEAR_AFTER))
        if cues.any("not_frame", *near):
            continue
        if figure.kind == "money":
            if _is_difference(index, figure):
                continue
            figure.unit_price = cues.starting_at("unit_price", figure.end, 1)
            priced = figure.unit_price or cues.any("unit_price", clause_start, figure.start)
            if priced and cues.any("world_price", start, end):
                continue  # "The price per tonne, quoted on the New York and London exchanges, came close to US$12,000"
        if figure.kind == "percent" and _is_volume(index, figure, clause_start, clause_end):
            continue
        if figure.kind == "percent" and cues.starting_at("per_year", figure.end, 0):
            continue  # "grown more than 3% a year in recent years"
        if figure.kind == "percent" and _against_average(index, figure, clause_end):
            continue  # "down by 56pc from the January-November 2021 average"
        kept.append(figure)
    return kept


def _is_range(index: DocumentIndex, first: Figure | None, second: Figure | None) -> bool:
    """Two figures of one kind joined by "to" or a dash: "10 to 12 percent", "2.5%-3%"; but "from $5.5
    billion to $6 billion" is a change from a base, and "29.5% and 257.5%, respectively" a pairing."""
    if first is None or second is None or first.kind != second.kind:
        return False
    if second.start - first.end != 1:
        return False
    joiner = index.doc[first.end].lower_
    if not index.cues.any("range_joins", first.end, second.start):
        # "entre 13% y 57%", "between US$ 1.2 and 1.5 billion"; "el 55% y 60% de las exportaciones"
        if joiner not in ("y", "and"):
            return False
        if first.start > 0 and index.doc[first.start - 1].lower_ in ("entre", "between"):
            return True
        return first.kind == "percent" and not index.cues.any("respectively", second.end, second.end + 12) \
            and not index.periods_in(second.end, second.end + 3) and _bare_pair_after(index, second)
    if index.cues.ending_at("base", first.start, 1):
        return False
    if first.start and index.doc[first.start - 1].lower_ in ("de", "from") and (
            index.cues.any("up", max(first.start - 10, 0), first.start) or index.cues.any("down", max(first.start - 10, 0), first.start)):
        return False  # "elevó su proyección ... de 3,1% a 3,2%": a change from one figure to another
    return not index.cues.any("respectively", second.end, second.end + 8)


def _continues_amount(index: DocumentIndex, first: Figure, second: Figure) -> bool:
    """ "$638 million and $581,000", "$215 million and $300,000": the second part is below the first's scale."""
    if first.kind != "money" or second.kind != "money" or first.mention.currency != second.mention.currency:
        return False
    between = index.doc[first.end : second.start]
    if len(between) != 1 or between[0].lower_ not in ("and", "y"):
        return False
    a, b = abs(first.mention.value), abs(second.mention.value)
    return a >= 1_000_000 and 0 < b < 1_000_000 and a % 1_000_000 == 0


def _bare_pair_after(index: DocumentIndex, second: Figure) -> bool:
    """ "el 55% y 60% de las exportaciones": two rates of one whole, with nothing that tells them apart."""
    doc = index.doc
    return second.end < len(doc) and doc[second.end].lower_ in ("de", "of", "del")


def _repeats_in_currency(index: DocumentIndex, first: Figure, second: Figure) -> bool:
    between = index.doc[first.end : second.start]
    return (first.kind == second.kind == "money" and len(between) <= 1 and any(t.text == "(" for t in between)
            and first.mention.currency != second.mention.currency)


def _is_difference(index: DocumentIndex, figure: Figure) -> bool:
    """An amount by which something changed, not a level: "US$ 150 millones más", "US$ 5,681 million
    more", "se redujo en US$ 838 millones", "increased by US$ 5 million", "cayó US$ 4,589 millones"."""
    cues, doc = index.cues, index.doc
    if cues.starting_at("difference", figure.end, 0) or cues.ending_at("difference_before", figure.start, 0):
        return True
    before = figure.start - 1
    if before < 0:
        return False
    if doc[before].lower_ in ("en", "by"):
        return cues.ending_at("up", before, 2) or cues.ending_at("down", before, 2)
    if not (cues.ending_at("up", figure.start, 0) or cues.ending_at("down", figure.start, 0)):
        return False
    # "cayó US$ 4,589 millones, a US$ 19,184 millones": a change by an amount, then the new level
    after = index.figures_in(figure.end, figure.end + 5)
    return bool(after) and after[0][3].kind == "money" and any(
        t.lower_ in ("to", "a", "hasta") for t in doc[figure.end : after[0][0]])


def _against_average(index: DocumentIndex, figure: Figure, clause_end: int) -> bool:
    doc = index.doc
    for token in doc[figure.end : min(figure.end + 3, clause_end)]:
        if token.lower_ in ("from", "than", "frente", "respecto", "sobre"):
            stop = token.i + 1
            while stop < min(token.i + 10, clause_end) and doc[stop].text not in ",;()":
                stop += 1
            if not index.cues.any("average_base", token.i, stop):
                return False
            # "down by 2.4pc from the 2020 average" compares two years; "from the January-November average" or
            # "the five-year average" is no change of one period
            spans = [p for _, _, p in index.periods_in(token.i, stop)]
            return not spans or any(p.kind != "year" for p in spans)
    return False


def _is_volume(index: DocumentIndex, figure: Figure, clause_start: int, clause_end: int) -> bool:
    """A percent that measures a volume, not a value (guide §4 "Not frames"): a volume word right after
    it ("10,7% en volumen"), or before it in its segment ("el volumen ... se desplomó un 59,5%"), or
    anywhere in a clause with no amount ("lift exports by 20 per cent by 2013, equivalent to roughly
    45,000 tonnes"). Production changes count whatever the unit ("landings rose 27.6%")."""
    cues = index.cues
    if not cues.within("volume", clause_start, clause_end):
        return False
    if any(s[2] == "production" for s in cues.within("metrics", clause_start, clause_end)):
        return False
    after = cues.within("volume", figure.end, min(figure.end + 3, clause_end))
    if after:
        return True
    if cues.within("in_value", figure.end, min(figure.end + 3, clause_end)):
        return False  # "155.70% in revenue"
    previous_end = max([e for s, e, _, m in index.figures_in(clause_start, figure.start)] + [clause_start])
    before = cues.within("volume", max(previous_end, figure.start - 10), figure.start)
    if before and not cues.within("in_value", before[-1][1], figure.start):
        return True
    money_in_clause = any(m.kind == "money" for _, _, _, m in index.figures_in(clause_start, clause_end))
    return not money_in_clause  # a bare rate in a clause about tonnes: "59% more than at the same point"
