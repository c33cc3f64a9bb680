"""Stage 4: fill a statement's slots, in one documented order of precedence.

For every slot the first source that settles it wins:

1. **the statement itself**: a subject paired with it ("respectively", "each"), the subjects of its
   own segment (since the figure before it), a subject right after it ("a China", "of the
   country's copper"), then the subjects of its clause;
2. **anaphora**: "its"/"sus" (the previous statement's flow), "esta cifra"/"the figure" (all its
   subjects), "the sector", "la región", "ese mercado";
3. **the passage**: the breakdown's qualifier ("Los otros sectores fueron la pesca" under
   traditional exports is fishing-traditional), its metric, its period;
4. **the report**: what the headline's flow is of (its product, sector and partner, unless the
   statement says "total"), whose flows the article reports;
5. **defaults**: exports, the home country.

The metric comes from the nearest metric word of the clause (a unit price is always ``price``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from extractors.fact import Fact
from extractors.facts.binding import Binder
from extractors.facts.discourse import Discourse, Topic
from extractors.facts.document import REACH, DocumentIndex, Subject
from extractors.facts.figures import Figure, select_figures
from extractors.periods import Period, PeriodExpression

_HUNDRED = Decimal(100)
_JOINERS = frozenset({"y", "and", "e", "o", "or", "while", "mientras"})
_SUBJECT_ROLES = ("flow_of", "country", "product", "partner", "org")
_ITEM_OPENERS = frozenset({"(", ":", "with", "con"})


@dataclass
class Statement:
    """One frame's worth of figures with what fills its slots."""

    figure: Figure
    subjects: list[Subject]
    clause: tuple[int, int]
    paired: bool = False  # by "respectively" or "each": the subject is settled
    expression: PeriodExpression | None = None  # its own period expression, once linked


class SentenceLinker:
    """Turns the statements of one sentence into frames, reading and updating the discourse."""

    def __init__(self, index: DocumentIndex, discourse: Discourse, sentence: int):
        self.index, self.discourse, self.sentence = index, discourse, sentence
        self.start, self.end = index.sentences[sentence]
        self.cues = index.cues
        self.rules = index.rules

    def link(self) -> list[Fact]:
        figures = select_figures(self.index, self.start, self.end)
        sentence_subjects = self.index.subjects(self.start, self.end)
        self.discourse.note_qualifier(self.sentence, self._qualifiers(sentence_subjects))
        if not figures:
            self._note_figureless(sentence_subjects)
            return []
        self.binder = Binder(self.index, figures, self.start, self.end)
        anchors = self.binder.bind()
        facts: list[Fact] = []
        previous: Statement | None = None
        previous_end = self.start
        main_period: Period | None = None
        for i, figure in enumerate(anchors):
            next_start = anchors[i + 1].start if i + 1 < len(anchors) else self.end
            for statement in self._statements(figure, previous_end, previous):
                new = self._frame(statement, main_period)
                if new:
                    facts.extend(new)
                    if not figure.base and main_period is None and new[0].period_start is not None:
                        main_period = Period(new[0].period_start, new[0].period_end)
                previous = statement
            if not figure.opens_change:  # "pasaron de US$ 2 millones a US$ 9 millones": one subject for both
                previous_end = self._end_before(figure, next_start)
        self.discourse.note_subjects(sentence_subjects)
        self.discourse.note_years(self.start, self.end)
        self.discourse.passage.topic = None
        return facts

    # -- statements and their subjects ------------------------------------------------------------
    def _statements(self, figure: Figure, previous_end: int, previous: Statement | None) -> list[Statement]:
        clause = self.index.clause(figure.start, self.start, self.end)
        if figure in self.binder.paired:
            return [Statement(figure, [self.binder.paired[figure]], clause, paired=True)]
        segment_start = max(previous_end, clause[0])
        own = self._own_subjects(segment_start, figure.start) + self._subjects_after(figure, clause[1])
        named = [s for s in own if s.role in _SUBJECT_ROLES or s.role == "sector"]
        if self.cues.any("each", figure.start - 3, figure.group_end + 3):
            run = _trailing_run([s for s in named if s.role in ("flow_of", "country", "product")])
            if len(run) > 1:
                return [Statement(figure, [subject], clause, paired=True) for subject in run]
        if self._coordinated(named, figure) or self.cues.any("together", max(clause[0], figure.start - 10), figure.start):
            return []  # "Lima y Callao (9,7%)", "Taken together, they made up 54%": one figure for several subjects
        if any(s.role == "unnamed" for s in own[-1:]) or self._joined_to_unnamed(own) or (
                not named and self._unnamed_item(figure, segment_start)):
            return []  # "La selva lideró con 35%", "Planta Beneficio (US$ 890 millones)": no id for the subject
        subjects = [s for s in own if s.role != "unnamed"]
        if not subjects and figure.base and previous is not None:
            subjects = previous.subjects
        elif not subjects and previous is not None and self._period_series(figure, segment_start, previous):
            subjects = previous.subjects  # "US$ 11 millones y en 2024 cerró con US$ 59 millones": same subject, next period
        elif not subjects:
            subjects = self._clause_subjects(clause[0], figure, previous_end)
        return [Statement(figure, subjects, clause)]

    def _joined_to_unnamed(self, own: list[Subject]) -> bool:
        """ "plásticos y sus manufacturas (39,3 %)": a named subject coordinated with one the key cannot name."""
        for first, second in zip(own, own[1:]):
            if "unnamed" in (first.role, second.role):
                between = self.index.doc[first.end : second.start]
                if len(between) <= 2 and any(t.lower_ in ("y", "and", "e", "&") for t in between):
                    return True
                if first.role == "unnamed" and self.cues.ending_at("examples", second.start, 2):
                    return True  # "El grupo de otros sectores, que incluye el oro no monetario, cayó 50,9 %"
        return False

    def _period_series(self, figure: Figure, segment_start: int, previous: Statement) -> bool:
        """A figure that only changes the period of the one before: "247.9 million dollars in 2016, 214.0
        million in 2017", "rose 25% in 2016 and decreased by -7% in 2017"."""
        if previous.paired or not previous.subjects or previous.figure.kind != figure.kind or previous.expression is None:
            return False
        end = figure.group_end
        for s, _, expression in self.index.periods_in(segment_start, end + 4):
            if expression.comparison or (figure.start <= s < end):
                continue
            if s < figure.start or s <= end + 3:
                return (expression.year, expression.first_month, expression.last_month, expression.kind) != (
                    previous.expression.year, previous.expression.first_month, previous.expression.last_month,
                    previous.expression.kind)
        return False

    def _own_subjects(self, start: int, end: int) -> list[Subject]:
        """Subjects of a figure's segment: a demonym right after a region or group describes it ("las
        mipymes peruanas"), and "national" counts only where no other flow is named."""
        kept: list[Subject] = []
        for subject in self.index.subjects(start, end):
            if subject.kind == "demonym" and kept and kept[-1].role == "flow_of" and subject.start - kept[-1].end <= 1:
                continue
            kept.append(subject)
        if any(s.role == "flow_of" and s.kind != "national" for s in kept):
            kept = [s for s in kept if s.kind != "national"]
        return kept

    def _clause_subjects(self, clause_start: int, figure: Figure, previous_end: int) -> list[Subject]:
        """A figure with nothing named since the figure before it: the clause's flow and partner, but not
        the products or sectors of the list before it ("..., y uva (37 %), y acumuló US$ 1 031,8 millones")."""
        subjects = self._own_subjects(clause_start, figure.start)
        if previous_end > clause_start and previous_end > self.start:
            subjects = [s for s in subjects if s.role in ("flow_of", "country")]
        return subjects

    def _subjects_after(self, figure: Figure, clause_end: int) -> list[Subject]:
        """A subject named right after the figure: the whole of a share ("66.5pc of the country's copper"),
        a destination ("US$63,366 millones a ese mercado", "$2 billion to China"), or after a cue
        ("de ellos 4.190 millones correspondieron al cobre")."""
        end = figure.group_end
        whole = self.binder.whole(figure)
        if whole:
            return [s for s in whole if s.end <= clause_end]
        if self.cues.starting_at("partner_before", end, 1):
            after = self.index.subjects(end, min(end + 5, clause_end))
            partners = [s for s in after if s.role == "country"]
            if partners and not self.binder.figure_between(end, partners[0].start):
                return partners[:1]
            if self.cues.within("partner_anaphora", end, min(end + 5, clause_end)) and self.discourse.passage.partner:
                s, e, _ = self.cues.within("partner_anaphora", end, min(end + 5, clause_end))[0]
                return [Subject("partner", self.discourse.passage.partner, s, e, kind="anaphora")]
        if not self.cues.starting_at("subject_after", end, 1):
            return []
        return self.index.subjects(end, min(end + 8, clause_end))[:1]

    def _coordinated(self, subjects: list[Subject], figure: Figure) -> bool:
        """Two or more regions, countries or products joined by "y"/"and"/"," right before one figure."""
        near = [s for s in subjects if s.kind in ("REGION", "COUNTRY", "PRODUCT") and s.end <= figure.start]
        if len(near) < 2:
            return False
        last, before = near[-1], near[-2]
        between = self.index.doc[before.end : last.start]
        tail = self.index.doc[last.end : figure.start]
        joined = 1 <= len(between) <= 2 and all(t.is_punct or t.lower_ in ("y", "and", "e", "&") for t in between)
        if not joined or before.kind != last.kind:
            return False
        # "Lima y Callao (9,7%)", "China, EE.UU. y Japón, que sumaron el 68%": nothing else named before the figure
        return len(tail) <= 20 and not any(t.text in ";" for t in tail) and not any(
            s.start >= last.end for s in subjects if s.role != "unnamed")

    def _unnamed_item(self, figure: Figure, segment_start: int) -> bool:
        """A list item whose name the gazetteers do not know: "frozen fish (30.1%)", "Equipamiento Minero
        (US$ 712 millones)", "6. Wood: ..." — a bracket or colon right before the figure, after words that
        no entity, cue or period covers."""
        start = figure.start
        doc = self.index.doc
        if start == 0 or doc[start - 1].text not in _ITEM_OPENERS:
            return False
        item_start = start - 1
        while item_start > segment_start and doc[item_start - 1].text not in ",;()" and \
                doc[item_start - 1].lower_ not in _JOINERS and start - item_start < 8:
            item_start -= 1
        if self.cues.any("metrics", item_start, start - 1) or self.cues.any("sectors", item_start, start - 1):
            return False  # "mejores precios internacionales (+10,4%)": a measure, not a thing
        return bool(self.index.words_outside_names(item_start, start - 1))

    def _end_before(self, figure: Figure, limit: int) -> int:
        """Where a figure's group ends before the next figure (amounts paired "respectively" may come later)."""
        return max([figure.end] + [j.end for j in figure.joined if j.end <= limit])

    def _qualifiers(self, subjects: list[Subject]) -> set[str]:
        return {s.value for s in subjects if s.role == "sector" and s.value in self.rules.qualified}

    def _note_figureless(self, subjects: list[Subject]) -> None:
        """What a sentence without figures is about carries to the next figures without subjects
        ("Non-traditional fishery exports also grew strongly. The sector's shipments rose 42.3%")."""
        topic = _topic_of(subjects, self.index)
        metrics = [v for _, _, v in self.cues.within("metrics", self.start, self.end) if v != "price"]
        about_flow = bool(metrics) or any(s.role == "sector" for s in subjects)
        named = topic.sector or topic.product or topic.flow_of
        self.discourse.passage.topic = topic if (named and about_flow) else None
        if named and about_flow:
            self.discourse.note_statement(replace_topic(topic, metric=metrics[0] if metrics else None))
        elif metrics and metrics[0] in ("investment", "production"):
            self.discourse.passage.metric = metrics[0]
        self.discourse.note_subjects(subjects)
        self.discourse.note_years(self.start, self.end)

    # -- one frame --------------------------------------------------------------------------------
    def _frame(self, statement: Statement, main_period: Period | None) -> list[Fact]:
        figure = statement.figure
        members = [figure] + figure.joined
        clause_start, clause_end = statement.clause
        value = currency = change = share = None
        for member in members:
            mention = member.mention
            if mention.kind == "money":
                value, currency = mention.value, mention.currency
                if self.cues.any("negative_value", max(clause_start, member.start - 8), member.start) and value > 0:
                    value = -value
            elif member.share or (mention.kind == "percent" and self.binder.is_share(member)):
                share = share if share is not None else mention.value
            elif change is None:
                change = self._signed(member, clause_start)
        if share is not None and not Decimal(0) <= share <= _HUNDRED:
            share = None
        if value is None and change is None and share is None:
            return []
        topic = self._slots(statement)
        metric = "price" if figure.unit_price else self._metric(figure, clause_start, clause_end)
        if metric in ("trade_balance", "trade"):
            topic = replace_topic(topic, sector=None, product=None) if not topic.sector or metric == "trade" else topic
        projection = self.cues.any("projection", clause_start, clause_end)
        expression, period = self._period(figure, main_period, projection, clause_start, clause_end)
        statement.expression = expression
        passage_period = self.discourse.passage.period
        if figure.base and period is not None and main_period is not None and period == main_period:
            period = main_period if self._revision(clause_start, clause_end) else main_period.shifted(-1)
        used = sorted({m.index for m in members} | {s.mention for s in statement.subjects if s.mention is not None})
        fact = Fact(
            metric=metric, flow_of=topic.flow_of or self.discourse.report.flow, partner=topic.partner,
            sector=topic.sector if not topic.product else None, product=topic.product,
            period_start=period.start if period else None, period_end=period.end if period else None,
            value=value, currency=currency, change_pct=change, share_pct=share, mentions=tuple(used),
            projection=projection, unit_price=figure.unit_price, sentence_idx=self.sentence,
            rule="facts:" + "+".join(m.kind for m in members) + (":base" if figure.base else ""),
        )
        if not figure.base:
            self.discourse.settle(expression, period, projection=projection,
                                  alone=self.cues.any("alone", max(clause_start, figure.start - 8), figure.start))
            self.discourse.note_statement(Topic(metric, fact.flow_of, fact.partner, fact.sector, fact.product),
                                          self.index.paragraph_of[self.sentence])
        if (value is not None and change is not None and expression is not None and expression.kind == "year"
                and period is not None and passage_period is not None and period.end < passage_period.start and not projection):
            # "En 2023, el valor exportado fue de US$ 2 411 millones, lo que representa un incremento del 18,1 %":
            # the level is the earlier year's, the growth the passage's (guide §4 "Binding")
            growth = tuple(sorted(set(used) - {m.index for m in members if m.mention.kind == "money"}))
            return [replace(fact, change_pct=None, share_pct=None, rule="facts:earlier-level"),
                    replace(fact, value=None, currency=None, period_start=passage_period.start,
                            period_end=passage_period.end, mentions=growth, rule="facts:passage-growth")]
        return [fact]

    def _revision(self, clause_start: int, clause_end: int) -> bool:
        """ "elevó su proyección de crecimiento del PBI para 2025 de 3,1% a 3,2%": the earlier estimate is
        of the same period."""
        return self.cues.any("projection", clause_start, clause_end)

    def _slots(self, statement: Statement) -> Topic:
        """Fill flow_of, partner, sector and product in the documented order of precedence."""
        figure = statement.figure
        report, passage = self.discourse.report, self.discourse.passage
        home = self.rules.home_country
        subjects = statement.subjects
        clause_start = statement.clause[0]
        before = self.index.subjects(max(self.start, figure.start - REACH), figure.start)
        both = len({s.value for s in subjects if s.role == "sector" and s.value in self.rules.qualified}) > 1
        slots: dict[str, str] = {}
        owner_named = False  # "las exportaciones peruanas": the report flow's own total
        # 1. the statement itself, nearest first
        for subject in reversed(subjects):
            role, value = subject.role, subject.value
            if role == "org":
                if not self._item_subject(subject, figure):
                    continue
                role = "flow_of"
            if role == "sector" and both and value in self.rules.qualified:
                continue  # "tradicionales y no tradicionales": the whole sector
            if role == "country":
                role = self._country_role(subject, figure)
                if role is None:
                    continue
                owner_named = owner_named or (role == "flow_of" and value == report.flow)
            slots.setdefault(role, value)
        # 2. anaphora
        window = (max(clause_start, figure.start - 12), figure.start)
        if self.cues.any("sector_anaphora", clause_start, figure.start) and not ({"sector", "product"} & slots.keys()):
            if passage.sector:
                slots["sector"] = passage.sector
        if self.cues.any("region_anaphora", clause_start, figure.start) and "flow_of" not in slots and passage.region:
            slots["flow_of"] = passage.region
        if self.cues.any("partner_anaphora", *window) and "partner" not in slots and passage.partner:
            slots["partner"] = passage.partner
        if self.cues.any("subject_anaphora", *window) and not statement.paired:
            previous = passage.subjects
            if previous.flow_of and "flow_of" not in slots:
                slots["flow_of"] = previous.flow_of
            if previous.partner and "partner" not in slots:
                slots["partner"] = previous.partner
            if not ({"sector", "product"} & slots.keys()) and self._whole_anaphora(window):
                if previous.product:
                    slots["product"] = previous.product
                elif previous.sector:
                    slots["sector"] = previous.sector
        if not subjects and passage.topic is not None and not statement.paired:
            # "La agroexportación peruana mantuvo un crecimiento sólido. Entre enero y noviembre, aumentó 18,5%"
            for slot in ("flow_of", "sector", "product"):
                value = getattr(passage.topic, slot)
                if value and slot not in slots and not (slot == "sector" and "product" in slots):
                    slots[slot] = value
        # 3. the sentence and the passage: their region or place, the breakdown's qualifier and total
        if "flow_of" not in slots and not owner_named:
            flow = self._sentence_flow() or self._passage_flow()
            if flow:
                slots["flow_of"] = flow
        slots = self._qualify(slots, subjects + before)
        total = self.cues.any("total", max(clause_start, figure.start - 10), figure.start)
        flow = slots.get("flow_of", report.flow)
        if "partner" in slots and not ({"sector", "product"} & slots.keys()) and passage.total is not None \
                and (passage.total.flow_of or report.flow) == flow and not total:
            # "Los principales mercados fueron EE.UU. (US$ 2 260 696 000)": the total's sector
            if passage.total.sector:
                slots["sector"] = passage.total.sector
        # 4. the report: the headline's subject, unless the statement is about a total or another flow
        if not total and flow == report.flow and not statement.paired:
            if not ({"sector", "product"} & slots.keys()):
                if report.topic.product:
                    slots["product"] = report.topic.product
                elif report.topic.sector:
                    slots["sector"] = report.topic.sector
            if "partner" not in slots and report.topic.partner and not owner_named:
                slots["partner"] = report.topic.partner
        if slots.get("partner") in (home, report.flow) and report.topic.partner and slots.get("flow_of") in (None, home, report.flow):
            # "With imports from Peru up 36 percent" in an article about China: China's imports from Peru
            slots["flow_of"], slots["partner"] = report.topic.partner, slots["partner"]
        if slots.get("partner") == slots.get("flow_of", report.flow):
            slots.pop("partner")
        return Topic(None, slots.get("flow_of"), slots.get("partner"), slots.get("sector"), slots.get("product"))

    def _sentence_flow(self) -> str | None:
        """The one region or place whose flow the sentence names: its products and markets are that flow's
        ("los mayores envíos de cobre (+178 %) y molibdeno (+92 %) llevaron a Moquegua a acumular ...")."""
        flows = {s.value for s in self.index.subjects(self.start, self.end)
                 if s.role == "flow_of" and s.kind in ("REGION", "PLACE")}
        if self.cues.any("region_anaphora", self.start, self.end) and self.discourse.passage.region:
            flows.add(self.discourse.passage.region)
        return flows.pop() if len(flows) == 1 else None

    def _passage_flow(self) -> str | None:
        """The region or place of the paragraph's latest statement: "Los envíos de Arequipa (US$ 1,111
        millones 653 mil) subieron 12%. El cobre concentró el 59%"."""
        passage = self.discourse.passage
        if passage.flow and passage.flow_paragraph == self.index.paragraph_of[self.sentence]:
            return passage.flow
        return None

    def _whole_anaphora(self, window: tuple[int, int]) -> bool:
        """ "esta cifra", "the figure", "these purchases", "their value": the previous statement's whole
        subject, not only its owner (as "its"/"sus" is)."""
        return any(v == "whole" for _, _, v in self.cues.within("subject_anaphora", *window)) or any(
            self.index.doc[s].lower_ not in ("its", "their", "sus", "su") for s, _, _ in self.cues.within("subject_anaphora", *window))

    def _item_subject(self, subject: Subject, figure: Figure) -> bool:
        """An organisation is a flow only as the item right before its figure ("Marcobre (US$ 575.4
        millones)", "Southern Copper (16.9%)"): elsewhere it is a source ("according to Adex")."""
        gap = self.index.doc[subject.end : figure.start]
        return len(gap) <= 4 and all(t.is_punct or t.lower_ in ("with", "con", "at", "en", "el", "the", "de") for t in gap)

    def _country_role(self, subject: Subject, figure: Figure) -> str | None:
        """Whether a country (or world region) is the flow's owner or its partner: a destination or origin
        word before it makes a partner ("to China", "a ese mercado", "destino"), a possessive or a demonym
        the owner ("Chile's", "chilenas", "de Chile" after a flow word); the article's own country is the
        owner; any other country is a partner of the article's flow."""
        report = self.discourse.report
        home = self.rules.home_country
        value = subject.value
        if subject.kind == "demonym":
            return "flow_of"
        if self.cues.ending_at("partner_before", subject.start, 1):
            return "partner" if value != report.flow or value == home and report.topic.partner else "flow_of"
        if value == report.flow:
            return "flow_of"
        if self.cues.ending_at("owner_before", subject.start, 0):
            return "flow_of"
        if value == home:
            return "flow_of"
        return "partner"

    def _qualify(self, slots: dict[str, str], nearby: list[Subject]) -> dict[str, str]:
        """A sector under traditional or non-traditional exports keeps the qualifier: one named earlier in
        the sentence, or the passage's breakdown (guide §4 "sector"); a bare qualifier in an article about
        one sector is that sector's ("non-traditional goods" in a farm-exports article is agroindustry)."""
        sector = slots.get("sector")
        qualified = self.rules.qualified
        if sector is None:
            return slots
        named = {s.value for s in nearby if s.role == "sector" and s.value in qualified}
        if len(named) > 1:
            return slots
        if sector in qualified:
            topic_sector = self.discourse.report.topic.sector
            if topic_sector and topic_sector in qualified[sector] and "product" not in slots:
                slots["sector"] = qualified[sector][topic_sector]
            return slots
        passage = self.discourse.passage
        qualifier = next(iter(named)) if named else None
        if qualifier is None and passage.qualifier and passage.qualifier_sentence < self.sentence:
            qualifier = passage.qualifier
        if qualifier and sector in qualified.get(qualifier, {}):
            slots["sector"] = qualified[qualifier][sector]
        return slots

    def _metric(self, figure: Figure, clause_start: int, clause_end: int) -> str:
        """The nearest metric word: after a share ("20% of export value"), before the figure in its
        clause, anywhere in the clause; else the passage's metric; else exports."""
        cues = self.cues
        after = cues.within("metrics", figure.end, min(figure.end + 6, clause_end))
        if after and figure.kind == "percent" and cues.starting_at("share_after", figure.end, 0):
            return after[0][2]
        before = [c for c in cues.within("metrics", clause_start, figure.start) if c[2] != "price" or figure.start - c[1] <= 6]
        if before:
            return before[-1][2]
        anywhere = [c for c in cues.within("metrics", clause_start, clause_end) if c[2] != "price"]
        if anywhere:
            return anywhere[0][2]
        sentence_cues = [c for c in cues.within("metrics", self.start, self.end) if c[2] != "price"]
        if sentence_cues:
            return sentence_cues[0][2]
        passage_metric = self.discourse.passage.metric
        if passage_metric in ("investment", "production"):
            return passage_metric  # "These were the most prominent investments: Antamina ...: 247.9 million dollars"
        report_metric = self.discourse.report.topic.metric
        return report_metric if report_metric in ("exports", "imports", "investment", "production") else "exports"

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

    # -- periods ----------------------------------------------------------------------------------
    def _period(self, figure: Figure, main_period: Period | None, projection: bool,
                clause_start: int, clause_end: int) -> tuple[PeriodExpression | None, Period | None]:
        """The statement's own period expression and its span; a base's is its comparison period."""
        discourse = self.discourse
        members_end = figure.group_end
        periods = self.index.periods_in(self.start, self.end)
        if figure.base:
            expression = None
            for s, e, candidate in periods:
                if members_end <= s <= members_end + 4 or figure.start - 10 <= s < figure.start:
                    if expression is None or abs(s - members_end) < abs(expression[0] - members_end):
                        expression = (s, candidate)
            own = expression[1] if expression else None
            return None, discourse.period_of_base(own, main_period, self._revision(clause_start, clause_end))
        candidates = []
        base_ends = [f.group_end for f in self.binder.figures if f.base]
        previous_end = max([f.group_end for f in self.binder.figures if f.group_end <= figure.start] + [clause_start])
        segment_start = max(clause_start, previous_end)
        doc = self.index.doc
        for s, e, expression in periods:
            if expression.comparison or expression in discourse.claimed or any(0 <= s - b <= 4 for b in base_ends):
                continue
            if members_end <= s <= members_end + 2 and all(t.is_alpha and t.lower_ not in _JOINERS for t in doc[members_end:s]):
                candidates.append((0, expression))  # "US$ 2 millones en 2023", "$14.7 billion recorded in 2006"
            elif segment_start <= s < figure.start:
                candidates.append((1 + figure.start - e, expression))
            elif clause_start <= s < figure.start:
                candidates.append((50 + figure.start - e, expression))
            elif members_end <= s <= members_end + 5 and not self.binder.figure_between(members_end, s):
                candidates.append((60, expression))
            elif self.start <= s and not (s > members_end and any(t.text in ":;" for t in doc[members_end:s])):
                candidates.append((100 + abs(s - figure.start), expression))  # the sentence's period
        own = [c for c in candidates if c[0] < 100]
        if not own and self.cues.any("timeless", clause_start, clause_end):
            return None, None  # "Mining represents around 9pc of GDP": background, no period
        if not candidates:
            return None, discourse.period_of(None, projection, False)
        expression = min(candidates, key=lambda c: c[0])[1]
        whole_year = self.cues.any("whole_year", max(clause_start, figure.start - 12), clause_end)
        return expression, discourse.period_of(expression, projection, whole_year)


def _trailing_run(subjects: list[Subject]) -> list[Subject]:
    """The last subjects of one kind in a row: "las regiones ..., lideradas por Apurímac y Puno" -> both."""
    run: list[Subject] = []
    for subject in reversed(subjects):
        if run and subject.kind != run[-1].kind:
            break
        run.append(subject)
    return run[::-1]


def _topic_of(subjects: list[Subject], index: DocumentIndex) -> Topic:
    """What a sentence without figures is about: its first flow, sector and product, unless the first is
    coordinated with another of its kind ("las exportaciones de piña y banano")."""
    def first(role: str, kinds=None) -> str | None:
        found = [s for s in subjects if s.role == role and (kinds is None or s.kind in kinds)]
        if not found:
            return None
        if len(found) > 1:
            between = index.doc[found[0].end : found[1].start]
            if len(between) <= 2 and all(t.is_punct or t.lower_ in ("y", "and", "e", "o", "or") for t in between):
                return None
        return found[0].value
    flow = first("flow_of", ("REGION", "PLACE", "group")) or first("country", ("demonym",))
    return Topic(None, flow, None, first("sector"), first("product"))


def replace_topic(topic: Topic, **changes) -> Topic:
    from dataclasses import replace

    return replace(topic, **changes)


def unused(_: date) -> None:  # pragma: no cover - keeps the date import for type checkers
    return None
