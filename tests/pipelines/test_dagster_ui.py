"""One Dagster instance for the CLI and the UI (issue 15): `dg list defs` loads the project's definitions, and the UI
that `dg dev` serves on the project's Dagster home lists the runs `cifras run` made and their materializations."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_dg_lists_the_projects_definitions():
    listed = subprocess.run([str(BIN / "dg"), "list", "defs", "--json"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert listed.returncode == 0, listed.stderr[-2000:]
    text = listed.stdout
    for name in ("ingest_job", "raw_files_sensor", "daily_ingest_schedule", "fact", "extractions"):
        assert name in text, name


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["data"]


def test_the_ui_on_the_project_home_shows_the_runs_of_the_cli(raw_dir, warehouse_path, tmp_path):
    home = tmp_path / "dagster_home"
    done = subprocess.run([str(BIN / "cifras"), "run", "-q", "--raw", str(raw_dir), "--warehouse", str(warehouse_path),
                           "--dagster-home", str(home)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    port = _free_port()
    # The UI's daemon runs the raw/ sensor: point it at this test's folder and warehouse, not the repository's.
    env = {**os.environ, "DAGSTER_HOME": str(home), "CIFRAS_RAW": str(raw_dir), "CIFRAS_WAREHOUSE": str(warehouse_path)}
    ui = subprocess.Popen([str(BIN / "dg"), "dev", "--port", str(port)], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline, runs = time.monotonic() + 180, None
        while time.monotonic() < deadline:
            try:
                runs = _graphql(port, "{ runsOrError { ... on Runs { results { runId status jobName } } } }")
                break
            except OSError:
                time.sleep(1)
        assert runs is not None, "dg dev did not answer"
        results = runs["runsOrError"]["results"]
        assert any(r["jobName"] == "ingest_job" and r["status"] == "SUCCESS" for r in results)
        facts = _graphql(port, '{ assetOrError(assetKey: {path: ["facts"]}) { ... on Asset { '
                               'assetMaterializations(limit: 1) { runId } } } }')
        assert facts["assetOrError"]["assetMaterializations"], "the CLI run's materialization is not in the UI"
    finally:
        os.killpg(ui.pid, 15)
        try:
            ui.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(ui.pid, 9)
            pytest.fail("dg dev did not stop")
