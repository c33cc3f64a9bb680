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
