"""The raw/ sensor's edge cases, with the real sensor, `build_sensor_context` and real ingest runs:
old modification times are still seen, every edit gets a run key no run has used (the daemon skips a
request whose key an earlier run of the sensor carries), and 5,000 files evaluate well inside Dagster's
60-second sensor limit."""

from __future__ import annotations

import os
import random
import string
import time
from datetime import datetime, timezone

import dagster as dg
import pytest
from dagster._core.storage.tags import RUN_KEY_TAG, SENSOR_NAME_TAG

from extractors.documents import parse_document
from pipelines.defs.assets import articles, raw_files
from pipelines.defs.resources import WarehouseResource
from pipelines.defs.sensors import raw_files_sensor
from pipelines.definitions import defs
from warehouse import store

SENSOR_GUARD_SECONDS = 30  # Dagster's default sensor evaluation limit is 60 s
LONG_AGO = datetime(2001, 2, 3, tzinfo=timezone.utc).timestamp()


def tick(instance, warehouse: WarehouseResource):
    with dg.build_sensor_context(instance=instance, resources={"warehouse": warehouse}, definitions=defs,
                                 sensor_name=raw_files_sensor.name) as context:
        return raw_files_sensor(context)


def key_already_used(instance, run_key: str) -> bool:
    """The daemon's test (dagster._daemon.sensor.fetch_existing_runs): a run of this sensor carries the key."""
    runs = instance.get_runs(filters=dg.RunsFilter(tags={RUN_KEY_TAG: run_key}))
    return any(run.tags.get(SENSOR_NAME_TAG) == raw_files_sensor.name for run in runs)


def launch(instance, warehouse: WarehouseResource, request: dg.RunRequest) -> None:
    """Run the requested ingest as the daemon would: tagged with the run key and the sensor's name."""
    assert isinstance(request, dg.RunRequest), request
    assert not key_already_used(instance, request.run_key), "the daemon would skip this request"
    result = defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={"resources": {"warehouse": {"config": {"path": warehouse.path, "raw_dir": warehouse.raw_dir}}}},
        instance=instance, tags={**request.tags, RUN_KEY_TAG: request.run_key, SENSOR_NAME_TAG: raw_files_sensor.name},
    )
    assert result.success


def bodies(warehouse: WarehouseResource) -> dict[str, str]:
    con = store.connect(warehouse.path, read_only=True)
    try:
        return dict(con.execute("select path, body from articles").fetchall())
    finally:
        con.close()


@pytest.fixture
def setting(raw_dir, warehouse_path):
    with dg.instance_for_test() as instance:
        warehouse = WarehouseResource(path=str(warehouse_path), raw_dir=str(raw_dir))
        launch(instance, warehouse, tick(instance, warehouse))
        assert isinstance(tick(instance, warehouse), dg.SkipReason)
        yield instance, warehouse, raw_dir


def test_a_new_file_with_an_old_modification_time_is_seen(setting):
    instance, warehouse, raw = setting
    old = raw / "archivo 2001.txt"
    old.write_text("Exportaciones\n\nLas exportaciones a Chile sumaron US$ 12 millones.\n", "utf-8")
    os.utime(old, (LONG_AGO, LONG_AGO))  # older than every run and every file already ingested
    launch(instance, warehouse, tick(instance, warehouse))
    assert "US$ 12 millones" in bodies(warehouse)[old.name]


def test_an_edit_that_keeps_size_and_modification_time_is_seen(setting):
    instance, warehouse, raw = setting
    target = sorted(raw.iterdir())[2]
    stat, data = target.stat(), target.read_bytes()
    edited = data.replace(b"2024", b"2023", 1)
    assert edited != data and len(edited) == len(data)
    target.write_bytes(edited)
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    launch(instance, warehouse, tick(instance, warehouse))
    assert bodies(warehouse)[target.name] == parse_document(edited, ".txt").body


def test_every_edit_gets_a_run_key_no_run_has_used(setting):
    """Edit a file back and forth: each state the warehouse does not hold yet must get a fresh key, or the
    daemon skips the request as already run and the warehouse keeps the old text."""
    instance, warehouse, raw = setting
    target = sorted(raw.iterdir())[1]
    original = target.read_bytes()
    edits = [original + b"\nAn edit.\n", original, original + b"\nAn edit.\n"]  # the third state = the first
    for edit in edits:
        target.write_bytes(edit)
        launch(instance, warehouse, tick(instance, warehouse))
        assert bodies(warehouse)[target.name] == parse_document(edit, ".txt").body
        assert isinstance(tick(instance, warehouse), dg.SkipReason)


@pytest.mark.slow
def test_five_thousand_files_evaluate_well_inside_the_sensor_time_limit(tmp_path):
    raw, database = tmp_path / "raw", tmp_path / "cifras.duckdb"
    raw.mkdir()
    rng = random.Random(5000)
    for i in range(5000):  # distinct texts: near-duplicate linking of 5,000 copies is another test's business
        words = " ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(60))
        (raw / f"{i:05d}.txt").write_text(
            f"Exportaciones {i}\n\nLas exportaciones de cobre sumaron US$ {i} millones en 2024. {words}.\n", "utf-8")
    warehouse = WarehouseResource(path=str(database), raw_dir=str(raw))
    timings = {}
    with dg.instance_for_test() as instance:
        start = time.perf_counter()
        fresh = tick(instance, warehouse)
        timings["5000 new, no warehouse"] = time.perf_counter() - start
        assert isinstance(fresh, dg.RunRequest) and fresh.tags["cifras/changes"] == "5000"

        ingested = dg.materialize([raw_files, articles], resources={"warehouse": warehouse}, instance=instance)
        assert ingested.success  # the real ingest assets fill the ledger (no extraction needed by the sensor)
        start = time.perf_counter()
        unchanged = tick(instance, warehouse)
        timings["5000 unchanged"] = time.perf_counter() - start
        assert isinstance(unchanged, dg.SkipReason)

        (raw / "02500.txt").write_text("Exportaciones\n\nCambiado: US$ 1 millón.\n", "utf-8")
        start = time.perf_counter()
        one = tick(instance, warehouse)
        timings["5000 with one edited"] = time.perf_counter() - start
        assert isinstance(one, dg.RunRequest) and one.tags["cifras/changes"] == "1"
    print("sensor evaluation seconds:", {k: round(v, 2) for k, v in timings.items()})
    assert max(timings.values()) < SENSOR_GUARD_SECONDS, timings
