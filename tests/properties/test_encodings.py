"""The same article in UTF-8, cp1252 and mojibake (UTF-8 read as cp1252) gives the same body, mentions and
fact frames, read alone and through the ingest job."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest

from extractors import analyse
from extractors.documents import parse_document
from pipelines.definitions import defs
from warehouse import store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "raw").glob("0*_*.txt"))


def encoded(text: str, encoding: str) -> bytes:
    if encoding == "cp1252":
        return text.encode("cp1252", errors="strict")
    # what a sloppy upstream makes: UTF-8 bytes read as cp1252 (undefined bytes kept as C1 controls)
    return text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")


def analysis_of(data: bytes) -> tuple:
    article = parse_document(data, ".txt")
    result = analyse(article.body, article.lang, article.published_at)
    mentions = [(m.kind, m.text, m.start, m.value, m.currency, m.unit, m.label, m.entity_id) for m in result.mentions]
    return article.body, mentions, result.facts


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
@pytest.mark.parametrize("encoding", ["cp1252", "mojibake"])
def test_encodings_give_the_same_mentions_and_facts(seed, encoding):
    text = seed.read_text("utf-8")
    assert not text.isascii()  # else the copies would be the same bytes
    body, mentions, facts = analysis_of(encoded(text, encoding))
    reference = analysis_of(text.encode("utf-8"))
    assert body == reference[0]
    assert mentions == reference[1]
    assert facts == reference[2] and facts


def test_the_warehouse_holds_the_same_facts_for_each_encoding(tmp_path):
    seed = SEEDS[2]  # Spanish, with accents in figures' context
    text = seed.read_text("utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "utf8.txt").write_bytes(text.encode("utf-8"))
    for encoding in ("cp1252", "mojibake"):
        (raw / f"{encoding}.txt").write_bytes(encoded(text, encoding))
    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("ingest_job").execute_in_process(
            run_config={"resources": {"warehouse": {"config": {"path": str(tmp_path / "w.duckdb"), "raw_dir": str(raw)}}}},
            instance=instance)
    assert result.success
    con = store.connect(tmp_path / "w.duckdb", read_only=True)
    try:
        articles = {path: (encoding, repaired) for path, encoding, repaired in con.execute(
            "select path, encoding, repaired from articles").fetchall()}
        facts = {}
        for path in articles:
            facts[path] = con.execute(
                "select f.* exclude (article_id, run_id) from facts as f join articles as a "
                "on a.article_id = f.article_id where a.path = ? order by f.fact_id", [path]).fetchall()
    finally:
        con.close()
    assert articles == {"utf8.txt": ("utf-8", False), "cp1252.txt": ("cp1252", False), "mojibake.txt": ("utf-8", True)}
    assert facts["utf8.txt"] and facts["cp1252.txt"] == facts["utf8.txt"] == facts["mojibake.txt"]
