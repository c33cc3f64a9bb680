"""spaCy factories and extension attributes of the cifras pipeline (wiring only, no rules).

Each factory builds its component from the language's data files; the rules live in
``numbers.py``, ``money.py``, ``percent.py``, ``entities.py`` and ``sentences.py``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractors.entities import EntityRecognizer, load_entity_rules
from extractors.inflection import with_plurals
from extractors.lexicon import load_aliases, load_currencies
from extractors.money import MoneyRecognizer
from extractors.numbers import NumeralTagger, load_number_format
from extractors.percent import PercentRecognizer
from extractors.sentences import mark_line_breaks

if not Doc.has_extension("cifras_mentions"):
    Doc.set_extension("cifras_mentions", getter=lambda doc: doc.user_data.setdefault("cifras_mentions", []))


@Language.component("cifras_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    return mark_line_breaks(doc)


@Language.factory("cifras_numerals")
def make_numerals(nlp: Language, name: str) -> NumeralTagger:
    return NumeralTagger(nlp, load_number_format(nlp.lang), load_currencies())


@Language.factory("cifras_money")
def make_money(nlp: Language, name: str) -> MoneyRecognizer:
    return MoneyRecognizer(nlp, load_number_format(nlp.lang), load_currencies())


@Language.factory("cifras_percent")
def make_percent(nlp: Language, name: str) -> PercentRecognizer:
    return PercentRecognizer(nlp, load_number_format(nlp.lang))


@Language.factory("cifras_entities")
def make_entities(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer(nlp, with_plurals(load_aliases(nlp.lang), nlp.lang), load_entity_rules(nlp.lang))
