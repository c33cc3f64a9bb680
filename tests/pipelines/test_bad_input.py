"""Damaged and hostile files each leave one ingest_errors row (or land, when they are ordinary), and the rest of the batch lands."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import defs
from warehouse import audit, store

ROOT = Path(__file__).resolve().parents[2]
MAX_BYTES = 2_000_000
ARTICLE = "Exportaciones\n\nLas exportaciones de cobre a China sumaron US$ 1 200 millones, 5 % más ({}).\n"

# (file name, content bytes, expected ingest_errors stage or None when the file must land)
BAD_FILES = [
    pytest.param("empty.txt", b"", "parse", id="empty"),
    pytest.param("blank.txt", b"  \n\t\n   \r\n", "parse", id="whitespace-only"),
    pytest.param("nul.txt", b"Exports\x00\x00 rose 5%", "decode", id="nul-bytes"),
    pytest.param("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "decode", id="image-bytes"),
    pytest.param("huge.txt", b"a" * (MAX_BYTES + 1), "discover", id="over-size-cap"),
    pytest.param("report.docx", b"PK\x03\x04 not an article", "parse", id="unsupported-extension"),
    pytest.param("empty.html", b"<html><head><title></title><script>var x=1;</script></head><body><nav>Home</nav></body></html>", "parse", id="html-without-text"),
    pytest.param("broken.md", b"+++\ntitle = \"unterminated\n+++\n\nBody text here.\n", "parse", id="broken-toml-front-matter"),
    pytest.param("evil.md", b"---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\n\nBody.\n", "parse", id="yaml-python-tag"),
    pytest.param("it's \"quoted\"; drop table articles;--.txt", ARTICLE.format(1).encode(), None, id="sql-and-quotes-in-name"),
    pytest.param("con espacios y 😀 emoji.txt", ARTICLE.format(2).encode(), None, id="spaces-and-emoji-in-name"),
    pytest.param("line\nbreak.txt", ARTICLE.format(3).encode(), None, id="newline-in-name"),
    pytest.param("n" * 251 + ".txt", ARTICLE.format(4).encode(), None, id="255-byte-name"),
    pytest.param("digits.txt", b"Numbers\n\nUS$ " + b"9" * 100_000 + b" millones y 5%.\n", None, id="100k-digit-number"),
    pytest.param("spaces.txt", b"Spaces\n\nUS$" + b" " * 100_000 + b"5 millones.\n", None, id="100k-spaces"),
    pytest.param("zz-copy.txt", ARTICLE.format(1).encode(), "duplicate", id="duplicate-content"),
    pytest.param("nested.html", b"<html><body><article><h1>Deep</h1>" + b"<div>" * 100_000 + b"<p>US$ 5 millones</p>" + b"</div>" * 100_000 + b"</article></body></html>", None, id="100k-nested-tags"),
]


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    """One run over the seeds plus every bad file, and a link out of raw/."""
    tmp = tmp_path_factory.mktemp("bad")
    raw = tmp / "raw"
    raw.mkdir()
    for seed in sorted((ROOT / "raw").glob("0*_*.txt")):
        shutil.copy(seed, raw / seed.name)
    for param in BAD_FILES:
        name, content, _ = param.values
        (raw / name).write_bytes(content)
    outside = tmp / "secret.txt"
    outside.write_text("Outside raw/: exports of US$ 5 millones.\n", "utf-8")
    os.symlink(outside, raw / "link-out.txt")
    database = tmp / "wh.duckdb"
    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("ingest_job").execute_in_process(
            run_config={"resources": {"warehouse": {"config": {
                "path": str(database), "raw_dir": str(raw), "max_bytes": MAX_BYTES}}}},
            instance=instance,
        )
    assert result.success
    con = store.connect(database, read_only=True)
    try:
        errors = {row.path: row for row in con.table("ingest_errors").df().itertuples()}
        articles = set(con.table("articles").df()["path"])
        files = {row.path: row for row in con.table("files").df().itertuples()}
        paths = dict(zip(con.table("articles").df()["article_id"], con.table("articles").df()["path"]))
        rejects = [(paths.get(r.article_id), r.table_name, r.check_name) for r in con.table("rejects").df().itertuples()]
        conservation = audit.conservation(con)
    finally:
        con.close()
    return {"errors": errors, "articles": articles, "files": files, "rejects": rejects, "conservation": conservation, "cwd_pwned": Path("pwned").exists(), "tmp": tmp}


@pytest.mark.parametrize(("name", "content", "stage"), BAD_FILES)
def test_each_file_is_recorded_or_lands(outcome, name, content, stage):
    if stage is None:
        assert name in outcome["articles"]
        assert name not in outcome["errors"]
    else:
        error = outcome["errors"][name]
        assert error.stage == stage
        assert error.reason
        assert name not in outcome["articles"]
        assert outcome["files"][name].status == "error"


def test_symlink_out_of_raw_is_refused(outcome):
    error = outcome["errors"]["link-out.txt"]
    assert (error.stage, error.sha256) == ("discover", None)
    assert "out of raw/" in error.reason


def test_seeds_still_land_beside_bad_files(outcome):
    assert {p for p in outcome["articles"] if p.startswith("00")} == {p.name for p in (ROOT / "raw").glob("0*_*.txt")}


def test_yaml_tag_never_executes(outcome):
    assert not outcome["cwd_pwned"]
    assert not (outcome["tmp"] / "pwned").exists()


def test_an_absurd_amount_is_rejected_with_its_check_and_still_counted(outcome):
    assert ("digits.txt", "money_mentions", "coerce_dtype('Decimal(38, 6)')") in outcome["rejects"]
    conservation = outcome["conservation"]
    assert conservation.breaks == 0
    assert conservation.extracted == conservation.landed + conservation.rejected
