"""Connect to the DuckDB warehouse, migrate it, and run the named SQL files under sql/.

All SQL lives in ``warehouse/sql``: numbered migrations, one view per file, and
``queries/<verb>_<object>.sql`` with ``$name`` parameters. Nothing here builds SQL from
strings; frames are handed to DuckDB as registered relations named in the SQL files.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from warehouse import lake

DEFAULT_PATH = Path("warehouse") / "cifras.duckdb"
ENV_VAR = "CIFRAS_WAREHOUSE"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
HOLDERS_ENV_VAR = "CIFRAS_RUN_LOCK_HOLDERS"  # pid=lock of each process holding a run lock, for its children
LOCK_WAIT_ENV_VAR = "CIFRAS_LOCK_WAIT"  # seconds a writer waits for another to finish (default 30)


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse's write lock."""


def resolve_path(path: str | os.PathLike | None = None) -> Path:
    """The warehouse: the argument, else $CIFRAS_WAREHOUSE, else warehouse/cifras.duckdb. A DuckDB file, or a
    ``.toml`` lake descriptor (``warehouse.lake``) for a DuckLake warehouse."""
    return Path(path or os.environ.get(ENV_VAR) or DEFAULT_PATH)


def connect(
    path: str | os.PathLike | None = None,
    *,
    read_only: bool = False,
    wait_seconds: float | None = None,
    snapshot_version: int | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writer is migrated, and waits up to ``wait_seconds`` for the lock
    (default ``$CIFRAS_LOCK_WAIT`` or 30 s), then raises ``WarehouseBusy``.

    Every connection loads the full-text-search extension from its wheel, so the search macro
    works anywhere and DuckDB never tries to download the extension when a query needs it.
    A lake descriptor is attached as the default catalog (``snapshot_version``: as it was then, read only);
    DuckLake has no file lock, so nothing waits (the run lock keeps runs apart).
    """
    target = resolve_path(path)
    if lake.is_lake(target):
        return _connect_lake(target, read_only=read_only, snapshot_version=snapshot_version)
    if wait_seconds is None:
        wait_seconds = float(os.environ.get(LOCK_WAIT_ENV_VAR, "30"))
    if read_only and not target.exists():
        raise FileNotFoundError(f"no warehouse at {target}: run `cifras run` first")
    if not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(target), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusy(f"{target} is locked by another process: {exc}") from exc
            time.sleep(0.2)
    con.load_extension(str(fts_extension_path()))
    if not read_only:
        migrate(con)
        create_views(con)
    return con


def _connect_lake(target: Path, *, read_only: bool, snapshot_version: int | None) -> duckdb.DuckDBPyConnection:
    config = lake.read_config(target)
    con = duckdb.connect()
    try:
        con.load_extension(str(fts_extension_path()))
        try:
            lake.attach(con, config, read_only=read_only, snapshot_version=snapshot_version)
        except duckdb.InvalidInputException as exc:  # a reader of a lake no run has created yet
            if "does not exist" not in str(exc):
                raise
            raise FileNotFoundError(f"no warehouse in the lake of {target} yet: run `cifras run` first") from None
        if not read_only and snapshot_version is None:
            migrate_lake(con)
            create_views(con)
    except BaseException:
        con.close()
        raise
    return con


_HELD_LOCKS: dict[str, int] = {}  # lock files this process holds, with how many holders nest inside


def lock_path(path: str | os.PathLike | None = None) -> Path:
    """The writer lock file beside the warehouse: ``<warehouse>.lock``."""
    target = resolve_path(path)
    return target.with_name(target.name + ".lock")


class WarehouseUnwritable(RuntimeError):
    """Nothing can be written beside the warehouse (a full disk, a file-size limit)."""


def check_writable(path: str | os.PathLike | None = None) -> None:
    """Open the warehouse as its writer (waiting for another one, as ``connect``), then write and sync one byte
    to a scratch file beside it, so a disk that takes no more bytes fails here, in one line, before a run
    starts, rather than inside a step."""
    import tempfile

    connect(path).close()
    target = resolve_path(path)
    try:
        with tempfile.TemporaryFile(dir=target.parent) as probe:
            probe.write(b"\0")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        raise WarehouseUnwritable(f"nothing can be written beside {target}: {exc.strerror or exc}") from exc


def staging_path(path: str | os.PathLike | None = None) -> Path:
    """The extraction's staging folder beside the warehouse: ``<warehouse>.staging`` (pipelines.shards)."""
    target = resolve_path(path)
    return target.with_name(target.name + ".staging")


@contextmanager
def run_lock(path: str | os.PathLike | None = None, *, wait_seconds: float | None = None) -> Iterator[Path]:
    """Hold the warehouse for a whole run: an exclusive ``flock`` on ``<warehouse>.lock`` beside the file.

    DuckDB's own lock lasts one connection, and a run opens one per step, so without this two runs
    would interleave their steps. The ingest job takes it (``WarehouseResource``), so every way a run
    starts holds it: `cifras run`, the UI, the sensor, the schedule, `dagster asset materialize`.
    Re-entrant within a process (the CLI holds it around the job it runs), and inherited by the processes
    it starts (a multiprocess or Dask executor's step workers: ``$CIFRAS_RUN_LOCK_HOLDERS`` names the
    holder, and a process under it takes the lock as held). A second holder waits up to
    ``wait_seconds`` (default ``$CIFRAS_LOCK_WAIT`` or 30 s), then raises ``WarehouseBusy``.
    Yields the lock file's path.
    """
    import fcntl

    lock = lock_path(path)
    key = os.path.realpath(lock)
    if key not in _HELD_LOCKS and _held_by_an_ancestor(key):
        _HELD_LOCKS[key] = 0  # held for this process by the one that started it: nothing to release here
    if key in _HELD_LOCKS:
        _HELD_LOCKS[key] += 1
        try:
            yield lock
        finally:
            _HELD_LOCKS[key] -= 1
            if not _HELD_LOCKS[key]:
                del _HELD_LOCKS[key]
        return
    if wait_seconds is None:
        wait_seconds = float(os.environ.get(LOCK_WAIT_ENV_VAR, "30"))
    lock.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    busy = WarehouseBusy(f"{resolve_path(path)} is busy: another run is writing it (waited {wait_seconds:g} s)")
    with open(lock, "ab") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise busy from None
                time.sleep(0.2)
        session = _take_catalog_lock(resolve_path(path), deadline, busy)
        _HELD_LOCKS[key] = 1
        holder = f"{os.getpid()}={key}"
        os.environ[HOLDERS_ENV_VAR] = os.pathsep.join([*_holders(), holder])
        try:
            yield lock
        finally:
            del _HELD_LOCKS[key]
            os.environ[HOLDERS_ENV_VAR] = os.pathsep.join(h for h in _holders() if h != holder)
            if session is not None:
                session.close()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _take_catalog_lock(target: Path, deadline: float, busy: WarehouseBusy):
    """For a lake with a PostgreSQL catalog, the catalog's advisory lock as well (runs on other machines share
    the catalog, not the lock file); waits until ``deadline``. Returns the session holding it, or None."""
    if not lake.is_lake(target) or not (config := lake.read_config(target)).uses_postgres:
        return None
    while (session := lake.take_catalog_lock(config)) is None:
        if time.monotonic() >= deadline:
            raise busy
        time.sleep(0.2)
    return session


def _holders() -> list[str]:
    return [h for h in os.environ.get(HOLDERS_ENV_VAR, "").split(os.pathsep) if h]


def _ancestors() -> set[int]:
    """The ids of this process's parent, its parent, and so on (from /proc; only the parent elsewhere)."""
    found, pid = set(), os.getppid()
    while pid > 1 and pid not in found:
        found.add(pid)
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                pid = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return found


def _held_by_an_ancestor(key: str) -> bool:
    """Whether a process this one descends from holds the lock ``key`` (it named itself in the environment)."""
    pids = {int(pid) for pid, _, held in (h.partition("=") for h in _holders()) if held == key and pid.isdigit()}
    return bool(pids) and bool(pids & _ancestors())


def writer_active(path: str | os.PathLike | None = None) -> bool:
    """Whether another process holds the warehouse's run lock now (never waits)."""
    import fcntl

    lock = lock_path(path)
    target = resolve_path(path)
    if lake.is_lake(target) and (config := lake.read_config(target)).uses_postgres and lake.catalog_locked(config):
        return True
    if not lock.exists():
        return False
    with open(lock, "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


READER_WAIT_SECONDS = 1.0  # the longest a person's query waits for the warehouse before reading the snapshot


def snapshot_path(path: str | os.PathLike | None = None) -> Path:
    """The readers' snapshot beside the warehouse: ``cifras.duckdb`` → ``cifras.snapshot.duckdb``; for a lake,
    ``lake.toml`` → ``lake.toml.snapshot``, which holds the number of the lake's snapshot to read."""
    target = resolve_path(path)
    if lake.is_lake(target):
        return target.with_name(target.name + ".snapshot")
    return target.with_name(f"{target.stem}.snapshot{target.suffix}")


def publish_snapshot(con: duckdb.DuckDBPyConnection, path: str | os.PathLike | None = None) -> Path:
    """Checkpoint the warehouse and copy it to its snapshot (replaced atomically): what readers see while
    the next run writes. Called by the run's last step, holding the run lock, so nothing writes meanwhile.
    A lake keeps every snapshot itself, so only the current snapshot's number is written."""
    target = resolve_path(path)
    snapshot = snapshot_path(target)
    partial = snapshot.with_name(snapshot.name + ".partial")
    if lake.is_lake(target):
        partial.write_text(f"{lake.current_snapshot(con)}\n", "utf-8")
    else:
        con.execute("checkpoint")
        shutil.copyfile(target, partial)
    os.replace(partial, snapshot)
    return snapshot


def connect_reader(path: str | os.PathLike | None = None) -> tuple[duckdb.DuckDBPyConnection, str | None]:
    """A read-only connection for a person's query, and a note when it is not the live warehouse.

    While a run holds the warehouse (its run lock, from the first step to the last) the reader gets the
    snapshot of the last completed run at once, so it neither waits for the run nor sees an article whose
    mentions and facts are not landed yet. Otherwise it opens the warehouse, waiting at most
    ``READER_WAIT_SECONDS`` for a writer outside any run, then falls back to the snapshot too.
    """
    target = resolve_path(path)
    snapshot = snapshot_path(target)
    if lake.is_lake(target):
        return _connect_lake_reader(target, snapshot)
    if not writer_active(target):
        try:
            return connect(target, read_only=True, wait_seconds=READER_WAIT_SECONDS), None
        except WarehouseBusy:
            if not snapshot.exists():
                raise
    elif not snapshot.exists():
        raise WarehouseBusy(f"{target} is being written by a run and no run has completed yet: "
                            "nothing to read until it ends")
    note = f"a run is writing {target}: reading {snapshot}, the warehouse as its last completed run left it"
    return connect(snapshot, read_only=True, wait_seconds=READER_WAIT_SECONDS), note


def _connect_lake_reader(target: Path, snapshot: Path) -> tuple[duckdb.DuckDBPyConnection, str | None]:
    """A lake has no file lock: a reader opens the current snapshot, or, while a run writes, the snapshot the
    last completed run left."""
    if not writer_active(target):
        return connect(target, read_only=True), None
    if not snapshot.exists():
        raise WarehouseBusy(f"{target} is being written by a run and no run has completed yet: "
                            "nothing to read until it ends")
    version = int(snapshot.read_text("utf-8"))
    note = f"a run is writing {target}: reading its snapshot {version}, as its last completed run left it"
    return connect(target, read_only=True, snapshot_version=version), note


@cache
def _read_sql(folder: str, name: str) -> str:
    return resources.files("warehouse").joinpath("sql", folder, name).read_text("utf-8")


def _sql_names(folder: str) -> list[str]:
    return sorted(
        entry.name
        for entry in resources.files("warehouse").joinpath("sql", folder).iterdir()
        if entry.name.endswith(".sql")
    )


def query_sql(name: str) -> str:
    """The text of ``sql/queries/<name>.sql``."""
    return _read_sql("queries", f"{name}.sql")


def run(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Execute the named query with ``$name`` parameters; returns the connection for fetching."""
    sql = query_sql(name)
    return con.execute(sql, dict(params)) if params else con.execute(sql)


def fetch_frame(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """Run the named query and return its result as a DataFrame."""
    return run(con, name, params).df()


def fetch_records(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Run the named query and return its rows as dicts of DuckDB's own Python values (Decimal, date, None):
    nothing through pandas, so an amount keeps its digits."""
    cursor = run(con, name, params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, or ROLLBACK when the block raises."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, **frames: pd.DataFrame) -> Iterator[None]:
    """Expose DataFrames to SQL under fixed relation names for the length of the block."""
    for relation, frame in frames.items():
        con.register(relation, frame)
    try:
        yield
    finally:
        for relation in frames:
            con.unregister(relation)


def migrate(con: duckdb.DuckDBPyConnection, folder: Traversable | None = None) -> list[str]:
    """Apply the migrations not yet recorded, all in one transaction; return their names.

    ``folder`` holds the ``NNNN_<verb>_<object>.sql`` files (default: the package's
    sql/migrations). If any pending migration fails, none is applied.
    """
    folder = folder or resources.files("warehouse").joinpath("sql", "migrations")
    run(con, "create_schema_migrations")
    return _apply_pending(con, _migrations(folder))


def _apply_pending(con: duckdb.DuckDBPyConnection, migrations: list[tuple[int, Traversable]]) -> list[str]:
    applied = {row[0] for row in run(con, "select_applied_migrations").fetchall()}
    pending = [(version, entry) for version, entry in migrations if version not in applied]
    if not pending:
        return []
    with transaction(con):
        for version, entry in pending:
            con.execute(entry.read_text("utf-8"))
            run(con, "insert_schema_migration", {"version": version, "name": entry.name})
    return [entry.name for _, entry in pending]


def _migrations(folder: Traversable) -> list[tuple[int, Traversable]]:
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".sql"):
            continue
        match = _MIGRATION_NAME.match(entry.name)
        if match is None:
            raise ValueError(f"migration file {entry.name!r} is not named NNNN_<verb>_<object>.sql")
        found.append((int(match.group(1)), entry))
    return found


def migrate_lake(con: duckdb.DuckDBPyConnection, folder: Traversable | None = None) -> list[str]:
    """``migrate`` for a lake: a new lake gets the migrations' end state in one transaction
    (``lake.end_state_schema``: DuckLake takes no keys and no ``SET NOT NULL`` on a fresh table), every
    migration recorded as applied; later migrations are applied to it as files, so they must keep to what
    DuckLake accepts."""
    migrations = _migrations(folder or resources.files("warehouse").joinpath("sql", "migrations"))
    if "schema_migrations" in table_names(con):
        return _apply_pending(con, migrations)
    reference = duckdb.connect()
    try:
        reference.load_extension(str(fts_extension_path()))
        run(reference, "create_schema_migrations")
        for _, entry in migrations:
            reference.execute(entry.read_text("utf-8"))
        statements = lake.end_state_schema(reference)
    finally:
        reference.close()
    with transaction(con):
        for statement in statements:
            con.execute(statement)
        for version, entry in migrations:
            run(con, "insert_schema_migration", {"version": version, "name": entry.name})
    return [entry.name for _, entry in migrations]


def create_views(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> list[str]:
    """(Re)create every view in sql/views, unless the warehouse's views were created from the same SQL (the
    digest in ``schema_views``) and are all there; return the views created. Each file holds one ``create or
    replace view``, and a view is created after the views it reads (DuckDB binds a view's names when it is
    created). Every writable connection calls this, so skipping it saves ~20 ms per connection."""
    sources, digest = _view_sources()
    if not force and run(con, "select_schema_views").fetchone() == (digest, len(sources)):
        return []
    views = _view_order(sources)
    with transaction(con):
        for view in views:
            con.execute(_read_sql("views", f"{view}.sql"))
        run(con, "delete_schema_views")
        run(con, "insert_schema_views", {"digest": digest})
    return views


_SQL_COMMENT_OR_STRING = re.compile(r"--[^\n]*|'(?:[^']|'')*'")


@cache
def _view_sources() -> tuple[dict[str, str], str]:
    """The view files (name → SQL) and their digest, read once per process."""
    sources = {name.removesuffix(".sql"): _read_sql("views", name) for name in _sql_names("views")}
    text = "\x1e".join(f"{name}\x1f{sql}" for name, sql in sorted(sources.items()))
    digest = hashlib.sha256(text.encode()).hexdigest()
    return sources, digest


def relations_named(sql: str, names: Iterable[str], itself: str | None = None) -> list[str]:
    """Those of ``names`` that ``sql`` names outside its comments and strings (``itself`` left out), in order."""
    code = _SQL_COMMENT_OR_STRING.sub(" ", sql)
    return [name for name in names if name != itself and re.search(rf"\b{name}\b", code)]


def _view_order(sources: Mapping[str, str]) -> list[str]:
    """View names, each after the views its SQL names (outside comments and strings); alphabetical otherwise."""
    reads = {view: relations_named(sql, sorted(sources), view) for view, sql in sources.items()}
    ordered: list[str] = []

    def visit(view: str, path: tuple[str, ...]) -> None:
        if view in path:
            raise ValueError(f"views read each other in a cycle: {' -> '.join((*path, view))}")
        if view in ordered:
            return
        for other in reads[view]:
            visit(other, (*path, view))
        ordered.append(view)

    for view in sorted(reads):
        visit(view, ())
    return ordered


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Column names of a warehouse table, in order."""
    return [row[0] for row in run(con, "select_table_columns", {"table": table}).fetchall()]


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the tables in the warehouse."""
    return {row[0] for row in run(con, "select_table_names").fetchall()}


def fts_extension_path() -> Path:
    """The DuckDB full-text-search extension shipped by the ``duckdb-extension-fts`` wheel."""
    import duckdb_extension_fts

    root = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    return root / "fts.duckdb_extension"
