"""Two `cifras run` processes started at once on one warehouse: the second waits for the whole first run
(not just for one of its steps) or, when its wait runs out, exits 2 saying the warehouse is busy; the
final tables equal one serial run's and no run is left half-done."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import store

CIFRAS = str(Path(sys.executable).parent / "cifras")
RUN_COLUMNS = "status, files_new, files_unchanged, articles_landed, mentions_extracted, facts_extracted"


def both_at_once(raw: Path, database: Path, lock_wait: str) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "CIFRAS_LOCK_WAIT": lock_wait}
    command = [CIFRAS, "run", "--raw", str(raw), "--warehouse", str(database)]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    done = []
    for run in runs:
        out, err = run.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(run.args, run.returncode, out, err))
    return done


def runs_table(database: Path) -> list[tuple]:
    con = store.connect(database, read_only=True)
    try:
        return con.execute(f"select {RUN_COLUMNS} from runs order by started_at").fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_the_second_run_waits_for_the_whole_first_run(corpus, clean_run, digests, tmp_path):
    database = tmp_path / "cifras.duckdb"
    done = both_at_once(corpus, database, lock_wait="600")
    assert [d.returncode for d in done] == [0, 0], [d.stderr[-2000:] for d in done]
    n = len(list(corpus.iterdir()))
    first, second = runs_table(database)
    assert first[:4] == ("succeeded", n, 0, n), "the first run does all the work"
    assert second == ("succeeded", 0, n, 0, 0, 0), "the second finds nothing left to do: it ran after, not beside"
    assert digests(database) == clean_run


@pytest.mark.slow
def test_a_second_run_that_cannot_wait_exits_two_saying_busy(corpus, clean_run, digests, tmp_path):
    database = tmp_path / "cifras.duckdb"
    done = sorted(both_at_once(corpus, database, lock_wait="1"), key=lambda d: d.returncode)
    assert [d.returncode for d in done] == [0, 2], [d.stderr[-2000:] for d in done]
    assert "busy" in done[1].stderr
    assert "run " not in done[1].stdout  # it did not start a run
    n = len(list(corpus.iterdir()))
    [only] = runs_table(database)
    assert only[:4] == ("succeeded", n, 0, n)
    assert digests(database) == clean_run
