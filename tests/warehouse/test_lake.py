"""The warehouse as a DuckLake with a PostgreSQL catalog (issue 14): switched by a ``.toml`` descriptor, it gives the
tables and views of the embedded DuckDB file; its schema is the migrations' end state; readers see the last
completed run while a run writes; the run lock is held in the catalog, so runs on other machines wait too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse import lake, store

ROOT = Path(__file__).resolve().parents[2]
DEV_RAW = ROOT.parent / "shared" / "corpus" / "dev" / "raw"
CIFRAS = str(Path(sys.executable).parent / "cifras")


def _cifras_run(raw: Path, warehouse: Path) -> None:
    run = subprocess.run([CIFRAS, "run", "--raw", str(raw), "--warehouse", str(warehouse)],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]


def _view_names(database: Path) -> list[str]:
    con = store.connect(database, read_only=True)
    try:
        return sorted(row[0] for row in con.execute(
            "select view_name from duckdb_views() where database_name = current_database() and not internal"
        ).fetchall())
    finally:
        con.close()


def test_the_lake_gives_the_tables_and_views_of_the_embedded_file_on_the_seeds_and_dev(
        raw_dir, lake_descriptor, tmp_path, digests):
    if not DEV_RAW.is_dir():
        pytest.skip(f"no dev corpus at {DEV_RAW}")
    for article in DEV_RAW.iterdir():
        shutil.copy(article, raw_dir / article.name)
    embedded = tmp_path / "embedded" / "cifras.duckdb"
    _cifras_run(raw_dir, embedded)
    _cifras_run(raw_dir, lake_descriptor)
    views = _view_names(embedded)
    assert views == _view_names(lake_descriptor) and "fact_consensus" in views
    expected = digests(embedded) | digests(embedded, views)
    landed = digests(lake_descriptor) | digests(lake_descriptor, views)
    assert landed == expected
    assert landed["articles"][0] == len(list(raw_dir.iterdir()))
    _cifras_run(raw_dir, lake_descriptor)  # the same input again changes nothing
    assert digests(lake_descriptor) | digests(lake_descriptor, views) == expected


def test_a_reader_sees_the_last_completed_run_while_a_run_writes_the_lake(raw_dir, lake_descriptor):
    _cifras_run(raw_dir, lake_descriptor)
    con, note = store.connect_reader(lake_descriptor)
    before = con.execute("select count(*) from entities").fetchone()[0]
    con.close()
    assert note is None and before > 0
    with store.run_lock(lake_descriptor):
        writer = store.connect(lake_descriptor)
        writer.execute("delete from entities where label = 'COUNTRY'")
        con, note = store.connect_reader(lake_descriptor)
        assert note is not None and "snapshot" in note
        assert con.execute("select count(*) from entities").fetchone()[0] == before
        con.close()
        writer.close()
    con, note = store.connect_reader(lake_descriptor)
    assert note is None and con.execute("select count(*) from entities").fetchone()[0] < before
    con.close()


def test_a_run_lock_held_in_the_catalog_by_another_machine_makes_a_run_wait(lake_descriptor):
    config = lake.read_config(lake_descriptor)
    store.connect(lake_descriptor).close()
    other_machine = lake.take_catalog_lock(config)  # its lock file is elsewhere: only the catalog is shared
    assert other_machine is not None
    try:
        assert store.writer_active(lake_descriptor)
        with pytest.raises(store.WarehouseBusy), store.run_lock(lake_descriptor, wait_seconds=0.3):
            pass
    finally:
        other_machine.close()
    assert not store.writer_active(lake_descriptor)
    with store.run_lock(lake_descriptor, wait_seconds=0.3):
        assert lake.take_catalog_lock(config) is None  # held for this run, against the others


def test_a_lake_is_created_at_the_end_state_of_the_embedded_migrations():
    def schema(con: duckdb.DuckDBPyConnection) -> set[tuple]:
        columns = con.execute(
            "select table_name, column_name, data_type, is_nullable, column_default, comment from duckdb_columns() "
            "where database_name = 'memory' and schema_name = 'main'").fetchall()
        tables = con.execute("select table_name, comment from duckdb_tables() where database_name = 'memory'").fetchall()
        macros = con.execute("select function_name, function_type, parameters, macro_definition from duckdb_functions() "
                             "where database_name = 'memory' and function_type in ('macro', 'table_macro')").fetchall()
        return set(columns) | set(tables) | {(*row[:2], tuple(row[2]), row[3]) for row in macros}

    migrated = duckdb.connect()
    migrated.load_extension(str(store.fts_extension_path()))
    store.migrate(migrated)
    lake_like = duckdb.connect()
    lake_like.load_extension(str(store.fts_extension_path()))  # search_terms stems with it
    for statement in lake.end_state_schema(migrated):
        assert "primary key" not in statement.lower() and "unique" not in statement.lower().split(" as ")[0]
        lake_like.execute(statement)
    assert schema(lake_like) == schema(migrated)
    assert lake_like.execute("select count(*) from search_articles('peru')").fetchone() == (0,)


@pytest.mark.parametrize(("text", "catalog", "data_path"), [
    ('catalog = "postgres:dbname=c host=db"\ndata_path = "data"\n', "postgres:dbname=c host=db", "{folder}/data/"),
    ('catalog = "postgres:dbname=c"\ndata_path = "/srv/lake/"\n', "postgres:dbname=c", "/srv/lake/"),
    ('catalog = "metadata.ducklake"\ndata_path = "s3://bucket/lake/"\n', "metadata.ducklake", "s3://bucket/lake/"),
])
def test_a_descriptor_names_the_catalog_and_a_data_path_relative_to_itself(tmp_path, text, catalog, data_path):
    descriptor = tmp_path / "lake.toml"
    descriptor.write_text(text, "utf-8")
    config = lake.read_config(descriptor)
    assert (config.catalog, config.data_path) == (catalog, data_path.format(folder=tmp_path.resolve()))
    assert config.uses_postgres == catalog.startswith("postgres:")


@pytest.mark.parametrize(("text", "message"), [
    ('catalog = "postgres:dbname=c"\n', "data_path"),
    ('catalog = 3\ndata_path = "d"\n', "catalog"),
    ("catalog = \n", "not valid TOML"),
])
def test_a_broken_descriptor_is_a_one_line_error_from_cifras(tmp_path, text, message):
    descriptor = tmp_path / "lake.toml"
    descriptor.write_text(text, "utf-8")
    with pytest.raises(lake.LakeConfigError, match=message):
        lake.read_config(descriptor)
    run = subprocess.run([CIFRAS, "query", "--warehouse", str(descriptor), "select 1"], capture_output=True, text=True)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr


def test_the_sensor_and_the_ingest_job_work_on_a_lake(raw_dir, lake_descriptor):
    import dagster as dg

    from pipelines.defs.resources import WarehouseResource
    from pipelines.defs.sensors import raw_files_sensor
    from pipelines.definitions import defs

    warehouse = WarehouseResource(path=str(lake_descriptor), raw_dir=str(raw_dir))

    def tick(instance):
        with dg.build_sensor_context(instance=instance, resources={"warehouse": warehouse}, definitions=defs) as context:
            return raw_files_sensor(context)

    with dg.instance_for_test() as instance:
        assert isinstance(tick(instance), dg.RunRequest)  # a lake no run has created yet is an empty warehouse
        result = defs.resolve_job_def("ingest_job").execute_in_process(
            run_config={"resources": {"warehouse": {"config": {"path": str(lake_descriptor), "raw_dir": str(raw_dir)}}}},
            instance=instance)
        assert result.success
        assert isinstance(tick(instance), dg.SkipReason)
    con, _ = store.connect_reader(lake_descriptor)
    assert con.execute("select count(*) from articles").fetchone()[0] == len(list(raw_dir.iterdir()))
    con.close()
    assert store.snapshot_path(lake_descriptor).read_text("utf-8").strip().isdigit()


def test_a_later_migration_is_applied_to_an_existing_lake_as_a_file(lake_descriptor, tmp_path):
    shipped = store.resources.files("warehouse").joinpath("sql", "migrations")
    folder = tmp_path / "migrations"
    folder.mkdir()
    for entry in shipped.iterdir():
        if entry.name.endswith(".sql"):
            (folder / entry.name).write_text(entry.read_text("utf-8"), "utf-8")
    store.connect(lake_descriptor).close()  # the lake, at the end state of the shipped migrations
    (folder / "9001_add_articles_section.sql").write_text("alter table articles add column section varchar;\n")
    con = store.connect(lake_descriptor)
    try:
        assert store.migrate_lake(con, folder) == ["9001_add_articles_section.sql"]
        assert "section" in store.table_columns(con, "articles")
        assert store.migrate_lake(con, folder) == []
    finally:
        con.close()


def test_a_catalog_that_cannot_be_reached_is_a_one_line_error(postgres_server, raw_dir, tmp_path):
    from psycopg.conninfo import make_conninfo

    descriptor = tmp_path / "lake.toml"
    descriptor.write_text(f'catalog = "postgres:{make_conninfo(postgres_server, dbname="cifras_no_such_db")}"\n'
                          'data_path = "data/"\n', "utf-8")
    run = subprocess.run([CIFRAS, "run", "--raw", str(raw_dir), "--warehouse", str(descriptor)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "cannot be reached" in run.stderr and len(run.stderr.strip().splitlines()) == 1
