"""The ingest job: every asset, in one process, as the warehouse's single writer."""


import dagster as dg
import duckdb

from pipelines import batch
from pipelines.failures import one_line_error, root_cause
from pipelines.defs.resources import WarehouseResource
from warehouse.store import WarehouseBusy

WRITER_TAG = {"cifras/writer": "warehouse"}


@dg.failure_hook(required_resource_keys={"warehouse"})
def mark_run_failed(context: dg.HookContext) -> None:
    """Record the failure and its cause in the warehouse's runs table (the failed step's batch rolled back;
    batches committed before it stay, counted)."""
    warehouse: WarehouseResource = context.resources.warehouse
    error = one_line_error(root_cause(context.op_exception)) if context.op_exception else "a step failed"
    try:
        with warehouse.connect() as con:
            batch.start_run(con, context.run_id)
            batch.finish_run(con, context.run_id, "failed", f"{context.step_key}: {error}")
    except (WarehouseBusy, duckdb.Error) as exc:  # out of disk, say: the next run marks this one abandoned
        context.log.warning(f"run {context.run_id} failed and could not be marked failed: {exc}")


ingest_job = dg.define_asset_job(
    "ingest_job",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    tags=WRITER_TAG,
    hooks={mark_run_failed},
    description="Scan raw/, ingest new and changed files, extract and land their mentions.",
)
