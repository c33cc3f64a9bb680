"""The warehouse store: migrations, comments, transactions, and agreement with the pandera models."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from schemas import SCHEMAS
from warehouse import audit, store

MIGRATIONS = Path(__file__).resolve().parents[2] / "warehouse" / "sql" / "migrations"
VERSIONS = [int(path.name[:4]) for path in sorted(MIGRATIONS.glob("*.sql"))]


def test_migrations_apply_once_and_are_recorded(warehouse_path):
    con = store.connect(warehouse_path)
    assert store.migrate(con) == []
    assert audit.row_count(con, "runs") == 0
    applied = store.fetch_frame(con, "select_applied_migrations")
    assert list(applied["version"]) == VERSIONS == list(range(1, len(VERSIONS) + 1))
    con.close()
    con = store.connect(warehouse_path)
    assert len(store.fetch_frame(con, "select_applied_migrations")) == len(VERSIONS)


def test_every_table_and_column_has_a_comment(warehouse_path):
    con = store.connect(warehouse_path)
    assert store.table_names(con) == set(audit.TABLES) | {"schema_migrations", "schema_views"}
    assert store.fetch_frame(con, "select_uncommented_columns").empty


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_pandera_model_matches_table_column_for_column(warehouse_path, table):
    con = store.connect(warehouse_path)
    model_columns = list(SCHEMAS[table].to_schema().columns)
    assert model_columns == store.table_columns(con, table)


DUCKDB_TYPE_OF = {
    "str": {"VARCHAR"},
    "int64": {"INTEGER", "BIGINT"},
    "Int64": {"INTEGER", "BIGINT"},  # nullable (facts.evidence_start, evidence_end)
    "bool": {"BOOLEAN"},
    "datetime64[ns]": {"TIMESTAMP"},
    "date": {"DATE"},
    "Decimal(38, 6)": {"DECIMAL(38,6)"},
    "Decimal(18, 6)": {"DECIMAL(18,6)"},
    "object": {"INTEGER[]"},
}


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_pandera_types_match_duckdb_types(warehouse_path, table):
    con = store.connect(warehouse_path)
    duck = dict(store.run(con, "select_table_column_types", {"table": table}).fetchall())
    for name, column in SCHEMAS[table].to_schema().columns.items():
        assert duck[name] in DUCKDB_TYPE_OF[str(column.dtype)], (name, str(column.dtype), duck[name])


def test_transaction_rolls_back_on_error(warehouse_path):
    con = store.connect(warehouse_path)
    with pytest.raises(RuntimeError), store.transaction(con):
        store.run(con, "insert_run", {"run_id": "r1", "started_at": "2025-01-01", "extractor_version": "x"})
        raise RuntimeError("crash mid-batch")
    assert audit.row_count(con, "runs") == 0


def test_second_writer_waits_then_reports_busy(warehouse_path):
    con = store.connect(warehouse_path)
    con.close()
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('locked', flush=True); time.sleep(30)", str(warehouse_path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(store.WarehouseBusy):
            store.connect(warehouse_path, wait_seconds=0.5)
    finally:
        holder.kill()
        holder.wait()


def test_read_only_connection_refuses_writes(warehouse_path):
    store.connect(warehouse_path).close()
    con = store.connect(warehouse_path, read_only=True)
    with pytest.raises(duckdb.Error):
        store.run(con, "delete_raw_files")


def test_fts_extension_loads_offline():
    con = duckdb.connect()
    con.load_extension(str(store.fts_extension_path()))
    assert "fts" in set(store.fetch_frame(con, "select_loaded_extensions")["extension_name"])


def test_data_dictionary_names_every_table_view_and_column(warehouse_path):
    con = store.connect(warehouse_path)
    readme = (Path(__file__).resolve().parents[2] / "warehouse" / "README.md").read_text("utf-8")
    for table in audit.TABLES + audit.VIEWS:
        assert f"`{table}`" in readme, table
        for column in store.table_columns(con, table):
            assert column in readme, f"{table}.{column}"


def test_audit_knows_every_view_and_each_is_created_after_the_views_it_reads(warehouse_path):
    con = store.connect(warehouse_path)
    order = store.create_views(con, force=True)
    assert set(order) == set(audit.VIEWS)
    assert order.index("fact_consensus") < order.index("exports") < order.index("exports_by_partner")
    assert order.index("fact_consensus") < min(order.index("latest_facts"), order.index("fact_consistency"))


def test_views_are_created_again_only_when_their_sql_changed_or_one_is_missing(warehouse_path):
    store.connect(warehouse_path).close()
    con = store.connect(warehouse_path)
    try:
        assert store.create_views(con) == []  # the same SQL, every view there: nothing to do
        con.execute("drop view exports_by_partner")
        assert set(store.create_views(con)) == set(audit.VIEWS)
        con.execute("update schema_views set digest = 'older code'")
        assert set(store.create_views(con)) == set(audit.VIEWS)
        assert store.create_views(con) == []
        assert con.execute("select count(*) from schema_views").fetchone()[0] == 1
    finally:
        con.close()


def test_an_older_warehouse_gets_the_new_migrations(tmp_path, warehouse_path):
    old = tmp_path / "old"
    old.mkdir()
    first = sorted(MIGRATIONS.glob("0001_*.sql"))[0]
    (old / first.name).write_bytes(first.read_bytes())
    warehouse_path.parent.mkdir(parents=True)
    con = duckdb.connect(str(warehouse_path))
    assert store.migrate(con, old) == [first.name]
    con.close()
    con = store.connect(warehouse_path)
    assert list(store.fetch_frame(con, "select_applied_migrations")["version"]) == VERSIONS
    assert {"entities", "facts"} <= store.table_names(con)


def test_articles_extracted_before_facts_get_fact_counts_of_zero(tmp_path, warehouse_path):
    old = tmp_path / "old"
    old.mkdir()
    for path in sorted(MIGRATIONS.glob("000[12]_*.sql")):
        (old / path.name).write_bytes(path.read_bytes())
    warehouse_path.parent.mkdir(parents=True)
    con = duckdb.connect(str(warehouse_path))
    store.migrate(con, old)
    extraction = {"article_id": "a" * 64, "extractor_version": "0.1.0", "n_extracted": 3, "n_landed": 3,
                  "n_rejected": 0, "extracted_at": pd.Timestamp("2025-01-01"), "run_id": "r1"}
    with store.registered(con, extractions_batch=pd.DataFrame([extraction])):
        store.run(con, "insert_extractions")
    con.close()
    con = store.connect(warehouse_path)
    [row] = con.table("extractions").df().to_dict("records")
    assert (row["n_landed"], row["facts_extracted"], row["facts_landed"], row["facts_rejected"]) == (3, 0, 0, 0)
    assert audit.fact_conservation(con).breaks == 0


def test_facts_landed_before_unit_prices_are_not_unit_prices(tmp_path, warehouse_path):
    old = tmp_path / "old"
    old.mkdir()
    for path in sorted(MIGRATIONS.glob("000[1234]_*.sql")):
        (old / path.name).write_bytes(path.read_bytes())
    warehouse_path.parent.mkdir(parents=True)
    con = duckdb.connect(str(warehouse_path))
    store.migrate(con, old)
    fact = {"article_id": "a" * 64, "fact_id": 0, "sentence_idx": 0, "metric": "exports", "flow_of": "PE",
            "value": "74700000000", "currency": "USD", "projection": False, "mention_ids": [0], "rule": "r",
            "extractor_version": "0.2.0", "run_id": "r1"}
    with store.registered(con, facts_batch=pd.DataFrame([fact])):
        store.run(con, "insert_facts")
    con.close()
    con = store.connect(warehouse_path)
    assert con.table("facts").df()["unit_price"].tolist() == [False]
    with pytest.raises(duckdb.ConstraintException):
        with store.registered(con, facts_batch=pd.DataFrame([{**fact, "fact_id": 1, "unit_price": None}])):
            store.run(con, "insert_facts")


def test_a_failing_migration_applies_nothing_and_leaves_the_old_schema_usable(tmp_path, warehouse_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    for path in sorted(MIGRATIONS.glob("*.sql")):
        (folder / path.name).write_bytes(path.read_bytes())
    store.connect(warehouse_path).close()
    (folder / "9999_add_broken.sql").write_text(
        "create table shiny (x integer);\nalter table articles add column oops no_such_type;\n", "utf-8")
    con = store.connect(warehouse_path)
    with pytest.raises(duckdb.Error):
        store.migrate(con, folder)
    assert list(store.fetch_frame(con, "select_applied_migrations")["version"]) == VERSIONS
    assert "shiny" not in store.table_names(con)
    assert audit.row_count(con, "articles") == 0


def test_the_declared_primary_keys_are_the_migrations_keys(warehouse_path):
    """audit.PRIMARY_KEYS (read by the key-uniqueness checks) is exactly what the migrations create."""
    con = store.connect(warehouse_path)
    try:
        declared = {table: tuple(columns) for table, columns in con.execute(
            "select table_name, constraint_column_names from duckdb_constraints() "
            "where constraint_type = 'PRIMARY KEY' and schema_name = 'main' and table_name <> 'schema_migrations'"
        ).fetchall()}
    finally:
        con.close()
    assert declared == audit.PRIMARY_KEYS
