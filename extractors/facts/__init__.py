"""Link mentions into fact frames (contract section "Facts", annotation guide §4).

Rules over the spaCy doc and data, one code path for both languages: the cue words live in
``data/<lang>/facts.toml``, the subject places in ``data/fact_subjects.toml`` and the period words
in ``periods.toml``. The stages, each a module:

1. ``document``: the document's tokens, sentences, cues, subjects and period expressions;
2. ``figures``: which money and percent mentions of a sentence are frame figures;
3. ``binding``: figures bound into statements (value + rate, share + growth, bases, respectively);
4. ``discourse``: the report and passage state (period, topic, breakdown) every statement reads;
5. ``slots``: a statement's metric, subjects, numbers and period, in one order of precedence.

``docs/facts.md`` maps each construction to its rule and tests.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date

from spacy.tokens import Doc

from extractors.fact import Fact
from extractors.facts.discourse import FLOW_LEAD_SENTENCES, Discourse, Topic
from extractors.facts.document import DocumentIndex, Subject
from extractors.facts.slots import SentenceLinker
from extractors.mention import Mention


def link_facts(doc: Doc, mentions: list[Mention], lang: str, published: date | None, text: str | None = None) -> list[Fact]:
    """Return the fact frames of one document, in text order (``text`` is ``doc.text``, when at hand)."""
    if not any(m.kind != "entity" for m in mentions):
        return []
    index = DocumentIndex(doc, mentions, lang, published, text)
    flow = document_flow(index)
    discourse = Discourse(index, flow, headline_topic(index, flow))
    facts: list[Fact] = []
    for sentence in range(len(index.sentences)):
        facts.extend(SentenceLinker(index, discourse, sentence).link())
    return facts


def document_flow(index: DocumentIndex) -> str:
    """Whose flows the article reports by default: a region or group its headline names ("Exportaciones
    arequipeñas", "regional exports"); else the country its first sentences call their own ("Chile's",
    "exportaciones colombianas"), or name first without a destination word before them ("Chile anota
    superávit", "Los envíos de cobre de Chile"); else the home country."""
    home = index.rules.home_country
    lead = index.sentences[:FLOW_LEAD_SENTENCES]
    subjects = [index.subjects(start, end) for start, end in lead]
    foreign = any(s.kind == "COUNTRY" and s.value != home and not index.cues.ending_at("partner_before", s.start, 2)
                  and not _example(index, s) for found in subjects[:2] for s in found)
    for found in subjects[:2]:
        for subject in found:
            if subject.kind == "REGION" and (index.dateline(subject) or _where(index, subject)):
                continue  # "LIMA — China bought ...", "ferias como Expoalimentaria, en Lima": where, not whose
            if subject.kind == "REGION" or subject.kind == "group" and not (foreign and subject.value == "interior-regions"):
                return subject.value  # "Las regiones con más dinamismo ... de Colombia" is not Peru's interior
    for found in subjects[:2]:
        for subject in found:
            if subject.kind == "demonym":
                return subject.value
    for (start, _), found in zip(lead, subjects):
        for subject in found:
            if subject.kind == "COUNTRY" and _owner_position(index, subject, start):
                return subject.value
    countries = [s for found in subjects for s in found if s.kind == "COUNTRY" and not _example(index, s)]
    if countries and not _partner_position(index, countries[0]):  # else the first country, unless it is a destination
        return countries[0].value
    named = [s for s in index.all_subjects if s.kind in ("COUNTRY", "demonym")]
    if not any(s.value == home for s in named):
        owners = {s.value for s in named if not _partner_position(index, s) and not _example(index, s)}
        if len(owners) == 1:  # an article that never names the home country, about the one country it names
            owner = owners.pop()  # as an owner, never as a partner: "los granos importados de Paraguay" ... "para
            if any(s.value == owner and index.cues.any("metrics", s.end, s.end + 4) for s in named):
                return owner  # que Argentina pudiera sostener su superávit comercial"
    return home


def _owner_position(index: DocumentIndex, subject: Subject, sentence_start: int) -> bool:
    """A country named as the one whose flows these are: opening its sentence ("Chile anota superávit",
    "Perú: ...", "In 2022 Colombia exported"), or after "de"/"of" following a flow or product word ("Los
    envíos de cobre de Chile", "El banano de Ecuador"); not after a destination word, nor as a market."""
    cues = index.cues
    if _partner_position(index, subject):
        return False
    if cues.starting_at("owner_after", subject.end, 0):
        return True
    words = [t for t in index.doc[sentence_start : subject.start] if not t.is_punct and not t.is_space]
    periods = {t for s, e, _ in index.periods_in(sentence_start, subject.start) for t in range(s, e)}
    if len([t for t in words if t.i not in periods and t.lower_ not in ("in", "en", "the", "el", "la")]) == 0:
        return True
    if subject.start >= 2 and index.doc[subject.start - 1].lower_ in ("de", "of"):
        previous = subject.start - 1
        if cues.ending_at("metrics", previous, 0) or any(
                e == previous and s.role in ("product", "sector") for s in index.subjects(max(previous - 6, 0), previous)
                for e in (s.end,)):
            return True
    return False


def _where(index: DocumentIndex, subject: Subject) -> bool:
    """A region named as where something happens, outside the headline, in a sentence without figures
    ("ferias como Expoalimentaria, en Lima, en septiembre")."""
    sentence = index.sentence_of(subject.start)
    start, end = index.sentences[sentence]
    return sentence > 0 and index.located(subject) and not index.figures_in(start, end)


def _example(index: DocumentIndex, subject: Subject) -> bool:
    """A country in a list of examples: "llegaron a 145 mercados, entre ellos Trinidad y Tobago, Gambia"."""
    cues = index.cues.within("examples", max(subject.start - 14, 0), subject.start)
    if not cues:
        return False
    lo, hi = cues[-1][1], subject.start
    first, last = bisect_left(index.entity_starts, lo), bisect_left(index.entity_starts, hi)
    covered = {t for s, e, _, _ in index.entities[first:last] for t in range(s, e)}
    return all(t.is_punct or t.i in covered or t.lower_ in ("y", "and", "e", ",", "the", "el", "la", "los")
               for t in index.doc[cues[-1][1] : subject.start])


def _partner_position(index: DocumentIndex, subject: Subject) -> bool:
    """ "to China", "a la Unión Europea", "China fue el principal destino": a destination, not an owner."""
    if index.cues.ending_at("partner_before", subject.start, 2):
        return True
    # a share right after it, with its figure near: "China fue el principal destino (35%)"; but not "las zonas de
    # Colombia con mayor dinamismo y peso en el comercio exterior: a ellas llegan ..."
    return index.cues.any("share", subject.end, subject.end + 5) and bool(index.figures_in(subject.end, subject.end + 10))


def headline_topic(index: DocumentIndex, flow: str) -> Topic:
    """What the headline's flow is of: the product or sector written with its flow word ("Chile salmon
    export earnings", "Exportaciones de cobre", "exportación de minerales", "Agroexportaciones"), the
    partner it goes to ("envíos no tradicionales a China", "Peru-China bilateral trade"), its metric."""
    if not index.sentences:
        return Topic()
    start, end = index.sentences[0]
    cues = index.cues
    metrics = cues.within("metrics", start, end)
    subjects = index.subjects(start, end)
    metric = metrics[0][2] if metrics else None
    product = sector = partner = None
    if metrics:
        first_start, first_end, _ = metrics[0]
        doc = index.doc
        near = [s for s in subjects if s.end == first_start or s.start <= first_start < s.end or s.start == first_end
                or (first_end < s.start <= first_end + 2 and doc[s.start - 1].lower_ in ("de", "of", "del"))]
        products = [s.value for s in near if s.role == "product"]
        sectors = {s.value for s in near if s.role == "sector"}
        if len(products) == 1:  # not "Exportaciones de cobre y zinc": coordinated products name no one product
            product = products[0]
        elif len(sectors) == 1 and not products:
            sector = sectors.pop()
    partners = {s.value for s in subjects if s.role == "country" and s.value not in (flow, index.rules.home_country)
                and _partner_in_headline(index, s)}
    if len(partners) == 1:
        partner = partners.pop()
    return Topic(metric, None, partner, sector, product)


def _partner_in_headline(index: DocumentIndex, subject: Subject) -> bool:
    """A destination in the headline: after a destination word ("a China"), as a market ("China becomes
    Peru's top market"), or joined to the home country ("Peru-China bilateral trade")."""
    cues = index.cues
    if cues.ending_at("partner_before", subject.start, 1):
        return True
    if cues.any("share", subject.end, subject.end + 4):
        return True
    doc = index.doc
    if subject.start >= 2 and doc[subject.start - 1].text in "-–" and _home_country_at(index, subject.start - 2):
        return True
    return False


def _home_country_at(index: DocumentIndex, token: int) -> bool:
    return any(s <= token < e and m.label == "COUNTRY" and m.entity_id == index.rules.home_country
               for s, e, _, m in index.entities)


__all__ = ["Fact", "link_facts"]
