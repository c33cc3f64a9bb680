"""Readers during a run (issue 12, item 6): while a run holds the warehouse, `cifras query`, `status`,
`search` and `export` read the snapshot the last completed run published, at once and saying so: they
neither wait for the run nor see an article whose mentions and facts have not landed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from warehouse import store

CIFRAS = str(Path(sys.executable).parent / "cifras")
# A run in the middle of its work, as a reader meets it: the run lock held, a write connection open, the
# facts of every article retracted and not yet landed again.
MID_RUN = textwrap.dedent("""
    import sys
    from warehouse import store
    with store.run_lock(sys.argv[1]):
        con = store.connect(sys.argv[1])
        con.execute("delete from facts")
        print("writing", flush=True)
        sys.stdin.read()
        con.close()
""")


def cifras(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CIFRAS, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def mid_run(warehouse_path):
    def start():
        writer = subprocess.Popen([sys.executable, "-c", MID_RUN, str(warehouse_path)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "writing"
        return writer

    started = []
    yield lambda: started.append(start()) or started[-1]
    for writer in started:
        writer.communicate("", timeout=60)


def test_a_reader_during_a_run_gets_the_last_completed_run_at_once(raw_dir, warehouse_path, mid_run, tmp_path):
    assert cifras("run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)).returncode == 0
    assert store.snapshot_path(warehouse_path).exists()
    count = "select count(*) from facts"
    before = cifras("query", count, "--csv", "--warehouse", str(warehouse_path))
    assert before.returncode == 0 and int(before.stdout.split()[-1]) > 0

    writer = mid_run()
    during = cifras("query", count, "--csv", "--warehouse", str(warehouse_path))
    assert writer.poll() is None, "the reader returned while the run still held the warehouse"
    assert during.returncode == 0, during.stderr
    assert during.stdout == before.stdout  # the facts as the last run left them, not the 0 of the half-done run
    assert "reading" in during.stderr and "snapshot" in during.stderr
    for command in (["status"], ["search", "exportaciones"], ["export", str(tmp_path / "out")]):
        done = cifras(*command, "--warehouse", str(warehouse_path))
        assert done.returncode == 0, (command, done.stderr)


def test_before_any_completed_run_a_reader_is_told_so_at_once(warehouse_path, mid_run):
    store.connect(warehouse_path).close()  # a migrated warehouse that no run has completed
    mid_run()
    done = cifras("query", "select 1", "--warehouse", str(warehouse_path))
    assert done.returncode == 2 and "no run has completed yet" in done.stderr


def test_without_a_run_a_reader_reads_the_warehouse_itself(raw_dir, warehouse_path):
    assert cifras("run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)).returncode == 0
    con, note = store.connect_reader(warehouse_path)
    try:
        assert note is None
        assert con.execute("select count(*) from articles").fetchone()[0] == len(list(raw_dir.iterdir()))
    finally:
        con.close()


def test_a_run_whose_blocking_check_fails_does_not_replace_the_snapshot(raw_dir, warehouse_path):
    assert cifras("run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)).returncode == 0
    snapshot = store.snapshot_path(warehouse_path)
    published = snapshot.read_bytes()
    con = store.connect(warehouse_path)
    con.execute("update extractions set n_landed = n_landed + 1, n_extracted = n_extracted + 1 "
                "where article_id = (select min(article_id) from extractions)")  # conservation now fails
    con.close()
    failed = cifras("run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path))
    assert failed.returncode == 1 and "extractions_conserve_mentions" in failed.stderr
    assert snapshot.read_bytes() == published  # readers keep the last run that passed every check
