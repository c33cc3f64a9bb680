"""The same article in UTF-8, cp1252 and mojibake (UTF-8 read as cp1252) gives the same mentions."""

from __future__ import annotations

from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest

from extractors import extract
from extractors.documents import parse_document

ROOT = Path(__file__).resolve().parents[2]
SPANISH_SEEDS = [p for p in sorted((ROOT / "raw").glob("0*_*.txt")) if p.name[:3] in ("002", "003", "004")]


def mentions_of(data: bytes) -> list[tuple]:
    article = parse_document(data, ".txt")
    return [(m.kind, m.text, m.value, m.currency, m.unit, m.label, m.entity_id) for m in extract(article.body, article.lang)]


@pytest.mark.parametrize("seed", SPANISH_SEEDS, ids=lambda p: p.name)
@pytest.mark.parametrize("encoding", ["cp1252", "mojibake"])
def test_encodings_give_the_same_mentions(seed, encoding):
    text = seed.read_text("utf-8")
    if encoding == "cp1252":
        data = text.encode("cp1252", errors="strict")
    else:
        # what a sloppy upstream makes: UTF-8 bytes read as cp1252 (undefined bytes kept as C1 controls)
        data = text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    assert mentions_of(data) == mentions_of(text.encode("utf-8"))
