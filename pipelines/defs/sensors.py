"""A sensor on raw/: one run per distinct set of pending changes, keyed by their content hashes."""


import hashlib
from pathlib import Path

import dagster as dg

from pipelines import batch
from pipelines.defs.jobs import ingest_job
from pipelines.defs.resources import WarehouseResource
from warehouse import store
from warehouse.store import WarehouseBusy


def _last_succeeded_run(database: Path) -> str:
    """The id of the warehouse's last succeeded run ('' before the first); read-only, never waits."""
    try:
        con = store.connect(database, read_only=True, wait_seconds=0)
    except FileNotFoundError:  # no warehouse file, or a lake no run has created yet
        return ""
    try:
        if "runs" not in store.table_names(con):
            return ""
        row = store.run(con, "select_last_succeeded_run").fetchone()
        return row[0] if row else ""
    finally:
        con.close()


@dg.sensor(job=ingest_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def raw_files_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    """Request an ingest run when files in raw/ are new, changed or deleted; skip otherwise.

    The run key hashes the pending changes (paths and content hashes) and the last succeeded run: the
    same state asks for the same run, while changes that come back after a run (a file edited back and
    forth) get a key no run has used, which the daemon would otherwise skip as already done.
    """
    if store.writer_active(warehouse.database_path()):
        return dg.SkipReason("a run is writing the warehouse (its run lock is held); will look again")
    try:
        pending = batch.pending_changes(
            warehouse.database_path(), warehouse.raw_path(), warehouse.max_bytes, warehouse.allow_retract,
            warehouse.max_retract_share)
        if not pending.changes:
            return dg.SkipReason(f"no new, changed or deleted files among {pending.scanned} in raw/")
        after = _last_succeeded_run(warehouse.database_path())
    except WarehouseBusy:
        return dg.SkipReason("the warehouse is being written; will look again")
    except (batch.RetractionRefused, OSError) as refusal:  # refused, or raw/ missing or unreadable
        return dg.SkipReason(str(refusal))
    run_key = hashlib.sha256(f"{after}\n{pending.run_key}".encode()).hexdigest()
    return dg.RunRequest(run_key=run_key, tags={"cifras/changes": str(len(pending.changes))})
