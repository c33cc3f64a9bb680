"""A `cifras run` killed with SIGKILL mid-batch (while reading files, or while extracting) leaves whole
batches only and no run marked succeeded; the next run ends with every table equal to a clean run's."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines import shards
from pipelines.cli import main
from warehouse import audit, store

CIFRAS = str(Path(sys.executable).parent / "cifras")
BATCH = 100  # the default batch size: files and articles are committed 100 at a time


def killed_after(line_prefix: str, raw: Path, database: Path) -> None:
    """Start `cifras run` and SIGKILL it as soon as it logs a line starting with ``line_prefix``."""
    run = subprocess.Popen([CIFRAS, "run", "--verbose", "--raw", str(raw), "--warehouse", str(database)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for line in run.stderr:
            if line.startswith(line_prefix):  # that batch has committed; the next one is under way
                break
        else:
            pytest.fail(f"the run ended without logging {line_prefix!r}")
        run.send_signal(signal.SIGKILL)
    finally:
        run.wait()
    assert run.returncode == -signal.SIGKILL


def state(database: Path) -> dict:
    con = store.connect(database, read_only=True)
    try:
        return {
            **{table: audit.row_count(con, table) for table in ("files", "articles", "ingest_errors", "extractions")},
            "statuses": [row[0] for row in con.execute("select status from runs").fetchall()],
            "counted": con.execute("select articles_landed, files_new from runs").fetchone(),
            "mention_breaks": audit.conservation(con).breaks,
            "fact_breaks": audit.fact_conservation(con).breaks,
            "unrecorded_errors": audit.unrecorded_errors(con),
            "ok_files": con.execute("select count(*) from files where status = 'ok'").fetchone()[0],
        }
    finally:
        con.close()


def rerun_equals_clean(raw: Path, database: Path, clean_run, digests) -> None:
    subprocess.run([CIFRAS, "run", "--raw", str(raw), "--warehouse", str(database)], check=True, capture_output=True)
    con = store.connect(database, read_only=True)
    statuses = [row[0] for row in con.execute("select status from runs order by started_at").fetchall()]
    [error] = con.execute("select error from runs where status = 'abandoned'").fetchone()
    con.close()
    assert statuses == ["abandoned", "succeeded"]  # the killed run is never marked succeeded; the next marks it
    assert "never finished" in error
    assert digests(database) == clean_run


@pytest.mark.slow
def test_sigkill_mid_ingestion_then_rerun_equals_a_clean_run(corpus, clean_run, digests, tmp_path):
    crashed = tmp_path / "crashed.duckdb"
    killed_after(f"ingested {BATCH}/", corpus, crashed)

    after = state(crashed)
    assert after["statuses"] == ["running"]
    assert 0 < after["files"] < len(list(corpus.iterdir())), "the kill should land mid-ingestion"
    assert after["files"] % BATCH == 0, "a batch of the ledger is whole or absent"
    assert after["ok_files"] == after["articles"] and after["files"] == after["articles"] + after["ingest_errors"]
    assert after["unrecorded_errors"] == (0, 0)
    assert after["extractions"] == 0
    # the batches that committed before the kill are counted in the run's row (issue 12)
    assert after["counted"] == (after["articles"], len(list(corpus.iterdir())))

    rerun_equals_clean(corpus, crashed, clean_run, digests)


def landed_batch_ends(database: Path) -> set[int]:
    """How many articles are extracted after each landed batch: shards in order, each in batches of BATCH by id."""
    con = store.connect(database, read_only=True)
    try:
        ids = [row[0] for row in con.execute("select article_id from articles order by article_id").fetchall()]
    finally:
        con.close()
    ends, total = set(), 0
    for shard in range(shards.DEFAULT_SHARDS):
        size = sum(shards.shard_of(article_id, shards.DEFAULT_SHARDS) == shard for article_id in ids)
        for start in range(0, size, BATCH):
            total += min(BATCH, size - start)
            ends.add(total)
    return ends


@pytest.mark.slow
def test_sigkill_mid_extraction_then_rerun_equals_a_clean_run(corpus, clean_run, digests, tmp_path):
    crashed = tmp_path / "crashed.duckdb"
    killed_after("extracted ", corpus, crashed)  # the first extraction batch has landed

    after = state(crashed)
    assert after["statuses"] == ["running"]
    assert after["mention_breaks"] == after["fact_breaks"] == 0
    assert 0 < after["extractions"] < after["articles"] == len(list(corpus.iterdir())), "the kill should land mid-extraction"
    assert after["extractions"] in landed_batch_ends(crashed), "an extraction batch is whole or absent"

    rerun_equals_clean(corpus, crashed, clean_run, digests)


def test_digests_cover_every_table_and_see_a_changed_row(raw_dir, warehouse_path, digests):
    """The comparison above can fail: every table but the run log is digested, and one changed cell shows."""
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    before = digests(warehouse_path)
    assert set(before) == set(audit.TABLES) - {"runs"}
    con = store.connect(warehouse_path)
    con.execute("update facts set value = value + 1 where fact_id = 0 and article_id = (select min(article_id) from facts)")
    con.close()
    after = digests(warehouse_path)
    assert {table for table in before if before[table] != after[table]} == {"facts"}
