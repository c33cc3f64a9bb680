"""One writer however a run starts (issue 12, item 2): the run lock belongs to the ingest job (taken by the
warehouse resource for the whole run), so a Dagster-launched run waits for, or refuses beside, a `cifras run`;
the sensor skips while a run holds the lock; a step re-run alone never ingests unchanged files again."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import dagster as dg
import pytest

from pipelines.defs.assets import articles, entities, mentions, raw_files
from pipelines.defs.resources import WarehouseResource
from pipelines.defs.sensors import raw_files_sensor
from pipelines.definitions import defs
from warehouse import store

CIFRAS = str(Path(sys.executable).parent / "cifras")
# A Dagster run of the real job in a process of its own, as the daemon or `dagster job execute` starts one.
DAGSTER_RUN = textwrap.dedent("""
    import sys
    import dagster as dg
    from pipelines.definitions import defs
    config = {"path": sys.argv[1], "raw_dir": sys.argv[2]}
    result = defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={"resources": {"warehouse": {"config": config}}}, instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False)
    sys.exit(0 if result.success else 1)
""")
HOLD_LOCK = "import sys, time\nfrom warehouse import store\nwith store.run_lock(sys.argv[1]):\n" \
            "    print('held', flush=True)\n    sys.stdin.read()\n"


def job_config(database: Path, raw: Path) -> dict:
    return {"resources": {"warehouse": {"config": {"path": str(database), "raw_dir": str(raw)}}}}


def count(database: Path, sql: str) -> int:
    con = store.connect(database, read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def lock_held_elsewhere(warehouse_path):
    """Another process holds the warehouse's run lock (as a `cifras run` does) until the test ends."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(warehouse_path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    yield
    holder.communicate("", timeout=30)


def test_a_dagster_run_waits_for_the_run_lock_then_refuses_writing_nothing(
        lock_held_elsewhere, raw_dir, warehouse_path, monkeypatch):
    monkeypatch.setenv(store.LOCK_WAIT_ENV_VAR, "1")
    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("ingest_job").execute_in_process(
            run_config=job_config(warehouse_path, raw_dir), instance=instance, raise_on_error=False)
    assert not result.success
    messages = " ".join(str(event.event_specific_data) for event in result.all_events if event.is_failure)
    assert "busy" in messages
    assert not warehouse_path.exists() or count(warehouse_path, "select count(*) from runs") == 0


def test_the_sensor_skips_while_a_run_holds_the_lock(lock_held_elsewhere, raw_dir, warehouse_path):
    warehouse = WarehouseResource(path=str(warehouse_path), raw_dir=str(raw_dir))
    with dg.instance_for_test() as instance, dg.build_sensor_context(
            instance=instance, resources={"warehouse": warehouse}, definitions=defs) as context:
        skip = raw_files_sensor(context)
    assert isinstance(skip, dg.SkipReason) and "run lock is held" in skip.skip_message


def test_the_lock_is_reentrant_in_one_process(warehouse_path):
    """`cifras run` holds the lock around the job it runs in-process; the job's resource takes it again."""
    with store.run_lock(warehouse_path, wait_seconds=0), store.run_lock(warehouse_path, wait_seconds=0):
        assert store.writer_active(warehouse_path)
    assert not store.writer_active(warehouse_path)  # released when the outer holder leaves
    with store.run_lock(warehouse_path, wait_seconds=0):
        pass


def test_materializing_articles_alone_after_a_run_reads_no_file_again(raw_dir, warehouse_path, digests):
    warehouse = WarehouseResource(path=str(warehouse_path), raw_dir=str(raw_dir))
    with dg.instance_for_test() as instance:
        assert dg.materialize([raw_files, articles, entities, mentions], resources={"warehouse": warehouse},
                              instance=instance).success
        before = digests(warehouse_path)
        again = dg.materialize([raw_files, articles, entities, mentions], selection=["articles", "files", "ingest_errors"],
                               resources={"warehouse": warehouse}, instance=instance)
    assert again.success
    assert digests(warehouse_path) == before  # no new file version, no re-landed article
    assert count(warehouse_path, "select count(*) from file_versions") == len(list(raw_dir.iterdir()))


@pytest.mark.slow
def test_a_cli_run_and_a_dagster_run_at_once_ingest_each_file_once(corpus, clean_run, digests, tmp_path):
    database = tmp_path / "cifras.duckdb"
    env = {**os.environ, store.LOCK_WAIT_ENV_VAR: "600"}
    runs = [
        subprocess.Popen([CIFRAS, "run", "--raw", str(corpus), "--warehouse", str(database)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
        subprocess.Popen([sys.executable, "-c", DAGSTER_RUN, str(database), str(corpus)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
    ]
    for run in runs:
        out, err = run.communicate(timeout=900)
        assert run.returncode == 0, err[-2000:]
    files = len(list(corpus.iterdir()))
    assert count(database, "select count(*) from file_versions") == files  # not 2 × files
    assert count(database, "select count(*) from runs where status = 'succeeded'") == 2
    assert count(database, "select sum(files_new) from runs") == files  # the second run found nothing new
    assert digests(database) == clean_run
