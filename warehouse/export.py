"""Export every table and view of the warehouse as Parquet, one file per relation (no dagster)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse import store


@dataclass(frozen=True)
class Exported:
    """One relation written to one Parquet file."""

    name: str
    is_view: bool
    rows: int
    path: Path


def export_parquet(con: duckdb.DuckDBPyConnection, folder: str | Path) -> list[Exported]:
    """Write ``folder/<name>.parquet`` for every table and view of the main schema, rows sorted by
    every column so the same warehouse gives the same files; creates ``folder`` if missing."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder} exists and is not a directory")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, is_view in store.run(con, "select_relations").fetchall():
        path = folder / f"{name}.parquet"
        rows = store.run(con, "copy_relation_to_parquet", {"name": name, "path": str(path)}).fetchone()[0]
        written.append(Exported(name, is_view, rows, path))
    return written
