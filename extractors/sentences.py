"""Sentence boundaries for the rule pipeline: line breaks as hard breaks, sentence index lookup.

spaCy's ``sentencizer`` splits on punctuation; this module adds a break after every line break
(headlines, datelines, list items and paragraphs are separate units in the case text) and maps a
character offset to the index of its sentence.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import SENT_START
from spacy.tokens import Doc


def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every newline; blank-line tokens join the sentence before them.

    A single line break inside a sentence of hard-wrapped text ("aumentaron 21 por ciento entre enero\ny
    mayo") is not a break: the next line goes on in lower case and the line before ends without a stop.

    Works on the doc's arrays in one pass: setting ``token.is_sent_start`` one token at a time
    re-checks the whole document each time, quadratic in the number of lines, and making a Token
    object per token costs more than the rule.
    """
    if len(doc) < 2:
        return doc
    strings = doc.vocab.strings
    orth, is_space, is_punct = doc.to_array(["ORTH", "IS_SPACE", "IS_PUNCT"]).T.tolist()
    texts = [strings[key] for key in orth]  # a token's own whitespace is one space at most: newlines are tokens
    starts = doc.to_array([SENT_START]).astype("int64")
    for i, text in enumerate(texts[:-1]):
        if "\n" in text:
            before = i - 1 if is_space[i] and i else i
            wrapped = text.count("\n") == 1 and not is_punct[before] and not is_space[before] and texts[i + 1][:1].islower()
            starts[i + 1] = -1 if wrapped else 1
    for i in range(1, len(texts)):
        if is_space[i]:
            starts[i] = -1
            if i + 1 < len(texts) and starts[i + 1] != -1:
                starts[i + 1] = 1
    starts[0] = 1
    doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


def sentence_starts(doc: Doc) -> list[int]:
    """Return the start character offset of each sentence of ``doc``, in order."""
    return [sentence.start_char for sentence in doc.sents] if len(doc) else [0]


def sentence_index(starts: list[int], offset: int) -> int:
    """Return the index of the sentence containing character ``offset``.

    >>> sentence_index([0, 10, 25], 12)
    1
    >>> sentence_index([0, 10, 25], 0), sentence_index([0, 10, 25], 30)
    (0, 2)
    """
    return max(bisect_right(starts, offset) - 1, 0)
