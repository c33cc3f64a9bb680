"""The real ingest job on a real DuckDB file: seeds land, re-runs are no-ops, edits and deletions propagate."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from pipelines.defs.resources import WarehouseResource
from pipelines.definitions import defs
from warehouse import audit, store


@pytest.fixture(scope="module")
def instance():
    with dg.instance_for_test() as instance:
        yield instance


def ingest(instance, raw_dir: Path, warehouse_path: Path, **config) -> dg.ExecuteInProcessResult:
    result = defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={"resources": {"warehouse": {"config": {"path": str(warehouse_path), "raw_dir": str(raw_dir), **config}}}},
        instance=instance,
    )
    assert result.success
    return result


def snapshot(warehouse_path: Path) -> dict[str, list[tuple]]:
    """Every row of the content tables, minus run bookkeeping, sorted."""
    con = store.connect(warehouse_path, read_only=True)
    try:
        tables = {}
        for table in ("articles", "files", "money_mentions", "percent_mentions", "entity_mentions",
                      "facts", "extractions", "rejects", "ingest_errors", "entities"):
            frame = con.table(table).df()
            frame = frame.drop(columns=[c for c in ("run_id", "ingested_at", "last_seen", "first_seen",
                                                   "extracted_at", "recorded_at", "rejected_at") if c in frame])
            tables[table] = sorted(map(tuple, frame.astype(str).to_numpy().tolist()))
        return tables
    finally:
        con.close()


def counts(warehouse_path: Path, *tables: str) -> dict[str, int]:
    con = store.connect(warehouse_path, read_only=True)
    try:
        return {table: audit.row_count(con, table) for table in tables}
    finally:
        con.close()


def run_row(warehouse_path: Path, run_id: str) -> dict:
    con = store.connect(warehouse_path, read_only=True)
    try:
        return store.fetch_frame(con, "select_run", {"run_id": run_id}).iloc[0].to_dict()
    finally:
        con.close()


def test_seeds_land_with_mentions_and_checks_pass(instance, raw_dir, warehouse_path):
    result = ingest(instance, raw_dir, warehouse_path)
    landed = counts(warehouse_path, "articles", "files", "ingest_errors", "money_mentions",
                    "percent_mentions", "entity_mentions", "extractions")
    assert landed["articles"] == landed["files"] == landed["extractions"] == 5
    assert landed["ingest_errors"] == 0
    assert landed["money_mentions"] > 0 and landed["percent_mentions"] > 0 and landed["entity_mentions"] > 0
    checks = result.get_asset_check_evaluations()
    assert {c.check_name for c in checks} == {
        "articles_have_language", "money_mentions_offsets_in_text", "percent_mentions_offsets_in_text",
        "entity_mentions_offsets_in_text", "extractions_conserve_mentions", "ingest_errors_match_ledger",
        "entity_mentions_ids_known", "extractions_conserve_facts", "facts_cite_landed_mentions",
        "facts_consistent_within_articles", "raw_files_keys_unique", "articles_keys_unique", "entities_keys_unique",
        "extractions_keys_unique", "articles_versions_match_ledger",
    }
    assert all(c.passed for c in checks), [c.check_name for c in checks if not c.passed]
    row = run_row(warehouse_path, result.run_id)
    assert (row["status"], row["files_new"], row["articles_landed"]) == ("succeeded", 5, 5)


def test_materialize_the_assets_directly(instance, raw_dir, warehouse_path):
    from pipelines.defs.assets import articles, entities, mentions, raw_files

    result = dg.materialize(
        [raw_files, articles, entities, mentions],
        resources={"warehouse": WarehouseResource(path=str(warehouse_path), raw_dir=str(raw_dir))},
        instance=instance,
    )
    assert result.success
    events = {e.asset_key.to_user_string(): e.step_materialization_data.materialization
              for e in result.get_asset_materialization_events()}
    assert {"raw_files", "articles", "files", "ingest_errors", "money_mentions"} <= set(events)
    articles_meta = events["articles"].metadata
    assert articles_meta["dagster/row_count"].value == 5
    assert articles_meta["preview"].value.startswith("| article_id | path |")
    assert counts(warehouse_path, "articles")["articles"] == 5


def test_second_run_changes_nothing(instance, raw_dir, warehouse_path):
    ingest(instance, raw_dir, warehouse_path)
    before = snapshot(warehouse_path)
    second = ingest(instance, raw_dir, warehouse_path)
    assert snapshot(warehouse_path) == before
    row = run_row(warehouse_path, second.run_id)
    assert (row["files_unchanged"], row["files_new"], row["articles_landed"], row["mentions_extracted"]) == (5, 0, 0, 0)


def test_edited_file_replaces_exactly_its_rows(instance, raw_dir, warehouse_path):
    ingest(instance, raw_dir, warehouse_path)
    before = snapshot(warehouse_path)
    edited = sorted(raw_dir.iterdir())[3]
    edited.write_text(edited.read_text("utf-8") + "\nLas exportaciones a Chile sumaron US$ 12 millones (+5%).\n", "utf-8")
    result = ingest(instance, raw_dir, warehouse_path)
    after = snapshot(warehouse_path)
    row = run_row(warehouse_path, result.run_id)
    assert (row["files_changed"], row["files_unchanged"], row["articles_landed"]) == (1, 4, 1)
    old_ids = {r[0] for r in before["articles"]}
    new_ids = {r[0] for r in after["articles"]}
    assert len(old_ids - new_ids) == 1 and len(new_ids - old_ids) == 1
    untouched = old_ids & new_ids
    for table in ("money_mentions", "percent_mentions", "entity_mentions"):
        assert [r for r in before[table] if r[0] in untouched] == [r for r in after[table] if r[0] in untouched]
        assert not [r for r in after[table] if r[0] in old_ids - new_ids]
    assert "US$ 12 millones" in {r[5] for r in after["money_mentions"]}


def test_deleted_file_is_retracted(instance, raw_dir, warehouse_path):
    ingest(instance, raw_dir, warehouse_path)
    gone = sorted(raw_dir.iterdir())[0]
    gone.unlink()
    result = ingest(instance, raw_dir, warehouse_path)
    assert run_row(warehouse_path, result.run_id)["files_deleted"] == 1
    after = snapshot(warehouse_path)
    assert gone.name not in {r[1] for r in after["articles"]}
    assert counts(warehouse_path, "articles", "extractions") == {"articles": 4, "extractions": 4}
    ledger = {r[0]: r for r in after["files"]}
    assert "deleted" in ledger[gone.name]
    live_ids = {r[0] for r in after["articles"]}
    for table in ("money_mentions", "percent_mentions", "entity_mentions"):
        assert {r[0] for r in after[table]} <= live_ids


def test_new_file_is_the_only_one_processed(instance, raw_dir, warehouse_path):
    ingest(instance, raw_dir, warehouse_path)
    (raw_dir / "nuevo articulo.txt").write_text(
        "Exportaciones de palta\n\nLas exportaciones de palta a Países Bajos crecieron 19,8 % y sumaron US$ 68 120 millones.\n",
        "utf-8")
    result = ingest(instance, raw_dir, warehouse_path)
    row = run_row(warehouse_path, result.run_id)
    assert (row["files_new"], row["files_unchanged"], row["articles_landed"]) == (1, 5, 1)
    assert counts(warehouse_path, "extractions")["extractions"] == 6


def test_mentions_view_stacks_the_three_tables(instance, raw_dir, warehouse_path):
    ingest(instance, raw_dir, warehouse_path)
    landed = counts(warehouse_path, "mentions", "money_mentions", "percent_mentions", "entity_mentions")
    assert landed.pop("mentions") == sum(landed.values()) > 0


@pytest.mark.parametrize("batch_size", [1, 2, 100])
def test_batches_of_any_size_land_the_same_rows(instance, raw_dir, tmp_path, batch_size):
    reference = tmp_path / "reference.duckdb"
    ingest(instance, raw_dir, reference)
    paged = tmp_path / f"paged-{batch_size}.duckdb"
    ingest(instance, raw_dir, paged, batch_size=batch_size)
    assert snapshot(paged) == snapshot(reference)


def test_people_found_by_rules_join_the_entities_dimension(instance, raw_dir, warehouse_path):
    (raw_dir / "minister.txt").write_text("Exports\n\nExports rose 5%, said Minister Ana Gómez Ruiz.\n", "utf-8")
    result = ingest(instance, raw_dir, warehouse_path)
    assert all(c.passed for c in result.get_asset_check_evaluations())
    con = store.connect(warehouse_path, read_only=True)
    try:
        entities = con.table("entities").df().set_index(["label", "entity_id"])
        assert audit.unknown_entity_ids(con) == 0
    finally:
        con.close()
    assert entities.loc[("PERSON", "ana-gomez"), "origin"] == "text"
    assert entities.loc[("COUNTRY", "PE"), ["name_en", "name_es", "origin"]].tolist() == ["Peru", "Perú", "gazetteer"]
    second = ingest(instance, raw_dir, warehouse_path)
    assert all(c.passed for c in second.get_asset_check_evaluations())
