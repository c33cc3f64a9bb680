"""Definitions, the raw/ sensor and the daily schedule, exercised with their real contexts."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import pytest

from pipelines.defs.resources import WarehouseResource
from pipelines.defs.schedules import daily_ingest_schedule
from pipelines.defs.sensors import raw_files_sensor
from pipelines.definitions import defs

ROOT = Path(__file__).resolve().parents[2]


def test_definitions_pin_assets_checks_and_automations():
    repo = defs.get_repository_def()
    assert {k.to_user_string() for k in repo.asset_graph.get_all_asset_keys()} == {
        "raw_files", "articles", "files", "ingest_errors", "money_mentions", "percent_mentions", "reader_snapshot",
        "entity_mentions", "extractions", "rejects", "entities", "facts",
    }
    assert {k.name for k in repo.asset_graph.asset_check_keys} == {
        "articles_have_language", "money_mentions_offsets_in_text", "percent_mentions_offsets_in_text",
        "entity_mentions_offsets_in_text", "extractions_conserve_mentions", "ingest_errors_match_ledger",
        "entity_mentions_ids_known", "extractions_conserve_facts", "facts_cite_landed_mentions",
        "facts_consistent_within_articles", "raw_files_keys_unique", "articles_keys_unique", "entities_keys_unique",
        "extractions_keys_unique", "articles_versions_match_ledger",
    }
    assert {s.name for s in repo.sensor_defs} == {"raw_files_sensor"}
    assert {s.name for s in repo.schedule_defs} == {"daily_ingest_schedule"}
    assert "ingest_job" in {j.name for j in repo.get_all_jobs()}
    for key in repo.asset_graph.get_all_asset_keys():
        assert repo.asset_graph.get(key).description, key


def test_every_ingest_job_is_tagged_as_the_writer_without_an_op_pool_and_the_default_runs_in_one_process():
    jobs = [defs.resolve_job_def(name) for name in ("ingest_job", "ingest_parallel_job", "ingest_dask_job")]
    for job in jobs:
        assert job.tags.get("cifras/writer") == "warehouse"
        assert {op.pool for op in job.graph.iterate_op_defs()} == {None}
    assert [job.executor_def.name for job in jobs] == ["in_process", "multiprocess", "dask"]
    for any_job in (jobs[0], defs.resolve_implicit_global_asset_job_def()):
        assert any_job.executor_def.name == dg.in_process_executor.name  # one resource init: one run lock


def test_dagster_cli_loads_the_definitions_from_pyproject():
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "dagster"), "definitions", "validate"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]


def _ingest(instance, warehouse: WarehouseResource) -> None:
    result = defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={"resources": {"warehouse": {"config": {"path": warehouse.path, "raw_dir": warehouse.raw_dir}}}},
        instance=instance,
    )
    assert result.success


def _tick(instance, warehouse: WarehouseResource):
    with dg.build_sensor_context(instance=instance, resources={"warehouse": warehouse}, definitions=defs) as context:
        return raw_files_sensor(context)


@pytest.fixture
def setting(raw_dir, warehouse_path):
    with dg.instance_for_test() as instance:
        yield instance, WarehouseResource(path=str(warehouse_path), raw_dir=str(raw_dir)), raw_dir


def test_sensor_requests_a_run_for_a_fresh_raw_folder(setting):
    instance, warehouse, _ = setting
    request = _tick(instance, warehouse)
    assert isinstance(request, dg.RunRequest)
    assert request.run_key == _tick(instance, warehouse).run_key  # same state, same key


def test_sensor_skips_when_nothing_changed(setting):
    instance, warehouse, _ = setting
    _ingest(instance, warehouse)
    assert isinstance(_tick(instance, warehouse), dg.SkipReason)


def test_sensor_runs_for_an_edited_file_keyed_by_its_content(setting):
    instance, warehouse, raw = setting
    _ingest(instance, warehouse)
    target = sorted(raw.iterdir())[1]
    original = target.read_bytes()
    target.write_bytes(original + b"\nFirst edit.\n")
    first = _tick(instance, warehouse)
    target.write_bytes(original + b"\nSecond edit.\n")
    second = _tick(instance, warehouse)
    assert isinstance(first, dg.RunRequest) and isinstance(second, dg.RunRequest)
    assert first.run_key != second.run_key
    target.write_bytes(original)
    assert isinstance(_tick(instance, warehouse), dg.SkipReason)


def test_sensor_runs_for_a_new_and_for_a_deleted_file(setting):
    instance, warehouse, raw = setting
    _ingest(instance, warehouse)
    (raw / "new.txt").write_text("Exports\n\nExports rose 5%.\n", "utf-8")
    assert isinstance(_tick(instance, warehouse), dg.RunRequest)
    _ingest(instance, warehouse)
    (raw / "new.txt").unlink()
    assert isinstance(_tick(instance, warehouse), dg.RunRequest)


def test_schedule_requests_the_ingest_job_daily():
    assert daily_ingest_schedule.cron_schedule == "0 6 * * *"
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 1, 2, 6, tzinfo=timezone.utc))
    result = daily_ingest_schedule.evaluate_tick(context)
    assert daily_ingest_schedule.job_name == "ingest_job"
    assert len(result.run_requests) == 1


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8").split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    ci = (ROOT / ".ci" / "run").read_text("utf-8").strip().splitlines()
    assert len(readme) == 2 and readme[0].endswith("cifras run") and readme[1].endswith("pytest")
    assert ci[-1] == readme[1]


def test_dagster_home_limits_the_warehouse_to_one_writer(monkeypatch, tmp_path):
    (tmp_path / "dagster.yaml").write_bytes((ROOT / "dagster_home" / "dagster.yaml").read_bytes())
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    config = dg.DagsterInstance.get().get_concurrency_config()
    assert {"key": "cifras/writer", "value": "warehouse", "limit": 1} in config.run_queue_config.tag_concurrency_limits
