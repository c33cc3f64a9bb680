"""Numerals under a per-language ``NumberFormat``: separators, scale words, number words, markers.

Holds the number grammar (loaded from ``data/<lang>/number_format.toml``), the numeral parser, the
compound-amount arithmetic ("6 mil 299 millones") and the spaCy component that tags numeral,
scale, currency and percent tokens for the money and percent rules. Nothing here branches on the
language name: every difference between English and Spanish is a value in the data files.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import numpy
from spacy.attrs import LOWER, POS
from spacy.matcher import PhraseMatcher
from spacy.symbols import NUM as NUM_POS
from spacy.tokens import Doc, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from extractors.currency_names import is_name, with_currency_names
from extractors.lexicon import Currency, check_table, read_toml

NUMBER_FORMAT_KEYS = frozenset(
    {
        "group_marks",
        "decimal_marks",
        "three_digit_reading",
        "three_digit_decimal_before",
        "three_digit_sure_before",
        "scales",
        "attached_scales",
        "number_words",
        "fraction_words",
        "code_scales",
        "markers",
        "context",
    }
)
_MARKER_KEYS = frozenset({"percent", "points"})
_CONTEXT_KEYS = frozenset(
    {
        "coordinators",
        "currency_linkers",
        "signs",
        "quantity_units",
        "unit_price_words",
        "number_word_joiners",
        "decimal_words",
        "fraction_marks",
        "fraction_suffixes",
        "standalone_scales",
        "subunits",
        "subunit_joiners",
    }
)

# Roles the tagger gives tokens; the money and percent patterns are written over these.
NUM, WORD, JOIN, SCALE, CURRENCY, PERCENT, POINTS, SIGN, LINK, UNIT = (
    "num", "word", "join", "scale", "currency", "percent", "points", "sign", "link", "unit",
)  # fmt: skip
# Spelled-out decimals and fractions: "dos coma cinco", "tres quintos", "uno sobre tres".
DECIMAL, FRACTION, OVER = "decimal", "fraction", "over"
AMOUNT_ROLES = (NUM, WORD, JOIN, SCALE, DECIMAL, FRACTION, OVER)

_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*|\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d+, \d{1,2}|[.,]\d+")
_DIGIT_GROUP = re.compile(r"\d{3}(?:[.,]\d+)?")
_LEADING_GROUP = re.compile(r"\d{1,3}")
_GLUED_FRACTION = re.compile(r"(\d{1,6})(\D)(\d{1,6})")
_LONGEST_NUMBER_WORD = 40  # bounds the stem segmentation of a long token
_STRAY_DECIMAL = re.compile(r"(?<=\d), (?=\d{1,2}(?!\d))")  # lookarounds: linear on 100k digits


@dataclass(frozen=True)
class NumberFormat:
    """How one language writes numbers and the words around them (see number_format.toml)."""

    group_marks: tuple[str, ...]
    decimal_marks: tuple[str, ...]
    three_digit_reading: str  # "group" or "decimal"
    three_digit_decimal_before: frozenset[str]
    three_digit_sure_before: frozenset[str]
    scales: dict[str, Decimal]
    attached_scales: dict[str, Decimal]
    number_words: dict[str, Decimal]
    fraction_words: dict[str, Decimal]
    code_scales: dict[str, Decimal]
    percent_markers: tuple[str, ...]
    point_markers: tuple[str, ...]
    coordinators: frozenset[str]
    currency_linkers: frozenset[str]
    signs: dict[str, int]
    quantity_units: frozenset[str]
    unit_price_words: frozenset[str]
    number_word_joiners: frozenset[str]
    decimal_words: frozenset[str]
    fraction_marks: frozenset[str]
    fraction_suffixes: tuple[str, ...]
    standalone_scales: frozenset[str]
    subunits: frozenset[str]
    subunit_joiners: frozenset[str]

    @classmethod
    def from_dict(cls, data: dict, name: str = "number_format") -> NumberFormat:
        """Build a format from the parsed TOML, validating nested tables and values."""
        markers = check_table(f"{name}.markers", data["markers"], _MARKER_KEYS)
        context = check_table(f"{name}.context", data["context"], _CONTEXT_KEYS)
        if data["three_digit_reading"] not in ("group", "decimal"):
            raise ValueError(f"{name}: three_digit_reading must be group|decimal")
        signs = {}
        for sign, direction in context["signs"].items():
            if direction not in (1, -1):
                raise ValueError(f"{name}: sign {sign!r} must be 1 or -1")
            signs[sign] = direction
        return cls(
            group_marks=tuple(data["group_marks"]),
            decimal_marks=tuple(data["decimal_marks"]),
            three_digit_reading=data["three_digit_reading"],
            three_digit_decimal_before=frozenset(data["three_digit_decimal_before"]),
            three_digit_sure_before=frozenset(data["three_digit_sure_before"]),
            scales={word: Decimal(value) for word, value in data["scales"].items()},
            attached_scales={word: Decimal(v) for word, v in data["attached_scales"].items()},
            number_words={word: Decimal(v) for word, v in data["number_words"].items()},
            fraction_words={word: Decimal(v) for word, v in data["fraction_words"].items()},
            code_scales={prefix: Decimal(v) for prefix, v in data["code_scales"].items()},
            percent_markers=tuple(markers["percent"]),
            point_markers=tuple(markers["points"]),
            coordinators=frozenset(context["coordinators"]),
            currency_linkers=frozenset(context["currency_linkers"]),
            signs=signs,
            quantity_units=frozenset(context["quantity_units"]),
            unit_price_words=frozenset(context["unit_price_words"]),
            number_word_joiners=frozenset(context["number_word_joiners"]),
            decimal_words=frozenset(context["decimal_words"]),
            fraction_marks=frozenset(context["fraction_marks"]),
            fraction_suffixes=tuple(sorted(context["fraction_suffixes"], key=len, reverse=True)),
            standalone_scales=frozenset(context["standalone_scales"]),
            subunits=frozenset(context["subunits"]),
            subunit_joiners=frozenset(context["subunit_joiners"]),
        )

    def denominator(self, word: str) -> Decimal | None:
        """Return the denominator a (lower-case) word names, or ``None``.

        Listed fraction words first, then a number word with a fraction suffix, whose stem may
        have lost its last vowel ("treint-avos") and may be a run of number words ("dosmil-ésimos").

        >>> es, en = load_number_format("es"), load_number_format("en")
        >>> es.denominator("quintos"), es.denominator("treintaicincoavos"), es.denominator("dosmilesimos")
        (Decimal('5'), Decimal('35'), Decimal('2000'))
        >>> int(en.denominator("hundredths")), es.denominator("esclavo"), en.denominator("month")
        (100, None, None)
        """
        if word in self.fraction_words:
            return self.fraction_words[word]
        if len(word) > _LONGEST_NUMBER_WORD:
            return None
        for suffix in self.fraction_suffixes:
            if word.endswith(suffix) and len(word) > len(suffix):
                stem = word[: -len(suffix)]
                for candidate in (stem, stem + "a", stem + "e", stem + "o"):
                    value = self.read_word_run(candidate)
                    if value is not None:
                        return value
                return None
        return None

    def read_word_run(self, text: str) -> Decimal | None:
        """Read number words written together ("dosmil", "treintaicinco"); ``None`` if not one number.

        >>> load_number_format("es").read_word_run("veintemil")
        Decimal('20000')
        """
        parts = self._segment(text, 0)
        if parts is None:
            return None
        if len(parts) == 1 and parts[0][0] == SCALE:
            return parts[0][1]  # "billon-ésimo": one part in a billion
        return combine_amount(parts)

    def _segment(self, text: str, start: int) -> list[tuple[str, Decimal]] | None:
        if start == len(text):
            return []
        for end in range(len(text), start, -1):  # longest word first: "dieciséis" before "dos"
            piece = text[start:end]
            if piece in self.number_words:
                part = [(WORD, self.number_words[piece])]
            elif piece in self.scales:
                part = [(SCALE, self.scales[piece])]
            elif piece in self.number_word_joiners and start > 0 and piece.isalpha():
                part = []
            else:
                continue
            rest = self._segment(text, end)
            if rest is not None:
                return part + rest
        return None


@cache
def load_number_format(lang: str) -> NumberFormat:
    """Load and validate ``data/<lang>/number_format.toml``."""
    data = read_toml(lang, "number_format.toml", keys=NUMBER_FORMAT_KEYS)
    return NumberFormat.from_dict(data, name=f"{lang}/number_format")


def read_number(text: str, fmt: NumberFormat, before: str | None = None) -> tuple[Decimal, str | None]:
    """Parse a written numeral; return its value and, where the reading is a guess, why.

    ``before`` is the (lower-case) scale word that follows the numeral, if any: it decides the
    "one separator and exactly three digits" case of annotation guide §1.2.
    """
    text = _STRAY_DECIMAL.sub(",", text.strip())
    if " " in text and " " in fmt.group_marks:
        text = text.replace(" ", "")
    marks = [char for char in text if not char.isdigit()]
    if not marks:
        return Decimal(text), None
    kinds = set(marks)
    if len(kinds) > 1:
        decimal_mark = marks[-1]
        whole, _, fraction = text.rpartition(decimal_mark)
        whole = "".join(char for char in whole if char.isdigit())
        return Decimal(f"{whole}.{fraction}"), None
    mark = marks[0]
    if len(marks) > 1:
        if mark not in fmt.group_marks:
            raise ValueError(f"not a numeral: {text!r}")
        return Decimal(text.replace(mark, "")), None
    whole, fraction = text.split(mark)
    if len(fraction) != 3 or len(whole) > 3 or mark not in fmt.group_marks:
        if mark not in fmt.decimal_marks:
            raise ValueError(f"not a numeral: {text!r}")
        return Decimal(f"{whole}.{fraction}"), None
    reading = fmt.three_digit_reading
    if before in fmt.three_digit_decimal_before:
        reading = "decimal"
    reason = None
    if before not in fmt.three_digit_sure_before:
        reason = f"one separator and three digits in {text!r}: read as {reading}"
    if reading == "decimal":
        return Decimal(f"{whole}.{fraction}"), reason
    return Decimal(whole + fraction), reason


def parse_number(text: str, fmt: NumberFormat, before: str | None = None) -> Decimal:
    """Parse a written numeral under ``fmt`` (separators per annotation guide §1.2).

    >>> en, es = load_number_format("en"), load_number_format("es")
    >>> parse_number("68 120", es), parse_number("19,8", es), parse_number("1.234,9", es)
    (Decimal('68120'), Decimal('19.8'), Decimal('1234.9'))
    >>> parse_number("33,410", es, before="millones"), parse_number("5.263", es, before="millones")
    (Decimal('33410'), Decimal('5263'))
    >>> parse_number("44.058", en, before="billion"), parse_number("10,999", en, before="million")
    (Decimal('44.058'), Decimal('10999'))
    >>> parse_number("41, 6", es), parse_number("25,418,300", en)
    (Decimal('41.6'), Decimal('25418300'))
    """
    return read_number(text, fmt, before)[0]


def combine_amount(parts: list[tuple[str, Decimal]]) -> Decimal | None:
    """Add up a compound amount of numbers and scale words; ``None`` where the sequence is invalid.

    ``parts`` are ``(NUM, value)``, ``(WORD, value)`` or ``(SCALE, multiplier)`` items. A scale multiplies the number
    before it together with every finished group of a smaller scale, so long-scale Spanish
    compounds add up: "6 mil 299 millones" is (6e3 + 299) × 1e6, "1,111 millones 653 mil" is
    1111e6 + 653e3, "mil 500 millones" is 1500e6.

    >>> K, M = Decimal("1e3"), Decimal("1e6")
    >>> int(combine_amount([(NUM, Decimal(6)), (SCALE, K), (NUM, Decimal(299)), (SCALE, M)]))
    6299000000
    >>> int(combine_amount([(NUM, Decimal(68)), (SCALE, K), (SCALE, M)]))
    68000000000
    >>> combine_amount([(NUM, Decimal(5)), (NUM, Decimal(7))]) is None
    True
    """
    groups: list[tuple[Decimal, Decimal]] = []  # (amount, scale) of finished groups
    current: Decimal | None = None
    last_word: Decimal | None = None  # number words may follow each other: "ciento veinte"
    for kind, value in parts:
        if kind in (NUM, WORD):
            if current is not None and not (kind == WORD and last_word is not None and last_word > value):
                return None
            if current is None and groups and value >= groups[-1][1]:
                return None
            current = value if current is None else current + value
            last_word = value if kind == WORD else None
            continue
        last_word = None
        base = current
        if base is None:
            if groups and groups[-1][1] < value:
                base = Decimal(0)
            elif not groups and value == 1000:
                base = Decimal(1)
            else:
                return None
        while groups and groups[-1][1] < value:
            base += groups.pop()[0]
        if groups and groups[-1][1] == value:
            return None
        groups.append((base * value, value))
        current = None
    if current is None and not groups:
        return None
    return sum((amount for amount, _ in groups), Decimal(0)) + (current or Decimal(0))


_CONTEXT = "context"  # sentinel: the role depends on the neighbouring tokens
# No amount in prose runs to 64 number tokens in a row; a longer run ("mil mil mil …", a column
# of figures with no separators) keeps roles only on its last tokens, so the Matcher's work on
# it stays bounded and the figure that ends it (the one a marker or currency follows) survives.
MAX_AMOUNT_RUN = 64
_RUN_TAIL = 20


def _untag_overlong_runs(doc: Doc) -> None:
    """Clear the role of all but the last tokens of any run of amount tokens over MAX_AMOUNT_RUN."""
    if len(doc) <= MAX_AMOUNT_RUN:
        return
    amount = numpy.isin(doc.to_array("TAG"), [doc.vocab.strings.add(role) for role in AMOUNT_ROLES])
    if not amount.any():
        return
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], amount.astype(numpy.int8), [0]))))
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        if end - start > MAX_AMOUNT_RUN:
            for i in range(start, end - _RUN_TAIL):
                doc[i].tag_ = ""


def _mark_amount_tokens(doc: Doc) -> None:
    """Set ``pos_`` to NUM on every token with an amount role (``AMOUNT_ROLES``), in one array write.

    The money patterns then test "part of an amount" as one attribute value, which spaCy's Matcher
    checks in C; a set of tags (``{"TAG": {"IN": [...]}}``) is a Python predicate per token.
    The blank pipelines have no tagger, so POS carries nothing else.
    """
    amount = numpy.isin(doc.to_array("TAG"), [doc.vocab.strings.add(role) for role in AMOUNT_ROLES])
    doc.from_array([POS], numpy.where(amount, NUM_POS, 0).astype("uint64"))


class NumeralTagger:
    """spaCy component: merge multi-token numerals and markers, then tag each token's role.

    Merges digit groups split by spaces ("68 120", "2 847 761 852"), a decimal comma followed by a
    stray space before a marker ("41, 6 millones"), multi-word markers ("US $", "por ciento",
    "percentage points", "U.S. dollars") and multi-token units ("b/d") into single tokens, then
    sets ``token.tag_`` to one of the role constants above (or leaves it ``None``).
    """

    def __init__(self, nlp, fmt: NumberFormat, currencies: tuple[Currency, ...]):
        self.fmt = fmt
        currencies = with_currency_names(currencies)  # + ISO 4217 codes and CLDR names
        self.currencies = {c.surface.lower(): c for c in currencies}
        self._glued = _glued_currency_pattern(currencies, fmt)
        self._text_roles: dict[tuple[str, bool], str | None] = {}
        self.markers: dict[str, str] = {}
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for currency in currencies:
            if currency.surface.isalpha():
                continue  # one word is one token: only multi-token markers need the phrase matcher
            if _PLAIN_WORDS.fullmatch(currency.surface):  # "pesos colombianos": split as the tokenizer would
                doc = Doc(_MARKER_VOCAB, words=currency.surface.lower().split())
            else:
                doc = nlp.make_doc(currency.surface)
            if len(doc) > 1:
                self.phrases.add("marker", [doc])
        for surface in fmt.percent_markers:
            self.markers[surface.lower()] = PERCENT
        for surface in fmt.point_markers:
            self.markers[surface.lower()] = POINTS
        for surface in fmt.scales:
            self.markers[surface.lower()] = SCALE
        for surface in [*self.markers, *fmt.quantity_units]:
            doc = nlp.make_doc(surface)
            if len(doc) > 1:
                self.phrases.add("marker", [doc])

    def __call__(self, doc: Doc) -> Doc:
        self._split_glued_currencies(doc)
        self._split_fractions(doc)
        spans = [doc[start:end] for _, start, end in self.phrases(doc)]
        spans += self._digit_runs(doc)
        _retokenize_from_the_end(doc, [(span.start, span.end) for span in filter_spans(spans)],
                                 lambda retokenizer, start, end: retokenizer.merge(doc[start:end]))
        # Token attributes are read from the doc's arrays and tags kept in a list: making a Token
        # object per token per pass cost more than the rules themselves.
        strings = doc.vocab.strings
        orth, lower_hash, alpha, space, spaced = doc.to_array(["ORTH", "LOWER", "IS_ALPHA", "IS_SPACE", "SPACY"]).T.tolist()
        texts = [strings[key] for key in orth]
        tags = [""] * len(texts)
        for i, text in enumerate(texts):
            role = self._role_by_text(text)
            if role is _CONTEXT:
                role = self.role_of(doc[i])
            if role is not None:
                tags[i] = doc[i].tag_ = role
        fmt = self.fmt
        between = fmt.number_word_joiners | fmt.decimal_words | fmt.fraction_marks
        for i in range(1, len(texts) - 1):
            lower = strings[lower_hash[i]]
            if lower not in between and not space[i]:
                continue
            before, after = tags[i - 1], tags[i + 1]
            tag = None
            # "treinta y cinco", "one hundred and five": a joiner between two number words
            if lower in fmt.number_word_joiners and before in (WORD, SCALE) and after in (WORD, FRACTION):
                tag = JOIN
            # "dos coma cinco", "siete con cincuenta": decimals are spelled out only after words
            elif lower in fmt.decimal_words and before in (WORD, SCALE) and after in (WORD, SCALE):
                tag = DECIMAL
            elif lower in fmt.fraction_marks and before in (NUM, WORD) and after in (NUM, WORD):
                if alpha[i] or not (spaced[i] or spaced[i - 1]):
                    tag = OVER
            # "US$589\nmillones": a hard-wrapped line splits a number from its scale word; a
            # blank line (a paragraph break) does not join them
            elif space[i] and texts[i].count("\n") == 1 and before in (NUM, WORD) and after == SCALE:
                tag = JOIN
            if tag is not None:
                tags[i] = doc[i].tag_ = tag
        _untag_overlong_runs(doc)
        _mark_amount_tokens(doc)
        return doc

    def _split_glued_currencies(self, doc: Doc) -> None:
        """Split a currency code or symbol glued to its number that the tokenizer left whole:
        "ZAR100" (a code the tokenizer's affixes do not list), "10-US$20" and "10-$20" (a range
        whose second end repeats the marker) become "ZAR 100", "10 - US$ 20"."""
        splits = []
        strings = doc.vocab.strings
        for i, (orth, alpha) in enumerate(doc.to_array(["ORTH", "IS_ALPHA"]).tolist()):
            if alpha:
                continue
            text = strings[orth]
            if _PLAIN_NUMBER.fullmatch(text) or not _HAS_DIGIT.search(text):
                continue  # most tokens: words, and numbers with nothing glued to them
            match = self._glued.fullmatch(text)
            if match is None:
                continue
            pieces = [piece for piece in match.groups() if piece]
            if len(pieces) > 1 and self._role_by_text(text) is None:
                splits.append((i, pieces))

        def split(retokenizer, i: int, pieces: list[str]) -> None:
            token = doc[i]
            spaces = [False] * (len(pieces) - 1) + [bool(token.whitespace_)]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces), attrs={"SPACY": spaces})

        _retokenize_from_the_end(doc, splits, split)

    def _split_fractions(self, doc: Doc) -> None:
        """Split "3/4" written flush against a percent marker ("3/4%") into numerator, mark, denominator."""
        texts, lowers, spaced = token_strings(doc)
        splits = []
        for i, text in enumerate(texts[:-1]):
            match = _GLUED_FRACTION.fullmatch(text)
            if match and match[2] in self.fmt.fraction_marks and not spaced[i] and self.markers.get(lowers[i + 1]) in (PERCENT, POINTS):
                splits.append((i, match.groups()))
        _retokenize_from_the_end(doc, splits, lambda retokenizer, i, pieces: retokenizer.split(
            doc[i], list(pieces), heads=[(doc[i], 0)] * 3, attrs={"SPACY": [False] * 3}))

    def _digit_runs(self, doc: Doc) -> list:
        texts, lowers, spaced = token_strings(doc)
        n = len(texts)
        runs = []
        i = 0
        while i < n:
            text = texts[i]
            j = i
            leading = _LEADING_GROUP.fullmatch(text)
            if leading:
                while j + 1 < n and spaced[j] and _DIGIT_GROUP.fullmatch(texts[j + 1]) and not any(mark in texts[j] for mark in ",."):
                    j += 1
            if j == i and leading and i + 3 < n:
                if (
                    not spaced[i]
                    and texts[i + 1] == ","
                    and spaced[i + 1]
                    and len(texts[i + 2]) <= 2
                    and texts[i + 2].isdigit()
                    and self.markers.get(lowers[i + 3]) in (SCALE, PERCENT, POINTS)
                ):
                    j = i + 2
            if j == i and text in self.fmt.decimal_marks and not spaced[i] and i + 1 < n and texts[i + 1].isdigit() and (i == 0 or spaced[i - 1]):
                j = i + 1  # a leading decimal mark: ",08 por ciento", ".5%"
            if j > i:
                runs.append(doc[i : j + 1])
            i = j + 1
        return runs

    def role_of(self, token: Token) -> str | None:
        """Return the role of one (merged) token, or ``None``."""
        text = token.text
        role = self._role_by_text(text)
        if role is not _CONTEXT:
            return role
        lower = token.lower_
        if lower in self.fmt.attached_scales and token.i > 0:
            previous = token.doc[token.i - 1]
            if not previous.whitespace_ and _NUMERAL.fullmatch(previous.text):
                return SCALE
        if text in self.fmt.code_scales and not token.whitespace_ and token.i + 1 < len(token.doc):
            if self.currencies.get(token.doc[token.i + 1].lower_) is not None:
                return SCALE  # "30 MUSD", "MAUD 60"
        return self._role_by_text(text, after_context=True)

    def _role_by_text(self, text: str, after_context: bool = False) -> str | None:
        """The roles that depend on the text alone, cached per text; ``_CONTEXT`` where a
        neighbour-dependent rule (attached or code scale) must be tried first."""
        key = (text, after_context)
        if key not in self._text_roles:
            self._text_roles[key] = self._classify_text(text, after_context)
        return self._text_roles[key]

    def _classify_text(self, text: str, after_context: bool) -> str | None:
        lower = text.lower()
        if not after_context:
            currency = self.currencies.get(lower)
            if currency is not None and (not currency.case_sensitive or text == currency.surface):
                return CURRENCY
            if _NUMERAL.fullmatch(text):
                return NUM
            role = self.markers.get(lower)
            if role is not None:
                return role
            if lower in self.fmt.attached_scales or text in self.fmt.code_scales:
                return _CONTEXT
        if lower in self.fmt.number_words:
            return WORD
        if text in self.fmt.signs or (text.isalpha() and lower in self.fmt.signs):
            return SIGN
        if text.isalpha() and self.fmt.denominator(lower) is not None:
            return FRACTION
        if lower in self.fmt.currency_linkers:
            return LINK
        if lower in self.fmt.quantity_units:
            return UNIT
        return None


def token_strings(doc: Doc) -> tuple[list[str], list[str], list[int]]:
    """Each token's text, lower-case form and trailing-space flag, read from the doc's arrays at once
    (making a Token object per token per pass cost more than the rules)."""
    strings = doc.vocab.strings
    orth, lower, spaced = doc.to_array(["ORTH", "LOWER", "SPACY"]).T.tolist()
    return [strings[key] for key in orth], [strings[key] for key in lower], spaced


# Multi-word currency names ("pesos colombianos", "Swiss francs") become marker patterns on a scratch
# vocabulary that computes only LOWER, the matcher's attribute: building ~800 of them in the pipeline's
# vocabulary computed every lexical attribute of every word at start-up.
_MARKER_VOCAB = Vocab(strings=[], lex_attr_getters={LOWER: str.lower})
_PLAIN_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)+")

_PLAIN_NUMBER = re.compile(r"[0-9.,%+\-−]*")
_HAS_DIGIT = re.compile(r"[0-9]")


def _glued_currency_pattern(currencies: tuple[Currency, ...], fmt: NumberFormat) -> re.Pattern:
    """A token that is a currency code or symbol glued to a number, optionally after the first
    end of a range and a dash ("10-US$20"); names ("soles") are never glued."""
    def alternation(items):
        return "|".join(re.escape(s) for s in sorted(items, key=len, reverse=True))

    glued = [c for c in currencies if " " not in c.surface and not is_name(c)]
    exact = alternation(c.surface for c in glued if c.case_sensitive)
    loose = alternation(c.surface for c in glued if not c.case_sensitive)
    marker = "|".join(part for part in (exact, f"(?i:{loose})" if loose else "") if part)
    scales = alternation([*fmt.attached_scales, *fmt.scales])
    return re.compile(
        rf"(?:(\d+(?:[.,]\d+)*)([\-–]))?({marker})(\d+(?:[.,]\d+)*)((?i:{scales}))?"
    )


def scale_of(token: Token, fmt: NumberFormat) -> Decimal:
    """Return the multiplier of a token tagged ``SCALE``."""
    lower = token.lower_
    return fmt.scales.get(lower) or fmt.attached_scales.get(lower) or fmt.code_scales[token.text]


def read_first_amount(
    tokens: list[Token], fmt: NumberFormat
) -> tuple[int, tuple[Decimal, list[str], bool]] | None:
    """The first position from which ``tokens`` read as one amount, with that reading; else None."""
    for begin in range(len(tokens)):
        read = read_amount(tokens[begin:], fmt)
        if read is not None:
            return begin, read
    return None


def scale_word_after(tokens: list[Token], position: int) -> str | None:
    """The (lower-case) scale word right after the numeral at ``position``, if any: it decides how the
    numeral reads ("47.702 billion" vs "47.702"); a line break between them ("46.359\nbillion") is skipped."""
    after = position + 1
    if after < len(tokens) and tokens[after].tag_ == JOIN:
        after += 1
    following = tokens[after] if after < len(tokens) else None
    return following.lower_ if following is not None and following.tag_ == SCALE else None


def read_amount(tokens: list[Token], fmt: NumberFormat) -> tuple[Decimal, list[str], bool] | None:
    """Read tokens tagged with amount roles as one amount: (value, guess reasons, has a scale).

    Returns ``None`` where the tokens do not form one amount ("5 7", "millones" alone).
    """
    parts: list[tuple[str, Decimal | None]] = []
    reasons: list[str] = []
    for position, token in enumerate(tokens):
        role = token.tag_
        if role == JOIN and 0 < position < len(tokens) - 1:
            continue
        if role == SCALE:
            if not parts and token.lower_ not in fmt.standalone_scales and scale_of(token, fmt) == 1000:
                return None  # "dollars thousand of times": English needs "a thousand"
            parts.append((SCALE, scale_of(token, fmt)))
        elif role == WORD:
            parts.append((WORD, fmt.number_words[token.lower_]))
        elif role == FRACTION:
            parts.append((FRACTION, fmt.denominator(token.lower_)))
        elif role in (DECIMAL, OVER):
            parts.append((role, None))
        elif role == NUM:
            try:
                value, reason = read_number(token.text, fmt, scale_word_after(tokens, position))
            except ValueError:
                return None
            if reason:
                reasons.append(reason)
            parts.append((NUM, value))
        else:
            return None
    # A bare number after a scale ends the amount only when written with group marks:
    # "US$ 2,318 millones 450,000" is one amount, "US$ 5 millones 2023" is not.
    if len(parts) >= 2 and parts[-1][0] == NUM and parts[-2][0] == SCALE:
        if tokens[-1].text.isdigit():
            return None
    has_scale = any(kind == SCALE for kind, _ in parts)
    parts = _fold_fractions(parts)
    if parts is None:
        return None
    value = combine_amount(parts)
    if value is None:
        return None
    return value, reasons, has_scale


_SPELLED = (WORD, SCALE)


def _fold_fractions(parts: list[tuple[str, Decimal | None]]) -> list[tuple[str, Decimal]] | None:
    """Replace spelled-out fractions and decimals by one number part; ``None`` if malformed.

    "tres quintos" is 3/5, "uno sobre tres" 1/3, "half million" (1/2) million; "dos coma cinco" is
    2.5 and "siete con cincuenta" 7.5 (the digits after the decimal word, spelled out);
    "ciento treinta con dos quintos" is 130 + 2/5.
    """
    kinds = [kind for kind, _ in parts]
    if not any(kind in (FRACTION, OVER, DECIMAL) for kind in kinds):
        return parts  # the common case: nothing to fold
    if kinds.count(DECIMAL) > 1 or kinds.count(OVER) + kinds.count(FRACTION) > 1:
        return None
    folded = list(parts)
    if FRACTION in kinds or OVER in kinds:
        at = kinds.index(FRACTION) if FRACTION in kinds else kinds.index(OVER)
        begin = at
        while begin > 0 and kinds[begin - 1] in (NUM, WORD):
            begin -= 1
        numerator = combine_amount(folded[begin:at]) if begin < at else None
        if kinds[at] == FRACTION:
            end = at + 1
            if numerator is None:
                # "half million": a lone denominator means one part, but only before a scale
                if begin < at or end == len(kinds) or kinds[end] != SCALE:
                    return None
                numerator = Decimal(1)
            denominator = folded[at][1]
        else:
            end = at + 1
            while end < len(kinds) and kinds[end] in (NUM, WORD):
                end += 1
            denominator = combine_amount(folded[at + 1 : end]) if at + 1 < end else None
            if numerator is None or not denominator:
                return None
        folded[begin:end] = [(FRACTION, numerator / denominator)]
        kinds = [kind for kind, _ in folded]
    if DECIMAL in kinds:
        at = kinds.index(DECIMAL)
        whole_parts, rest = folded[:at], folded[at + 1 :]
        if not whole_parts or not rest or any(kind not in _SPELLED for kind, _ in whole_parts):
            return None  # decimals are spelled out only after a spelled-out whole
        whole = combine_amount(whole_parts)
        if whole is None:
            return None
        if rest[0][0] == FRACTION:
            fraction, rest = rest[0][1], rest[1:]
        else:
            end = len(rest)
            while end > 1 and rest[end - 1][0] == SCALE:
                end -= 1  # "dos coma cinco millones": the scale applies to the whole number
            if any(kind not in _SPELLED for kind, _ in rest[:end]):
                return None
            digits = combine_amount(rest[:end])
            if digits is None or digits != digits.to_integral_value():
                return None
            fraction, rest = digits.scaleb(-len(str(int(digits)))), rest[end:]
        folded = [(WORD, whole + fraction), *rest]
    return [(NUM if kind == FRACTION else kind, value) for kind, value in folded]


_RETOKENIZE_CHUNK = 256


def _retokenize_from_the_end(doc: Doc, edits: list[tuple], apply: Callable[..., None]) -> None:
    """Apply ``apply(retokenizer, index, ...)`` for each edit (sorted by token index), in rounds of at most
    ``_RETOKENIZE_CHUNK`` from the end of the doc backwards, so that earlier indices stay valid.

    spaCy's retokenizer compares each new edit with every edit queued before it: one round of 32,000
    merges (a 64,000-character run of "%") took 9 s, rounds of 256 take milliseconds."""
    size = max(_RETOKENIZE_CHUNK, math.isqrt(len(doc)))  # rounds cost O(len(doc)) each, edits O(size) each
    for stop in range(len(edits), 0, -size):
        with doc.retokenize() as retokenizer:
            for edit in edits[max(0, stop - size):stop]:
                apply(retokenizer, *edit)
