"""Money mentions: Matcher patterns over numeral roles, value + currency normaliser, ellipsis.

The patterns are built once from the roles that ``numbers.NumeralTagger`` gives tokens (which come
from ``number_format.toml`` and ``currencies.tsv``), so there is one set of patterns for every
language. Annotation guide §1 decides what counts: a number with a currency marker, or a scaled
number that continues a money series, range or comparison in the same sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

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
    scale_of,
)

_SIGN = {"TAG": {"IN": [SIGN]}, "OP": "?"}
_CURRENCY = {"TAG": {"IN": [CURRENCY]}}
_AMOUNT = {"TAG": {"IN": list(AMOUNT_ROLES)}, "OP": "{1,8}"}
_LINK = {"TAG": {"IN": [LINK]}}
# A scale glued to an ISO code ("MAUD 60"), and a scale after a code ("75 USD million").
_CODE_SCALE = {"TAG": {"IN": [SCALE]}, "OP": "?"}
_SCALE_AFTER = {"TAG": {"IN": [SCALE]}}
CURRENCY_BEFORE_PATTERNS = [
    [_SIGN, _CODE_SCALE, _CURRENCY, _AMOUNT, {**_CURRENCY, "OP": "?"}],
    [_SIGN, _CODE_SCALE, _CURRENCY, _AMOUNT, _LINK, _CURRENCY],
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
        self.currencies = {currency.surface.lower(): currency for currency in currencies}
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
            if name == "currency_before" and _currency_index(span) not in closing
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
        lead_tokens = [t for t in body if t.tag_ in (NUM, WORD)]
        lead = read_amount(lead_tokens[:1], self.fmt)
        return _Amount(
            start=start,
            end=last.i + 1,
            value=sign * value,
            lead=lead[0] if lead else value,
            has_scale=has_scale,
            currency=currency.code,
            reasons=list(reasons),
            rule="money:currency-before" if before else "money:currency-after",
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
        lead = read_amount([t for t in tokens[begin:] if t.tag_ in (NUM, WORD)][:1], self.fmt)
        return _Amount(
            start=start,
            end=span.end,
            value=sign * value,
            lead=lead[0] if lead else value,
            has_scale=True,
            currency=None,
            reasons=list(reasons),
            rule="bare",
            quantity=quantity,
        )


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
    - a bare scaled number that continues a money series in the same sentence is money in the
      last currency ("US$ 120 million in 2019, 135.5 million in 2020"), unless a quantity with a
      unit came between or it has a unit itself;
    - an unscaled money amount near a scaled one of the same order takes its scale
      ("from S/5,000 to S/15,000 million", "(US$58.7)" after "US$ 61.3 billion").
    """
    by_start = {amount.start: amount for amount in amounts}
    sentence_starts = [sent.start for sent in doc.sents] if amounts else []
    last: _Amount | None = None
    sentence = None
    for amount in amounts:
        current = _sentence_of(sentence_starts, len(doc), amount.start)
        if current != sentence:
            sentence, last = current, None
        if amount.currency is None:
            partner = _coordinated_money(doc, amount, by_start, fmt)
            if not amount.quantity and partner is not None:
                amount.currency, amount.rule = partner.currency, "money:range-ellipsis"
            elif not amount.quantity and last is not None and last.currency is not None:
                amount.currency, amount.rule = last.currency, "money:series-ellipsis"
        last = amount if amount.currency is not None else None
    starts = [amount.start for amount in amounts]
    for amount in amounts:
        if amount.currency is None or amount.has_scale:
            continue
        window = amounts[bisect_left(starts, amount.start - _SCALE_WINDOW_TOKENS):
                         bisect_right(starts, amount.start + _SCALE_WINDOW_TOKENS)]
        neighbour = _scaled_neighbour(_sentence_of(sentence_starts, len(doc), amount.start), amount, window)
        if neighbour is not None:
            scale = neighbour.value / neighbour.lead
            amount.value *= scale
            amount.has_scale = True
            amount.reasons.append("scale taken from a neighbouring amount")
            amount.rule += "+scale-ellipsis"


def _coordinated_money(doc: Doc, amount: _Amount, by_start: dict, fmt: NumberFormat) -> _Amount | None:
    if amount.end + 1 >= len(doc) or doc[amount.end].lower_ not in fmt.coordinators:
        return None
    partner = by_start.get(amount.end + 1)
    if partner is not None and partner.currency is not None:
        return partner
    return None


def _sentence_of(starts: list[int], n_tokens: int, token: int) -> tuple[int, int]:
    """(start, end) token indices of the sentence holding ``token``, by bisection (no walk)."""
    i = bisect_right(starts, token) - 1
    return starts[i], starts[i + 1] if i + 1 < len(starts) else n_tokens


def _scaled_neighbour(sentence: tuple[int, int], amount: _Amount, nearby: list[_Amount]) -> _Amount | None:
    low, high = _SCALE_RATIO
    for other in nearby:
        if (
            other is not amount
            and other.has_scale
            and other.currency == amount.currency
            and other.lead
            and sentence[0] <= other.start < sentence[1]
            and abs(other.start - amount.start) <= _SCALE_WINDOW_TOKENS
            and low <= amount.lead / other.lead <= high
            and "+scale-ellipsis" not in other.rule
        ):
            return other
    return None
