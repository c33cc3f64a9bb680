"""Tokenise any text in linear time, with the tokens of ordinary text unchanged.

spaCy strips prefixes and suffixes from a whitespace-free chunk one at a time, searching the whole
chunk each time: a chunk of affixes ("%%%%…", "€€€€…", "US$US$…") costs its length squared (4,000 "%"
took 4 s; a 30 KB file of them held a run for minutes). No word, number or amount is that long, so a
chunk past ``LONG_CHUNK`` characters that is not a link is tokenised in pieces of ``PIECE``
characters. The Doc's text is the input's, character for character: offsets are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

LONG_CHUNK = 64
PIECE = 32
LONGEST_LINK = 2048
_LONG = re.compile(r"\S{%d,}" % (LONG_CHUNK + 1))
_RUN = re.compile(r"(\S)\1{7,}")
_LINK = re.compile(r"[(\[{\"'«“<]*(?:https?://|www\.|[\w.+-]+@[\w-]+\.)", re.IGNORECASE)


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, in time linear in the length of ``text``.

    >>> doc = make_doc(__import__("spacy").blank("en"), "Exports rose " + "%" * 100 + "5 in May.")
    >>> doc.text == "Exports rose " + "%" * 100 + "5 in May.", len(doc) < 12
    (True, True)
    """
    if _LONG.search(text) is None:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []

    def add(segment: str) -> None:
        if segment:
            for token in nlp.tokenizer(segment):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))

    position = 0
    for match in _LONG.finditer(text):
        chunk = match.group()
        if len(chunk) <= LONGEST_LINK and _LINK.match(chunk):
            continue  # a link or an address: the tokenizer's own URL rule keeps it whole, quickly
        add(text[position:match.start()])
        done = 0
        for run in _RUN.finditer(chunk):  # a run of one character is one token: "%%%%…" is not 4,000 "%"
            _pieces(add, chunk[done:run.start()])
            words.append(run.group())
            spaces.append(False)
            done = run.end()
        _pieces(add, chunk[done:])
        position = match.end()
        if text.startswith(" ", position):  # one space after a token is its whitespace, as the tokenizer has it
            spaces[-1] = True
            position += 1
    add(text[position:])
    return Doc(nlp.vocab, words=words, spaces=spaces)


def _pieces(add: Callable[[str], None], text: str) -> None:
    for start in range(0, len(text), PIECE):
        add(text[start:start + PIECE])
