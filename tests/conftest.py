"""Shared fixtures: a raw/ folder with the seed articles and a real DuckDB file, both in tmp_path; a generated
corpus with the table digests of its clean run, for tests that interrupt runs and compare the outcome."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "raw").glob("0*_*.txt"))
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def dagster_home(tmp_path_factory) -> Path:
    """One Dagster instance for the session's `cifras run`s (which record runs in $DAGSTER_HOME, else in the
    project's dagster_home/, which tests must not fill); a test may point it elsewhere with monkeypatch."""
    home = tmp_path_factory.mktemp("dagster_home")
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", "utf-8")
    previous = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    yield home
    if previous is None:
        os.environ.pop("DAGSTER_HOME", None)
    else:
        os.environ["DAGSTER_HOME"] = previous


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A raw/ folder holding copies of the five seed articles."""
    folder = tmp_path / "raw"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    return folder


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    """Where the test's warehouse file goes (created by the first connection)."""
    return tmp_path / "warehouse" / "cifras.duckdb"


# --- a generated corpus, its clean run, and table digests (crash, write-error and concurrency tests) ---

CORPUS_FILES = 300  # three batches of the default 100
CIFRAS = str(Path(sys.executable).parent / "cifras")
# Columns that record when or by which run a row was written: they differ between two correct runs, so
# only whether they are set is compared.
VOLATILE_COLUMNS = frozenset({"run_id", "ingested_at", "first_seen", "last_seen", "extracted_at", "recorded_at",
                              "rejected_at", "linked_at", "retired_at", "retired_run_id"})
# Tables (or columns) that describe a run rather than the data: compared separately, never by digest.
RUN_SCOPED = {"runs": None, "raw_files": frozenset({"change"})}  # None: the whole table


def table_digests(database: Path, relations: list[str] | None = None) -> dict[str, tuple[int, str]]:
    """Every table of ``audit.TABLES`` (or the tables and views named) as (row count, SHA-256 of its rows
    sorted), minus volatile columns; a table added to audit.TABLES is covered without touching this function."""
    from warehouse import audit, store

    con = store.connect(database, read_only=True)
    try:
        digests = {}
        for table in relations or audit.TABLES:
            if table in RUN_SCOPED and RUN_SCOPED[table] is None:
                continue
            frame = con.table(table).df()
            frame = frame.drop(columns=[c for c in frame.columns if c in (RUN_SCOPED.get(table) or ())])
            frame = frame.assign(**{c: frame[c].notna() for c in frame.columns if c in VOLATILE_COLUMNS})
            if "payload" in frame:  # a reject's payload is the row as JSON, run_id included
                frame["payload"] = frame["payload"].map(lambda p: json.dumps(
                    {k: v for k, v in json.loads(p).items() if k not in VOLATILE_COLUMNS}, sort_keys=True))
            rows = sorted("\x1f".join(row) for row in frame.astype(str).to_numpy().tolist())
            digest = hashlib.sha256("\x1e".join(rows).encode("utf-8")).hexdigest()
            digests[table] = (len(rows), digest)
        return digests
    finally:
        con.close()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """A raw/ folder of CORPUS_FILES distinct articles (bench/corpus.py); tests must not change it."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    raw = tmp_path_factory.mktemp("corpus") / "raw"
    generate(raw, CORPUS_FILES)
    return raw


@pytest.fixture(scope="session")
def clean_run(corpus, tmp_path_factory) -> dict[str, tuple[int, str]]:
    """The table digests of one uninterrupted `cifras run` over the corpus."""
    database = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    subprocess.run([CIFRAS, "run", "--raw", str(corpus), "--warehouse", str(database)], check=True,
                   capture_output=True, timeout=600)
    return table_digests(database)


@pytest.fixture(scope="session")
def digests():
    """``table_digests`` as a fixture (test modules do not import conftest)."""
    return table_digests


@pytest.fixture(scope="session")
def data_script():
    """Load a generator under ``scripts/`` as a module by name (the drift tests re-run its build)."""
    import importlib.util

    def load(name: str):
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


# --- PostgreSQL for the DuckLake tests ---

@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server's libpq connection string: ``$CIFRAS_TEST_POSTGRES`` (.ci/run starts one), else one
    started here from the OS packages by .ci/postgres; the tests that need it are skipped without either."""
    if os.environ.get("CIFRAS_TEST_POSTGRES"):
        yield os.environ["CIFRAS_TEST_POSTGRES"]
        return
    folder = tempfile.mkdtemp(prefix="cifras-pg-")  # under /tmp: the server's user must reach it
    started = subprocess.run([str(ROOT / ".ci" / "postgres"), "start", folder], capture_output=True, text=True)
    if started.returncode:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"no PostgreSQL server for the DuckLake tests (.ci/run starts one): {started.stderr.strip()}")
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(ROOT / ".ci" / "postgres"), "stop", folder], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def lake_descriptor(postgres_server, tmp_path):
    """A DuckLake warehouse of its own: a new catalog database on the test server, data files in tmp_path."""
    import psycopg
    from psycopg.conninfo import make_conninfo

    name = f"cifras_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as server:
        server.execute(f'create database "{name}"')
    descriptor = tmp_path / "lake" / "lake.toml"
    descriptor.parent.mkdir()
    catalog = make_conninfo(postgres_server, dbname=name)
    descriptor.write_text(f'catalog = "postgres:{catalog}"\ndata_path = "data/"\n', "utf-8")
    try:
        yield descriptor
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as server:
            server.execute(f'drop database if exists "{name}" with (force)')
