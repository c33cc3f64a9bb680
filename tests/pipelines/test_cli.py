"""The `cifras` command, called in-process on a real warehouse in tmp_path."""

from __future__ import annotations

import json

import pytest

from pipelines.cli import main
from warehouse import audit, store


@pytest.fixture
def ingested(raw_dir, warehouse_path, capsys):
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    capsys.readouterr()
    return warehouse_path


def test_run_prints_a_summary_and_exits_zero(raw_dir, warehouse_path, capsys):
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    out = capsys.readouterr().out
    assert "files: 5 new, 0 changed, 0 unchanged, 0 deleted, 0 errored" in out
    assert "rows: 5 articles" in out
    assert "66 of 66 facts landed" in out  # the seeds' fact frames (66 in the gold, F1 1.00)


def test_run_exits_zero_when_files_are_recorded_as_errors(raw_dir, warehouse_path, capsys):
    (raw_dir / "empty.txt").write_bytes(b"")
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    assert "1 errored" in capsys.readouterr().out


def test_failed_run_exits_one_and_keeps_the_previous_state(ingested, tmp_path, capsys):
    con = store.connect(ingested, read_only=True)
    before = {t: audit.row_count(con, t) for t in ("articles", "money_mentions", "files")}
    con.close()
    (tmp_path / "empty").mkdir()  # a run that would retract every article fails before writing (issue 12)
    assert main(["run", "--raw", str(tmp_path / "empty"), "--warehouse", str(ingested)]) == 1
    con = store.connect(ingested, read_only=True)
    assert {t: audit.row_count(con, t) for t in before} == before
    statuses = list(store.fetch_frame(con, "select_last_run")["status"])
    con.close()
    assert statuses == ["failed"]


@pytest.mark.parametrize(
    ("flags", "parse"),
    [
        pytest.param([], lambda out: "currency" in out and "USD" in out, id="table"),
        pytest.param(["--csv"], lambda out: out.splitlines()[0] == "currency,n", id="csv"),
        pytest.param(["--json"], lambda out: json.loads(out.splitlines()[0])["currency"] == "USD", id="json"),
    ],
)
def test_query_formats(ingested, capsys, flags, parse):
    sql = "select currency, count(*) as n from money_mentions group by all order by n desc"
    assert main(["query", *flags, "--warehouse", str(ingested), sql]) == 0
    assert parse(capsys.readouterr().out)


def test_query_is_read_only(ingested, capsys):
    assert main(["query", "--warehouse", str(ingested), "delete from articles"]) == 1
    con = store.connect(ingested, read_only=True)
    assert audit.row_count(con, "articles") == 5


def test_query_without_a_warehouse_is_a_clear_error(tmp_path, capsys):
    assert main(["query", "--warehouse", str(tmp_path / "none.duckdb"), "select 1"]) == 2
    assert "no warehouse" in capsys.readouterr().err


def test_status_shows_counts_last_run_and_errors(raw_dir, warehouse_path, capsys):
    (raw_dir / "binary.txt").write_bytes(b"\x00\x01\x02")
    main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)])
    capsys.readouterr()
    assert main(["status", "--warehouse", str(warehouse_path)]) == 0
    out = capsys.readouterr().out
    assert "articles" in out and "succeeded" in out and "binary.txt" in out


def test_extract_prints_mentions_and_jsonl(raw_dir, capsys):
    seed = sorted(raw_dir.iterdir())[3]
    assert main(["extract", str(seed)]) == 0
    assert "USD 3.300 millones" in capsys.readouterr().out
    assert main(["extract", "--jsonl", str(seed)]) == 0
    line = json.loads(capsys.readouterr().out)
    money = [m for m in line["mentions"] if m["kind"] == "money"]
    assert line["lang"] == "es" and money[0]["value"] == 3.3e9 and money[0]["currency"] == "USD"


def test_extract_reports_an_unreadable_file(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert main(["extract", str(bad)]) == 1
    assert "parse" in capsys.readouterr().err


def test_run_on_a_warehouse_held_by_another_writer_fails_cleanly(raw_dir, warehouse_path, capsys, monkeypatch):
    import subprocess
    import sys

    store.connect(warehouse_path).close()
    monkeypatch.setenv(store.LOCK_WAIT_ENV_VAR, "0.5")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('locked', flush=True); time.sleep(60)", str(warehouse_path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 2
        assert "locked by another process" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    con = store.connect(warehouse_path, read_only=True)
    assert audit.row_count(con, "runs") == 0
