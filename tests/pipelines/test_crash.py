"""A `cifras run` killed with SIGKILL mid-extraction leaves whole batches only, and the next run completes it."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import audit, store

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate  # noqa: E402

CIFRAS = str(Path(sys.executable).parent / "cifras")
CONTENT_TABLES = ("articles", "files", "money_mentions", "percent_mentions", "entity_mentions", "extractions",
                  "rejects", "ingest_errors")
VOLATILE = ("run_id", "ingested_at", "last_seen", "first_seen", "extracted_at", "recorded_at", "rejected_at")


def contents(database: Path) -> dict[str, list[tuple]]:
    con = store.connect(database, read_only=True)
    try:
        out = {}
        for table in CONTENT_TABLES:
            frame = con.table(table).df()
            frame = frame.drop(columns=[c for c in VOLATILE if c in frame])
            out[table] = sorted(map(tuple, frame.astype(str).to_numpy().tolist()))
        return out
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_mid_extraction_then_rerun_equals_a_clean_run(tmp_path):
    raw = tmp_path / "raw"
    generate(raw, 300)
    clean, crashed = tmp_path / "clean.duckdb", tmp_path / "crashed.duckdb"
    subprocess.run([CIFRAS, "run", "--raw", str(raw), "--warehouse", str(clean)], check=True, capture_output=True)

    run = subprocess.Popen([CIFRAS, "run", "--verbose", "--raw", str(raw), "--warehouse", str(crashed)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in run.stderr:
        if line.startswith("extracted 100/300 articles"):  # the first extraction batch has committed
            break
    run.send_signal(signal.SIGKILL)
    run.wait()

    con = store.connect(crashed, read_only=True)
    extracted, articles = audit.row_count(con, "extractions"), audit.row_count(con, "articles")
    statuses = list(store.fetch_frame(con, "select_last_run")["status"])
    assert audit.conservation(con).breaks == 0
    con.close()
    assert statuses == ["running"]
    assert 0 < extracted < articles == 300, "the kill should land mid-extraction"

    subprocess.run([CIFRAS, "run", "--raw", str(raw), "--warehouse", str(crashed)], check=True, capture_output=True)
    assert contents(crashed) == contents(clean)
