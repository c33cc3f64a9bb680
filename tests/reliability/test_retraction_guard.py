"""No silent mass retraction (issue 12, item 5): a missing raw/ folder is one line and exit 2; a run over
a folder that holds none of the warehouse's files stops before retracting and says why, unless
``--allow-retract``; the sensor skips with the same reason."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipelines.defs.resources import WarehouseResource
from pipelines.defs.sensors import raw_files_sensor
from pipelines.definitions import defs
from warehouse import store

ROOT = Path(__file__).resolve().parents[2]
CIFRAS = str(Path(sys.executable).parent / "cifras")


def run(raw: Path, database: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([CIFRAS, "run", "--raw", str(raw), "--warehouse", str(database), *extra],
                          capture_output=True, text=True, timeout=600)


def article_count(database: Path) -> int:
    con = store.connect(database, read_only=True)
    try:
        return con.execute("select count(*) from articles").fetchone()[0]
    finally:
        con.close()


def test_a_missing_raw_folder_is_one_line_and_exit_two(tmp_path):
    result = run(tmp_path / "mistyped", tmp_path / "cifras.duckdb")
    assert result.returncode == 2
    assert "no raw folder" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_an_empty_folder_retracts_nothing_unless_allowed_and_the_sensor_skips(tmp_path):
    raw, empty, database = tmp_path / "raw", tmp_path / "empty", tmp_path / "cifras.duckdb"
    raw.mkdir()
    empty.mkdir()
    for seed in sorted((ROOT / "raw").glob("00[0-2]_*.txt")):
        shutil.copy(seed, raw / seed.name)
    assert run(raw, database).returncode == 0 and article_count(database) == 3

    refused = run(empty, database)
    assert refused.returncode == 1 and "refusing to retract every article" in refused.stderr
    assert article_count(database) == 3

    with dg.instance_for_test() as instance:
        warehouse = WarehouseResource(path=str(database), raw_dir=str(empty))
        with dg.build_sensor_context(instance=instance, resources={"warehouse": warehouse}, definitions=defs,
                                     sensor_name=raw_files_sensor.name) as context:
            skip = raw_files_sensor(context)
    assert isinstance(skip, dg.SkipReason) and "refusing" in skip.skip_message

    allowed = run(empty, database, "--allow-retract")
    assert allowed.returncode == 0 and article_count(database) == 0
