"""A write error mid-run: `cifras run` under a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored so the write
fails with EFBIG instead of killing the process) cannot grow DuckDB's write-ahead log past a few batches.
The batch being committed rolls back, the run is marked failed, the warehouse stays readable with whole
batches only, and the next run without the limit ends equal to a clean run."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import audit, store

CIFRAS = str(Path(sys.executable).parent / "cifras")
BATCH = 100
MiB = 1024 * 1024


def limited(max_file_bytes: int):
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    return preexec


def state(database: Path) -> dict:
    con = store.connect(database, read_only=True)
    try:
        return {
            **{table: audit.row_count(con, table) for table in ("files", "articles", "ingest_errors", "extractions")},
            "runs": con.execute("select status from runs order by started_at").fetchall(),
            "last_run": con.execute("select error, articles_landed, mentions_landed from runs "
                                    "order by started_at desc limit 1").fetchone(),
            "mentions": sum(audit.row_count(con, table) for table in audit.MENTION_TABLES),
            "breaks": (audit.conservation(con).breaks, audit.fact_conservation(con).breaks),
            "unrecorded_errors": audit.unrecorded_errors(con),
        }
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.parametrize("max_file_bytes", [
    pytest.param(1 * MiB, id="1MiB-fails-while-ingesting"),
    pytest.param(4 * MiB, id="4MiB-fails-while-extracting"),
])
def test_a_write_error_rolls_the_batch_back_is_recorded_and_the_next_run_completes(
        corpus, clean_run, digests, tmp_path, max_file_bytes):
    database = tmp_path / "cifras.duckdb"
    store.connect(database).close()  # an empty, migrated warehouse
    command = [CIFRAS, "run", "--raw", str(corpus), "--warehouse", str(database)]
    # A throw-away Dagster instance (no $DAGSTER_HOME, no dagster_home/ here): the limit is for the warehouse's
    # writes, not for the session's run history, which is larger than the limit already.
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    failed = subprocess.run(command, preexec_fn=limited(max_file_bytes), capture_output=True, text=True, timeout=600,
                            env=env, cwd=tmp_path)

    assert failed.returncode == 1, failed.stderr[-2000:]
    assert "File too large" in failed.stderr
    assert "the run failed" in failed.stderr
    after = state(database)  # still readable
    assert after["runs"] == [("failed",)]  # recorded by the job's failure hook
    error, articles_landed, mentions_landed = after["last_run"]
    assert "File too large" in error  # the cause, in the ledger (issue 12)
    assert (articles_landed, mentions_landed) == (after["articles"], after["mentions"])  # committed batches count
    assert after["breaks"] == (0, 0) and after["unrecorded_errors"] == (0, 0)
    assert after["files"] % BATCH == 0 and after["files"] == after["articles"] + after["ingest_errors"]
    assert after["extractions"] % BATCH == 0
    assert after["extractions"] < len(list(corpus.iterdir())), "the limit should stop the run before its end"

    subprocess.run(command, check=True, capture_output=True, timeout=600)
    assert state(database)["runs"] == [("failed",), ("succeeded",)]
    assert digests(database) == clean_run


def test_a_run_on_a_disk_that_is_already_full_is_one_line(raw_dir, warehouse_path):
    """With no byte left to write (RLIMIT_FSIZE 0), the run cannot even record itself: one error line, exit 1,
    no traceback, and the warehouse is as it was."""
    store.connect(warehouse_path).close()
    before = warehouse_path.read_bytes()
    command = [CIFRAS, "run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]
    failed = subprocess.run(command, preexec_fn=limited(0), capture_output=True, text=True, timeout=600)
    assert failed.returncode == 1, failed.stderr[-2000:]
    assert "Traceback" not in failed.stderr and "cannot be used" in failed.stderr
    assert warehouse_path.read_bytes() == before
