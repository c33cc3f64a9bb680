"""Organisations, people and places that no gazetteer lists, found from the text's own signals.

One code path for both languages; every word comes from ``data/<lang>/entities.toml``:

- a *name* is a run of capitalised words joined by lower-case links ("de", "of", "y") or by a
  hyphen with no space ("CRCC-Tongguan"); a heading (a title-cased line) has no names;
- an acronym in brackets after a name ("Comisión Chilena del Cobre (Cochilco)") gives the name
  and every bare "Cochilco" the acronym's id; the acronym of a document ("Informe de Intercambio
  Comercial Argentino (ICA)") silences that word instead (no REGION Ica);
- a name holding an organisation word (``org_words``: "Banco de México", "Alternative Credit
  Company") is an ORG, unless a document word heads it (``not_org_heads``: "Mining Investment Guide");
- a name after an organisation cue (``org_cues``: "the daily La Tercera", "miner SolGold") is an
  ORG; after a source cue (``source_cues``: "según Latinvex", "said Capital Economics") an ORG, or
  a PERSON when it opens with a given name (``data/given_names.tsv``); after a byline cue ("By
  Alexandra Valencia") or an agency's credit ("EFE/Antonio Lacerda") a PERSON with a given name;
- a name beside a site word ("the Mirador mine", "la mina Mirador") is a PLACE; after a river word
  ("Río Paraná") the PLACE "<name>-river";
- a bare "Central Bank" / "Banco Central" is the central bank of the country the article names
  most (``central_banks``);
- a name found so recurs: its later exact occurrences, and a person's surname alone ("Ortiz"), get
  the same id.

Ids are slugs of the name as written, legal forms dropped ("SolGold Plc" -> solgold); names that
a gazetteer knows, or that hold a gazetteer ORG or PERSON, are left to the gazetteer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from spacy.tokens import Doc, Span

from extractors.lexicon import read_table

_HEADING_WORDS = 4  # a line of at least this many words, all capitalised but function words, is a heading
_PROSE_MARKS = (".", ")", ";")
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9]{1,11}")
_MAX_CUE = 4


@cache
def load_given_names() -> dict[str, bool]:
    """Folded given name -> whether it is also a surname (``data/given_names.tsv``)."""
    rows = read_table("given_names.tsv", columns=("name", "also_surname"))
    return {row["name"]: row["also_surname"] == "yes" for row in rows}


class SignalFinder:
    """Find the names of one language's text from cues, organisation words and acronyms."""

    def __init__(self, rules: dict, fold: Callable[[str], str], phrases: Callable, person_slug: Callable):
        self.fold = fold
        self.person_slug = person_slug
        self.org_words = {tuple(words) for words in phrases(rules["org_words"])}
        self.not_org_heads = {fold(word) for word in rules["not_org_heads"]}
        self.legal = {fold(word) for word in rules["legal_suffixes"]}
        self.cues = {
            "org": phrases(rules["org_cues"]),
            "source": phrases(rules["source_cues"]),
            "byline": phrases(rules["byline_cues"]),
            "site": phrases(rules["site_words_before"]),
            "river": phrases(rules["river_words_before"]),
        }
        self.site_after = phrases(rules["site_words_after"])
        self.org_after = phrases(rules["org_cues_after"])
        self.speech_verbs = phrases(rules["speech_verbs"])
        self.adjective_suffixes = tuple(fold(suffix) for suffix in rules["adjective_suffixes"])
        self.river_after = phrases(rules["river_words_after"])
        self.links = {fold(word) for word in rules["name_particles"]} | {fold(word) for word in rules["name_links"]}
        self.conjunctions = {fold(word) for word in rules["org_name_conjunctions"]}
        self.function_words = self.links | self.conjunctions | {fold(word) for word in rules["name_openers"]} | {
            cue[0] for cue in phrases(rules["source_cues"]) + phrases(rules["speech_verbs"]) if len(cue) == 1
        }
        self.openers = {fold(word) for word in rules["name_openers"]}
        self.not_name = {fold(word) for word in rules["not_name_words"]} - {w for phrase in self.org_words for w in phrase}
        self.central_bank_names = {fold(name) for name in rules["central_bank_names"]}
        self.central_banks: dict[str, str] = rules["central_banks"]
        self.given = load_given_names()

    # ---- names -------------------------------------------------------------------------------
    def names(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of capitalised names, headings left out; an opener word starts no name.

        Links ("de la", "of") join capitalised words; a conjunction ("and", "y") joins them only
        inside an organisation's name ("Ministerio de Comercio Exterior y Turismo"), so that
        "Lima y Callao" and "ADEX y Capechi" stay two names.
        """
        headings = self._heading_tokens(doc)
        found, i, n = [], 0, len(doc)
        while i < n:
            token = doc[i]
            if i in headings or not _capitalised(token) or (token.norm_ in self.openers and _clause_start(doc, i)):
                i += 1
                continue
            end = i + 1
            while end < n and end not in headings and not _breaks(doc[end - 1]):
                link = end
                while link < n and (doc[link].norm_ in self.links or doc[link].norm_ in self.conjunctions or _glued_hyphen(doc, link)) and not _breaks(doc[link]):
                    link += 1
                if not (link < n and link > end - 1 and _capitalised(doc[link]) and link not in headings):
                    break
                if any(doc[k].norm_ in self.conjunctions for k in range(end, link)) and (
                    not self._org_name_around(doc, i, link) or self._has_org_word([doc[link].norm_])
                ):
                    break  # "Lima y Callao", "CMAC Del Santa and CMAC Piura": two names
                end = link + 1
            found.append((i, end))
            i = end
        return found

    def _org_name_around(self, doc: Doc, start: int, resume: int) -> bool:
        """Whether the capitalised words before ``resume`` or the run after it hold an organisation word."""
        after = resume
        while after < len(doc) and (_capitalised(doc[after]) or doc[after].norm_ in self.links or _glued_hyphen(doc, after)) and not _breaks(doc[after]):
            after += 1
        return self._has_org_word([t.norm_ for t in doc[start:after]])

    def _heading_tokens(self, doc: Doc) -> set[int]:
        """Tokens of title-cased lines: at least four words, every one but the function words capitalised,
        and none of prose's marks (a closing full stop, brackets, semicolons: "(By Alexandra Valencia; ...)")."""
        tokens: set[int] = set()
        line: list[int] = []
        for token in [*doc, None]:
            if token is not None and "\n" not in token.text:
                line.append(token.i)
                if "\n" not in token.whitespace_:
                    continue
            words = [doc[i] for i in line if doc[i].is_alpha and doc[i].norm_ not in self.function_words]
            prose = any(doc[i].text in _PROSE_MARKS for i in line[-1:]) or any(doc[i].text in ("(", ";") for i in line)
            if len(words) >= _HEADING_WORDS and not prose and all(word.text[:1].isupper() for word in words):
                tokens.update(line)
            line = []
        return tokens

    # ---- classification ----------------------------------------------------------------------
    def find(self, doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
        """Return ``spans`` with the names found from signals added (and spans inside them dropped)."""
        at = {i: span for span in spans for i in range(span.start, span.end)}
        home = self._home_country(spans)
        names = self._merge_listed(doc, [(s, e) for s, e in self.names(doc) if not any(i in taken for i in range(s, e))])
        known = {(self._surname(doc, span),): ("PERSON", span.kb_id_) for span in spans if span.label_ == "PERSON"}
        found: list[Span] = []
        silenced: set[str] = set()
        for start, end in names:
            inside = {id(at[i]): at[i] for i in range(start, end) if i in at}.values()
            if any(s.start <= start and s.end >= end or s.label_ in ("ORG", "PERSON") or s.start < start or s.end > end for s in inside):
                continue
            words = tuple(t.text for t in doc[start:end])
            entity = known.get(words) or self._classify(doc, start, end, home)
            acronym = self._acronym_after(doc, end)
            if acronym is not None and (entity is None or entity[0] == "ORG"):
                if entity is None and self._abbreviates(doc, start, end, acronym):
                    if acronym.isupper() or self._is_document([t for t in doc[start:end] if t.norm_ not in self.links]):
                        silenced.add(acronym)  # a term's or document's acronym: "Informe ... (ICA)", "(MOA)"
                        continue
                    entity = ("ORG", "")  # a name's word acronym: "Unidad de Planificación Rural Agropecuaria (Upra)"
                if entity is not None:
                    entity = known[(acronym,)] = ("ORG", self._slug([acronym]))
            if entity is None:
                continue
            found.append(Span(doc, start, end, label=entity[0], kb_id=entity[1], span_id="signal"))
            known.setdefault(words, entity)
            agency = self._credited_agency(doc, start)
            if entity[0] == "PERSON" and agency is not None and agency not in at:
                found.append(Span(doc, agency, agency + 1, label="ORG", kb_id=self._slug([doc[agency].text]), span_id="signal"))
            if entity[0] == "PERSON":
                known.setdefault((self._surname(doc, found[-1]),), entity)
        found += self._listed_alongside(doc, names, found, at)
        kept = [s for s in spans if not (s.end - s.start == 1 and s.text in silenced)]
        claimed = {i for span in found for i in range(span.start, span.end)}
        kept = [s for s in kept if not any(i in claimed for i in range(s.start, s.end))]
        covered = {i for span in [*kept, *found] for i in range(span.start, span.end)}
        for start, end in names:  # later (and earlier) occurrences of a name found so
            entity = known.get(tuple(t.text for t in doc[start:end]))
            if entity and not any(i in covered for i in range(start, end)):
                found.append(Span(doc, start, end, label=entity[0], kb_id=entity[1], span_id="signal"))
        return kept + found

    def _classify(self, doc: Doc, start: int, end: int, home: str | None) -> tuple[str, str] | None:
        """The (label, id) a name's own words and the cue around it give, or None."""
        words = [t for t in doc[start:end] if t.norm_ not in self.links]
        norms = [t.norm_ for t in doc[start:end]]
        if not words or self._is_document(words):
            return None
        if " ".join(norms) in self.central_bank_names:
            bank = self.central_banks.get(home or "")
            return ("ORG", bank) if bank else None
        cue = self._cue_before(doc, start)
        if cue == "river" or (len(words) > 1 and self._is_cue(words[0].norm_, "river")):
            rest = words if cue == "river" else words[1:]
            return "PLACE", self._slug([t.text for t in rest] + ["river"])
        if self._has_org_word(norms) and len(words) >= 2:
            return "ORG", self._org_id(doc, start, end)
        lone_opener = len(words) == 1 and (doc[start].is_sent_start or _line_start(doc, start))
        if cue == "site" or (len(words) > 1 and self._is_cue(words[0].norm_, "site")) or (
            not lone_opener and self._cue_after(doc, end, self.site_after)
        ):
            return "PLACE", self._slug([t.text for t in doc[start:end]])
        adjective = len(words) == 1 and words[0].norm_.endswith(self.adjective_suffixes) and not self._closes_clause(doc, end)
        if adjective:
            return None  # "Chinese consortium", "Canadian miner": a demonym before its noun
        if self._cue_after(doc, end, self.org_after) and not lone_opener:
            return "ORG", self._org_id(doc, start, end)  # "the Sintracarbon union"
        if cue is None and len(words) >= 2 and self._cue_after(doc, end, self.speech_verbs):
            cue = "source"  # "Vinos de Chile explicó que ..."
        if cue is None or not self._closes_clause(doc, end):
            return None
        if cue in ("byline", "source", "credit") and words[0].norm_ in self.given and 2 <= len(words) <= 4:
            person = self.person_slug([t.text for t in doc[start:end]])
            return ("PERSON", person) if person else None
        if cue == "org" or cue == "source" and len(words) <= 4 and words[0].norm_ not in self.given:
            if len(words) == 1 and words[0].norm_ in self.not_name:
                return None
            return "ORG", self._org_id(doc, start, end)
        return None

    def _closes_clause(self, doc: Doc, end: int) -> bool:
        """Whether a cued name ends where a name would: punctuation, a line end, a function word or a verb cue.

        "said Chilean fruit stands out" is no source: a content word follows the capitalised one.
        """
        if end >= len(doc) or _breaks(doc[end - 1]):
            return True
        after = doc[end]
        return after.is_punct or after.is_space or after.norm_ in self.function_words

    def _merge_listed(self, doc: Doc, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Join "National Mining, Oil and Energy Society": names listed with commas (and a last conjunction) into
        one when the last closes with an organisation word."""
        merged, k = [], 0
        while k < len(names):
            start, end = names[k]
            m = k
            while m + 1 < len(names) and doc[names[m][1]].text == "," and names[m + 1][0] == names[m][1] + 1:
                m += 1
            if m > k and m + 1 < len(names) and names[m + 1][0] == names[m][1] + 1 and doc[names[m][1]].norm_ in self.conjunctions:
                m += 1
            if m > k and self._has_org_word([doc[names[m][1] - 1].norm_]):
                merged.append((start, names[m][1]))
                k = m + 1
                continue
            merged.append((start, end))
            k += 1
        return merged

    def _is_document(self, words: list) -> bool:
        """A document, programme or economic term ("Mining Investment Guide", "Producto Bruto Interno"):
        its head is a document word, or it has one and no organisation word."""
        norms = [t.norm_ for t in words]
        return norms[0] in self.not_org_heads or (
            any(norm in self.not_org_heads for norm in norms) and not self._has_org_word(norms)
        )

    def _listed_alongside(self, doc: Doc, names: list[tuple[int, int]], found: list[Span], at: dict) -> list[Span]:
        """Names listed with an organisation or place found from a signal take its label: "mines Mirador and
        Fruta del Norte", "owned by Glencore, BHP and Anglo American" (ids: their own slugs)."""
        by_start = {span.start: span for span in found if span.label_ in ("ORG", "PLACE")}
        lists, current = [], [names[0]] if names else []
        for previous, name in zip(names, names[1:]):
            if self._list_gap(doc, previous[1], name[0]):
                current.append(name)
            else:
                lists.append(current)
                current = [name]
        lists.append(current)
        more = []
        for members in lists:
            labels = {by_start[start].label_ for start, _ in members if start in by_start}
            if len(labels) != 1 or len(members) < 2:
                continue
            label = labels.pop()
            for start, end in members:
                if start in by_start or any(i in at for i in range(start, end)):
                    continue
                words = [t for t in doc[start:end] if t.norm_ not in self.links]
                if words and not self._is_document(words) and not (len(words) == 1 and words[0].norm_ in self.not_name):
                    name_id = self._org_id(doc, start, end) if label == "ORG" else self._slug([t.text for t in doc[start:end]])
                    more.append(Span(doc, start, end, label=label, kb_id=name_id, span_id="signal"))
        return more

    def _list_gap(self, doc: Doc, end: int, start: int) -> bool:
        """Whether only list separators (commas, a conjunction, a bracketed aside) lie between two names."""
        i, separators = end, 0
        while i < start:
            token = doc[i]
            if token.text == "(":
                close = next((k for k in range(i, min(i + 10, start)) if doc[k].text == ")"), None)
                if close is None:
                    return False
                i = close + 1
            elif token.text in (",", ";") or token.norm_ in self.conjunctions:
                separators += 1
                i += 1
            else:
                return False
        return separators >= 1

    def _surname(self, doc: Doc, span: Span) -> str:
        return [t for t in doc[span.start : span.end] if t.norm_ not in self.links][-1].text

    def _is_cue(self, norm: str, kind: str) -> bool:
        return any(cue == (norm,) for cue in self.cues[kind])

    def _slug(self, words: list[str]) -> str:
        """A lower-case, accent-folded id, words joined by hyphens ("Lundin Gold" -> "lundin-gold", "Peru.21" -> "peru21")."""
        parts = (re.sub(r"[^a-z0-9]+", "", self.fold(part)) for word in words for part in word.split())
        return "-".join(part for part in parts if part)

    def _org_id(self, doc: Doc, start: int, end: int) -> str:
        words = [t.text for t in doc[start:end]]
        while len(words) > 1 and self.fold(words[-1]) in self.legal:
            words.pop()
        rest = [self.fold(word) for word in words[1:]]
        if rest and words[0].isupper() and _ACRONYM.fullmatch(words[0]) and len(self._org_word_cover(rest)) == len(rest):
            return self._slug(words[:1])  # "EFE News Service" -> efe
        return self._slug(words)

    def _has_org_word(self, norms: list[str]) -> bool:
        return bool(self._org_word_cover(norms))

    def _org_word_cover(self, norms: list[str]) -> set[int]:
        """Indices of ``norms`` inside an organisation word or phrase."""
        return {
            i + k
            for phrase in self.org_words
            for i in range(len(norms) - len(phrase) + 1)
            if tuple(norms[i : i + len(phrase)]) == phrase
            for k in range(len(phrase))
        }

    def _credited_agency(self, doc: Doc, start: int) -> int | None:
        """The agency token of a photo credit "EFE/Antonio Lacerda", if ``start`` follows one."""
        if start >= 2 and doc[start - 1].text == "/" and not doc[start - 2].whitespace_:
            agency = doc[start - 2].text
            if agency.isupper() and agency.isalpha() and len(agency) >= 2:
                return start - 2
        return None

    def _cue_before(self, doc: Doc, start: int) -> str | None:
        if self._credited_agency(doc, start) is not None:
            return "credit"
        before = tuple(t.norm_ for t in doc[max(start - _MAX_CUE, 0) : start] if not t.is_space)
        best, length = None, 0
        for kind, cues in self.cues.items():
            for cue in cues:
                if len(cue) > length and before[-len(cue) :] == cue:
                    best, length = kind, len(cue)
        return best

    def _cue_after(self, doc: Doc, end: int, cues: list[tuple[str, ...]]) -> bool:
        after = tuple(t.norm_ for t in doc[end : end + _MAX_CUE])
        return any(after[: len(cue)] == cue for cue in cues)

    def _acronym_after(self, doc: Doc, end: int) -> str | None:
        """The acronym in "Name (ACRO)", if the brackets hold one."""
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            text = doc[end + 1].text
            if _ACRONYM.fullmatch(text) and (text.isupper() or any(c.islower() for c in text[1:])):
                return text
        return None

    def _abbreviates(self, doc: Doc, start: int, end: int, acronym: str) -> bool:
        """Whether an acronym spells the initials of the name's words: the first, then the others in order
        ("ICA" of "Informe de Intercambio Comercial Argentino", "Upra" of "Unidad de Planificación Rural
        Agropecuaria")."""
        initials = "".join(t.text[0].upper() for t in doc[start:end] if t.norm_ not in self.links and t.text[:1].isalpha())
        letters = iter(initials[1:])
        upper = acronym.upper()
        return len(initials) >= 3 and upper[0] == initials[0] and all(letter in letters for letter in upper[1:])

    @staticmethod
    def _home_country(spans: list[Span]) -> str | None:
        counts = Counter(span.kb_id_ for span in spans if span.label_ == "COUNTRY")
        return counts.most_common(1)[0][0] if counts else None


def _capitalised(token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text) and not token.like_num


def _breaks(token) -> bool:
    return "\n" in token.whitespace_ or "\n" in token.text


def _glued_hyphen(doc: Doc, i: int) -> bool:
    return doc[i].text in ("-", "&") and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _clause_start(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a sentence, a line or a bracket ("(By Alexandra Valencia")."""
    return doc[i].is_sent_start or _line_start(doc, i) or doc[i - 1].text in ("(", "[", "«", '"', "“", ";", ":")


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].text + doc[i - 1].whitespace_
