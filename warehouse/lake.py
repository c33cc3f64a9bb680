"""The warehouse as a DuckLake: Parquet data files plus a catalog database (PostgreSQL in a deployment), so
writers and readers on several machines share one warehouse.

A warehouse path ending in ``.toml`` is a lake descriptor instead of a DuckDB file::

    catalog = "postgres:dbname=cifras host=db.internal user=cifras"   # DuckLake's metadata connection
    data_path = "lake-data/"                                          # relative to this file, absolute, or s3://…

Everything above this module is unchanged: ``store.connect`` attaches the lake, makes it the default catalog,
and every named query runs against it as against the file. Two differences are handled here:

- DuckLake has no PRIMARY KEY or UNIQUE constraints and refuses ``SET NOT NULL`` on a fresh table, so a new
  lake is created at the migrations' end state (``end_state_schema``: the migrations applied to an in-memory
  DuckDB, then read back as plain ``create table`` statements with their NOT NULLs, defaults and comments).
  The keys stay guarded by the blocking ``*_keys_unique`` checks (``warehouse.audit``).
- The run lock beside a DuckDB file is an ``flock``; a lake shared by machines is also locked in its catalog, by a
  PostgreSQL advisory lock held for the run (``take_catalog_lock``).
- The PostgreSQL extension's wheel names its file ``postgres.duckdb_extension`` while its entry point is
  ``postgres_scanner_duckdb_cpp_init``; DuckDB derives the entry point from the file name, so it is loaded
  through a link named ``postgres_scanner.duckdb_extension``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

DESCRIPTOR_SUFFIX = ".toml"
CATALOG_NAME = "cifras"  # the name the lake is attached under (and made the default catalog)
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class LakeConfigError(ValueError):
    """A lake descriptor that cannot be used (missing keys, unreadable TOML)."""


class CatalogUnreachable(ConnectionError):
    """The lake's PostgreSQL catalog refuses the connection (down, a wrong name, no rights)."""


@dataclass(frozen=True)
class LakeConfig:
    """Where a DuckLake keeps its catalog and its data files."""

    catalog: str
    data_path: str

    @property
    def uses_postgres(self) -> bool:
        return self.catalog.startswith("postgres:")

    @property
    def postgres_dsn(self) -> str:
        """The catalog's libpq connection string (DuckLake's ``postgres:`` prefix removed)."""
        return self.catalog.removeprefix("postgres:")


def is_lake(path: str | os.PathLike) -> bool:
    """Whether a warehouse path names a lake descriptor rather than a DuckDB file."""
    return Path(path).suffix == DESCRIPTOR_SUFFIX


def read_config(path: str | os.PathLike) -> LakeConfig:
    """The descriptor's catalog and data path; a relative data path is relative to the descriptor's folder."""
    descriptor = Path(path)
    try:
        values = tomllib.loads(descriptor.read_text("utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"no lake descriptor at {descriptor}") from None
    except tomllib.TOMLDecodeError as exc:
        raise LakeConfigError(f"{descriptor} is not valid TOML: {exc}") from exc
    missing = [key for key in ("catalog", "data_path") if not isinstance(values.get(key), str) or not values[key]]
    if missing:
        raise LakeConfigError(f"{descriptor} needs the string key(s) {', '.join(missing)}")
    data_path = values["data_path"]
    if not _URL.match(data_path):  # a local folder: anchored at the descriptor, and named as a folder
        data_path = str((descriptor.parent / data_path).resolve()) + "/"
    return LakeConfig(catalog=values["catalog"], data_path=data_path)


def attach(con: duckdb.DuckDBPyConnection, config: LakeConfig, *, read_only: bool = False,
           snapshot_version: int | None = None) -> None:
    """Load the lake's extensions from their wheels, attach the lake as ``cifras`` and make it the default
    catalog; ``snapshot_version`` opens the lake as it was at that snapshot (read only)."""
    if config.uses_postgres:
        con.load_extension(str(postgres_extension_path()))
    con.load_extension(str(ducklake_extension_path()))
    if not _URL.match(config.data_path):
        Path(config.data_path).mkdir(parents=True, exist_ok=True)
    options = [f"data_path {_literal(config.data_path)}"]
    if read_only or snapshot_version is not None:
        options.append("read_only")
    if snapshot_version is not None:
        options.append(f"snapshot_version {int(snapshot_version)}")
    # ATTACH takes no parameters: the descriptor's strings are quoted as SQL literals.
    con.execute(f"attach {_literal('ducklake:' + config.catalog)} as {CATALOG_NAME} ({', '.join(options)})")
    con.execute(f"use {CATALOG_NAME}")


def current_snapshot(con: duckdb.DuckDBPyConnection) -> int:
    """The lake's latest snapshot id: what a reader opens to see the warehouse as it is now."""
    return con.execute(f"select id from ducklake_current_snapshot('{CATALOG_NAME}')").fetchone()[0]


# One lake per catalog database: the run lock's key is the same for every machine, whatever host name it uses.
RUN_LOCK_KEY = int.from_bytes(hashlib.sha256(b"cifras run lock").digest()[:8], "big", signed=True)


def take_catalog_lock(config: LakeConfig):
    """Try to take the run lock in a PostgreSQL catalog without waiting: the session holding it (close it to
    release the lock; a crashed holder's session ends and releases it too), or None while another holds it."""
    import psycopg

    try:
        session = psycopg.connect(config.postgres_dsn, autocommit=True)
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CatalogUnreachable(f"the lake's catalog cannot be reached: {reason}") from None
    try:
        if session.execute("select pg_try_advisory_lock(%s)", [RUN_LOCK_KEY]).fetchone()[0]:
            return session
    except BaseException:
        session.close()
        raise
    session.close()
    return None


def catalog_locked(config: LakeConfig) -> bool:
    """Whether a run holds the lake's catalog lock now (from any machine); never waits."""
    session = take_catalog_lock(config)
    if session is None:
        return True
    session.close()
    return False


def end_state_schema(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables and macros of ``con`` (an in-memory DuckDB the migrations were applied to) as statements a
    lake accepts: types, NOT NULLs, defaults and comments, without keys."""
    statements = []
    tables = con.execute(
        "select table_name, comment from duckdb_tables() where database_name = 'memory' and schema_name = 'main' "
        "order by table_name").fetchall()
    for table, comment in tables:
        columns = con.execute(
            "select column_name, data_type, is_nullable, column_default, comment from duckdb_columns() "
            "where database_name = 'memory' and schema_name = 'main' and table_name = ? "
            "order by column_index", [table]).fetchall()
        lines = []
        for name, data_type, nullable, default, _ in columns:
            line = f"{_quote(name)} {data_type}"
            if not nullable:
                line += " not null"
            if default is not None:
                line += f" default {default}"
            lines.append(line)
        statements.append(f"create table {_quote(table)} (\n    " + ",\n    ".join(lines) + "\n)")
        if comment:
            statements.append(f"comment on table {_quote(table)} is {_literal(comment)}")
        statements += [f"comment on column {_quote(table)}.{_quote(name)} is {_literal(note)}"
                       for name, _, _, _, note in columns if note]
    macros = con.execute(
        "select function_name, function_type, parameters, macro_definition from duckdb_functions() "
        "where database_name = 'memory' and schema_name = 'main' and function_type in ('macro', 'table_macro') "
        "order by function_oid").fetchall()  # creation order: a macro after those it calls
    statements += [f"create macro {_quote(name)}({', '.join(parameters)}) as "
                   f"{'table ' if kind == 'table_macro' else ''}{definition}"
                   for name, kind, parameters, definition in macros]
    return statements


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _extension(package: str, name: str) -> Path:
    module = __import__(package)
    return Path(module.__file__).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"


def ducklake_extension_path() -> Path:
    """The DuckLake extension shipped by the ``duckdb-extension-ducklake`` wheel."""
    return _extension("duckdb_extension_ducklake", "ducklake")


@cache
def postgres_extension_path() -> Path:
    """The ``duckdb-extension-postgres`` wheel's file, through a link named after its entry point."""
    shipped = _extension("duckdb_extension_postgres", "postgres")
    folder = Path(tempfile.gettempdir()) / f"cifras-duckdb-extensions-{os.getuid()}" / f"v{duckdb.__version__}"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "postgres_scanner.duckdb_extension"
    if not (link.is_symlink() and Path(os.readlink(link)) == shipped):
        partial = folder / f".postgres_scanner.{os.getpid()}"
        partial.unlink(missing_ok=True)
        partial.symlink_to(shipped)
        os.replace(partial, link)
    return link
