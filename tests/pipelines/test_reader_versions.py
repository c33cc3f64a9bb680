"""A file is read again when the reader of its format changes (issue 13), through the real ingest job: the
same bytes get the new reader's body under the same article_id, files of other formats are left alone, the
version history gains a version with the same hash, and the run after that changes nothing. A warehouse
from before migration 0008 (no reader versions) reads every file again once."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from extractors import documents
from pipelines.definitions import defs
from warehouse import store

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "raw" / "003_9478fcfe5483292c.txt"
PAGE = ("<html><body><article><h1>Exportaciones suben 5 %</h1><p>Las exportaciones del Perú sumaron "
        "US$ 5 millones en mayo, informó el ministerio.</p></article></body></html>")


@pytest.fixture
def raw(tmp_path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "page.html").write_text(PAGE, "utf-8")
    return folder


def ingest(raw_dir: Path, warehouse_path: Path) -> dict:
    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("ingest_job").execute_in_process(
            run_config={"resources": {"warehouse": {"config": {"path": str(warehouse_path), "raw_dir": str(raw_dir)}}}},
            instance=instance)
    assert result.success
    assert all(check.passed for check in result.get_asset_check_evaluations())
    con = store.connect(warehouse_path, read_only=True)
    try:
        run = con.execute("select files_new, files_changed, files_unchanged from runs where run_id = ?",
                          [result.run_id]).fetchone()
        return {
            "run": run,
            "ledger": dict(con.execute("select path, reader_version from files").fetchall()),
            "articles": {path: (article_id, run_id) for path, article_id, run_id in con.execute(
                "select path, article_id, run_id from articles").fetchall()},
            "versions": con.execute("select path, version, sha256, retired_at is null from file_versions "
                                    "order by path, version").fetchall(),
            "run_id": result.run_id,
        }
    finally:
        con.close()


def test_a_new_reader_version_reads_its_format_again_once(raw, tmp_path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    first = ingest(raw, warehouse)
    assert first["run"] == (2, 0, 0)
    assert first["ledger"] == {SEED.name: documents.reader_version(SEED.name), "page.html": documents.reader_version("page.html")}

    monkeypatch.setitem(documents.READER_VERSIONS, "html", "next")
    second = ingest(raw, warehouse)
    assert second["run"] == (0, 1, 1)  # the page is read again, the .txt is not
    assert second["ledger"]["page.html"] == "html/next"
    assert second["articles"]["page.html"] == (first["articles"]["page.html"][0], second["run_id"])  # same id, new row
    assert second["articles"][SEED.name] == first["articles"][SEED.name]
    page_versions = [row for row in second["versions"] if row[0] == "page.html"]
    assert [(version, current) for _, version, _, current in page_versions] == [(1, False), (2, True)]
    assert page_versions[0][2] == page_versions[1][2]  # the same bytes

    third = ingest(raw, warehouse)
    assert third["run"] == (0, 0, 2)
    assert third["articles"] == second["articles"]


def test_rows_from_before_reader_versions_are_read_again_once(raw, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    ingest(raw, warehouse)
    con = store.connect(warehouse)
    try:
        con.execute("update files set reader_version = null")  # what migration 0008 leaves on an older ledger
    finally:
        con.close()
    assert ingest(raw, warehouse)["run"] == (0, 2, 0)
    assert ingest(raw, warehouse)["run"] == (0, 0, 2)
