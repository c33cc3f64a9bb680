"""The linker's view of one document: tokens, sentences, paragraphs, cues, subjects and periods.

Everything here is computed once per document and looked up by bisection, so every later stage
asks "what lies between tokens a and b" in logarithmic time and linking stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from typing import NamedTuple

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LOWER, ORTH, SENT_START
from spacy.tokens import Doc

from extractors.entities import fold
from extractors.facts.rules import Cues, FactRules, load_fact_rules
from extractors.mention import Mention
from extractors.periods import PeriodExpression, find_periods

_DATELINE_MARKS = frozenset({"—", "–", "-", ",", "|", "("})
_RELATIVES = frozenset({"cuyo", "cuya", "cuyos", "cuyas", "whose", "where", "donde", "que", "which"})
REACH = 60  # tokens either side of a figure that its clause may span (also keeps linking linear)


class Tok(NamedTuple):
    """What the linker reads of a token, without building a spaCy Token object each time."""

    i: int
    text: str
    lower_: str
    is_punct: bool
    is_alpha: bool
    is_space: bool
    is_sent_start: bool


def read_tokens(doc: Doc) -> list[Tok]:
    """The document's tokens as plain tuples, from one ``to_array`` call: the linker reads tokens around
    each figure many times, and a spaCy Token costs an object per read."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    names: dict[int, str] = {}
    rows = doc.to_array([ORTH, LOWER, IS_PUNCT, IS_ALPHA, IS_SPACE, SENT_START]).tolist()
    tokens = []
    for i, (orth, lower, punct, alpha, space, start) in enumerate(rows):
        text = names.get(orth) or names.setdefault(orth, strings[orth])
        low = names.get(lower) or names.setdefault(lower, strings[lower])
        tokens.append(Tok(i, text, low, punct == 1, alpha == 1, space == 1, start == 1 or i == 0))
    return tokens


@dataclass(frozen=True)
class Subject:
    """Something a figure can be about.

    ``role`` is where it can go: ``flow_of``, ``partner``, ``product``, ``sector``, ``country`` (a
    country whose role the context decides), ``org`` (a company, a flow only as a list item),
    ``unnamed`` (a subject the key cannot name: "la selva", "fruit").
    """

    role: str
    value: str
    start: int  # token offsets
    end: int
    mention: int | None = None  # index of the entity mention, if any
    kind: str = ""  # REGION, COUNTRY, PLACE, ORG, PRODUCT, sector, group, demonym, national, unnamed, anaphora
    whole: bool = False  # the whole a share is of ("66.5pc of the country's copper"), not the share's subject


@cache
def _function_words(lang: str) -> frozenset[str]:
    text = resources.files("extractors").joinpath("data", lang, "stopwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


class DocumentIndex:
    """Token-level lookups over one analysed document."""

    def __init__(self, doc: Doc, mentions: list[Mention], lang: str, published: date | None, text: str | None = None):
        self.spacy_doc, self.mentions, self.lang, self.published = doc, mentions, lang, published
        self.text = doc.text if text is None else text  # Doc.text joins every token: pass the text when it is at hand
        self.doc = read_tokens(doc)  # plain tuples: the linker reads tokens many times
        self.rules: FactRules = load_fact_rules(lang, doc.vocab)
        names = [(m.start, m.end) for m in mentions if m.kind == "entity" and m.label in ("ORG", "PERSON")]
        self.cues = Cues.match(doc, self.rules, names)  # the matcher runs on the spaCy Doc
        self.token_starts = doc.to_array(IDX).tolist() if len(doc) else []
        self.entities = [(self.token_of(m.start), self.token_of(m.end - 1) + 1, i, m)
                         for i, m in enumerate(mentions) if m.kind == "entity"]
        self.entity_starts = [e[0] for e in self.entities]
        self.figures = [(self.token_of(m.start), self.token_of(m.end - 1) + 1, i, m)
                        for i, m in enumerate(mentions) if m.kind != "entity"]
        self.figure_starts = [f[0] for f in self.figures]
        taken = [(m.start, m.end) for m in mentions if m.kind != "entity"]
        self.periods = [(self.token_of(p.start), self.token_of(p.end - 1) + 1, p)
                        for p in find_periods(self.text, lang, taken=taken)]
        self.period_starts = [p[0] for p in self.periods]
        starts = [t.i for t in self.doc if t.is_sent_start]
        if starts[:1] != [0]:
            starts = [0] + starts
        self.sentence_starts = starts
        self.sentences = list(zip(starts, starts[1:] + [len(doc)])) if len(doc) else []
        self.paragraph_of = self._paragraphs()
        self.semicolons = [self.token_of(m.start()) for m in re.finditer(";", self.text)]
        self.function_words = _function_words(lang)
        self.all_subjects = self._all_subjects()
        self.subject_starts = [s.start for s in self.all_subjects]

    def token_of(self, char: int) -> int:
        """The token that holds character offset ``char``."""
        return max(bisect_right(self.token_starts, char) - 1, 0)

    def _paragraphs(self) -> list[int]:
        """The paragraph number of every sentence: a blank line starts a new one."""
        text = self.text
        blank_lines = [self.token_of(m.end()) for m in re.finditer(r"\n[^\S\n]*\n", text)]
        numbers = []
        for start, _ in self.sentences:
            numbers.append(bisect_right(blank_lines, start))
        return numbers

    def sentence_of(self, token: int) -> int:
        return max(bisect_right(self.sentence_starts, token) - 1, 0)

    # -- spans ------------------------------------------------------------------------------------
    def clause(self, token: int, start: int, end: int) -> tuple[int, int]:
        """The clause around ``token`` in the sentence ``start``..``end``: cut at semicolons, at most
        ``REACH`` tokens either side (a subject further away is not the figure's)."""
        i = bisect_left(self.semicolons, token)
        left = self.semicolons[i - 1] + 1 if i else start
        right = self.semicolons[i] if i < len(self.semicolons) else end
        return max(left, start, token - REACH), min(right, end, token + REACH)

    def figures_in(self, start: int, end: int) -> list[tuple[int, int, int, Mention]]:
        return self.figures[bisect_left(self.figure_starts, start) : bisect_left(self.figure_starts, end)]

    def periods_in(self, start: int, end: int) -> list[tuple[int, int, PeriodExpression]]:
        return self.periods[bisect_left(self.period_starts, start) : bisect_left(self.period_starts, end)]

    # -- subjects ---------------------------------------------------------------------------------
    def dateline(self, subject: Subject) -> bool:
        """ "LIMA —", "SANTIAGO (Reuters)": a place in capitals before a dash, comma, bar or bracket."""
        doc = self.doc
        following = doc[subject.end] if subject.end < len(doc) else None
        return doc[subject.start].text.isupper() and following is not None and following.text in _DATELINE_MARKS

    def located(self, subject: Subject) -> bool:
        """ "fuentes españolas en Lima", "LIMA —": a place named as where something happens, not whose flow
        ("en Arequipa, cuyas exportaciones ..." still is)."""
        doc = self.doc
        if subject.start and doc[subject.start - 1].lower_ in ("en", "in"):
            return not {t.lower_ for t in doc[subject.end : subject.end + 3]} & _RELATIVES
        return doc[subject.start].is_sent_start and self.dateline(subject)

    def subjects(self, start: int, end: int) -> list[Subject]:
        """The named subjects inside tokens ``start``..``end``, in text order, none inside another."""
        found = self.all_subjects[bisect_left(self.subject_starts, start) : bisect_left(self.subject_starts, end)]
        return [s for s in found if s.end <= end]

    def _all_subjects(self) -> list[Subject]:
        """Every subject of the document, longest first where two overlap."""
        found: list[Subject] = []
        for s, e, index, mention in self.entities:
            subject = self._entity_subject(s, e, index, mention)
            if subject is not None:
                found.append(subject)
        cues, doc, end = self.cues, self.doc, len(self.doc)
        found += [Subject("sector", v, s, e, kind="sector") for s, e, v in cues.within("sectors", 0, end)]
        found += [Subject("flow_of", v, s, e, kind="group") for s, e, v in cues.within("groups", 0, end)]
        # a macro-area word that starts a proper name ("the South American government") is not one
        found += [Subject("unnamed", "", s, e, kind="unnamed") for s, e, _ in cues.within("unnamed_subjects", 0, end)
                  if not (e < end and doc[e].text[:1].isupper() and doc[e - 1].text[:1].isupper())]
        found += [Subject("flow_of", self.rules.home_country, s, e, kind="national")
                  for s, e, _ in cues.within("national", 0, end)]
        found += [Subject("country", v, s, e, kind="demonym") for s, e, v in cues.within("demonyms", 0, end)]
        both = cues.within("both_qualifiers", 0, end)
        if both:  # "Traditional and non-traditional fishing exports": the qualifiers name no sector of their own
            covered = {t for s, e, _ in both for t in range(s, e)}
            found = [f for f in found if not (f.role == "sector" and f.start in covered)]
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
        if label == "ORG":
            return Subject("org", entity_id, start, end, index, label)
        if label == "PLACE":
            if entity_id in self.rules.world_regions:
                return Subject("country", entity_id, start, end, index, label)
            if entity_id in self.rules.container_places:
                return None
            if self.rules.is_place_flow(entity_id):
                return Subject("flow_of", entity_id, start, end, index, label)
        return None

    def words_outside_names(self, start: int, end: int) -> list[str]:
        """Content words in ``start``..``end`` that no entity, cue or period covers: the name of a
        thing the gazetteers do not know ("Planta Beneficio", "frozen fish", "los follajes")."""
        covered: set[int] = set()
        lo, hi = bisect_left(self.entity_starts, max(start - 8, 0)), bisect_left(self.entity_starts, end)
        for s, e, _, _ in self.entities[lo:hi]:
            covered.update(range(s, e))
        for label in self.cues.spans:
            for s, e, _ in self.cues.within(label, max(start - 12, 0), end + 12):
                covered.update(range(s, e))
        for s, e, _ in self.periods_in(max(start - 12, 0), end):
            covered.update(range(s, e))
        words = []
        for token in self.doc[start:end]:
            if token.i in covered or not token.is_alpha or len(token.text) < 3 and not token.text.isupper():
                continue
            if token.lower_ in self.function_words or fold(token.lower_) in self.function_words:
                continue
            words.append(token.text)
        return words
