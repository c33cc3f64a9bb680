"""Percent mentions: a number with a percent or percentage-point marker (annotation guide §2).

Patterns are written over the numeral roles of ``numbers.NumeralTagger``, so markers ("%",
"percent", "por ciento", "puntos porcentuales", "pp") come from ``number_format.toml``. The value
is signed only where a sign is written; a marker shared by a coordination or range applies to
each number ("by 35 and 151 percent" gives "35" and "151 percent").
"""

from __future__ import annotations

import re

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from extractors.mention import Mention
from extractors.money import sign_of
from extractors.numbers import AMOUNT_ROLES, NUM, POINTS, PERCENT, SIGN, NumberFormat, read_amount, read_first_amount

# The longest amount a percent marker takes: spelled-out numbers run to ~19 tokens.
MAX_AMOUNT_TOKENS = 20
MARKER_PATTERNS = [[{"TAG": PERCENT}], [{"TAG": POINTS}]]  # exact values: tested in C
# A bare four-digit year is not the first end of a coordination ("en 2023 y 5 %").
_YEAR = re.compile(r"(1[89]|20)\d\d")


class PercentRecognizer:
    """spaCy component: add percent mentions to ``doc._.cifras_mentions``."""

    def __init__(self, nlp, fmt: NumberFormat):
        self.fmt = fmt
        self.markers = Matcher(nlp.vocab)
        self.markers.add("marker", MARKER_PATTERNS)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("TAG"):
            return doc  # no role at all (and spaCy refuses TAG patterns on a doc without one)
        spans = [span for _, start, _ in self.markers(doc) if (span := self.span_before(doc, start)) is not None]
        mentions = [m for span in spans if (m := self.read(doc, span)) is not None]
        taken = {(m.start, m.end) for m in mentions}
        for mention in list(mentions):
            shared = self.coordinated(doc, mention)
            if shared is not None and (shared.start, shared.end) not in taken:
                mentions.append(shared)
        doc._.cifras_mentions.extend(mentions)
        return doc

    @staticmethod
    def span_before(doc: Doc, marker: int) -> Span | None:
        """The longest ``[sign] amount{1,20} marker`` ending at the marker token, or ``None``.

        A backward walk from each marker: linear in the text, where a Matcher ``{1,20}``
        quantifier multiplies its states on a long run of numbers ("1 1 1 … 1 %").
        """
        start = marker
        while start > 0 and marker - start < MAX_AMOUNT_TOKENS and doc[start - 1].tag_ in AMOUNT_ROLES:
            start -= 1
        if start == marker:
            return None
        if start > 0 and doc[start - 1].tag_ == SIGN:
            start -= 1
        return doc[start : marker + 1]

    def read(self, doc: Doc, span: Span) -> Mention | None:
        """Normalise a matched span into a percent mention (value as written, signed if written)."""
        tokens = list(span)
        marker = tokens[-1]
        written = sign_of(doc, tokens[0], self.fmt) if tokens[0].tag_ == SIGN else None
        body = tokens[1:-1] if tokens[0].tag_ == SIGN else tokens[:-1]
        found = read_first_amount(body, self.fmt)
        if found is None:
            return None
        begin, read = found
        value, reasons, _ = read
        first = body[begin]
        if begin == 0 and written is not None:
            first, value = tokens[0], written * value
        end = marker.i + 1
        if end < len(doc) and not marker.whitespace_ and doc[end].text == marker.text == "%":
            end += 1  # "%%" is one marker
        return Mention(
            kind="percent",
            text=doc[first.i : end].text,
            start=first.idx,
            end=doc[end - 1].idx + len(doc[end - 1]),
            value=value,
            unit="pp" if marker.tag_ == POINTS else None,
            rule="percent:points" if marker.tag_ == POINTS else "percent:marker",
            ambiguous=bool(reasons),
            reason="; ".join(reasons) or None,
        )

    def coordinated(self, doc: Doc, mention: Mention) -> Mention | None:
        """Return the first end of "35 and 151 percent" / "25-30%" for a mention's number."""
        first = doc.char_span(mention.start, mention.end)
        if first is None or first.start < 2:
            return None
        index = first.start + (1 if first[0].tag_ == SIGN else 0)
        joiner, number = doc[index - 1], doc[index - 2]
        if joiner.lower_ not in self.fmt.coordinators or number.tag_ != NUM:
            return None
        if _YEAR.fullmatch(number.text):
            return None
        read = read_amount([number], self.fmt)
        if read is None:
            return None
        return Mention(
            kind="percent",
            text=number.text,
            start=number.idx,
            end=number.idx + len(number),
            value=read[0],
            unit=mention.unit,
            rule="percent:shared-marker",
            ambiguous=bool(read[1]),
            reason="; ".join(read[1]) or None,
        )
