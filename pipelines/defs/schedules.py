"""The daily schedule: a full ingest run every morning (UTC), picking up whatever raw/ holds."""


import dagster as dg

from pipelines.defs.jobs import ingest_job

daily_ingest_schedule = dg.ScheduleDefinition(
    name="daily_ingest_schedule",
    job=ingest_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Ingest raw/ daily at 06:00 UTC; unchanged files cost only their hash.",
)
