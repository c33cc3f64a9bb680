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
_CLAUSE_OPENERS = ("(", "[", "«", '"', "“", ";", ":")
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
        self.org_words_by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.org_words:
            self.org_words_by_first.setdefault(phrase[0], []).append(phrase)
        self.not_org_heads = {fold(word) for word in rules["not_org_heads"]}
        self.legal = {fold(word) for word in rules["legal_suffixes"]}
        self.cues = {
            "org": phrases(rules["org_cues"]),
            "source": phrases(rules["source_cues"]),
            "byline": phrases(rules["byline_cues"]),
            "site": phrases(rules["site_words_before"]),
            "river": phrases(rules["river_words_before"]),
            "port": phrases(rules["port_words_before"]),
            "subdivision": phrases(rules["subdivision_cues"]),
            "title": phrases(rules["person_titles"]),
        }
        roles = phrases(rules["person_roles"])
        self.roles_by_first = _by_first(roles)
        # "an analyst at Capital Economics": a role, an affiliation word, then the organisation
        self.cues["org"] = self.cues["org"] + [role + (link,) for role in roles for link in (fold(w) for w in rules["affiliation_links"])]
        self.cues_by_last: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for kind, cues in self.cues.items():
            for cue in cues:
                self.cues_by_last.setdefault(cue[-1], []).append((kind, cue))
        self.site_after = _by_first(phrases(rules["site_words_after"]))
        self.org_after = _by_first(phrases(rules["org_cues_after"]))
        self.port_after = _by_first(phrases(rules["port_words_after"]))
        self.apposition_nouns = {fold(word) for word in rules["org_apposition_nouns"]}
        self.titles = {fold(word) for word in rules["person_titles"]}  # "Mr.", "Sra.": never part of a name
        self.speech_verbs = _by_first(phrases(rules["speech_verbs"]))
        self.adjective_suffixes = tuple(fold(suffix) for suffix in rules["adjective_suffixes"])
        self.river_after = _by_first(phrases(rules["river_words_after"]))
        self.links = {fold(word) for word in rules["name_particles"]} | {fold(word) for word in rules["name_links"]}
        self.conjunctions = {fold(word) for word in rules["org_name_conjunctions"]}
        self.unit_words = {fold(word) for word in rules["org_unit_words"]}
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
        """Token ranges of capitalised names (see ``_names``)."""
        return self._names(TokenView(doc))

    def _names(self, view: TokenView) -> list[tuple[int, int]]:
        """Token ranges of capitalised names, headings left out; an opener word starts no name.

        Links ("de la", "of") join capitalised words; a conjunction ("and", "y") joins them only
        inside an organisation's name ("Ministerio de Comercio Exterior y Turismo"), so that
        "Lima y Callao" and "ADEX y Capechi" stay two names.
        """
        text, norm, capital = view.text, view.norm, view.capital
        headings = self._heading_tokens(view)
        joins = self.links | self.conjunctions
        found, n, done = [], len(text), 0
        for i in (k for k, is_capital in enumerate(capital) if is_capital):
            if i < done or i in headings or norm[i] in self.titles or (norm[i] in self.openers and view.clause_start(i)):
                continue
            end = i + 1
            while end < n and end not in headings and "\n" not in text[end - 1]:
                link = end
                while link < n and (norm[link] in joins or view.glued_hyphen(link)):
                    link += 1
                if not (link < n and capital[link] and link not in headings):
                    break
                if any(norm[k] in self.conjunctions for k in range(end, link)) and (
                    not self._org_name_around(view, i, link) or self._has_org_word([norm[link]])
                ):
                    break  # "Lima y Callao", "CMAC Del Santa and CMAC Piura": two names
                end = link + 1
            found.append((i, end))
            done = end
        return found

    def _org_name_around(self, view: TokenView, start: int, resume: int) -> bool:
        """Whether the capitalised words before ``resume`` or the run after it hold an organisation word."""
        after = resume
        while after < len(view.text) and (view.capital[after] or view.norm[after] in self.links or view.glued_hyphen(after)):
            after += 1
        norms = view.norm[start:after]
        return self._has_org_word(norms) or any(norm in self.unit_words for norm in norms)

    def _heading_tokens(self, view: TokenView) -> set[int]:
        """Tokens of title-cased lines: at least four words, every one but the function words capitalised,
        and none of prose's marks (a closing full stop, brackets, semicolons: "(By Alexandra Valencia; ...)")."""
        tokens: set[int] = set()
        text, start = view.text, 0
        for i in range(len(text) + 1):
            if i < len(text) and "\n" not in text[i]:
                continue
            line = range(start, i)
            start = i + 1
            if sum(view.capital[k] for k in line) < _HEADING_WORDS:
                continue
            words = [text[k] for k in line if text[k].isalpha() and view.norm[k] not in self.function_words]
            if len(words) < _HEADING_WORDS or not all(word[:1].isupper() for word in words):
                continue
            if text[line[-1]] in _PROSE_MARKS or any(text[k] in ("(", ";") for k in line):
                continue
            tokens.update(line)
        return tokens

    # ---- classification ----------------------------------------------------------------------
    def find(self, doc: Doc, spans: list[Span], taken: set[int], view: TokenView | None = None) -> list[Span]:
        """Return ``spans`` with the names found from signals added (and spans inside them dropped)."""
        view = view or TokenView(doc)
        text = view.text
        at = {i: span for span in spans for i in range(span.start, span.end)}
        home = self._home_country(spans)
        names = self._merge_listed(view, [(s, e) for s, e in self._names(view) if not any(i in taken for i in range(s, e))])
        known = {(self._surname(view, span.start, span.end),): ("PERSON", span.kb_id_) for span in spans if span.label_ == "PERSON"}
        found: list[tuple[int, int, str, str]] = []
        silenced: set[str] = set()
        unit_names: list[tuple[int, int]] = []
        for start, end in names:
            if any(norm in self.unit_words for norm in view.norm[start:end]):
                unit_names.append((start, end))  # "Coffee and Cocoa Committee": no mention inside a unit's name
                continue
            inside = {id(at[i]): at[i] for i in range(start, end) if i in at}.values()
            if any(s.start <= start and s.end >= end or s.label_ in ("ORG", "PERSON") or s.start < start or s.end > end for s in inside):
                continue
            words = tuple(text[start:end])
            entity = known.get(words) or self._classify(view, start, end, home)
            acronym = self._acronym_after(view, end)
            if acronym is not None and (entity is None or entity[0] == "ORG"):
                if entity is None and self._abbreviates(view, start, end, acronym):
                    if acronym.isupper() or self._is_document(self._content_norms(view, start, end)):
                        silenced.add(acronym)  # a term's or document's acronym: "Informe ... (ICA)", "(MOA)"
                        continue
                    entity = ("ORG", "")  # a name's word acronym: "Unidad de Planificación Rural Agropecuaria (Upra)"
                if entity is not None:
                    entity = known[(acronym,)] = ("ORG", self.slug([acronym]))
            if entity is None:
                continue
            found.append((start, end, *entity))
            known.setdefault(words, entity)
            if entity[0] == "PERSON":
                known.setdefault((self._surname(view, start, end),), entity)
                agency = self._credited_agency(view, start)
                if agency is not None and agency not in at:
                    found.append((agency, agency + 1, "ORG", self.slug([text[agency]])))
        found += self._listed_alongside(view, names, found, at)
        kept = [s for s in spans if not (s.end - s.start == 1 and s.text in silenced)]
        claimed = {i for start, end, *_ in found for i in range(start, end)}
        in_units = {i for start, end in unit_names for i in range(start, end)}
        kept = [s for s in kept if not any(i in claimed for i in range(s.start, s.end))]
        kept = [s for s in kept if s.label_ in ("ORG", "PERSON") or not any(i in in_units for i in range(s.start, s.end))]
        claimed |= in_units
        covered = claimed | {i for span in kept for i in range(span.start, span.end)}
        found = [entity for entity in found if not any(start <= entity[0] < end for start, end in unit_names)]
        for start, end in names:  # later (and earlier) occurrences of a name found so
            entity = known.get(tuple(text[start:end]))
            if entity and not any(i in covered for i in range(start, end)):
                found.append((start, end, *entity))
        return kept + [Span(doc, start, end, label=label, kb_id=entity_id, span_id="signal") for start, end, label, entity_id in found]

    def _classify(self, view: TokenView, start: int, end: int, home: str | None) -> tuple[str, str] | None:
        """The (label, id) a name's own words and the cue around it give, or None."""
        text, norm = view.text, view.norm
        words = [i for i in range(start, end) if norm[i] not in self.links]
        norms = norm[start:end]
        if not words or self._is_document([norm[i] for i in words]):
            return None
        if " ".join(norms) in self.central_bank_names:
            bank = self.central_banks.get(home or "")
            return ("ORG", bank) if bank else None
        cue = self._cue_before(view, start)
        first = norm[words[0]]
        river_last = len(words) > 1 and (norm[words[-1]],) in self.river_after.get(norm[words[-1]], ())  # "Paraná River"
        if cue == "river" or river_last or (len(words) > 1 and self._is_cue(first, "river")):
            rest = words if cue == "river" else words[:-1] if river_last else words[1:]
            return "PLACE", self.slug([text[i] for i in rest] + ["river"])
        if self._cue_after(view, end, self.river_after):
            return "PLACE", self.slug([text[i] for i in words] + ["river"])  # "the Paraná river"
        if cue == "subdivision":
            return "PLACE", self.slug(text[start:end])  # "la provincia de Chincha", "the state of Jalisco"
        if cue == "port" or self._cue_after(view, end, self.port_after):
            return "PLACE", self.port_id(self.slug(text[start:end]))  # "Port of Santos", "puerto de Manzanillo"
        if len(words) >= 2 and self._has_org_word(norms):
            return "ORG", self._org_id(view, start, end)
        lone_opener = len(words) == 1 and (view.sent_start[start] == 1 or view.line_start(start))
        if cue == "site" or (len(words) > 1 and self._is_cue(first, "site")) or (
            not lone_opener and self._cue_after(view, end, self.site_after)
        ):
            return "PLACE", self.slug(text[start:end])
        if len(words) == 1 and first.endswith(self.adjective_suffixes) and not self._closes_clause(view, end):
            return None  # "Chinese consortium", "Canadian miner": a demonym before its noun
        if not lone_opener and self._cue_after(view, end, self.org_after):
            return "ORG", self._org_id(view, start, end)  # "the Sintracarbon union"
        if cue is None and len(words) >= 2 and self._cue_after(view, end, self.speech_verbs):
            cue = "source"  # "Vinos de Chile explicó que ..."
        if cue is None or not self._closes_clause(view, end):
            return None
        if cue == "title" and 2 <= len(words) <= 4:  # "Mr. John Smith", "el señor Juan Pérez"
            person = self.person_slug(text[start:end])
            return ("PERSON", person) if person else None
        if first not in self.given and self._possesses_role(view, end):
            return "ORG", self._org_id(view, start, end)  # "Camposol's chief executive"
        if cue is None and first not in self.given and self._org_apposition(view, end):
            return "ORG", self._org_id(view, start, end)  # "Danper, the largest exporter of asparagus"
        if cue in ("byline", "source", "credit") and first in self.given and 2 <= len(words) <= 4:
            person = self.person_slug(text[start:end])
            return ("PERSON", person) if person else None
        if cue == "org" or cue == "source" and len(words) <= 4 and first not in self.given:
            if len(words) == 1 and first in self.not_name:
                return None
            return "ORG", self._org_id(view, start, end)
        return None

    def port_id(self, place_id: str) -> str:
        """The PLACE id of a place's port ("santos" -> "port-of-santos")."""
        return place_id if place_id.startswith("port-of-") else f"port-of-{place_id}"

    def _possesses_role(self, view: TokenView, end: int) -> bool:
        """Whether "'s <role>" follows the name: "Camposol's chief executive", "Adex's president"."""
        norm = view.norm
        if end + 1 >= len(norm) or norm[end] not in ("'s", "’s"):
            return False
        after = tuple(norm[end + 1 : end + 1 + _MAX_CUE])
        return any(after[: len(role)] == role for role in self.roles_by_first.get(after[0], ()))

    def _org_apposition(self, view: TokenView, end: int) -> bool:
        """Whether ", [the|a] [up to three words] <company noun>" follows the name: "Danper, the largest
        exporter of asparagus", "Camposol, la mayor agroexportadora del país", "Glencore, a Swiss miner"."""
        norm = view.norm
        if end + 1 >= len(norm) or view.text[end] != ",":
            return False
        i = end + 1 + (norm[end + 1] in self.openers)
        for k in range(i, min(i + 4, len(norm))):
            if norm[k] in self.apposition_nouns:
                return k + 1 >= len(norm) or not view.text[k + 1].startswith("'")  # not "the company's manager"
            if not view.text[k].isalpha() or norm[k] in self.links:
                return False
        return False

    def _closes_clause(self, view: TokenView, end: int) -> bool:
        """Whether a cued name ends where a name would: punctuation, a line end, a function word or a verb cue.

        "said Chilean fruit stands out" is no source: a content word follows the capitalised one.
        """
        if end >= len(view.text) or "\n" in view.text[end - 1]:
            return True
        after = view.text[end]
        return not any(char.isalnum() for char in after) or view.norm[end] in self.function_words

    def _merge_listed(self, view: TokenView, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Join "National Mining, Oil and Energy Society": names listed with commas (and a last conjunction) into
        one when the last closes with an organisation word."""
        text, norm = view.text, view.norm
        merged, k = [], 0
        while k < len(names):
            start, end = names[k]
            m = k
            while m + 1 < len(names) and text[names[m][1]] == "," and names[m + 1][0] == names[m][1] + 1:
                m += 1
            if m > k and m + 1 < len(names) and names[m + 1][0] == names[m][1] + 1 and norm[names[m][1]] in self.conjunctions:
                m += 1
            if m > k and self._has_org_word([norm[names[m][1] - 1]]):
                merged.append((start, names[m][1]))
                k = m + 1
                continue
            merged.append((start, end))
            k += 1
        return merged

    def _is_document(self, norms: list[str]) -> bool:
        """A document, programme or economic term ("Mining Investment Guide", "Producto Bruto Interno"):
        its head is a document word, or it has one and no organisation word."""
        return norms[0] in self.not_org_heads or (
            any(norm in self.not_org_heads for norm in norms) and not self._has_org_word(norms)
        )

    def _content_norms(self, view: TokenView, start: int, end: int) -> list[str]:
        return [norm for norm in view.norm[start:end] if norm not in self.links]

    def _listed_alongside(self, view: TokenView, names: list[tuple[int, int]], found: list[tuple], at: dict) -> list[tuple]:
        """Names listed with an organisation or place found from a signal take its label: "mines Mirador and
        Fruta del Norte", "owned by Glencore, BHP and Anglo American" (ids: their own slugs)."""
        label_at = {start: label for start, _, label, _ in found if label in ("ORG", "PLACE")}
        lists, current = [], [names[0]] if names else []
        for previous, name in zip(names, names[1:]):
            if self._list_gap(view, previous[1], name[0]):
                current.append(name)
            else:
                lists.append(current)
                current = [name]
        lists.append(current)
        more = []
        for members in lists:
            labels = {label_at[start] for start, _ in members if start in label_at}
            if len(labels) != 1 or len(members) < 2:
                continue
            label = labels.pop()
            for start, end in members:
                if start in label_at or any(i in at for i in range(start, end)):
                    continue
                norms = self._content_norms(view, start, end)
                if norms and not self._is_document(norms) and not (len(norms) == 1 and norms[0] in self.not_name):
                    name_id = self._org_id(view, start, end) if label == "ORG" else self.slug(view.text[start:end])
                    more.append((start, end, label, name_id))
        return more

    def _list_gap(self, view: TokenView, end: int, start: int) -> bool:
        """Whether only list separators (commas, a conjunction, a bracketed aside) lie between two names."""
        text = view.text
        i, separators = end, 0
        while i < start:
            if text[i] == "(":
                close = next((k for k in range(i, min(i + 10, start)) if text[k] == ")"), None)
                if close is None:
                    return False
                i = close + 1
            elif text[i] in (",", ";") or view.norm[i] in self.conjunctions:
                separators += 1
                i += 1
            else:
                return False
        return separators >= 1

    def _surname(self, view: TokenView, start: int, end: int) -> str:
        return [view.text[i] for i in range(start, end) if view.norm[i] not in self.links][-1]

    def _is_cue(self, norm: str, kind: str) -> bool:
        return any(cue == (norm,) for cue in self.cues[kind])

    def slug(self, words: list[str]) -> str:
        """A lower-case, accent-folded id, words joined by hyphens ("Lundin Gold" -> "lundin-gold", "Peru.21" -> "peru21")."""
        parts = (re.sub(r"[^a-z0-9]+", "", self.fold(part)) for word in words for part in word.split())
        return "-".join(part for part in parts if part)

    def _org_id(self, view: TokenView, start: int, end: int) -> str:
        words = view.text[start:end]
        while len(words) > 1 and self.fold(words[-1]) in self.legal:
            words.pop()
        rest = [self.fold(word) for word in words[1:]]
        if rest and words[0].isupper() and _ACRONYM.fullmatch(words[0]) and len(self._org_word_cover(rest)) == len(rest):
            return self.slug(words[:1])  # "EFE News Service" -> efe
        return self.slug(words)

    def _has_org_word(self, norms: list[str]) -> bool:
        return bool(self._org_word_cover(norms))

    def _org_word_cover(self, norms: list[str]) -> set[int]:
        """Indices of ``norms`` inside an organisation word or phrase."""
        cover: set[int] = set()
        for i, norm in enumerate(norms):
            for phrase in self.org_words_by_first.get(norm, ()):
                if tuple(norms[i : i + len(phrase)]) == phrase:
                    cover.update(range(i, i + len(phrase)))
        return cover

    def _credited_agency(self, view: TokenView, start: int) -> int | None:
        """The agency token of a photo credit "EFE/Antonio Lacerda", if ``start`` follows one."""
        if start >= 2 and view.text[start - 1] == "/" and not view.spaced[start - 2]:
            agency = view.text[start - 2]
            if agency.isupper() and agency.isalpha() and len(agency) >= 2:
                return start - 2
        return None

    def _cue_before(self, view: TokenView, start: int) -> str | None:
        """The kind of the longest cue ending right before ``start`` (blank tokens skipped), if any."""
        if self._credited_agency(view, start) is not None:
            return "credit"
        before = tuple(norm for norm in view.norm[max(start - _MAX_CUE, 0) : start] if norm.strip())
        best, length = None, 0
        for kind, cue in self.cues_by_last.get(before[-1], ()) if before else ():
            if len(cue) > length and before[-len(cue) :] == cue:
                best, length = kind, len(cue)
        return best

    def _cue_after(self, view: TokenView, end: int, cues: dict[str, list[tuple[str, ...]]]) -> bool:
        """Whether one of ``cues`` (indexed by first word) starts right at ``end``."""
        if end >= len(view.norm):
            return False
        after = tuple(view.norm[end : end + _MAX_CUE])
        return any(after[: len(cue)] == cue for cue in cues.get(after[0], ()))

    def _acronym_after(self, view: TokenView, end: int) -> str | None:
        """The acronym in "Name (ACRO)", if the brackets hold one."""
        text = view.text
        if end + 2 < len(text) and text[end] == "(" and text[end + 2] == ")":
            acronym = text[end + 1]
            if _ACRONYM.fullmatch(acronym) and (acronym.isupper() or any(c.islower() for c in acronym[1:])):
                return acronym
        return None

    def _abbreviates(self, view: TokenView, start: int, end: int, acronym: str) -> bool:
        """Whether an acronym spells the initials of the name's words: the first, then the others in order
        ("ICA" of "Informe de Intercambio Comercial Argentino", "Upra" of "Unidad de Planificación Rural
        Agropecuaria")."""
        initials = "".join(
            view.text[i][0].upper() for i in range(start, end) if view.norm[i] not in self.links and view.text[i][:1].isalpha()
        )
        letters = iter(initials[1:])
        upper = acronym.upper()
        return len(initials) >= 3 and upper[0] == initials[0] and all(letter in letters for letter in upper[1:])

    @staticmethod
    def _home_country(spans: list[Span]) -> str | None:
        counts = Counter(span.kb_id_ for span in spans if span.label_ == "COUNTRY")
        return counts.most_common(1)[0][0] if counts else None


def _by_first(phrases: list[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases indexed by their first word."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return index


class TokenView:
    """A doc's token strings, read once from its arrays (Token objects are costly to make token by token).

    ``norm`` is the folded form ``entities.set_norms`` gave every token before this runs.
    """

    def __init__(self, doc: Doc):
        strings = doc.vocab.strings
        orth, norm, spaced, sent_start = doc.to_array(["ORTH", "NORM", "SPACY", "SENT_START"]).T.tolist()
        self.text = [strings[key] for key in orth]
        self.norm = [strings[key] for key in norm]
        self.capital = [text[:1].isupper() for text in self.text]
        self.spaced = spaced
        self.sent_start = sent_start

    def glued_hyphen(self, i: int) -> bool:
        return self.text[i] in ("-", "&") and i > 0 and not self.spaced[i - 1] and not self.spaced[i]

    def line_start(self, i: int) -> bool:
        return i == 0 or "\n" in self.text[i - 1]

    def clause_start(self, i: int) -> bool:
        """Whether token ``i`` opens a sentence, a line or a bracket ("(By Alexandra Valencia")."""
        return self.sent_start[i] == 1 or self.line_start(i) or self.text[i - 1] in _CLAUSE_OPENERS
