"""Dagster definitions: the only package (with pipelines/definitions.py) that imports dagster."""
