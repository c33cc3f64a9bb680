"""The ingest jobs: every asset, as the warehouse's single writer; they differ only in where steps run.

``ingest_job`` runs every step in one process (the sensor's, the schedule's and `cifras run`'s default);
``ingest_parallel_job`` runs steps in processes of their own, so the extraction's shards run side by side;
``ingest_dask_job`` hands steps to a Dask cluster (a local one by default; a scheduler address in a
deployment: docs/scaling.md). The warehouse steps stay serial: each holds the run lock, and runs tagged
``cifras/writer`` queue behind each other (dagster_home/dagster.yaml).
"""


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


@dg.executor(
    name="dask",
    requirements=dg.multiple_process_executor_requirements(),
    config_schema={"cluster": dg.Field(dg.Permissive(), default_value={"local": {}},
                                       description="dagster-dask's cluster selector: {local: {...}}, "
                                                   "{existing: {address: ...}}, {kube: {...}}, ...")},
)
def dask_executor(init_context: dg.InitExecutorContext):
    """dagster-dask's executor, imported only when a run uses it (dask takes 0.5 s to import on every start)."""
    from dagster_dask.executor import DaskExecutor

    ((cluster_type, cluster_configuration),) = init_context.executor_config["cluster"].items()
    return DaskExecutor(cluster_type, cluster_configuration)


def _ingest_job(name: str, executor: dg.ExecutorDefinition, where: str):  # an unresolved asset job
    return dg.define_asset_job(
        name,
        selection=dg.AssetSelection.all(),
        executor_def=executor,
        tags=WRITER_TAG,
        hooks={mark_run_failed},
        description=f"Scan raw/, ingest new and changed files, extract and land their mentions ({where}).",
    )


ingest_job = _ingest_job("ingest_job", dg.in_process_executor, "every step in one process")
ingest_parallel_job = _ingest_job("ingest_parallel_job", dg.multiprocess_executor,
                                  "each step in a process of its own: the extraction's shards in parallel")
ingest_dask_job = _ingest_job("ingest_dask_job", dask_executor, "steps on a Dask cluster")
INGEST_JOBS = {"in_process": ingest_job, "multiprocess": ingest_parallel_job, "dask": ingest_dask_job}
