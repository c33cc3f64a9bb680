"""The warehouse resource: where the DuckDB file and raw/ are, resolved when used, not at import."""


import os
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from pipelines.batch import DEFAULT_BATCH_SIZE, DEFAULT_MAX_BYTES, DEFAULT_SECONDS_PER_FILE
from warehouse import store

RAW_ENV_VAR = "CIFRAS_RAW"


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse and the raw/ folder that feeds it.

    Empty paths mean: ``$CIFRAS_WAREHOUSE`` or ``warehouse/cifras.duckdb``, ``$CIFRAS_RAW`` or ``raw``,
    relative to the working directory, and ``<warehouse>.staging`` for the extraction's shards (a folder
    every worker sees when the shards run on other machines).
    """

    path: str = ""
    raw_dir: str = ""
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = DEFAULT_BATCH_SIZE
    allow_retract: bool = False  # a run may retract every article (raw/ emptied on purpose)
    max_retract_share: float = 1.0  # refuse a run that would retract more than this share of the articles
    seconds_per_file: float = DEFAULT_SECONDS_PER_FILE  # reading or extracting one file longer: an error row
    staging_dir: str = ""
    _in_run: bool = PrivateAttr(default=False)
    _run_connection: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Generator["WarehouseResource", None, None]:
        """In a run, hold the warehouse's run lock from the first step to the last (``store.run_lock``), so
        a run is the single writer however it starts, and share one connection among the steps of this
        process (opening one costs ~30 ms; a run has ~20 steps). A sensor or schedule evaluation takes no
        lock and opens a connection per use."""
        if context.dagster_run is None:
            yield self
            return
        with store.run_lock(self.database_path()):
            self._in_run = True
            try:
                yield self
            finally:
                self._in_run = False
                if self._run_connection is not None:
                    self._run_connection.close()
                    self._run_connection = None

    def database_path(self) -> Path:
        return store.resolve_path(self.path or None)

    def staging_path(self) -> Path:
        return Path(self.staging_dir) if self.staging_dir else store.staging_path(self.database_path())

    def raw_path(self) -> Path:
        return Path(self.raw_dir or os.environ.get(RAW_ENV_VAR) or "raw")

    @contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """The warehouse: in a run, the run's one writable connection (left open for the next step); elsewhere a
        connection of its own, closed after use."""
        if self._in_run:
            if self._run_connection is None:
                self._run_connection = store.connect(self.database_path())
            yield self._run_connection
            return
        con = store.connect(self.database_path(), read_only=read_only)
        try:
            yield con
        finally:
            con.close()
