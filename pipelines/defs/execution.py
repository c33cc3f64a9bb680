"""Run the real ingest job in-process (for `cifras run`), on the instance DAGSTER_HOME names or an ephemeral one."""

import os
from dataclasses import dataclass

import dagster as dg


@dataclass(frozen=True)
class IngestOutcome:
    """What the CLI needs to know about a finished ingest run."""

    run_id: str
    success: bool
    failures: list[str]


def run_ingest_job(warehouse_config: dict[str, object], *, verbose: bool = False) -> IngestOutcome:
    """Execute ``ingest_job`` with the given warehouse resource config; never raises for a failed run."""
    from pipelines.definitions import defs

    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    result = defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={
            "resources": {"warehouse": {"config": warehouse_config}},
            "loggers": {"console": {"config": {"log_level": "DEBUG" if verbose else "WARNING"}}},
        },
        instance=instance,
        raise_on_error=False,
    )
    failures = [event.message or "" for event in result.all_events if event.is_failure]
    return IngestOutcome(result.run_id, result.success, failures)
