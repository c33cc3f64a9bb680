"""No silent mass retraction (issue 12, item 5): a missing raw/ folder is one line and exit 2; a run over
a folder that holds none of the warehouse's files, or that would retract more than ``--max-retract-share`` of
them, stops before retracting and says why, unless ``--allow-retract``; the sensor skips with the same
reason; a subfolder that cannot be listed is an error, not a deletion; ``--dry-run`` prints the plan and
writes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipelines import batch
from pipelines.discover import LedgerEntry
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


def seeded(tmp_path: Path, n: int) -> tuple[Path, Path]:
    raw, database = tmp_path / "raw", tmp_path / "cifras.duckdb"
    raw.mkdir()
    for seed in sorted((ROOT / "raw").glob("0*_*.txt"))[:n]:
        shutil.copy(seed, raw / seed.name)
    assert run(raw, database).returncode == 0
    return raw, database


def runs_and_articles(database: Path) -> tuple[int, int]:
    con = store.connect(database, read_only=True)
    try:
        return con.execute("select (select count(*) from runs), (select count(*) from articles)").fetchone()
    finally:
        con.close()


@pytest.mark.slow
def test_a_run_over_the_retract_share_is_refused_and_a_dry_run_prints_the_plan(tmp_path):
    raw, database = seeded(tmp_path, 5)
    for path in sorted(raw.iterdir())[:3]:
        path.unlink()
    dry = run(raw, database, "--dry-run")
    assert dry.returncode == 0 and "nothing was written" in dry.stderr
    assert sorted(line.split("\t")[0] for line in dry.stdout.splitlines()) == ["deleted"] * 3
    assert runs_and_articles(database) == (1, 5)

    refused = run(raw, database, "--max-retract-share", "0.5")
    assert refused.returncode == 1 and "refusing to retract 3 of its 5 articles" in refused.stderr
    assert runs_and_articles(database)[1] == 5
    assert run(raw, database, "--max-retract-share", "0.5", "--dry-run").returncode == 1  # the plan says so too

    assert run(raw, database, "--max-retract-share", "0.75").returncode == 0
    assert runs_and_articles(database)[1] == 2


def test_a_subfolder_that_cannot_be_listed_is_an_error_and_its_files_are_kept(tmp_path, monkeypatch):
    """The suite runs as root, which lists every folder: the permission error is raised by ``os.scandir``
    for that one folder, as the kernel does for a non-root deployment."""
    raw = tmp_path / "raw"
    (raw / "locked").mkdir(parents=True)
    (raw / "a.txt").write_text("Exports rose 5%.", "utf-8")
    (raw / "locked" / "b.txt").write_text("Exports rose 6%.", "utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    when = __import__("datetime").datetime(2026, 1, 1)
    ledger = {path: LedgerEntry("0" * 64, 1, when, "ok") for path in ("a.txt", "locked/b.txt")}
    plan = {file.path: (change, file.problem) for file, change in batch.plan_changes(raw, ledger, 1 << 20)}
    assert set(plan) == {"a.txt", "locked/"}  # locked/b.txt is neither seen nor deleted
    assert plan["locked/"][1].startswith("folder cannot be read: Permission denied")

    monkeypatch.setattr(os, "scandir", lambda path=".": (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    with pytest.raises(PermissionError, match="cannot be read"):
        list(batch.plan_changes(raw, ledger, 1 << 20))
