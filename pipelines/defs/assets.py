"""Assets: one per warehouse table, each body one call of a pipelines.batch step."""

from collections.abc import Callable

import dagster as dg
import duckdb

from pipelines import batch
from pipelines.defs.resources import WarehouseResource
from warehouse import audit, store


def _result(con: duckdb.DuckDBPyConnection, table: str, counts: batch.RunCounts) -> dg.MaterializeResult:
    return dg.MaterializeResult(
        asset_key=table,
        metadata={
            "dagster/row_count": audit.row_count(con, table),
            "rows_written_this_run": counts.landed.get(table, 0),
            "preview": dg.MetadataValue.md(audit.preview_markdown(con, table)),
        },
    )


def _step(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    work: Callable[[duckdb.DuckDBPyConnection], batch.RunCounts],
    tables: tuple[str, ...],
    *,
    finishes_run: bool = False,
) -> list[dg.MaterializeResult]:
    """Run one batch step on the warehouse, add its counts to the run, and describe its tables."""
    with warehouse.connect() as con:
        batch.start_run(con, context.run_id)
        counts = work(con)  # each batch adds its counts to the run row in its own transaction
        if finishes_run:
            batch.finish_run(con, context.run_id, "succeeded")
        return [_result(con, table, counts) for table in tables]


@dg.asset(group_name="ingest", kinds={"duckdb"})
def raw_files(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The latest scan of raw/: one row per file (path, sha256, size, mtime) with its change
    against the ledger (new, changed, unchanged, deleted)."""
    [result] = _step(context, warehouse, lambda con: batch.scan_raw(
        con, warehouse.raw_path(), context.run_id, warehouse.max_bytes, warehouse.allow_retract,
        warehouse.max_retract_share), ("raw_files",))
    return result


@dg.multi_asset(
    specs=[
        dg.AssetSpec("articles", deps=["raw_files"], group_name="ingest", kinds={"duckdb"},
                     description="One row per current file that became an article: title, language, "
                                 "date, source and the body text mentions index into."),
        dg.AssetSpec("files", deps=["raw_files"], group_name="ingest", kinds={"duckdb"},
                     description="The ledger: one row per path ever seen in raw/ with its hash and status."),
        dg.AssetSpec("ingest_errors", deps=["raw_files"], group_name="ingest", kinds={"duckdb"},
                     description="One row per file that cannot currently become an article: stage and reason."),
    ],
)
def articles(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Read the new and changed files of the scan into articles; retract deleted ones."""
    yield from _step(context, warehouse, lambda con: batch.ingest_files(
        con, warehouse.raw_path(), context.run_id, max_bytes=warehouse.max_bytes, batch_size=warehouse.batch_size,
        seconds=warehouse.seconds_per_file,
    ), ("articles", "files", "ingest_errors"))


@dg.asset(group_name="extract", kinds={"duckdb"})
def entities(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The entities dimension: one row per canonical entity (label, id) of the gazetteers, with
    English and Spanish names and ISO codes; entity_mentions.entity_id refers to it."""
    [result] = _step(context, warehouse, lambda con: batch.refresh_entities(con, context.run_id), ("entities",))
    return result


@dg.multi_asset(
    specs=[
        dg.AssetSpec("money_mentions", deps=["articles"], group_name="extract", kinds={"duckdb"},
                     description="One row per monetary amount: span, offsets, value and ISO 4217 currency."),
        dg.AssetSpec("percent_mentions", deps=["articles"], group_name="extract", kinds={"duckdb"},
                     description="One row per percentage or percentage-point figure: span, offsets, value, unit."),
        dg.AssetSpec("entity_mentions", deps=["articles", "entities"], group_name="extract", kinds={"duckdb"},
                     description="One row per named entity: span, offsets, label and canonical id."),
        dg.AssetSpec("facts", deps=["articles"], group_name="extract", kinds={"duckdb"},
                     description="One row per fact frame: a figure linked to its metric, subject, partner, "
                                 "sector, product and period, with the ids of the mentions it rests on."),
        dg.AssetSpec("extractions", deps=["articles"], group_name="extract", kinds={"duckdb"},
                     description="One row per extracted article: mentions and facts extracted, landed and rejected."),
        dg.AssetSpec("rejects", deps=["articles"], group_name="extract", kinds={"duckdb"},
                     description="Rows that failed validation, with the failed check and the row as JSON."),
    ],
)
def mentions(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Extract mentions and facts from the articles not yet extracted by this extractor version, validate, land."""
    yield from _step(
        context, warehouse, lambda con: batch.extract_articles(
            con, context.run_id, batch_size=warehouse.batch_size, seconds=warehouse.seconds_per_file),
        ("money_mentions", "percent_mentions", "entity_mentions", "facts", "extractions", "rejects"),
        finishes_run=True)


@dg.asset(deps=["extractions", "facts", "money_mentions", "percent_mentions", "entity_mentions", "rejects"],
          group_name="publish", kinds={"duckdb"})
def reader_snapshot(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The readers' copy of the warehouse as this run leaves it (``<warehouse>.snapshot.duckdb``): what
    `cifras query`, `status`, `search`, `export` and `report` read while the next run writes. Downstream of
    the extraction, so a failed blocking check (conservation, keys, versions) never publishes."""
    with warehouse.connect() as con:
        path = store.publish_snapshot(con, warehouse.database_path())
    return dg.MaterializeResult(metadata={"path": str(path), "bytes": path.stat().st_size,
                                          "run_id": context.run_id})
