"""Assemble the cifras Dagster definitions (loaded by `dagster dev`, the CLI and tests); no logic here."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.assets import articles, entities, mentions, raw_files, reader_snapshot
from pipelines.defs.checks import CHECKS
from pipelines.defs.jobs import INGEST_JOBS
from pipelines.defs.resources import WarehouseResource
from pipelines.defs.schedules import daily_ingest_schedule
from pipelines.defs.sensors import raw_files_sensor

defs = dg.Definitions(
    assets=[raw_files, articles, entities, mentions, reader_snapshot],
    asset_checks=CHECKS,
    jobs=list(INGEST_JOBS.values()),
    sensors=[raw_files_sensor],
    schedules=[daily_ingest_schedule],
    resources={"warehouse": WarehouseResource()},
    executor=dg.in_process_executor,  # any job (`dagster asset materialize` too) takes the run lock once
)
