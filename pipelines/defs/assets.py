"""Assets: one per warehouse table, each body one call of a pipelines.batch step."""

from collections.abc import Callable

import dagster as dg
import duckdb

from pipelines import batch, shards
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
) -> list[dg.MaterializeResult]:
    """Run one batch step on the warehouse, add its counts to the run, and describe its tables."""
    with warehouse.connect() as con:
        batch.start_run(con, context.run_id)
        counts = work(con)  # each batch adds its counts to the run row in its own transaction
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


_EXTRACTED = {
    "money_mentions": "One row per monetary amount: span, offsets, value and ISO 4217 currency.",
    "percent_mentions": "One row per percentage or percentage-point figure: span, offsets, value, unit.",
    "entity_mentions": "One row per named entity: span, offsets, label and canonical id.",
    "facts": "One row per fact frame: a figure linked to its metric, subject, partner, sector, product and period, "
             "with the ids of the mentions it rests on.",
    "extractions": "One row per extracted article: mentions and facts extracted, landed and rejected.",
    "rejects": "Rows that failed validation, with the failed check and the row as JSON.",
}


_SHARD_OUTPUTS = [f"shard_{shard}" for shard in range(shards.DEFAULT_SHARDS)]


@dg.op(ins={"articles": dg.In(dg.Nothing), "entities": dg.In(dg.Nothing)},
       out={name: dg.Out(shards.ShardTask) for name in _SHARD_OUTPUTS})
def plan_extraction(context: dg.OpExecutionContext, warehouse: WarehouseResource):
    """Split the articles waiting for this extractor version into a fixed number of shards (a stable hash of
    the id) and stage each shard's texts, so the shards can run anywhere. The shards are static steps, not
    dynamic outputs: every executor runs them (the Dask executor cannot map dynamic outputs)."""
    with warehouse.connect() as con:
        batch.start_run(con, context.run_id)
        tasks = shards.plan_shards(con, context.run_id, warehouse.staging_path(), shards=len(_SHARD_OUTPUTS),
                                   batch_size=warehouse.batch_size, seconds=warehouse.seconds_per_file)
    for name, task in zip(_SHARD_OUTPUTS, tasks, strict=True):
        yield dg.Output(task, output_name=name, metadata={"articles": task.articles})


@dg.op
def extract_shard(context: dg.OpExecutionContext, task: shards.ShardTask) -> shards.StagedShard:
    """Extract and validate one shard's articles (no warehouse: a pure function of the staged texts)."""
    staged = shards.extract_shard(task)
    context.log.info(f"shard {task.shard}: {task.articles} articles in {len(staged.batches)} batches")
    return staged


@dg.op(ins={name: dg.In(shards.StagedShard) for name in _SHARD_OUTPUTS},
       out={table: dg.Out(dg.Nothing) for table in _EXTRACTED})
def land_extractions(context: dg.OpExecutionContext, warehouse: WarehouseResource, **staged: shards.StagedShard):
    """Land every shard's batches, one transaction each, and finish the run's counts. One input per shard,
    not a fan-in list: the Dask executor hands a fan-in input over empty."""
    with warehouse.connect() as con:
        batch.start_run(con, context.run_id)
        counts = shards.land_shards(con, context.run_id, list(staged.values()), warehouse.staging_path())
        batch.finish_run(con, context.run_id, "succeeded")
        for table in _EXTRACTED:
            yield dg.Output(None, output_name=table, metadata=_result(con, table, counts).metadata)


@dg.graph_multi_asset(
    outs={table: dg.AssetOut(dagster_type=dg.Nothing, group_name="extract", kinds={"duckdb"}, description=text)
          for table, text in _EXTRACTED.items()},
    ins={"articles": dg.AssetIn(dagster_type=dg.Nothing), "entities": dg.AssetIn(dagster_type=dg.Nothing)},
)
def mentions(articles, entities):
    """Extract mentions and facts from the articles not yet extracted by this extractor version, validate, land:
    planned into shards, each shard a step of its own (run in parallel by a multiprocess or Dask executor), the
    landing serial."""
    tasks = plan_extraction(articles=articles, entities=entities)
    tasks = tasks if isinstance(tasks, tuple) else (tasks,)  # one shard: a single output, not a tuple
    return land_extractions(**{name: extract_shard.alias(f"extract_{name}")(task)
                               for name, task in zip(_SHARD_OUTPUTS, tasks, strict=True)})


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
