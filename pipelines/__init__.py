"""Orchestration: discovery, batch processing, Dagster definitions (only defs/ imports dagster) and the CLI."""
