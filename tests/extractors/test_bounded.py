"""extractors.bounded.make_doc: the tokens of ordinary text are the tokenizer's own, the text of any Doc is
the input's character for character, and chunks of affixes become few tokens (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.bounded import LONG_CHUNK, make_doc
from extractors.nlp import get_pipeline

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
TEXTS = [json.loads(line) for name in ("seeds", "dev", "dev2", "dev3") if (CORPUS / f"{name}.gold.jsonl").exists()
         for line in (CORPUS / f"{name}.gold.jsonl").read_text("utf-8").splitlines() if line.strip()]

# (text, the tokens it must give)
CASES = [
    ("See https://example.com/" + "a/" * 60 + " now", ["See", "https://example.com/" + "a/" * 60, "now"]),
    ("Write to " + "x" * 70 + "@example.com today", ["Write", "to", "x" * 70 + "@example.com", "today"]),
    ("(" * 100 + "US$ 5 million)", ["(" * 100, "US$", "5", "million", ")"]),
    ("rose " + "%" * 80 + "  more", ["rose", "%" * 80, " ", "more"]),
]


@pytest.mark.parametrize("case", TEXTS, ids=[case["id"] for case in TEXTS])
def test_corpus_texts_tokenise_as_the_tokenizer_does(case):
    nlp = get_pipeline(case["lang"])
    assert [t.text_with_ws for t in make_doc(nlp, case["text"])] == [t.text_with_ws for t in nlp.make_doc(case["text"])]


@pytest.mark.parametrize(("text", "tokens"), CASES)
def test_long_chunks(text, tokens):
    doc = make_doc(get_pipeline("en"), text)
    assert doc.text == text
    assert [t.text for t in doc] == tokens


def test_a_chunk_of_mixed_affixes_is_cut_in_pieces_that_keep_the_text():
    text = "Exports " + "5%(" * 1000 + " end"
    doc = make_doc(get_pipeline("es"), text)
    assert doc.text == text and all(len(t.text) <= LONG_CHUNK for t in doc)
