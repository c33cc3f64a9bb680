"""Entity mentions from gazetteers (``data/gazetteers/*.tsv``), matched on accent-folded text.

Matching policy (one for every label and language):

- every alias matches on an accent- and case-folded form of the tokens (``Token.norm_``), except
  that an alias written with a capital must start with a capital in the text too ("Lead",
  "Produce", "Andina", "El Oro"), and a one-word all-capitals acronym of up to six letters must
  be in capitals ("US", "UK", "ADEX", "EE.UU."): so common words ("lead", "us", "el oro") are
  not names, while "PROMPERÚ", "Promperú" and "PROMPERU" are one;
- a product written in lower case that the text capitalises right after another capitalised
  word ("Ricardo Flores", "Juan Trigo") is part of a proper name, not the product, and one alone on
  its line ("Cocoa", "Oil") is a section heading (issue 11);
- overlaps: the longest span wins, then the earliest ("Cámara de Comercio de Lima" is one ORG,
  "puerto del Callao" one PLACE), and names inside money or percent mentions are dropped;
- a region name that the text uses as the city (a dateline "11:06 | Lima,", an all-caps one
  "LIMA —" or one with a date "Lima, Feb. 4.", or a cue word from ``data/<lang>/entities.toml`` right before it) is the PLACE of
  that city instead (annotation guide §3), and one that a port cue precedes ("shipped through
  Callao") is the port; a region name right after another capitalised name ("CMAC Cusco", "José
  de San Martín", "Universidad de Piura") is part of that name and no mention;
- an alias listed in ``list_only`` ("lead", "plata") counts only inside a list of products
  ("copper, zinc and lead"), since alone it is more often a verb or money;
- PERSON beyond the gazetteer: a capitalised name of 2-4 words beside a role word from
  ``person_roles`` ("la ministra de Comercio Exterior y Turismo, Teresa Mera", "Minister Desilú
  León", "said John Smith, director of ..."), its id given name(s) + first surname (see
  ``person_slug``).

Every rule reads its words from ``data/<lang>/entities.toml`` (the same keys in each language), so
one code path serves both languages. ``entity_catalogue()`` lists every entity id with its English
and Spanish names (``data/gazetteers/country_names.tsv`` and ``names.tsv``) for the warehouse.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.lexicon import (
    GAZETTEERS,
    LANGUAGES,
    Alias,
    LexiconError,
    load_entity_names,
    load_gazetteer,
    read_toml,
)
from extractors.mention import Mention
from extractors.signals import SignalFinder, TokenView, load_given_names

ENTITY_RULE_KEYS = frozenset({
    "place_cues", "place_of_region", "port_cues", "port_of_region", "not_region_cues", "name_links", "list_only", "list_separators",
    "person_roles", "role_articles", "name_particles", "compound_given_names", "not_name_words",
    "org_words", "not_org_heads", "name_openers", "legal_suffixes", "org_cues", "source_cues", "byline_cues",
    "role_prefixes", "site_words_after", "site_words_before", "river_words_after", "river_words_before",
    "central_bank_names", "central_banks", "org_name_conjunctions", "org_cues_after", "speech_verbs", "adjective_suffixes", "org_unit_words", "port_words_before", "port_words_after", "person_titles", "org_apposition_nouns", "affiliation_links", "subdivision_cues",
})  # fmt: skip
_ACRONYM_MAX = 6
_ROLE_REACH = 12  # tokens between a role word and the comma before the name ("el presidente de ADEX, ...")
_SENTENCE_BREAKS = frozenset({".", ";", ":", "?", "!", "(", ")", "|"})


@dataclass(frozen=True, order=True)
class CatalogueEntry:
    """One canonical entity: its id, label, English and Spanish names, and ISO code (COUNTRY, REGION)."""

    entity_id: str
    label: str
    name_en: str
    name_es: str
    iso_code: str | None


def entity_catalogue() -> list[CatalogueEntry]:
    """Return one entry per (label, entity id) of the gazetteers and rules, sorted by label then id.

    Raises ``LexiconError`` where an id that an alias or a rule can produce has no names.
    """
    names = load_entity_names()
    used = {(alias.label, alias.entity_id) for name in GAZETTEERS for alias in load_gazetteer(name)}
    for lang in LANGUAGES:
        rules = load_entity_rules(lang)
        used |= {("PLACE", place) for place in rules["place_of_region"].values()}
        used |= {("PLACE", port) for port in rules["port_of_region"].values()}
    missing = sorted(used - set(names))
    if missing:
        raise LexiconError(f"names.tsv: no English and Spanish names for {missing}")
    entries = [CatalogueEntry(n.entity_id, n.label, n.name_en, n.name_es, n.iso_code) for n in names.values()]
    return sorted(entries, key=lambda entry: (entry.label, entry.entity_id))


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
    """spaCy component: add gazetteer and rule entity mentions to ``doc._.cifras_mentions``."""

    def __init__(self, nlp, aliases: tuple[Alias, ...], rules: dict):
        self.matcher = PhraseMatcher(_PATTERN_VOCAB, attr="NORM")
        self.folded_norms: dict[int, int] = {}  # the pipeline vocabulary's words whose norm is folded
        self.entries: dict[int, tuple[str, str, str, bool]] = {}
        list_only = set(rules["list_only"])
        patterns: dict[str, list[Doc]] = {}
        for alias, pattern in zip(aliases, alias_patterns(nlp, aliases), strict=True):
            rule = case_rule(alias.alias)
            only_in_lists = alias.alias in list_only
            key = f"{alias.label}\t{alias.entity_id}\t{rule}\t{only_in_lists}"
            self.entries[nlp.vocab.strings.add(key)] = (alias.label, alias.entity_id, rule, only_in_lists)
            patterns.setdefault(key, []).append(pattern)
        for key, docs in patterns.items():
            self.matcher.add(key, docs)
        self.place_of_region: dict[str, str] = rules["place_of_region"]
        self.place_cues = _phrases(rules["place_cues"])
        self.port_of_region: dict[str, str] = rules["port_of_region"]
        self.port_cues = _phrases(rules["port_cues"])
        self.not_region_cues = _phrases(rules["not_region_cues"])
        self.river_cues = _phrases(rules["river_words_before"])
        self.port_before = _phrases(rules["port_words_before"])
        self.port_after = _phrases(rules["port_words_after"])
        self.name_links = {fold(word) for word in rules["name_links"]}
        self.list_separators = {fold(word) for word in rules["list_separators"]}
        roles = _phrases(rules["person_roles"])
        prefixes = _phrases(rules["role_prefixes"])
        # "former minister", "ex-ministro" and the glued "exministro" are roles too
        self.roles = roles + [p + r for p in prefixes for r in roles] + [(p[0] + r[0], *r[1:]) for p in prefixes if len(p) == 1 for r in roles]
        self.role_starts = {role[0] for role in self.roles}
        self.role_articles = {fold(word) for word in rules["role_articles"]}
        self.particles = {fold(word) for word in rules["name_particles"]}
        self.compound_given = set(_phrases(rules["compound_given_names"]))
        self.not_name_words = {fold(word) for word in rules["not_name_words"]}
        self.given_names = load_given_names()
        self.signals = SignalFinder(rules, fold, _phrases, self.person_slug)

    def __call__(self, doc: Doc) -> Doc:
        set_norms(doc, self.folded_norms)
        taken = {
            i
            for mention in doc._.cifras_mentions
            for i in range(mention.start, mention.end)
        }
        candidates = []
        for key, start, end in self.matcher(doc):
            label, entity_id, rule, only_in_lists = self.entries[key]
            span = Span(doc, start, end, label=label, kb_id=entity_id)
            if not _case_fits(span, rule) or span.start_char in taken:
                continue
            if label == "PRODUCT" and rule == "any" and span.text[:1].isupper():
                if self.inside_name(doc, span) or _heading_word(doc, span):
                    continue  # in a proper name ("Ricardo Flores"), or a section heading: "Cocoa" alone on its line
            candidates.append((span, only_in_lists))
        products = [span for span, only_in_lists in candidates if span.label_ == "PRODUCT" and not only_in_lists]
        spans = [span for span, only_in_lists in candidates if not only_in_lists or self.in_list(doc, span, products)]
        kept = []
        for span in filter_spans(spans):
            label, entity_id = span.label_, span.kb_id_
            if label == "REGION":
                if self.inside_name(doc, span):
                    continue
                if self.cued(doc, span, self.not_region_cues):
                    if self.cued(doc, span, self.river_cues):
                        continue  # "el río Amazonas": signals.py names the river
                    # "the Brazilian state of Amazonas": a foreign state or province is a PLACE (guide §3)
                    kept.append(Span(doc, span.start, span.end, label="PLACE", kb_id=self.signals.slug([span.text])))
                    continue
                if entity_id in self.port_of_region and self.cued(doc, span, self.port_cues):
                    label, entity_id = "PLACE", self.port_of_region[entity_id]
                elif entity_id in self.place_of_region and self.is_city(doc, span):
                    label, entity_id = "PLACE", self.place_of_region[entity_id]
            elif label == "PLACE" and (self.cued(doc, span, self.port_before) or self.followed(doc, span, self.port_after)):
                entity_id = self.signals.port_id(entity_id)  # "el puerto de Shanghái" -> port-of-shanghai
            kept.append(Span(doc, span.start, span.end, label=label, kb_id=entity_id))
        covered = {i for span in kept for i in range(span.start, span.end)}
        view = TokenView(doc)
        kept += [span for span in self.find_people(doc, covered, view.norm) if span.start_char not in taken]
        taken_tokens = {i for i, idx in enumerate(doc.to_array("IDX").tolist()) if idx in taken}
        kept = self.signals.find(doc, kept, taken_tokens, view)
        for span in sorted(kept, key=lambda span: span.start):
            doc._.cifras_mentions.append(
                Mention(
                    kind="entity",
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    label=span.label_,
                    entity_id=span.kb_id_,
                    rule=f"entity:{span.id_ or 'gazetteer'}:{span.label_.lower()}",
                )
            )
        return doc

    def cued(self, doc: Doc, span: Span, cues: list[tuple[str, ...]]) -> bool:
        """Whether one of ``cues`` ends right before ``span``."""
        before = tuple(token.norm_ for token in doc[max(span.start - 4, 0) : span.start])
        return any(before[-len(cue) :] == cue for cue in cues)

    def followed(self, doc: Doc, span: Span, cues: list[tuple[str, ...]]) -> bool:
        """Whether one of ``cues`` starts right after ``span``."""
        after = tuple(token.norm_ for token in doc[span.end : span.end + 4])
        return any(after[: len(cue)] == cue for cue in cues)

    def is_city(self, doc: Doc, span: Span) -> bool:
        """Whether a region name is used as the city: dateline or a cue word right before it."""
        previous = doc[span.start - 1] if span.start > 0 else None
        if previous is not None and previous.text == "|":
            return True
        at_line_start = previous is None or "\n" in previous.text + previous.whitespace_
        after = doc[span.end] if span.end < len(doc) else None
        if at_line_start and after is not None and after.text in (",", "—", "–", "-"):
            # a dateline: "SANTIAGO, April 30", "LIMA —", "Lima, Feb. 4."
            dated = any(token.like_num for token in doc[span.end : span.end + 5])
            if span.text.isupper() or dated:
                return True
        return self.cued(doc, span, self.place_cues)

    def inside_name(self, doc: Doc, span: Span) -> bool:
        """Whether a region name ends a longer capitalised name ("CMAC Cusco", "José de San Martín")."""
        i = span.start - 1
        if i >= 0 and doc[i].norm_ in self.name_links:
            i -= 1
        if i < 0:
            return False
        token = doc[i]
        if not (token.is_alpha and token.text[:1].isupper()) or token.is_sent_start or _line_start(doc, i):
            return False
        return token.norm_ not in self.not_name_words

    def in_list(self, doc: Doc, span: Span, products: list[Span]) -> bool:
        """Whether another product sits next to ``span`` with only list separators between them."""
        for other in products:
            gap = doc[other.end : span.start] if other.end <= span.start else doc[span.end : other.start]
            if other.start != span.start and len(gap) <= 3 and all(t.norm_ in self.list_separators for t in gap):
                return True
        return False

    def find_people(self, doc: Doc, covered: set[int], norms: list[str]) -> list[Span]:
        """PERSON spans from role patterns: "<role> [de ...], <Name>", "<role> <Name>", "<Name>, [the] <role>"."""
        people: dict[int, Span] = {}
        for start in (i for i, norm in enumerate(norms) if norm in self.role_starts):
            role_end = self.role_end(doc, start)
            if role_end is None:
                continue
            for name in (self.name_after(doc, role_end, covered), self.name_before(doc, start, covered)):
                if name is not None and name.start not in people:
                    people[name.start] = name
            comma = next(
                (i for i in range(role_end, min(role_end + _ROLE_REACH, len(doc)))
                 if doc[i].text == "," or doc[i].text in _SENTENCE_BREAKS or "\n" in doc[i].text),
                None,
            )  # fmt: skip
            if comma is not None and doc[comma].text == ",":
                name = self.name_after(doc, comma + 1, covered)
                if name is not None and name.start not in people:
                    people[name.start] = name
        return list(people.values())

    def role_end(self, doc: Doc, start: int) -> int | None:
        """The end of the longest role phrase starting at ``start``, if any."""
        norms = tuple(token.norm_ for token in doc[start : start + 4])
        ends = [start + len(role) for role in self.roles if norms[: len(role)] == role]
        return max(ends) if ends else None

    def name_after(self, doc: Doc, start: int, covered: set[int]) -> Span | None:
        """A 2-4 word capitalised name starting at ``start``."""
        end, words = start, 0
        while end < len(doc) and words < 4:
            token = doc[end]
            if _is_name_word(token) and token.norm_ not in self.not_name_words and end not in covered:
                words, end = words + 1, end + 1
            elif token.norm_ in self.particles and words and end + 1 < len(doc) and _is_name_word(doc[end + 1]):
                end += 1
            else:
                break
        return self.person(doc, start, end) if words >= 2 else None

    def name_before(self, doc: Doc, role_start: int, covered: set[int]) -> Span | None:
        """A 2-4 word capitalised name ending before ", [the] <role>"."""
        end = role_start
        if end > 0 and doc[end - 1].norm_ in self.role_articles:
            end -= 1
        if end < 1 or doc[end - 1].text != ",":
            return None
        end -= 1
        start, words = end, 0
        while start > 0 and words < 4:
            token = doc[start - 1]
            if _is_name_word(token) and token.norm_ not in self.not_name_words and start - 1 not in covered:
                words, start = words + 1, start - 1
            elif token.norm_ in self.particles and words and start > 1 and _is_name_word(doc[start - 2]):
                start -= 1
            else:
                break
        return self.person(doc, start, end) if words >= 2 else None

    def person(self, doc: Doc, start: int, end: int) -> Span | None:
        entity_id = self.person_slug([token.text for token in doc[start:end]])
        if entity_id is None:
            return None
        return Span(doc, start, end, label="PERSON", kb_id=entity_id, span_id="role")

    def person_slug(self, words: list[str]) -> str | None:
        """Given name(s) + first surname as a slug ("Desilú León Chempén" -> "desilu-leon").

        A compound given name from ``compound_given_names`` ("Juan Carlos") stays whole, as does a
        second given name of three words that is never a surname ("Dora Inés Rey"); otherwise
        the first word is the given name and the next the surname, or the third of four words
        ("Edgar Manuel Vásquez Vela" -> "edgar-vasquez"). Particles stay with their surname.
        """
        names, particles = [], []
        for word in words:
            if fold(word) in self.particles:
                particles.append(word)
            else:
                names.append(" ".join([*particles, word]))
                particles = []
        folded = [fold(name) for name in names]
        if tuple(" ".join(folded[:2]).split()) in self.compound_given:
            if len(names) < 3:
                return None
            chosen = folded[:3]
        elif len(names) == 3 and self.given_names.get(folded[1]) is False:
            chosen = folded  # two given names, then the surname: "Dora Inés Rey"
        else:
            chosen = [folded[0], folded[2] if len(names) == 4 else folded[1]]
        slug = "-".join("-".join(part.replace("-", " ").split()) for part in chosen)
        return slug if all(part.isalpha() for part in slug.split("-")) else None


# The alias patterns of both languages live on one scratch vocabulary. The matcher compares NORM
# hashes, which do not depend on the vocabulary; tokenizing the ~10,000 aliases into a pipeline's own
# vocabulary (and adding them to a matcher on it) would compute every lexical attribute of every
# alias word at start-up, most of the start-up time, for words most texts never hold.
_PATTERN_VOCAB = Vocab(strings=[])
_PATTERN_NORMS: dict[int, int] = {}
_PLAIN_ALIAS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")  # letters and single spaces: split() tokenizes it


def alias_patterns(nlp, aliases: tuple[Alias, ...]) -> list[Doc]:
    """One folded-norm pattern doc per alias, tokenized as ``nlp`` tokenizes text.

    A plain alias (letters and spaces, no word a tokenizer exception) is split on spaces, and its
    doc is shared by both languages; any other goes through the pipeline's tokenizer rules. A test
    checks that every alias tokenizes as the pipeline tokenizes it.
    """
    tokenizer = _pattern_tokenizer(nlp, aliases)
    patterns = []
    for alias in aliases:
        text = alias.alias
        if _PLAIN_ALIAS.fullmatch(text) and not any(word in tokenizer.rules for word in text.split()):
            patterns.append(_plain_pattern(text))
        else:
            pattern = tokenizer(text)
            set_norms(pattern, _PATTERN_NORMS)
            patterns.append(pattern)
    return patterns


@lru_cache(maxsize=None)
def _plain_pattern(text: str) -> Doc:
    words = text.split()
    for word in words:
        _fold_pattern_word(word)
    return Doc(_PATTERN_VOCAB, words=words)  # its tokens read the folded norm of their lexemes


@lru_cache(maxsize=None)
def _fold_pattern_word(word: str) -> None:
    """Set the pattern vocabulary's entry for ``word`` to its folded norm, once."""
    _PATTERN_VOCAB[word].norm_ = fold(word)


def _pattern_tokenizer(nlp, aliases: tuple[Alias, ...]) -> Tokenizer:
    """The pipeline's tokenizer on the pattern vocabulary, with only the exceptions an alias can meet
    ("EE.UU.", "St."): validating all of them took as long as the patterns themselves."""
    tokenizer = nlp.tokenizer
    text = "\n".join(alias.alias for alias in aliases)
    words = {word.strip("()[]{}\"'«»,;:") for word in text.split()} | set(text.split())
    rules = {key: value for key, value in tokenizer.rules.items() if key in words or (" " in key and key in text)}
    return Tokenizer(
        _PATTERN_VOCAB,
        rules=rules,
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )


def _phrases(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(fold(word).split()) for word in words]


def _is_name_word(token) -> bool:
    text = token.text
    return text[:1].isupper() and text.replace("-", "").isalpha() and not (len(text) > 1 and text.isupper())


def _heading_word(doc: Doc, span: Span) -> bool:
    """Whether ``span`` is the whole of its line: a section heading ("Cocoa", "Oil"), not a mention."""
    start, end = span.start, span.end
    while start > 0 and "\n" not in doc[start - 1].text:
        start -= 1
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    return all(token.is_space or token.is_punct for token in [*doc[start : span.start], *doc[span.end : end]])


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].text + doc[i - 1].whitespace_


def set_norms(doc: Doc, folded: dict[int, int] | None = None) -> None:
    """Set each token's ``norm_`` to its accent- and case-folded text (the match attribute).

    The folded form is set once per vocabulary entry (``Lexeme.norm_``), which every later token
    of that word reads; only a token carrying a norm of its own (a tokenizer exception) is set
    token by token. ``folded`` (word hash -> folded hash) remembers the entries already set; it
    belongs to ``doc``'s vocabulary.
    """
    vocab = doc.vocab
    folded = {} if folded is None else folded
    strings = vocab.strings
    for i, (orth, norm) in enumerate(doc.to_array(["ORTH", "NORM"]).tolist()):
        want = folded.get(orth)
        if want is None:
            text = fold(strings[orth])
            want = folded[orth] = strings.add(text)
            vocab[orth].norm_ = text
        if norm != want:
            doc[i].norm_ = strings[want]


def load_entity_rules(lang: str) -> dict:
    """Load and validate ``data/<lang>/entities.toml``."""
    return read_toml(lang, "entities.toml", keys=ENTITY_RULE_KEYS)
