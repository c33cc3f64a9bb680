"""The version history of each file, through the real ingest job: new files add a version, edits add one and
retire the old, re-runs add nothing, deletions retire; an edited figure changes only its article's rows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import defs
from warehouse import audit, store

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = ROOT / "warehouse" / "sql" / "migrations"
MIPYMES = "003_9478fcfe5483292c.txt"
ROW_TABLES = ("money_mentions", "percent_mentions", "entity_mentions", "facts")


@pytest.fixture(scope="module")
def instance():
    with dg.instance_for_test() as instance:
        yield instance


def ingest(instance, raw_dir: Path, warehouse_path: Path) -> str:
    result = defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={"resources": {"warehouse": {"config": {"path": str(warehouse_path), "raw_dir": str(raw_dir)}}}},
        instance=instance,
    )
    assert result.success
    assert all(c.passed for c in result.get_asset_check_evaluations())
    return result.run_id


def rows(warehouse_path: Path, *tables: str) -> dict[str, list[dict]]:
    """Every row of the tables, every column, sorted."""
    con = store.connect(warehouse_path, read_only=True)
    try:
        out = {}
        for table in tables:
            relation = con.table(table)
            out[table] = sorted((dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()), key=repr)
        return out
    finally:
        con.close()


def history(warehouse_path: Path) -> dict[str, list[dict]]:
    """file_versions by path, in version order."""
    by_path: dict[str, list[dict]] = {}
    for row in sorted(rows(warehouse_path, "file_versions")["file_versions"], key=lambda r: (r["path"], r["version"])):
        by_path.setdefault(row["path"], []).append(row)
    return by_path


def version_breaks(warehouse_path: Path) -> int:
    con = store.connect(warehouse_path, read_only=True)
    try:
        return audit.file_version_breaks(con)
    finally:
        con.close()


def current_articles(warehouse_path: Path) -> dict[str, str]:
    """path -> article_id."""
    return {r["path"]: r["article_id"] for r in rows(warehouse_path, "articles")["articles"]}


def test_new_files_get_version_one(instance, raw_dir, warehouse_path):
    run_id = ingest(instance, raw_dir, warehouse_path)
    versions = history(warehouse_path)
    ids = current_articles(warehouse_path)
    assert set(versions) == set(ids) == {p.name for p in raw_dir.iterdir()}
    for path, [row] in versions.items():
        assert (row["version"], row["sha256"], row["run_id"]) == (1, ids[path], run_id)
        assert row["bytes"] == (raw_dir / path).stat().st_size
        assert row["retired_at"] is None and row["retired_run_id"] is None
    assert version_breaks(warehouse_path) == 0


def test_an_edited_figure_changes_only_its_articles_rows_and_adds_one_version(instance, raw_dir, warehouse_path):
    ingest(instance, raw_dir, warehouse_path)
    before, versions_before, ids_before = rows(warehouse_path, *ROW_TABLES), history(warehouse_path), current_articles(warehouse_path)
    edited = raw_dir / MIPYMES
    edited.write_text(edited.read_text("utf-8").replace("USD 3.300 millones", "USD 3.400 millones"), "utf-8")
    run_id = ingest(instance, raw_dir, warehouse_path)
    after, versions_after, ids_after = rows(warehouse_path, *ROW_TABLES), history(warehouse_path), current_articles(warehouse_path)

    old_id, new_id = ids_before[MIPYMES], ids_after[MIPYMES]
    assert old_id != new_id and {p: i for p, i in ids_after.items() if p != MIPYMES} == {
        p: i for p, i in ids_before.items() if p != MIPYMES}
    for table in ROW_TABLES:  # every other article's rows are untouched, run ids included
        assert [r for r in after[table] if r["article_id"] != new_id] == [
            r for r in before[table] if r["article_id"] != old_id], table
        assert not [r for r in after[table] if r["article_id"] == old_id], table
    old_money = {r["value"] for r in before["money_mentions"] if r["article_id"] == old_id}
    new_money = {r["value"] for r in after["money_mentions"] if r["article_id"] == new_id}
    assert Decimal("3300000000") in old_money - new_money and Decimal("3400000000") in new_money - old_money
    new_facts = {r["value"] for r in after["facts"] if r["article_id"] == new_id}
    assert Decimal("3400000000") in new_facts and Decimal("3300000000") not in new_facts

    assert {p: v for p, v in versions_after.items() if p != MIPYMES} == {
        p: v for p, v in versions_before.items() if p != MIPYMES}
    first, second = versions_after[MIPYMES]
    assert len(versions_after[MIPYMES]) == len(versions_before[MIPYMES]) + 1
    assert {k: v for k, v in first.items() if not k.startswith("retired")} == {
        k: v for k, v in versions_before[MIPYMES][0].items() if not k.startswith("retired")}
    assert (first["sha256"], first["retired_run_id"]) == (old_id, run_id) and first["retired_at"] is not None
    assert (second["version"], second["sha256"], second["run_id"]) == (2, new_id, run_id)
    assert second["retired_at"] is None and second["first_seen"] == first["retired_at"]
    assert version_breaks(warehouse_path) == 0


def test_a_rerun_adds_no_version(instance, raw_dir, warehouse_path):
    ingest(instance, raw_dir, warehouse_path)
    before = rows(warehouse_path, "file_versions")
    ingest(instance, raw_dir, warehouse_path)
    assert rows(warehouse_path, "file_versions") == before


def test_deletion_retires_the_current_version_and_a_return_adds_the_next(instance, raw_dir, warehouse_path):
    ingest(instance, raw_dir, warehouse_path)
    gone = raw_dir / MIPYMES
    content = gone.read_bytes()
    gone.unlink()
    run_id = ingest(instance, raw_dir, warehouse_path)
    [row] = history(warehouse_path)[MIPYMES]
    assert (row["version"], row["retired_run_id"]) == (1, run_id) and row["retired_at"] is not None
    assert all(r["retired_at"] is None for path, v in history(warehouse_path).items() if path != MIPYMES for r in v)
    assert version_breaks(warehouse_path) == 0

    gone.write_bytes(content)
    back_run = ingest(instance, raw_dir, warehouse_path)
    first, second = history(warehouse_path)[MIPYMES]
    assert first == row
    assert (second["version"], second["sha256"], second["run_id"], second["retired_at"]) == (2, row["sha256"], back_run, None)
    assert version_breaks(warehouse_path) == 0


def test_files_that_do_not_become_articles_have_versions_too(instance, raw_dir, warehouse_path):
    (raw_dir / "empty.txt").write_bytes(b"")
    (raw_dir / "copy.txt").write_bytes((raw_dir / MIPYMES).read_bytes())
    ingest(instance, raw_dir, warehouse_path)
    versions = history(warehouse_path)
    assert [r["bytes"] for r in versions["empty.txt"]] == [0]
    assert [r["sha256"] for r in versions["copy.txt"]] == [current_articles(warehouse_path)[MIPYMES]]
    (raw_dir / "empty.txt").write_text("Exportaciones\n\nLas exportaciones crecieron 5 %.\n", "utf-8")
    ingest(instance, raw_dir, warehouse_path)
    assert [r["retired_at"] is None for r in history(warehouse_path)["empty.txt"]] == [False, True]
    assert version_breaks(warehouse_path) == 0


def test_a_warehouse_from_before_migration_4_gets_versions_signatures_and_links(instance, raw_dir, tmp_path, warehouse_path):
    """Migration 0004 gives each live file its current version; the next run signs and links the old articles."""
    (raw_dir / "republished.txt").write_text(
        "Mipymes exportaron USD 3.300 millones\n\n" + (raw_dir / MIPYMES).read_text("utf-8") + "\n© Diario Ejemplo.\n", "utf-8")
    reference = tmp_path / "reference.duckdb"
    ingest(instance, raw_dir, reference)
    old = tmp_path / "old-migrations"
    old.mkdir()
    for path in sorted(MIGRATIONS.glob("000[123]_*.sql")):
        (old / path.name).write_bytes(path.read_bytes())
    warehouse_path.parent.mkdir(parents=True)
    con = duckdb.connect(str(warehouse_path))
    store.migrate(con, old)
    tables = ("runs", "raw_files", "files", "articles", "extractions", "money_mentions", "percent_mentions",
              "entity_mentions", "facts", "rejects", "ingest_errors", "entities")
    # the columns a pre-0004 warehouse had: later migrations add more (0005: facts.unit_price)
    columns = {table: ", ".join(f'"{c}"' for c in store.table_columns(con, table)) for table in tables}
    con.execute(f"attach '{reference}' as reference (read_only)")
    for table in tables:
        con.execute(f"insert into {table} select {columns[table]} from reference.{table}")  # test-only copy of a pre-0004 warehouse
    con.close()

    con = store.connect(warehouse_path)  # applies 0004
    try:
        assert audit.file_version_breaks(con) == 0
        assert audit.row_count(con, "file_versions") == 6
        assert audit.row_count(con, "article_minhashes") == audit.row_count(con, "near_duplicates") == 0
    finally:
        con.close()
    ingest(instance, raw_dir, warehouse_path)
    volatile = ("run_id", "linked_at")
    signed, expected = (
        {t: [{k: v for k, v in r.items() if k not in volatile} for r in rs]
         for t, rs in rows(w, "article_minhashes", "near_duplicates").items()}
        for w in (warehouse_path, reference))
    assert signed == expected and len(signed["near_duplicates"]) == 1
    assert len(rows(warehouse_path, "file_versions")["file_versions"]) == 6
