"""Run an ingest job for `cifras run`: in this process, or on a multiprocess or Dask executor.

The run is recorded on the instance ``$DAGSTER_HOME`` names; without it, on a throw-away one (an
in-memory instance in process; a temporary folder otherwise, since step processes share it).
"""

import os
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass

import dagster as dg

@dataclass(frozen=True)
class IngestOutcome:
    """What the CLI needs to know about a finished ingest run."""

    run_id: str
    success: bool
    failures: list[str]


def _job(executor: str) -> dg.JobDefinition:
    from pipelines.definitions import defs
    from pipelines.defs.jobs import INGEST_JOBS

    return defs.resolve_job_def(INGEST_JOBS[executor].name)


def parallel_ingest_job() -> dg.JobDefinition:
    """The multiprocess job, as step processes rebuild it (``dg.reconstructable`` needs a module-level function)."""
    return _job("multiprocess")


def dask_ingest_job() -> dg.JobDefinition:
    """The Dask job, as Dask workers rebuild it."""
    return _job("dask")


def _execution_config(executor: str, workers: int) -> dict[str, object]:
    if executor == "multiprocess":
        # step processes fork from a server that has imported the definitions once (not ~4 s of imports each)
        return {"config": {"max_concurrent": workers,
                           "start_method": {"forkserver": {"preload_modules": ["pipelines.definitions"]}}}}
    if executor == "dask":
        return {"config": {"cluster": {"local": {"n_workers": workers, "threads_per_worker": 1,
                                                  "processes": True, "dashboard_address": None}}}}
    return {}


LOG_LEVELS = ("WARNING", "INFO", "DEBUG")  # Dagster's console log by verbosity: none, -v, -vv


def run_ingest_job(warehouse_config: dict[str, object], *, verbosity: int = 0, executor: str = "in_process",
                   workers: int = 2) -> IngestOutcome:
    """Execute an ingest job with the given warehouse resource config; never raises for a failed run. The run
    is recorded in the instance of ``$DAGSTER_HOME`` when it is set (the UI's), else in a temporary one."""
    level = LOG_LEVELS[min(verbosity, len(LOG_LEVELS) - 1)]
    run_config: dict[str, object] = {
        "resources": {"warehouse": {"config": warehouse_config}},
        "loggers": {"console": {"config": {"log_level": level}}},
    }
    with ExitStack() as stack:
        if executor == "in_process":
            instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
            result = _job(executor).execute_in_process(run_config=run_config, instance=instance, raise_on_error=False)
        else:
            if os.environ.get("DAGSTER_HOME"):
                instance = stack.enter_context(dg.DagsterInstance.get())
            else:
                instance = stack.enter_context(dg.DagsterInstance.local_temp(stack.enter_context(tempfile.TemporaryDirectory())))
            run_config["execution"] = _execution_config(executor, workers)
            target = parallel_ingest_job if executor == "multiprocess" else dask_ingest_job
            result = stack.enter_context(dg.execute_job(dg.reconstructable(target), instance=instance,
                                                        run_config=run_config, raise_on_error=False))
        failures = []
        for event in result.all_events:
            if event.is_failure:
                failures.append(event.message or "")
                if cause := _root_cause(event):
                    failures.append(f"cause: {cause}")
        return IngestOutcome(result.run_id, result.success, failures)


def _root_cause(event) -> str | None:
    """The first line of the innermost error under a step failure ("... refusing to retract every article ...")."""
    error = getattr(event.event_specific_data, "error", None)
    while error is not None and error.cause is not None:
        error = error.cause
    return error.message.strip().splitlines()[0] if error is not None and error.message.strip() else None
