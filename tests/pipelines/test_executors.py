"""Sharded extraction (issue 14): the shards run on Dagster's multiprocess and Dask executors and give the same
tables as the in-process run; a shard is a pure function of its staged texts; an article changed after the plan
is left for the next run; step processes inherit the run lock of the process that started them."""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from pipelines import batch, shards
from warehouse import store

CIFRAS = str(Path(sys.executable).parent / "cifras")


@pytest.mark.parametrize("executor", ["multiprocess", "dask"])
def test_a_sharded_run_gives_the_tables_of_the_in_process_run(executor, corpus, clean_run, digests, tmp_path):
    database = tmp_path / "sharded.duckdb"
    run = subprocess.run([CIFRAS, "run", "--raw", str(corpus), "--warehouse", str(database), "--executor", executor,
                          "--workers", "2", "--shards", "2"], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert digests(database) == clean_run
    assert not store.staging_path(database).exists() or not any(store.staging_path(database).iterdir())


@pytest.mark.parametrize(("article_id", "shards_count", "shard"), [
    ("raw/000_3bbd76d7b4e29464.txt", 4, zlib.crc32(b"raw/000_3bbd76d7b4e29464.txt") % 4),
    ("a", 2, 1),  # crc32("a") = 0xE8B7BE43: odd
    ("", 3, 0),
])
def test_the_shard_of_an_article_is_a_stable_hash_of_its_id(article_id, shards_count, shard):
    assert shards.shard_of(article_id, shards_count) == shard


def _ingested(raw_dir: Path, database: Path):
    con = store.connect(database)
    batch.scan_raw(con, raw_dir, "run-1", batch.DEFAULT_MAX_BYTES, False, 1.0)
    batch.ingest_files(con, raw_dir, "run-1")
    return con


def test_every_article_goes_to_exactly_one_shard_and_empty_shards_have_no_file(raw_dir, warehouse_path, tmp_path):
    con = _ingested(raw_dir, warehouse_path)
    try:
        tasks = shards.plan_shards(con, "run-1", tmp_path / "staging", shards=8, batch_size=2)
        ids = [row[0] for row in con.execute("select article_id from articles order by 1").fetchall()]
    finally:
        con.close()
    assert [task.shard for task in tasks] == list(range(8))
    assert sum(task.articles for task in tasks) == len(ids) == 5
    for task in tasks:
        assert bool(task.texts) == bool(task.articles)
        expected = [aid for aid in ids if shards.shard_of(aid, 8) == task.shard]
        staged = [row[0] for texts in shards._text_batches(task.texts, 2) for row in texts] if task.texts else []
        assert staged == expected


def test_an_article_changed_after_the_plan_is_left_for_the_next_run(raw_dir, warehouse_path, tmp_path):
    con = _ingested(raw_dir, warehouse_path)
    try:
        tasks = shards.plan_shards(con, "run-1", tmp_path / "staging", shards=2)
        staged = [shards.extract_shard(task) for task in tasks]
        changed = con.execute("select min(article_id) from articles").fetchone()[0]
        con.execute("update articles set body = body || ' Más texto.' where article_id = ?", [changed])
        counts = shards.land_shards(con, "run-1", staged, tmp_path / "staging")
        extracted = {row[0] for row in con.execute("select article_id from extractions").fetchall()}
        assert changed not in extracted and len(extracted) == 4
        assert counts.mentions_landed == con.execute(
            "select (select count(*) from money_mentions) + (select count(*) from percent_mentions)"
            " + (select count(*) from entity_mentions)").fetchone()[0]
        assert not (tmp_path / "staging" / "run-1").exists()
        shards.extract_articles(con, "run-2", tmp_path / "staging")  # the next run extracts it from its new body
        assert con.execute("select count(*) from extractions").fetchone()[0] == 5
        bad = con.execute("select count(*) from money_mentions m join articles a using (article_id)"
                          " where substr(a.body, m.start + 1, m.\"end\" - m.start) <> m.text").fetchone()[0]
        assert bad == 0
    finally:
        con.close()


HOLD_AND_SPAWN = """
import subprocess, sys
from warehouse import store
with store.run_lock(sys.argv[1]):
    child = subprocess.run([sys.executable, "-c", sys.argv[2], sys.argv[1]], capture_output=True, text=True)
    print(child.stdout.strip() or child.stderr.strip().splitlines()[-1])
"""
TAKE_LOCK = """
import sys
from warehouse import store
try:
    with store.run_lock(sys.argv[1], wait_seconds=0.5):
        print("took it")
except store.WarehouseBusy:
    print("busy")
"""


def test_a_process_started_by_the_lock_holder_takes_the_lock_as_held(warehouse_path):
    run = subprocess.run([sys.executable, "-c", HOLD_AND_SPAWN, str(warehouse_path), TAKE_LOCK],
                         capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "took it", run.stderr


def test_a_process_not_under_the_holder_waits_even_with_its_name_in_the_environment(warehouse_path):
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom warehouse import store\n"
                               "with store.run_lock(sys.argv[1]):\n    print('held', flush=True)\n    sys.stdin.read()\n",
                               str(warehouse_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        key = os.path.realpath(store.lock_path(warehouse_path))
        env = {**os.environ, store.HOLDERS_ENV_VAR: f"{holder.pid}={key}"}  # a sibling, not a descendant
        run = subprocess.run([sys.executable, "-c", TAKE_LOCK, str(warehouse_path)], capture_output=True, text=True,
                             env=env, timeout=60)
        assert run.stdout.strip() == "busy", run.stderr
    finally:
        holder.communicate("", timeout=30)
