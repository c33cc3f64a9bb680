"""A sensor on raw/: one run per distinct set of pending changes, keyed by their content hashes."""


import dagster as dg

from pipelines import batch
from pipelines.defs.jobs import ingest_job
from pipelines.defs.resources import WarehouseResource
from warehouse.store import WarehouseBusy


@dg.sensor(job=ingest_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def raw_files_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    """Request an ingest run when files in raw/ are new, changed or deleted; skip otherwise."""
    try:
        pending = batch.pending_changes(warehouse.database_path(), warehouse.raw_path(), warehouse.max_bytes)
    except WarehouseBusy:
        return dg.SkipReason("the warehouse is being written; will look again")
    if not pending.changes:
        return dg.SkipReason(f"no new, changed or deleted files among {pending.scanned} in raw/")
    return dg.RunRequest(run_key=pending.run_key, tags={"cifras/changes": str(len(pending.changes))})
