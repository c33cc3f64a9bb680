"""The documented read-only SQL connection (README: `.venv/bin/duckdb -readonly warehouse/cifras.duckdb`)
refuses writes and leaves the warehouse as it was; `cifras query`'s side is tests/pipelines/test_cli.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.cli import main
from warehouse import audit, store

DUCKDB_CLI = str(Path(sys.executable).parent / "duckdb")
SEEDS = sorted((Path(__file__).resolve().parents[2] / "raw").glob("0*_*.txt"))
README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


def test_the_readme_documents_this_connection():
    assert ".venv/bin/duckdb -readonly warehouse/cifras.duckdb" in README


@pytest.fixture(scope="module")
def warehouse_file(tmp_path_factory):
    """The seeds ingested once; every test below must leave it as it is."""
    root = tmp_path_factory.mktemp("read_only")
    (root / "raw").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, root / "raw" / seed.name)
    assert main(["run", "--raw", str(root / "raw"), "--warehouse", str(root / "cifras.duckdb")]) == 0
    return root / "cifras.duckdb"


@pytest.mark.parametrize("sql", [
    "delete from articles",
    "update articles set title = 'x'",
    "drop table facts",
    "create table shiny (x integer)",
    "insert into runs (run_id, started_at, status, extractor_version) values ('r', now(), 'running', 'x')",
])
def test_the_duckdb_cli_read_only_connection_refuses_writes(warehouse_file, sql):
    warehouse_path = warehouse_file
    con = store.connect(warehouse_path, read_only=True)
    before = {table: audit.row_count(con, table) for table in audit.TABLES}
    con.close()
    done = subprocess.run([DUCKDB_CLI, "-readonly", str(warehouse_path), "-c", sql], capture_output=True, text=True)
    assert done.returncode != 0
    assert "read-only" in done.stderr + done.stdout
    reads = subprocess.run([DUCKDB_CLI, "-readonly", str(warehouse_path), "-csv", "-c", "select count(*) from articles"],
                           capture_output=True, text=True, check=True)
    assert reads.stdout.split() == ["count_star()", str(before["articles"])]
    con = store.connect(warehouse_path, read_only=True)
    after = {table: audit.row_count(con, table) for table in audit.TABLES}
    con.close()
    assert after == before
