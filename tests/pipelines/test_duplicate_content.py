"""A content is never lost through its duplicates: when the first copy of some bytes goes (deleted,
edited, or renamed to a name that sorts earlier), a remaining copy carries the content."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import defs
from warehouse import store

JUNIN = "004_fd5a620276e263c9.txt"


@pytest.fixture(scope="module")
def instance():
    with dg.instance_for_test() as instance:
        yield instance


def ingest(instance, raw_dir: Path, warehouse_path: Path, batch_size: int = 100) -> None:
    config = {"path": str(warehouse_path), "raw_dir": str(raw_dir), "batch_size": batch_size}
    result = defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={"resources": {"warehouse": {"config": config}}}, instance=instance)
    assert result.success


def state(warehouse_path: Path) -> tuple[dict[str, str], dict[str, str], int]:
    """(article path -> id, error path -> stage, facts of the Junín content)."""
    con = store.connect(warehouse_path, read_only=True)
    try:
        articles = dict(con.execute("select path, article_id from articles").fetchall())
        errors = dict(con.execute("select path, stage from ingest_errors").fetchall())
        junin = con.execute("select count(*) from facts join articles using (article_id) where article_id = ?",
                            [articles.get(JUNIN) or next(iter(articles.values()))]).fetchone()[0]
        return articles, errors, junin
    finally:
        con.close()


def test_deleting_the_first_copy_lands_the_duplicate(instance, raw_dir, warehouse_path):
    shutil.copy(raw_dir / JUNIN, raw_dir / "zz_copy.txt")
    ingest(instance, raw_dir, warehouse_path)
    articles, errors, _ = state(warehouse_path)
    assert JUNIN in articles and errors == {"zz_copy.txt": "duplicate"}
    (raw_dir / JUNIN).unlink()
    ingest(instance, raw_dir, warehouse_path)
    articles, errors, _ = state(warehouse_path)
    assert "zz_copy.txt" in articles and JUNIN not in articles and errors == {}
    con = store.connect(warehouse_path, read_only=True)
    try:
        facts = con.execute("select count(*) from facts where article_id = ?", [articles["zz_copy.txt"]]).fetchone()[0]
    finally:
        con.close()
    assert facts > 0


def test_editing_the_first_copy_lands_the_duplicate(instance, raw_dir, warehouse_path):
    shutil.copy(raw_dir / JUNIN, raw_dir / "zz_copy.txt")
    ingest(instance, raw_dir, warehouse_path)
    original = state(warehouse_path)[0][JUNIN]
    (raw_dir / JUNIN).write_text((raw_dir / JUNIN).read_text("utf-8") + "\nEditado.\n", "utf-8")
    ingest(instance, raw_dir, warehouse_path)
    articles, errors, _ = state(warehouse_path)
    assert articles["zz_copy.txt"] == original and articles[JUNIN] != original and errors == {}


@pytest.mark.parametrize("batch_size", [1])  # one file per batch: the renamed copy lands before the original goes
def test_a_rename_to_an_earlier_name_keeps_the_content(instance, raw_dir, warehouse_path, batch_size):
    ingest(instance, raw_dir, warehouse_path, batch_size)
    content = state(warehouse_path)[0][JUNIN]
    (raw_dir / JUNIN).rename(raw_dir / "000_renamed.txt")
    ingest(instance, raw_dir, warehouse_path, batch_size)
    articles, errors, _ = state(warehouse_path)
    assert articles.get("000_renamed.txt") == content and errors == {}
    ingest(instance, raw_dir, warehouse_path, batch_size)  # and a re-run changes nothing
    assert state(warehouse_path)[0] == articles
