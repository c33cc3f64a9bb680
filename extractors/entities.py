"""Entity mentions from gazetteers (``data/gazetteers/*.tsv``), matched on accent-folded text.

Matching policy (one for every label and language):

- every alias matches on an accent- and case-folded form of the tokens (``Token.norm_``), except
  that an alias written with a capital must start with a capital in the text too ("Lead",
  "Produce", "Andina", "El Oro"), and a one-word all-capitals acronym of up to six letters must
  be in capitals ("US", "UK", "ADEX", "EE.UU."): so common words ("lead", "us", "el oro") are
  not names, while "PROMPERÚ", "Promperú" and "PROMPERU" are one;
- overlaps: the longest span wins, then the earliest ("Cámara de Comercio de Lima" is one ORG,
  "puerto del Callao" one PLACE), and names inside money or percent mentions are dropped;
- a region name that the text uses as the city (a dateline "11:06 | Lima," or an all-caps
  dateline, or a cue word from ``data/<lang>/entities.toml`` right before it) is the PLACE of
  that city instead (annotation guide §3).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.lexicon import Alias, read_toml
from extractors.mention import Mention

ENTITY_RULE_KEYS = frozenset({"place_cues", "place_of_region"})
_ACRONYM_MAX = 6


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents ("PROMPERÚ" -> "promperu").

    >>> fold("Países Bajos"), fold("ÁNCASH")
    ('paises bajos', 'ancash')
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def case_rule(alias: str) -> str:
    """Return how an alias's case must match: ``"any"``, ``"capital"`` or ``"upper"``.

    >>> case_rule("EE.UU."), case_rule("El Oro"), case_rule("puerto del Callao"), case_rule("cobre")
    ('upper', 'capital', 'any', 'any')
    """
    letters = [char for char in alias if char.isalpha()]
    if " " not in alias and letters and alias.isupper() and len(letters) <= _ACRONYM_MAX:
        return "upper"
    if alias[:1].isupper():
        return "capital"
    return "any"


def _case_fits(span: Span, rule: str) -> bool:
    if rule == "upper":
        return all(not char.isalpha() or char.isupper() for char in span.text)
    if rule == "capital":
        return span.text[:1].isupper()
    return True


class EntityRecognizer:
    """spaCy component: add gazetteer entity mentions to ``doc._.cifras_mentions``."""

    def __init__(self, nlp, aliases: tuple[Alias, ...], rules: dict):
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.entries: dict[int, tuple[str, str, str]] = {}
        for alias in aliases:
            pattern = nlp.make_doc(alias.alias)
            set_norms(pattern)
            rule = case_rule(alias.alias)
            key = f"{alias.label}\t{alias.entity_id}\t{rule}"
            self.entries[nlp.vocab.strings.add(key)] = (alias.label, alias.entity_id, rule)
            self.matcher.add(key, [pattern])
        self.place_of_region: dict[str, str] = rules["place_of_region"]
        self.place_cues = [tuple(fold(cue).split()) for cue in rules["place_cues"]]

    def __call__(self, doc: Doc) -> Doc:
        set_norms(doc)
        taken = {
            i
            for mention in doc._.cifras_mentions
            for i in range(mention.start, mention.end)
        }
        spans = []
        for key, start, end in self.matcher(doc):
            label, entity_id, rule = self.entries[key]
            span = Span(doc, start, end, label=label, kb_id=entity_id)
            if _case_fits(span, rule) and span.start_char not in taken:
                spans.append(span)
        for span in filter_spans(spans):
            label, entity_id = span.label_, span.kb_id_
            if label == "REGION" and entity_id in self.place_of_region and self.is_city(doc, span):
                label, entity_id = "PLACE", self.place_of_region[entity_id]
            doc._.cifras_mentions.append(
                Mention(
                    kind="entity",
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    label=label,
                    entity_id=entity_id,
                    rule=f"entity:gazetteer:{label.lower()}",
                )
            )
        return doc

    def is_city(self, doc: Doc, span: Span) -> bool:
        """Whether a region name is used as the city: dateline or a cue word right before it."""
        previous = doc[span.start - 1] if span.start > 0 else None
        if previous is not None and previous.text == "|":
            return True
        at_line_start = previous is None or "\n" in previous.text + previous.whitespace_
        if at_line_start and span.text.isupper() and span.end < len(doc) and doc[span.end].text == ",":
            return True
        before = tuple(token.norm_ for token in doc[max(span.start - 3, 0) : span.start])
        return any(before[-len(cue) :] == cue for cue in self.place_cues)


def set_norms(doc: Doc) -> None:
    """Set each token's ``norm_`` to its accent- and case-folded text (the match attribute)."""
    for token in doc:
        token.norm_ = fold(token.text)


def load_entity_rules(lang: str) -> dict:
    """Load and validate ``data/<lang>/entities.toml``."""
    return read_toml(lang, "entities.toml", keys=ENTITY_RULE_KEYS)
