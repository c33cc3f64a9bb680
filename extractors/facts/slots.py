"""Stage 4: fill a statement's slots, in one documented order of precedence.

For every slot the first source that settles it wins:

1. **the statement itself**: a subject paired with it ("respectively", "each", "A y B (X% y Y%)"),
   the subjects of its own segment (since the figure before it), a subject right after it ("a
   China", "of the country's copper", "30,686 millones de dólares no petroleras"), then the flow
   and partner of its clause; a region, place or company is a more specific flow than a demonym;
2. **anaphora**: "its"/"sus"/"esta cifra" (the previous statement's subjects), "the sector"/"ese
   grupo" (the last sector), "la región" (the last region), "ese mercado" (the last partner);
3. **the sentence and the passage**: the one region or place the sentence's statements name, the
   paragraph's region (its products follow it), the breakdown's qualifier (traditional or
   non-traditional), the sector of the total a breakdown by market follows, the subject of a
   sentence without figures that the statement continues;
4. **the report**: what the headline's flow is of (its product, sector and partner), unless the
   statement is about a total, a company or another metric;
5. **defaults**: the report's flow (the home country unless the article is another's).

The metric is the nearest metric word of the statement's segment, else of its clause, else the
passage's (investment, production), else the headline's; a unit price is always ``price``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from extractors.fact import Fact
from extractors.facts.binding import Binder
from extractors.facts.discourse import Discourse, Topic
from extractors.facts.document import REACH, DocumentIndex, Subject
from extractors.facts.figures import Figure, select_figures
from extractors.periods import Period, PeriodExpression

_HUNDRED = Decimal(100)
_JOINERS = frozenset({"y", "and", "e", "o", "or", "while", "mientras"})
_COORDINATORS = frozenset({"y", "and", "e", "&", "o", "or"})
_ARTICLES = frozenset({"el", "la", "los", "las", "the"})
_TRADE_PARTS = frozenset({"exports", "imports", "trade_balance"})
_SUBJECT_ROLES = ("flow_of", "country", "product", "partner", "org")
_ITEM_OPENERS = frozenset({"(", ":", "with", "con"})
_SPECIFIC_FLOWS = ("REGION", "PLACE", "ORG", "group")
_ASIDE_OPEN, _ASIDE_CLOSE = {"(": ")", "–": "–", "—": "—"}, {")", "–", "—"}


@dataclass
class Statement:
    """One frame's worth of figures with what fills its slots."""

    figure: Figure
    subjects: list[Subject]
    clause: tuple[int, int]
    paired: bool = False  # by "respectively" or "each": the subject is settled
    unnamed: bool = False  # about something the key cannot name: no frame, nor for what continues it
    metric: str | None = None  # the metric it was linked with
    continued: Statement | None = None  # the statement it continues (a base, a period series)
    key: tuple | None = None  # its subject slots, once filled
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
        self.binder = Binder(self.index, figures, self.start, self.end, self.discourse.passage.last_share)
        anchors = self.binder.bind()
        statements: list[Statement] = []
        previous: Statement | None = None
        previous_end = self.start
        for i, figure in enumerate(anchors):
            next_start = anchors[i + 1].start if i + 1 < len(anchors) else self.end
            prior = previous
            if figure.base and previous is not None and previous.figure.unit_price != figure.unit_price:
                # "$2.97 billion, or $57.86/mt, down from $3.69 billion": a total's base continues the total
                prior = next((st for st in reversed(statements) if st.figure.unit_price == figure.unit_price), previous)
            for statement in self._statements(figure, previous_end, prior):
                statements.append(statement)
                previous = statement
            if not figure.opens_change:  # "pasaron de US$ 2 millones a US$ 9 millones": one subject for both
                previous_end = self._end_before(figure, next_start)
                taken_after = [s.end for s in (previous.subjects if previous else []) if s.start >= figure.end and s.end <= next_start]
                if taken_after:  # "30,686 millones de dólares no petroleras y 1,908 millones de dólares petroleras"
                    previous_end = max(previous_end, max(taken_after))
        self.sentence_flows = {s.value for st in statements if not st.unnamed for s in st.subjects
                               if s.role == "flow_of" and s.kind in ("REGION", "PLACE") and not self.index.located(s)}
        facts: list[Fact] = []
        main_period: Period | None = None
        for statement in statements:
            if statement.unnamed:
                continue
            new = self._frame(statement, main_period)
            if new:
                facts.extend(new)
                if not statement.figure.base and main_period is None and new[0].period_start is not None:
                    main_period = Period(new[0].period_start, new[0].period_end)
        self.discourse.note_subjects([s for s in sentence_subjects if not self.index.located(s)])
        self.discourse.note_years(self.start, self.end)
        self.discourse.passage.topic = None
        return facts

    # -- statements and their subjects ------------------------------------------------------------
    def _statements(self, figure: Figure, previous_end: int, previous: Statement | None) -> list[Statement]:
        clause = self.index.clause(figure.start, self.start, self.end)
        if figure in self.binder.paired:
            subject = self.binder.paired[figure]
            destinations = [s for s in self._own_subjects(clause[0], figure.start) if s.role == "country"
                            and self.cues.ending_at("partner_before", s.start, 2)] if subject.role in ("product", "sector") else []
            # "The goods most in demand in China were copper ores, fish meal ..., which rose 31 percent, 65 percent,
            # respectively": each item keeps the clause's destination
            return [Statement(figure, destinations[-1:] + [subject], clause, paired=True)]
        segment_start = max(previous_end, clause[0])
        before = self._own_subjects(segment_start, figure.start)
        wholes = {(w.start, w.end) for j in figure.joined for w in self.binder.whole(j)}
        if wholes:  # "Agro-exports, which account for 42% of non-traditional shipments, exceeded US$4 billion"
            before = [replace(s, whole=True) if (s.start, s.end) in wholes else s for s in before]
        after = self._subjects_after(figure, clause[1], segment_start)
        own = before + after
        named = [s for s in own if s.role in _SUBJECT_ROLES or s.role == "sector"]
        if self.cues.any("each", figure.start - 3, figure.group_end + 3):
            run = _trailing_run([s for s in named if s.role in ("flow_of", "country", "product")])
            if len(run) > 1:
                return [Statement(figure, [subject], clause, paired=True) for subject in run]
        unnamed = Statement(figure, [], clause, unnamed=True)
        if self._coordinated(named, figure) or self.cues.any("together", max(clause[0], figure.start - 10), figure.start):
            return [unnamed]  # "Lima y Callao (9,7%)", "Taken together, they made up 54%": one figure for several subjects
        if any(s.role == "unnamed" for s in (before or own)[-1:]) or self._joined_to_unnamed(own) or self._of_unnamed(figure) or (
                not named and self._unnamed_item(figure, segment_start)) or self._subject_is_its_whole(before, after, figure):
            return [unnamed]  # "La selva lideró con 35%", "Planta Beneficio (US$ 890 millones)": no id for the subject
        subjects = [s for s in own if s.role != "unnamed"]
        continues = previous is not None and (figure.base or self._period_series(figure, segment_start, previous))
        if not subjects and continues:
            # a base, or "US$ 11 millones y en 2024 cerró con US$ 59 millones": the same subject, another period
            return [Statement(figure, previous.subjects, clause, unnamed=previous.unnamed, continued=previous)]
        if not subjects:
            subjects = self._clause_subjects(clause[0], figure, previous_end)
            if not [s for s in subjects if s.value != self.discourse.report.flow] and previous is not None \
                    and not self.binder.bracketed(previous.figure):  # not a list item: "..., y uva (37 %), y acumuló US$ 1 031,8 millones"
                if self._names_unknown(segment_start, figure.start):
                    return [unnamed]  # "el de wólfram a $us 30,4 millones": an item the gazetteers do not know
                # "Mining represents around 9pc of GDP and 60pc of the country's exports": the same subject
                return [Statement(figure, previous.subjects or subjects, clause, unnamed=previous.unnamed, continued=previous)]
        return [Statement(figure, subjects + self._list_head(figure, subjects, previous, segment_start), clause)]

    def _list_head(self, figure: Figure, subjects: list[Subject], previous: Statement | None, segment_start: int) -> list[Subject]:
        """A bracketed list item that names only a product or sector takes whose flow it is and where it goes
        from the item before it, which has them from the list's head: "exports to China were driven by
        hydrocarbons (72%), chemicals (35%) and minerals (14%)"."""
        if previous is None or previous.paired or previous.unnamed or not subjects:
            return []
        if any(s.role not in ("sector", "product") for s in subjects):
            return []
        if not (self.binder.bracketed(figure) and self.binder.bracketed(previous.figure)):
            return []
        if not any(s.role in ("sector", "product") for s in previous.subjects):
            return []
        lead = self.index.doc[segment_start : subjects[0].start]
        if not all(t.is_punct or t.lower_ in _COORDINATORS or t.lower_ in _ARTICLES for t in lead):
            return []  # a new clause, not the next item
        return [s for s in previous.subjects if s.role in ("flow_of", "country", "partner")]

    def _own_subjects(self, start: int, end: int) -> list[Subject]:
        """Subjects of a figure's segment: a demonym right after a region or group describes it ("las
        mipymes peruanas"); "national" counts only where no other flow is named; an aside in dashes or
        brackets after a subject lists examples of it ("traditional sectors – mining, agriculture –")."""
        kept: list[Subject] = []
        found = [s for s in self.index.subjects(start, end) if not (s.kind == "REGION" and self.index.located(s))]
        asides = self._asides(start, end)
        examples = [e for _, e, _ in self.cues.within("examples", start, end)]
        for subject in found:
            if kept and any(e <= subject.start for e in examples):
                continue  # "los no tradicionales, entre ellos textiles, espárragos": examples of the subject, not it
            if subject.kind == "demonym" and kept and kept[-1].role == "flow_of" and subject.start - kept[-1].end <= 1:
                continue
            if kept and any(a <= subject.start and subject.end <= b for a, b in asides):
                continue
            kept.append(subject)
        if any(s.role == "flow_of" and s.kind != "national" for s in kept):
            kept = [s for s in kept if s.kind != "national"]
        return kept

    def _asides(self, start: int, end: int) -> list[tuple[int, int]]:
        doc = self.index.doc
        asides, open_at = [], None
        for token in doc[start:end]:
            if open_at is None and token.text in _ASIDE_OPEN:
                open_at = token.i
            elif open_at is not None and token.text in _ASIDE_CLOSE:
                asides.append((open_at, token.i))
                open_at = None
        return asides

    def _clause_subjects(self, clause_start: int, figure: Figure, previous_end: int) -> list[Subject]:
        """A figure with nothing named since the figure before it: the clause's flow and partner, but not
        the products or sectors of the list before it ("..., y uva (37 %), y acumuló US$ 1 031,8 millones")."""
        subjects = self._own_subjects(clause_start, figure.start)
        if previous_end > clause_start and previous_end > self.start:
            subjects = [s for s in subjects if s.role in ("flow_of", "country")]
        return subjects

    def _subjects_after(self, figure: Figure, clause_end: int, segment_start: int) -> list[Subject]:
        """Subjects named right after the figure: the whole of a share ("66.5pc of the country's copper"), a
        destination ("US$63,366 millones a ese mercado", "go to China"), a subject after a cue ("de ellos
        4.190 millones correspondieron al cobre"), or, when nothing is named before it, the subject that
        follows ("30,686 millones de dólares no petroleras", "(-)4.9 por ciento en las no petroleras")."""
        end = figure.group_end
        found = list(self.binder.whole(figure))
        after = found[-1].end if found else end
        slack = 3 if found else 1  # "67.6% of Peru's copper shipments go to China"
        if self.cues.starting_at("partner_before", after, slack) and not any(
                t.is_punct for t in self.index.doc[after : after + slack]):
            near = self.index.subjects(after, min(after + 6, clause_end))
            partners = [s for s in near if s.role == "country"]
            if partners and not self.binder.figure_between(after, partners[0].start):
                return found + partners[:1]
            anaphora = self.cues.within("partner_anaphora", after, min(after + 6, clause_end))
            if anaphora and self.discourse.passage.partner:
                s, e, _ = anaphora[0]
                return found + [Subject("partner", self.discourse.passage.partner, s, e, kind="anaphora")]
        if found:
            return found
        if self.cues.starting_at("subject_after", end, 1):
            return self.index.subjects(end, min(end + 8, clause_end))[:1]
        if not self.index.subjects(segment_start, figure.start):
            following = self.index.subjects(end, min(end + 4, clause_end))
            if following and not self.binder.figure_between(end, following[0].start) and all(
                    t.lower_ in ("en", "in", "de", "of", "las", "los", "la", "el", "the", "del", "for")
                    for t in self.index.doc[end : following[0].start]):
                return following[:1]
        return []

    def _of_unnamed(self, figure: Figure) -> bool:
        """ "$1.2 billion of fresh fruit", "$1.15 billion in fruit exports": an amount of what the key cannot name."""
        end = figure.group_end
        doc = self.index.doc
        if figure.kind != "money" or end >= len(doc) or doc[end].lower_ not in ("of", "de", "in", "en"):
            return False
        following = self.index.subjects(end + 1, min(end + 4, self.end))
        return bool(following) and following[0].role == "unnamed" and not any(
            t.is_punct for t in doc[end + 1 : following[0].start])

    def _subject_is_its_whole(self, before: list[Subject], after: list[Subject], figure: Figure) -> bool:
        """ "five metals that make up about 88 percent of Peru's mining exports": a share of a whole by the
        same subject is no frame."""
        whole = self.binder.whole(figure)
        if not whole or not before:
            return False
        subjects = [s for s in before if s.role in ("sector", "product")]
        return bool(subjects) and subjects[-1].value == whole[0].value

    def _joined_to_unnamed(self, own: list[Subject]) -> bool:
        """ "plásticos y sus manufacturas (39,3 %)": a named subject coordinated with one the key cannot name."""
        for first, second in zip(own, own[1:]):
            if "unnamed" in (first.role, second.role):
                between = self.index.doc[first.end : second.start]
                if len(between) <= 2 and any(t.lower_ in _COORDINATORS for t in between):
                    return True
                if first.role == "unnamed" and self.cues.ending_at("examples", second.start, 2):
                    return True  # "El grupo de otros sectores, que incluye el oro no monetario, cayó 50,9 %"
        return False

    def _period_series(self, figure: Figure, segment_start: int, previous: Statement) -> bool:
        """A figure that only changes the period of the one before: "247.9 million dollars in 2016, 214.0
        million in 2017", "rose 25% in 2016 and decreased by -7% in 2017"."""
        if previous.paired or previous.figure.kind != figure.kind or previous.expression is None:
            return False
        if not previous.subjects and not previous.unnamed:
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

    def _coordinated(self, subjects: list[Subject], figure: Figure) -> bool:
        """Two or more regions, countries or products joined by "y"/"and"/"," before one figure, with
        nothing else named before it ("Lima y Callao (9,7%)", "China, EE.UU. y Japón, que sumaron el 68%");
        or two sectors and nothing else ("tanto en las tradicionales como en las no tradicionales")."""
        near = [s for s in subjects if s.kind in ("REGION", "COUNTRY", "PRODUCT", "PLACE") and s.end <= figure.start]
        if len(near) >= 2:
            last, before = near[-1], near[-2]
            between = self.index.doc[before.end : last.start]
            tail = self.index.doc[last.end : figure.start]
            joined = 1 <= len(between) <= 3 and all(t.is_punct or t.lower_ in _COORDINATORS or t.lower_ in _ARTICLES
                                                     for t in between) and any(t.lower_ in _COORDINATORS for t in between)
            run_start = before.start
            for earlier in reversed(near[:-2]):  # the whole coordinated run: "China, EE.UU. y Japón"
                gap = self.index.doc[earlier.end : run_start]
                if len(gap) <= 3 and all(t.is_punct or t.lower_ in _COORDINATORS or t.lower_ in _ARTICLES for t in gap) \
                        and earlier.kind == last.kind:
                    run_start = earlier.start
                else:
                    break
            other_before = any(s.end <= run_start and s.role != "unnamed" and s.kind != "demonym" for s in subjects)
            if joined and before.kind == last.kind and before.value != last.value and len(tail) <= 20 \
                    and not any(t.text == ";" for t in tail) and not other_before \
                    and not any(s.start >= last.end for s in subjects if s.role != "unnamed"):
                return True
        return self._coordinated_sectors(subjects) and not any(s.role != "sector" for s in subjects)

    def _coordinated_sectors(self, subjects: list[Subject]) -> bool:
        """ "minerales y productos pesqueros", "tanto en las tradicionales como en las no tradicionales" """
        sectors = [s for s in subjects if s.role == "sector"]
        if len({s.value for s in sectors}) < 2:
            return False
        for first, second in zip(sectors, sectors[1:]):
            if {first.value, second.value} <= set(self.rules.qualified) and any(
                    s.value not in self.rules.qualified for s in sectors):
                continue  # "Los envíos agrarios, tradicionales y no tradicionales": the whole of the sector named with them
            between = self.index.doc[first.end : second.start]
            if len(between) <= 4 and any(t.lower_ in _COORDINATORS or t.lower_ == "como" for t in between):
                return True
        return False

    def _names_unknown(self, start: int, end: int) -> bool:
        """A list item ("..., el de wólfram a $us 30,4 millones") whose words name something unknown."""
        doc = self.index.doc
        if start <= self.start or doc[start - 1].text not in ",;" and doc[start].text not in ",;":
            return False
        if end - start > 6 or any(self.cues.within(label, start, end) for label in ("metrics", "up", "down", "share")):
            return False  # "..., as imports also soared 73%": a clause about a flow, not an item
        return bool(self.index.words_outside_names(start, end))

    def _unnamed_item(self, figure: Figure, segment_start: int) -> bool:
        """A list item whose name the gazetteers do not know: "frozen fish (30.1%)", "Equipamiento Minero
        (US$ 712 millones)" — a bracket or colon right before the figure, in a list (a figure before it in the
        sentence) or after a capitalised name, with words that no entity, cue or period covers."""
        start = figure.start
        doc = self.index.doc
        if start == 0 or doc[start - 1].text not in _ITEM_OPENERS or figure.base:
            return False  # "topped the 2013 result (US$1.014 billion)": a base's amount, not an item
        item_start = start - 1
        while item_start > segment_start and doc[item_start - 1].text not in ",;()" and \
                doc[item_start - 1].lower_ not in _JOINERS and start - item_start < 8:
            item_start -= 1
        if self.cues.any("metrics", item_start, start - 1) or self.cues.any("sectors", item_start, start - 1):
            return False  # "mejores precios internacionales (+10,4%)": a measure, not a thing
        words = self.index.words_outside_names(item_start, start - 1)
        if not words:
            return False
        in_list = segment_start > self.start and self.binder.end_before(segment_start, -1) >= 0
        return in_list or all(w[:1].isupper() for w in words) and not doc[item_start].is_sent_start

    def _end_before(self, figure: Figure, limit: int) -> int:
        """Where a figure's group ends before the next figure (amounts paired "respectively" may come later)."""
        return max([figure.end, figure.repeat_end] + [j.end for j in figure.joined if j.end <= limit])

    def _qualifiers(self, subjects: list[Subject]) -> set[str]:
        return {s.value for s in subjects if s.role == "sector" and s.value in self.rules.qualified}

    def _note_figureless(self, subjects: list[Subject]) -> None:
        """What a sentence without figures is about carries to the next figures without subjects
        ("Non-traditional fishery exports also grew strongly. The sector's shipments rose 42.3%")."""
        subjects = [s for s in subjects if not self.index.located(s)]  # "ferias como Expoalimentaria, en Lima": where, not whose
        topic = _topic_of(subjects, self.index)
        metrics = [v for _, _, v in self.cues.within("metrics", self.start, self.end) if v != "price"]
        about_flow = bool(metrics) or any(s.role == "sector" for s in subjects)
        named = topic.sector or topic.product or topic.flow_of
        self.discourse.passage.topic = topic if (named and about_flow) else None
        if named and about_flow:
            self.discourse.note_statement(replace(topic, metric=metrics[0] if metrics else None),
                                          self.index.paragraph_of[self.sentence])
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
                value, currency = member.value, mention.currency
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
        metric = "price" if figure.unit_price else self._metric(figure, clause_start, clause_end, statement)
        statement.metric = metric
        topic = self._slots(statement, metric)
        if topic is None:
            return []
        statement.key = (metric, topic.flow_of, topic.partner, topic.sector, topic.product)
        if metric in ("trade_balance", "trade") and not (metric == "trade_balance" and topic.sector):
            topic = replace(topic, sector=None, product=None)
        projection = self.cues.any("projection", clause_start, clause_end)
        expression, period = self._period(statement, main_period, projection, clause_start, clause_end)
        statement.expression = expression
        passage_period = self.discourse.passage.period
        now = self.discourse.report.published or (passage_period.start if passage_period else None)
        if projection and expression is not None and period is not None and now is not None and period.end.year < now.year:
            projection = False  # "cerraría con 600 millones, pues superaría los 548 millones del 2003": a past record
        used = sorted({m.index for m in members} | {m.addend.index for m in members if m.addend}
                      | {s.mention for s in statement.subjects if s.mention is not None})
        fact = Fact(
            metric=metric, flow_of=topic.flow_of or self.discourse.report.flow, partner=topic.partner,
            sector=topic.sector if not topic.product else None, product=topic.product,
            period_start=period.start if period else None, period_end=period.end if period else None,
            value=value, currency=currency, change_pct=change, share_pct=share, mentions=tuple(used),
            projection=projection, unit_price=figure.unit_price, sentence_idx=self.sentence,
            rule="facts:" + "+".join(m.kind for m in members) + (":base" if figure.base else ""),
        )
        if not figure.base:
            self.discourse.note_amount(period, value, statement.key)
            alone = self.cues.any("alone", max(clause_start, figure.start - 8), figure.group_end + 2)
            self.discourse.settle(expression, period, projection=projection, alone=alone)
            self.discourse.note_statement(Topic(metric, fact.flow_of, fact.partner, fact.sector, fact.product),
                                          self.index.paragraph_of[self.sentence], share=share is not None and change is None)
        if (value is not None and change is not None and expression is not None and expression.kind == "year"
                and period is not None and passage_period is not None and period.end < passage_period.start and not projection
                and self._relative_rate(figure)):
            # "En 2023, el valor exportado fue de US$ 2 411 millones, lo que representa un incremento del 18,1 %":
            # the level is the earlier year's, the growth the passage's (guide §4 "Binding")
            growth = tuple(sorted(set(used) - {m.index for m in members if m.mention.kind == "money"}))
            return [replace(fact, change_pct=None, share_pct=None, rule="facts:earlier-level"),
                    replace(fact, value=None, currency=None, period_start=passage_period.start,
                            period_end=passage_period.end, mentions=growth, rule="facts:passage-growth")]
        return [fact]

    def _relative_rate(self, figure: Figure) -> bool:
        """ "US$ 2 411 millones, lo que representa un incremento del 18,1 %": the rate after a relative clause."""
        rates = [j for j in figure.joined if j.kind == "percent" and j.start > figure.end]
        if figure.kind != "money" or not rates:
            return False
        words = {t.lower_ for t in self.index.doc[figure.end : rates[0].start]}
        return bool(words & {"que", "which", "what", "representa", "represents", "representing"})

    def _slots(self, statement: Statement, metric: str) -> Topic | None:
        """Fill flow_of, partner, sector and product in the documented order of precedence; None when the
        figure is one for several sectors and nothing else."""
        figure = statement.figure
        report, passage = self.discourse.report, self.discourse.passage
        home = self.rules.home_country
        subjects = statement.subjects
        clause_start = statement.clause[0]
        before = self.index.subjects(max(self.start, figure.start - REACH), figure.start)
        both = len({s.value for s in subjects if s.role == "sector" and s.value in self.rules.qualified}) > 1
        sectors_coordinated = self._coordinated_sectors(subjects)
        products_coordinated = _coordinated_kind(self.index, subjects, "PRODUCT") and not self.binder.bracketed(figure)
        slots: dict[str, str] = {}
        flow_kind = ""
        owner_named = False  # "las exportaciones peruanas": the report flow's own total
        # 1. the statement itself, nearest first; a specific flow beats a national one; the whole a share is
        # of fills the product or sector last, and qualifies the subject's sector ("Agro-exports, which account
        # for 42% of non-traditional shipments" is agroindustry)
        ordered = [s for s in reversed(subjects) if not s.whole] + [s for s in subjects if s.whole]
        for subject in ordered:
            role, value = subject.role, subject.value
            if role == "org":
                if not self._item_subject(subject, figure):
                    continue
                role = "flow_of"
            if role == "sector" and ((both and value in self.rules.qualified) or sectors_coordinated):
                continue  # "tradicionales y no tradicionales": the whole sector
            if subject.whole and role == "sector" and value in self.rules.qualified and slots.get("sector") in self.rules.qualified[value]:
                slots["sector"] = self.rules.qualified[value][slots["sector"]]
                continue
            if subject.whole and ({"sector", "product"} & slots.keys()):
                continue
            if role == "product" and products_coordinated:
                continue  # "Copper, gold and other minerals account for about 60 percent": the group
            if subject.kind == "national":
                value = report.flow if _is_country(report.flow) else home  # "National agricultural exports" in a regions article
            if role == "country":
                role = self._country_role(subject)
                if role is None:
                    continue
                owner_named = owner_named or (role == "flow_of" and value == report.flow)
            if role == "flow_of":
                if "flow_of" in slots and not (subject.kind in _SPECIFIC_FLOWS and flow_kind not in _SPECIFIC_FLOWS):
                    continue
                slots["flow_of"], flow_kind = value, subject.kind
                continue
            slots.setdefault(role, value)
        countries = [s for s in subjects if s.kind == "COUNTRY" and not s.whole]
        if "flow_of" not in slots and "partner" in slots and len({s.value for s in countries}) == 2:
            # "Venezuela tuvo el peor desempeño: su comercio con China cayó": the other country owns the flow
            cued = [s for s in countries if self.cues.ending_at("partner_before", s.start, 1)]
            owner = [s for s in countries if s not in cued]
            if len(cued) == 1 and len(owner) == 1 and cued[0].value == slots["partner"]:
                slots["flow_of"] = owner[0].value
        # 2. anaphora
        window = (max(clause_start, figure.start - 12), figure.start)
        after_window = (figure.end, min(statement.clause[1], figure.group_end + 4))
        if self.cues.any("sector_anaphora", clause_start, figure.start) and not ({"sector", "product"} & slots.keys()):
            if passage.sector:
                slots["sector"] = passage.sector
        if self.cues.any("region_anaphora", clause_start, figure.start):
            if passage.region and "flow_of" not in slots:
                slots["flow_of"] = passage.region
            elif passage.world_region and "partner" not in slots:
                slots["partner"] = passage.world_region
        if self.cues.any("partner_anaphora", *window) and "partner" not in slots and passage.partner:
            slots["partner"] = passage.partner
        own_owner = any(s.role in ("country", "flow_of") for s in subjects)
        if (self.cues.any("subject_anaphora", *window) or self.cues.any("subject_anaphora", *after_window)) \
                and not statement.paired and not own_owner:
            previous = passage.subjects
            for slot in ("flow_of", "partner"):
                if getattr(previous, slot) and slot not in slots:
                    slots[slot] = getattr(previous, slot)
            if not ({"sector", "product"} & slots.keys()):
                if previous.product:
                    slots["product"] = previous.product
                elif previous.sector:
                    slots["sector"] = previous.sector
        if not subjects and passage.topic is not None and not statement.paired and \
                not self.cues.any("metrics", clause_start, figure.start):
            # "La agroexportación peruana mantuvo un crecimiento sólido. Entre enero y noviembre, aumentó 18,5%"
            for slot in ("flow_of", "sector", "product"):
                value = getattr(passage.topic, slot)
                if value and slot not in slots and not (slot == "sector" and "product" in slots):
                    slots[slot] = value
        # 3. the sentence and the passage: their region or place, the breakdown's qualifier and total
        if "flow_of" not in slots and not owner_named:
            flow = (next(iter(self.sentence_flows)) if len(self.sentence_flows) == 1 else None) or self._passage_flow()
            if flow:
                slots["flow_of"] = flow
        slots = self._qualify(slots, subjects + before, both)
        total = self._total(clause_start, figure)
        flow = slots.get("flow_of", report.flow)
        if "partner" in slots and not ({"sector", "product"} & slots.keys()) and passage.total is not None \
                and (passage.total.flow_of or report.flow) == flow and not total and passage.total.sector \
                and passage.total_paragraph == self.index.paragraph_of[self.sentence]:
            slots["sector"] = passage.total.sector  # "Los principales mercados fueron EE.UU. (US$ 2 260 696 000)"
        # 4. the report: the headline's subject, unless the statement is about a total, a company or another metric
        topic = report.topic
        same_metric = topic.metric is None or topic.metric == metric or metric == "price"
        company = flow_kind in ("ORG", "PLACE") and metric == "investment"
        if not total and same_metric and not company:
            if not ({"sector", "product"} & slots.keys()) and not sectors_coordinated:
                if topic.product:
                    slots["product"] = topic.product
                elif topic.sector:
                    slots["sector"] = topic.sector
            if "partner" not in slots and topic.partner and not owner_named and flow == report.flow and not statement.paired:
                slots["partner"] = topic.partner
        elif not total and topic.metric == "trade" and metric in _TRADE_PARTS and topic.partner and "partner" not in slots \
                and not owner_named and flow == report.flow and not statement.paired:
            slots["partner"] = topic.partner  # "Peru-China bilateral trade up 14%": its exports and imports are with China
        partner = slots.get("partner")
        if partner == home and metric in ("trade", "trade_balance") and slots.get("flow_of", report.flow) != home:
            # "El comercio chino con el Perú creció 6.3%": trade between Peru and X is Peru's, with X
            slots["flow_of"], slots["partner"] = home, slots.get("flow_of", report.flow)
        elif partner in (home, report.flow) and topic.partner and slots.get("flow_of") in (None, home, report.flow):
            # "With imports from Peru up 36 percent" in an article about China: China's imports from Peru
            slots["flow_of"], slots["partner"] = topic.partner, partner
        elif "partner" not in slots and slots.get("flow_of") not in (None, report.flow, home) and flow_kind in ("COUNTRY", "demonym"):
            previous = passage.subjects
            pair = {previous.flow_of, previous.partner}
            if slots["flow_of"] in pair and len(pair - {None}) == 2:
                slots["partner"] = (pair - {slots["flow_of"]}).pop()  # "Las exportaciones chinas aumentaron 16%"
        if slots.get("partner") == slots.get("flow_of", report.flow):
            slots.pop("partner")
        if metric == "investment" or statement.figure.whole_amount:
            slots.pop("product", None)  # "Yanacocha gold mine: 81.0 million": a mine's investment, not gold's
        if statement.figure.whole_amount:
            slots.pop("sector", None)  # "el 2.2% del total (US$ 554 millones, de US$ 25 mil 260 millones)": the whole
        if statement.figure.listed_share and not ({"sector", "product"} & slots.keys()):
            previous = passage.subjects  # "followed by Japan (7.2%)": a share of the same whole
            if previous.product:
                slots["product"] = previous.product
            elif previous.sector:
                slots["sector"] = previous.sector
        return Topic(None, slots.get("flow_of"), slots.get("partner"), slots.get("sector"), slots.get("product"))

    def _total(self, clause_start: int, figure: Figure) -> bool:
        """Whether the statement is about a total ("Total exports", "las exportaciones totales"), not a
        share's whole ("of the total")."""
        return any(not self.cues.covering("whole_total", s) and not self.cues.covering("share_after", s)
                   for s, _, _ in self.cues.within("total", max(clause_start, figure.start - 10), figure.start))

    def _passage_flow(self) -> str | None:
        """The region or place of the paragraph's latest statement: "Los envíos de Arequipa (US$ 1,111
        millones 653 mil) subieron 12%. El cobre concentró el 59%"."""
        passage = self.discourse.passage
        if passage.flow and passage.flow_paragraph == self.index.paragraph_of[self.sentence]:
            return passage.flow
        return None

    def _item_subject(self, subject: Subject, figure: Figure) -> bool:
        """An organisation is a flow only as the item right before its figure ("Marcobre (US$ 575.4
        millones)", "Southern Copper (16.9%)"): elsewhere it is a source ("according to Adex")."""
        gap = self.index.doc[subject.end : figure.start]
        return len(gap) <= 4 and all(t.is_punct or t.lower_ in ("with", "con", "at", "en", "el", "the", "de") for t in gap)

    def _country_role(self, subject: Subject) -> str | None:
        """Whether a country (or world region) owns the flow or is its partner: a destination or origin
        word before it makes a partner ("to China", "a ese mercado"), a demonym, the article's own country,
        a sentence-opening name or "de X" after a flow word the owner ("chilenas", "Venezuela tuvo ...",
        "El comercio total de China"); any other country is a partner of the article's flow."""
        report = self.discourse.report
        home = self.rules.home_country
        value = subject.value
        if subject.kind == "demonym":
            return "flow_of"
        if subject.kind == "PLACE" and not (self.cues.ending_at("partner_before", subject.start, 1)
                                            or self.cues.any("share", subject.end, subject.end + 6)
                                            or self.cues.any("metrics", subject.end, subject.end + 4)
                                            or self._listed(subject)):
            return None  # "la cuarta economía de América Latina": a description, not a destination
        if self.cues.ending_at("partner_before", subject.start, 1):
            return "partner" if value != report.flow or value == home and report.topic.partner else "flow_of"
        if value in (report.flow, home):
            return "flow_of"
        if subject.kind == "COUNTRY" and _owner_after_flow_word(self.index, subject):
            return "flow_of"
        if self.cues.starting_at("owner_after", subject.end, 0):
            return "flow_of"
        return "partner"

    def _listed(self, subject: Subject) -> bool:
        """A subject right before its figure in a list: "Asia (40%)", "Latin America, with US$ 2 billion"."""
        doc = self.index.doc
        following = doc[subject.end] if subject.end < len(doc) else None
        return following is not None and (following.text in "(:" or following.lower_ in ("with", "con"))

    def _qualify(self, slots: dict[str, str], nearby: list[Subject], both: bool) -> dict[str, str]:
        """A sector under traditional or non-traditional exports keeps the qualifier: one named earlier in
        the sentence, or the passage's breakdown (guide §4 "sector"); a bare qualifier in an article about
        one sector is that sector's ("non-traditional goods" in a farm-exports article is agroindustry)."""
        sector = slots.get("sector")
        qualified = self.rules.qualified
        if sector is None or both:
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

    def _metric(self, figure: Figure, clause_start: int, clause_end: int, statement: Statement | None = None) -> str:
        """The nearest metric word of the figure's segment; else after a share ("20% of export value");
        else of its clause; else the passage's metric (investment, production); else the headline's."""
        cues = self.cues
        previous_end = self.binder.end_before(figure.start, clause_start)
        segment = [c for c in cues.within("metrics", previous_end, figure.start) if c[2] != "price" or figure.start - c[1] <= 6]
        if segment:
            return segment[-1][2]
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
        if statement is not None and statement.continued is not None and statement.continued.metric:
            return statement.continued.metric
        if cues.any("producer_nouns", clause_start, clause_end):
            return "production"  # "Peru was the ninth largest coffee producer in the world, ... with 2% of the total"
        passage_metric = self.discourse.passage.metric
        if passage_metric in ("investment", "production"):
            return passage_metric  # "These were the most prominent investments: Antamina ...: 247.9 million dollars"
        report_metric = self.discourse.report.topic.metric
        return report_metric if report_metric in ("exports", "imports", "investment", "production") else "exports"

    def _signed(self, percent: Figure, clause_start: int) -> Decimal:
        value = percent.mention.value
        if value < 0:
            return value
        window = (max(clause_start, percent.start - 8), percent.end + 3)
        # "more than 12 percent" is approximate; "6.1 percent less than a year earlier" is a fall
        approximate = {t for s, e, _ in self.cues.within("approximate", window[0], percent.start) for t in range(s, e)}
        ups = [c for c in self.cues.within("up", *window) if c[0] not in approximate]  # "more than 12 percent"
        downs = [c for c in self.cues.within("down", *window) if c[0] not in approximate]
        if not downs:
            return value
        nearest_down = min(abs(s - percent.start) for s, _, _ in downs)
        nearest_up = min((abs(s - percent.start) for s, _, _ in ups), default=10**6)
        return -value if nearest_down <= nearest_up else value

    # -- periods ----------------------------------------------------------------------------------
    def _period(self, statement: Statement, main_period: Period | None, projection: bool,
                clause_start: int, clause_end: int) -> tuple[PeriodExpression | None, Period | None]:
        """The statement's own period expression and its span; a base's is its comparison period."""
        figure = statement.figure
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
            revision = self.cues.any("projection", clause_start, clause_end)
            return None, discourse.period_of_base(own, main_period, revision)
        candidates = []
        member_ends = [figure.end, figure.group_end] + [j.end for j in figure.joined]
        previous_end = self.binder.end_before(figure.start, clause_start)
        segment_start = max(clause_start, previous_end)
        doc = self.index.doc
        for s, e, expression in periods:
            if expression.comparison or expression in discourse.claimed or self.binder.base_just_before(s):
                continue
            after = [s - m_end for m_end in member_ends if m_end <= s <= m_end + 4
                     and all(t.is_alpha and t.lower_ not in _JOINERS for t in doc[m_end:s])]
            if after and min(after) <= 2:
                candidates.append((0, expression))  # "US$ 2 millones en 2023", "$14.7 billion recorded in 2006"
            elif after:
                candidates.append((2 + min(after), expression))  # "alcanzaron US$26.906,2 millones en todo el 2009"
            elif segment_start <= s < figure.start:
                candidates.append((1 + figure.start - e, expression))
            elif clause_start <= s < figure.start:
                candidates.append((50 + figure.start - e, expression))
            elif members_end <= s <= members_end + 5 and not self.binder.figure_between(members_end, s):
                candidates.append((60, expression))
            elif self.start <= s and not (s > members_end and any(t.text in ":;" for t in doc[members_end:s])):
                candidates.append((100 + abs(s - figure.start), expression))  # the sentence's period
        own = [c for c in candidates if c[0] < 100]
        if not own and self.cues.any("timeless", segment_start, min(clause_end, members_end + 8)):
            return None, None  # "Mining represents around 9pc of GDP": background, no period
        if not candidates:
            return None, discourse.period_of(None, projection=projection)
        expression = min(candidates, key=lambda c: c[0])[1]
        whole_year = self.cues.any("whole_year", max(clause_start, figure.start - 12), clause_end)
        value = figure.value if figure.kind == "money" else next((j.value for j in figure.joined if j.kind == "money"), None)
        if expression.kind == "year" and self.cues.any("over_the_period", members_end, members_end + 4):
            years = sorted({p.year for _, _, p in periods if p.kind == "year"})
            if len(years) >= 2:  # "from 1.27 million tons in 2008 to 2.46 million tons in 2019, a 97% increase over the period"
                return expression, Period.of_months(years[0], 1, 12, years[-1])
        if expression.kind == "year" and not whole_year and not projection:
            months = [p for _, _, p in periods if p.kind == "months" and p.year is None and not p.comparison
                      and p.first_month is not None and p.last_month is not None and p.first_month <= p.last_month]
            if len(months) == 1:  # "los envíos del primer trimestre crecieron 1% en 2016, 14% en 2017": those months
                return expression, Period.of_months(expression.year, months[0].first_month, months[0].last_month)
        return expression, discourse.period_of(expression, projection=projection, whole_year=whole_year,
                                               value=value, key=statement.key)


def _owner_after_flow_word(index: DocumentIndex, subject: Subject) -> bool:
    """ "El comercio total de China", "las exportaciones de Colombia", "el superávit comercial de China" """
    if subject.start < 2 or index.doc[subject.start - 1].lower_ not in ("de", "of", "del"):
        return False
    return index.cues.ending_at("metrics", subject.start - 1, 1)


def _is_country(flow: str) -> bool:
    return len(flow) == 2 and flow.isupper()


def _coordinated_kind(index: DocumentIndex, subjects: list[Subject], kind: str) -> bool:
    """Two subjects of one kind joined by "y"/"and"/",": "Copper, gold and other minerals"."""
    found = [s for s in subjects if s.kind == kind]
    for first, second in zip(found, found[1:]):
        if first.value == second.value:
            continue  # "palta o aguacate": one product
        between = index.doc[first.end : second.start]
        if 1 <= len(between) <= 2 and all(t.is_punct or t.lower_ in _COORDINATORS for t in between):
            return True
    return False


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
            if len(between) <= 2 and all(t.is_punct or t.lower_ in _COORDINATORS for t in between):
                return None
        return found[0].value
    flow = first("flow_of", ("REGION", "PLACE", "group")) or first("country", ("demonym",))
    return Topic(None, flow, None, first("sector"), first("product"))
