"""Money mentions: Matcher patterns over numeral roles, value + currency normaliser, ellipsis.

The patterns are built once from the roles that ``numbers.NumeralTagger`` gives tokens (which come
from ``number_format.toml`` and ``currencies.tsv``), so there is one set of patterns for every
language. Annotation guide §1 decides what counts: a number with a currency marker, or a scaled
number that continues a money series (in the same sentence or list), range or comparison.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractors.currency_names import is_name, with_currency_names
from extractors.lexicon import Currency
from extractors.mention import Mention
from extractors.numbers import (
    AMOUNT_ROLES,
    CURRENCY,
    FRACTION,
    JOIN,
    LINK,
    NUM,
    PERCENT,
    POINTS,
    SCALE,
    SIGN,
    UNIT,
    WORD,
    NumberFormat,
    read_amount,
    read_first_amount,
    read_number,
    scale_of,
    scale_word_after,
    token_strings,
)

# Exact values only, which the Matcher tests in C: an amount token is one whose role is any of
# AMOUNT_ROLES, marked POS NUM by the numeral tagger.
_SIGN = {"TAG": SIGN, "OP": "?"}
_CURRENCY = {"TAG": CURRENCY}
_AMOUNT = {"POS": "NUM", "OP": "{1,8}"}
_LINK = {"TAG": LINK}
# A scale glued to an ISO code ("MAUD 60"), and a scale after a code ("75 USD million").
_CODE_SCALE = {"TAG": SCALE, "OP": "?"}
_SCALE_AFTER = {"TAG": SCALE}
# A sign may follow the currency marker ("$ -124 millones").
CURRENCY_BEFORE_PATTERNS = [
    [_SIGN, _CODE_SCALE, _CURRENCY, _SIGN, _AMOUNT, {**_CURRENCY, "OP": "?"}],
    [_SIGN, _CODE_SCALE, _CURRENCY, _SIGN, _AMOUNT, _LINK, _CURRENCY],
]
CURRENCY_AFTER_PATTERNS = [
    [_SIGN, _AMOUNT, {**_LINK, "OP": "?"}, _CURRENCY],
    [_SIGN, _AMOUNT, _CURRENCY, _SCALE_AFTER],
]
# A scale after the currency counts from a million up: "5 dólares mil cajas" is no amount.
_SCALE_AFTER_MIN = Decimal(10) ** 6
AMOUNT_PATTERNS = [[_SIGN, _AMOUNT]]

# An unscaled amount takes the scale of a money figure nearby only when the two numbers are of
# the same order ("US$ 61.3 billion, above the 2021 record (US$58.7)").
_SCALE_WINDOW_TOKENS = 12
_NUMBERS = (NUM, WORD, FRACTION)  # a scale alone ("M" in "MAUD 60") is no amount
_CENTS = re.compile(r"\d{1,2}")
_SCALE_RATIO = (Decimal("0.2"), Decimal(5))


@dataclass
class _Amount:
    """A matched amount before it becomes a mention (money, or a bare scaled number)."""

    start: int  # token indices into the doc
    end: int
    value: Decimal
    lead: Decimal  # the value without its scale, for comparisons
    has_scale: bool
    currency: str | None
    reasons: list[str]
    rule: str
    quantity: bool = False  # followed by a unit of measure: a volume, not money
    scale_word: str | None = None  # the (lower-case) scale word written on the amount
    numeral: str | None = None  # an unscaled amount's one numeral, re-read under a borrowed scale


def sign_of(doc: Doc, token: Token, fmt: NumberFormat) -> int | None:
    """Return +1/-1 for a sign token written on an amount, ``None`` where it is a dash instead."""
    if token.tag_ != SIGN:
        return None
    if token.is_alpha:
        return fmt.signs[token.lower_]  # "minus five percent"
    if token.i > 0:
        previous = doc[token.i - 1]
        if not previous.whitespace_ and previous.tag_ in (NUM, PERCENT, POINTS, SCALE, CURRENCY):
            return None  # a range dash: "2.5%-3%", "US$5-6 million"
        if token.whitespace_ and fmt.signs[token.text] < 0 and previous.text != "(":
            return None  # a spaced dash between clauses, unless "(- 7%)"
    return fmt.signs[token.text]


class MoneyRecognizer:
    """spaCy component: add money mentions to ``doc._.cifras_mentions``."""

    def __init__(self, nlp, fmt: NumberFormat, currencies: tuple[Currency, ...]):
        self.fmt = fmt
        hand_kept, currencies = currencies, with_currency_names(currencies)  # + ISO 4217 codes and CLDR names
        self.currencies = {currency.surface.lower(): currency for currency in currencies}
        # A generated name, or a hand-kept one whose reading is a guess, counts only after the
        # amount ("5 millones de soles", "40 million dirhams"): before a number it is another word
        # ("won 3 contracts", "rand 5"). Hand-kept sure names also open one ("dollar 22.5 million").
        hand_set = set(hand_kept)
        hand = {currency.surface.lower() for currency in currencies if currency in hand_set}
        self.after_only = frozenset(
            key
            for key, currency in self.currencies.items()
            if is_name(currency) and (key not in hand or currency.reason)
        )
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("currency_before", CURRENCY_BEFORE_PATTERNS)  # trimmed, then filtered
        self.matcher.add("currency_after", CURRENCY_AFTER_PATTERNS, greedy="LONGEST")
        self.matcher.add("amount", AMOUNT_PATTERNS, greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        amounts = self.find_amounts(doc)
        resolve_ellipsis(doc, amounts, self.fmt)
        for amount in amounts:
            if amount.currency is None and amount.rule == "bare":
                continue
            span = doc[amount.start : amount.end]
            doc._.cifras_mentions.append(
                Mention(
                    kind="money",
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    value=amount.value,
                    currency=amount.currency,
                    rule=amount.rule,
                    ambiguous=bool(amount.reasons),
                    reason="; ".join(dict.fromkeys(amount.reasons)) or None,
                )
            )
        return doc

    def find_amounts(self, doc: Doc) -> list[_Amount]:
        """Return money amounts and bare scaled amounts, non-overlapping, in text order."""
        if not doc.has_annotation("POS"):
            return []  # no amount token (and spaCy refuses TAG/POS patterns on a doc without them)
        names = doc.vocab.strings
        matches = [(names[label], doc[s:e]) for label, s, e in self.matcher(doc)]
        # A currency written right after an amount belongs to it ("50 dollar 50 dollar",
        # "three thousand dollars two hundred times"), so it cannot open the next amount.
        # A currency written flush against the next number opens it instead ("1 $10 bill",
        # "3 USD50 cards").
        after = filter_spans(
            [
                span
                for name, span in matches
                if name == "currency_after"
                and not _opens_number(doc, _currency_index(span))
                and any(token.tag_ in _NUMBERS for token in span)
            ]
        )
        closing = {
            _currency_index(span)
            for span in after
            if span.start == 0 or doc[span.start - 1].tag_ != CURRENCY
        }
        before = [
            _drop_next_currency(doc, _drop_spaced_scale(span))
            for name, span in matches
            if name == "currency_before"
            and _currency_index(span) not in closing
            and doc[_currency_index(span)].lower_ not in self.after_only
        ]
        money = filter_spans(before + after)
        taken = {i for span in money for i in range(span.start, span.end)}
        bare = [
            span
            for name, span in matches
            if name == "amount" and not any(i in taken for i in range(span.start, span.end))
        ]
        amounts = [a for span in money if (a := self.read_money(doc, span)) is not None]
        amounts += [a for span in filter_spans(bare) if (a := self.read_bare(doc, span)) is not None]
        amounts.sort(key=lambda a: a.start)
        for index, amount in enumerate(amounts):
            following = amounts[index + 1].start if index + 1 < len(amounts) else len(doc)
            self.add_subunits(doc, amount, following)
        return amounts

    def add_subunits(self, doc: Doc, amount: _Amount, limit: int) -> None:
        """Add the cents written after a currency ("3 dollars 50 cents", "15 dólares con 50").

        Only an unscaled whole amount with its currency after it takes them, and only a number
        below 100 that ends the phrase or is followed by a subunit word; ``limit`` is where the
        next amount starts.
        """
        if (
            amount.has_scale
            or amount.rule != "money:currency-after"
            or amount.value != amount.value.to_integral_value()
        ):
            return
        begin = amount.end
        if begin < limit and doc[begin].lower_ in self.fmt.subunit_joiners:
            begin += 1
        end = begin
        while end < limit and end - begin < 4 and doc[end].tag_ in (NUM, WORD, JOIN):
            end += 1
        while end > begin and read_amount(list(doc[begin:end]), self.fmt) is None:
            end -= 1
        if end == begin or any(t.tag_ == NUM and not _CENTS.fullmatch(t.text) for t in doc[begin:end]):
            return
        cents = read_amount(list(doc[begin:end]), self.fmt)[0]
        if not 0 < cents < 100 or cents != cents.to_integral_value():
            return
        if end < len(doc) and doc[end].lower_ in self.fmt.subunits:
            end += 1
        elif end < len(doc) and doc[end].is_alpha and doc[end].lower_ not in (
            self.fmt.coordinators | self.fmt.subunit_joiners
        ):
            return  # "15 dólares y 20 empresas": the number counts something else
        elif end < len(doc) and doc[end].tag_ and doc[end].tag_ != JOIN:
            return
        sign = -1 if amount.value < 0 else 1
        amount.value += sign * cents / 100
        amount.end = end
        amount.rule += "+subunits"

    def _currency(self, token: Token) -> Currency | None:
        if token.tag_ != CURRENCY:
            return None
        return self.currencies.get(token.lower_)

    def read_money(self, doc: Doc, span: Span) -> _Amount | None:
        """Normalise a span matched by ``MONEY_PATTERNS`` into an amount with its currency."""
        tokens = list(span)
        sign = 1
        if tokens[0].tag_ == SIGN:
            written = sign_of(doc, tokens[0], self.fmt)
            tokens = tokens[1:]
            sign = written or 1
            if written is None:
                span = doc[tokens[0].i : span.end]
        scale = None  # written by the code: "MAUD 60", "75 USD million"
        if tokens[0].tag_ == SCALE and len(tokens) > 1 and tokens[1].tag_ == CURRENCY:
            scale, tokens = scale_of(tokens[0], self.fmt), tokens[1:]
        elif tokens[-1].tag_ == SCALE and len(tokens) > 1 and tokens[-2].tag_ == CURRENCY:
            if scale_of(tokens[-1], self.fmt) >= _SCALE_AFTER_MIN:
                scale = scale_of(tokens[-1], self.fmt)
            tokens = tokens[:-1]
        before = self._currency(tokens[0])
        after = self._currency(tokens[-1])
        body = tokens[1 if before else 0 : len(tokens) - 1 if after else len(tokens)]
        if after and body and body[-1].tag_ == LINK:
            body = body[:-1]
        if before and len(body) > 1 and body[0].tag_ == SIGN:
            # "$ -124 millones": a sign written after the marker, on the number
            mark, body = body[0], body[1:]
            sign = self.fmt.signs[mark.lower_ if mark.is_alpha else mark.text]
        if before:
            # currency first: the amount runs from it; a trailing currency word is kept if it fits
            for end in range(len(body), 0, -1):
                read = read_amount(body[:end], self.fmt)
                if read is not None:
                    break
            else:
                return None
            if end < len(body):
                after = None
            last = body[end - 1] if after is None else tokens[-1]
        else:
            found = read_first_amount(body, self.fmt)
            if found is None:
                return None
            begin, read = found
            span = doc[body[begin].i : span.end]
            sign = 1
            if body[begin].i > 0 and (written := sign_of(doc, doc[body[begin].i - 1], self.fmt)):
                sign, span = written, doc[body[begin].i - 1 : span.end]
            last = tokens[-1]
        currency = before or after
        value, reasons, has_scale = read
        if scale is not None and not has_scale:
            value, has_scale = value * scale, True
            if last.i + 1 < span.end:
                last = doc[span.end - 1]
        if currency.reason:
            reasons = [currency.reason, *reasons]
        start = span.start
        lead = _lead(body, self.fmt)
        numbers = [t for t in body if t.tag_ in AMOUNT_ROLES]
        scale_word = next((t.lower_ for t in reversed(numbers) if t.tag_ == SCALE), None)
        return _Amount(
            start=start,
            end=last.i + 1,
            value=sign * value,
            lead=lead if lead is not None else value,
            has_scale=has_scale,
            currency=currency.code,
            reasons=list(reasons),
            rule="money:currency-before" if before else "money:currency-after",
            scale_word=scale_word,
            numeral=numbers[0].text if len(numbers) == 1 and numbers[0].tag_ == NUM else None,
        )

    def read_bare(self, doc: Doc, span: Span) -> _Amount | None:
        """Read a scaled number with no currency marker (money only by ellipsis)."""
        tokens = list(span)
        written = None
        if tokens[0].tag_ == SIGN:
            written = sign_of(doc, tokens[0], self.fmt)
            tokens = tokens[1:]
        found = read_first_amount(tokens, self.fmt)
        if found is None:
            return None
        begin, read = found
        value, reasons, has_scale = read
        if not any(t.tag_ == SCALE and scale_of(t, self.fmt) >= 1000 for t in tokens[begin:]):
            return None  # "two hundred times" is no amount of money by ellipsis
        sign = written if written is not None and begin == 0 else 1
        start = tokens[begin].i - (1 if written is not None and begin == 0 else 0)
        following = doc[span.end : span.end + 2]
        quantity = any(token.tag_ == UNIT for token in following[:1]) or (
            len(following) == 2
            and following[0].tag_ == LINK
            and following[1].tag_ == UNIT
        )
        lead = _lead(tokens[begin:], self.fmt)
        scale_word = next(t.lower_ for t in reversed(tokens[begin:]) if t.tag_ == SCALE)
        return _Amount(
            start=start,
            end=span.end,
            value=sign * value,
            lead=lead if lead is not None else value,
            has_scale=True,
            currency=None,
            reasons=list(reasons),
            rule="bare",
            quantity=quantity,
            scale_word=scale_word,
        )


def _lead(tokens: list[Token], fmt: NumberFormat) -> Decimal | None:
    """The first number of an amount, read as written before its scale word ("47.702" in
    "US$47.702 billion", not 47702), for comparing the orders of two amounts."""
    for position, token in enumerate(tokens):
        if token.tag_ == WORD:
            return fmt.number_words[token.lower_]
        if token.tag_ == NUM:
            try:
                return read_number(token.text, fmt, scale_word_after(tokens, position))[0]
            except ValueError:
                return None
    return None


def _drop_spaced_scale(span: Span) -> Span:
    """Keep a scale before the currency only when glued to it ("MAUD 60", not "millones US$ 3")."""
    first = span[1] if span[0].tag_ == SIGN and len(span) > 1 else span[0]
    if first.tag_ == SCALE and first.whitespace_:
        return span.doc[first.i + 1 : span.end]
    return span


def _currency_index(span: Span) -> int:
    """The index of the currency token that a money match turns on (its first one)."""
    return next(token.i for token in span if token.tag_ == CURRENCY)


def _opens_number(doc: Doc, index: int) -> bool:
    return (
        not doc[index].whitespace_
        and index + 1 < len(doc)
        and doc[index + 1].tag_ == NUM
    )


def _drop_next_currency(doc: Doc, span: Span) -> Span:
    """Trim a trailing currency that opens the next amount ("$ 20,000.00 $ 37,305.97")."""
    if (
        len(span) > 2
        and span[-1].tag_ == CURRENCY
        and span.end < len(doc)
        and doc[span.end].tag_ in (NUM, WORD)
    ):
        return doc[span.start : span.end - 1]
    return span


def resolve_ellipsis(doc: Doc, amounts: list[_Amount], fmt: NumberFormat) -> None:
    """Give currencies and scales that the text leaves to the reader (annotation guide §1).

    - a bare scaled number joined by a coordinator to a money amount shares its currency
      ("between 300 million and 450 million soles");
    - a bare scaled number that continues a money series is money in the series' currency
      ("US$ 120 million in 2019, 135.5 million in 2020"), unless a quantity with a unit came
      between or it has a unit itself (see ``_series_currencies``);
    - an unscaled money amount compared in the same sentence with a scaled one of the same
      order takes its scale ("from S/5,000 to S/15,000 million", "(US$58.7)" after
      "US$ 61.3 billion"; see ``_borrow_scales``).
    """
    if not amounts:
        return
    sentences = [sent.start for sent in doc.sents]
    _series_currencies(doc, amounts, sentences, fmt)
    _borrow_scales(doc, amounts, sentences, fmt)
    _range_starts(doc, amounts, fmt)


def _series_currencies(doc: Doc, amounts: list[_Amount], sentences: list[int], fmt: NumberFormat) -> None:
    """Give bare scaled numbers the currency of the money series they continue.

    A series runs at one parenthesis depth: an amount in parentheses (a conversion, an aside)
    neither continues nor breaks the series outside them ("1.000 millones de euros (1.350
    millones de dólares) en 2008 y 720 millones" → EUR). A depth with no amount yet in the
    sentence takes the sentence's last amount ("Lima (US$ 3 millones) y Callao con 2 millones").
    A series also runs on from one sentence into the next, as list items do (one line each),
    while every money amount so far has one currency: a sentence whose first amount is bare and
    outside parentheses continues the series outside parentheses of the sentence just before.
    """
    depths = _paren_depths(doc, sentences)
    seen: set[str] = set()  # currencies of the money amounts so far
    sentence = -1
    last_at: dict[int, _Amount | None] = {}  # per depth, the sentence's last amount (None: no money)
    last = carried = None
    by_start = {amount.start: amount for amount in amounts}
    for amount in amounts:
        current = bisect_right(sentences, amount.start) - 1
        if current != sentence:
            carried = last_at.get(0) if current == sentence + 1 and len(seen) == 1 else None
            sentence, last_at, last = current, {}, None
        depth = depths.get(amount.start, 0)
        if amount.currency is None and not amount.quantity:
            if depth in last_at:
                source = last_at[depth]
            else:
                source = last if last is not None or depth else carried
            partner = _coordinated_money(doc, amount, by_start, fmt)
            if partner is not None:
                amount.currency, amount.rule = partner.currency, "money:range-ellipsis"
            elif source is not None:
                amount.currency, amount.rule = source.currency, "money:series-ellipsis"
        last_at[depth] = last = amount if amount.currency is not None else None
        if amount.currency is not None:
            seen.add(amount.currency)


def _paren_depths(doc: Doc, sentences: list[int]) -> dict[int, int]:
    """Parenthesis depth of each token inside parentheses (absent: depth 0), reset per sentence."""
    depths: dict[int, int] = {}
    depth = 0
    boundaries = set(sentences)
    for i, text in enumerate(token_strings(doc)[0]):
        if i in boundaries:
            depth = 0
        if text == ")":
            depth = max(depth - 1, 0)
        elif depth:
            depths[i] = depth
        if text == "(":
            depth += 1
    return depths


def _borrow_scales(doc: Doc, amounts: list[_Amount], sentences: list[int], fmt: NumberFormat) -> None:
    """Scale an unscaled money amount by a scaled one of the same currency and order it is
    compared with: one within ``_SCALE_WINDOW_TOKENS`` in the same sentence, else the money
    amount just before it in the sentence, once that has a scale (so a list of figures keeps
    the scale of its first: "USD $64.5 million (3%), the Netherlands USD $55.7 (2.7%) and Japan
    with USD $47.1 (2%)"). A numeral whose reading turns on the scale word ("46.359" before
    "billion") is read again under the borrowed one; a unit price keeps its literal value.
    """
    sentence_of = [bisect_right(sentences, amount.start) - 1 for amount in amounts]
    starts = [amount.start for amount in amounts]
    scaled = [amount.has_scale for amount in amounts]  # as written, before any borrowing
    previous: int | None = None  # the last money amount of the sentence so far
    for index, amount in enumerate(amounts):
        if previous is not None and sentence_of[previous] != sentence_of[index]:
            previous = None
        if amount.currency is not None and not scaled[index] and not _unit_price(doc, amount, fmt):
            low = bisect_left(starts, amount.start - _SCALE_WINDOW_TOKENS)
            high = bisect_right(starts, amount.start + _SCALE_WINDOW_TOKENS)
            same = sentence_of[index]
            window = [other for other in range(low, high) if scaled[other] and sentence_of[other] == same]
            for other in [*window, previous]:
                if other is None or other == index or not amounts[other].has_scale:
                    continue
                lead = _lead_under(amounts[other], amount, fmt)
                if lead is not None:
                    _take_scale(amount, amounts[other], lead)
                    break
        if amount.currency is not None:
            previous = index


def _take_scale(amount: _Amount, neighbour: _Amount, lead: Decimal) -> None:
    scale = abs(neighbour.value / neighbour.lead)
    if amount.numeral is not None:
        amount.value = (-lead if amount.value < 0 else lead) * scale
    else:
        amount.value *= scale
    amount.lead, amount.has_scale, amount.scale_word = lead, True, neighbour.scale_word
    amount.reasons.append("scale taken from a neighbouring amount")
    amount.rule += "+scale-ellipsis"


def _unit_price(doc: Doc, amount: _Amount, fmt: NumberFormat) -> bool:
    """Whether a per-unit word follows the amount ("US$29 cada una", "US$6.20 per kilogram")."""
    return amount.end < len(doc) and doc[amount.end].lower_ in fmt.unit_price_words


def _lead_under(neighbour: _Amount, amount: _Amount, fmt: NumberFormat) -> Decimal | None:
    """``amount``'s lead number read under ``neighbour``'s scale, if the two are of one order."""
    if neighbour.currency != amount.currency or not neighbour.has_scale or not neighbour.lead:
        return None
    lead = abs(amount.lead)
    if amount.numeral is not None and neighbour.scale_word is not None:
        try:
            lead = read_number(amount.numeral, fmt, neighbour.scale_word)[0]
        except ValueError:
            return None
    low, high = _SCALE_RATIO
    if low <= lead / abs(neighbour.lead) <= high:
        return lead
    return None


_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _range_starts(doc: Doc, amounts: list[_Amount], fmt: NumberFormat) -> None:
    """Add the first end of a range or coordination that writes its scale and currency once, on
    the last end: "entre 300 y 450 millones de soles" (300e6 PEN), "de 2 a 3 millones de dólares",
    "10-20 million dollars". The first end is one numeral right before a coordinator that opens a
    money amount; it is read under that amount's scale word and must be of the same order (as in
    ``_borrow_scales``), and a year ("en 2012 a US$ 5,481 millones") is no first end. Its mention text is
    the numeral alone, as for percent ("by 35 and 151 percent").
    """
    taken = {i for amount in amounts for i in range(amount.start, amount.end)}
    added = []
    for amount in amounts:
        head = amount.start - 2
        if amount.currency is None or head < 0 or doc[amount.start - 1].lower_ not in fmt.coordinators:
            continue
        token = doc[head]
        if head in taken or token.tag_ not in (NUM, WORD) or (head > 0 and doc[head - 1].tag_ in AMOUNT_ROLES):
            continue
        if head > 0 and doc[head - 1].tag_ in (CURRENCY, SIGN) and not doc[head - 1].whitespace_:
            continue
        if amount.lead is None or not amount.lead or doc[amount.start].tag_ == SIGN:
            continue
        try:
            if token.tag_ == WORD:
                lead = fmt.number_words[token.lower_]
            else:
                lead = read_number(token.text, fmt, amount.scale_word)[0]
        except ValueError:
            continue
        if _YEAR.fullmatch(token.text):
            continue  # "en 2012 a US$ 5,481 millones": a year, not the first end
        low, high = _SCALE_RATIO
        if not lead or not low <= lead / abs(amount.lead) <= high:
            continue
        scale = abs(amount.value / amount.lead) if amount.has_scale else Decimal(1)
        reasons = ["scale and currency taken from the other end of the range"]
        added.append(
            _Amount(
                start=head,
                end=head + 1,
                value=lead * scale,
                lead=lead,
                has_scale=amount.has_scale,
                currency=amount.currency,
                reasons=reasons,
                rule="money:range-start",
                scale_word=amount.scale_word,
            )
        )
    if added:
        amounts.extend(added)
        amounts.sort(key=lambda a: a.start)


def _coordinated_money(doc: Doc, amount: _Amount, by_start: dict, fmt: NumberFormat) -> _Amount | None:
    if amount.end + 1 >= len(doc) or doc[amount.end].lower_ not in fmt.coordinators:
        return None
    partner = by_start.get(amount.end + 1)
    if partner is not None and partner.currency is not None:
        return partner
    return None
