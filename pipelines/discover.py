"""Scan raw/ into a manifest and classify each file against the warehouse ledger (no dagster).

A file's identity is its path relative to raw/; its version is the SHA-256 of its bytes.
Files that are not read (over the size cap, symlinks leading out of raw/) carry no hash and
are compared by size and modification time instead. Hidden files (``.gitkeep``) are skipped.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from extractors.documents import DocumentError, open_regular, reader_version

_CHUNK = 1 << 20


@dataclass(frozen=True)
class RawFile:
    """One file found under raw/."""

    path: str  # relative to raw/, POSIX separators
    sha256: str | None
    bytes: int
    mtime: datetime  # naive UTC
    problem: str | None = None  # why the file will not be read; None when it will


@dataclass(frozen=True)
class LedgerEntry:
    """What the warehouse last recorded for a path."""

    sha256: str | None
    bytes: int
    mtime: datetime
    status: str
    reader_version: str | None = None  # format/version of the reader that last read it (documents.py)


def scan(raw_dir: str | os.PathLike, max_bytes: int) -> Iterator[RawFile]:
    """Yield every visible file under ``raw_dir`` in path order, hashed unless it must not be read.

    A subfolder that cannot be listed is yielded as one entry with a ``problem`` (its path ends in
    "/"), so that its files are not taken for deleted; a root that cannot be listed raises.
    """
    root = Path(raw_dir).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"raw directory {raw_dir} does not exist")
    try:
        os.scandir(root).close()
    except OSError as error:
        raise PermissionError(f"raw directory {raw_dir} cannot be read: {error.strerror or error}") from error
    unreadable: list[OSError] = []
    for folder, dirs, names in os.walk(root, onerror=unreadable.append):
        while unreadable:
            yield _unreadable_folder(root, unreadable.pop())
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield _describe(root, Path(folder) / name, max_bytes)
    while unreadable:
        yield _unreadable_folder(root, unreadable.pop())


def _unreadable_folder(root: Path, error: OSError) -> RawFile:
    rel = Path(error.filename).relative_to(root).as_posix() + "/"
    return RawFile(_printable(rel), None, 0, datetime(1970, 1, 1),
                   f"folder cannot be read: {error.strerror or error}; its files are kept as they were")


def under_unreadable_folder(path: str, folders: Iterable[str]) -> bool:
    """Whether a ledger path lies under one of the folders a scan could not list."""
    return any(path.startswith(folder) for folder in folders)


def _describe(root: Path, path: Path, max_bytes: int) -> RawFile:
    """One file's entry; a file that cannot be read whole gets a ``problem`` instead of a hash."""
    rel = path.relative_to(root).as_posix()
    try:
        return _stat_and_hash(root, path, rel, max_bytes)
    except (OSError, RuntimeError, DocumentError) as error:  # unreadable, vanished, a symlink loop, a FIFO
        return RawFile(_printable(rel), None, 0, datetime(1970, 1, 1), f"cannot be read: {getattr(error, 'strerror', None) or error}")


def _printable(rel: str) -> str:
    """A path as text any database stores: bytes that are not UTF-8 shown as ``\\xNN`` ("caf\\xe9.txt")."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _stat_and_hash(root: Path, path: Path, rel: str, max_bytes: int) -> RawFile:
    stat = path.lstat()
    mtime = datetime.fromtimestamp(stat.st_mtime, timezone.utc).replace(tzinfo=None)
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            return RawFile(rel, None, stat.st_size, mtime, f"symlink leads out of raw/ (to {target})")
        if not target.is_file():
            return RawFile(rel, None, stat.st_size, mtime, "symlink does not lead to a file")
        stat = target.stat()
    if not path.is_file():
        return RawFile(rel, None, stat.st_size, mtime, "not a regular file")
    if stat.st_size > max_bytes:
        return RawFile(rel, None, stat.st_size, mtime, f"larger than the size cap ({stat.st_size} > {max_bytes} bytes)")
    if _printable(rel) != rel:
        return RawFile(_printable(rel), None, stat.st_size, mtime, "file name is not valid UTF-8 (shown with \\x escapes): rename it")
    return RawFile(rel, hash_file(path), stat.st_size, mtime)


def hash_file(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes, read in chunks (a FIFO swapped in after the type check is refused, not waited on)."""
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def classify(file: RawFile, ledger: Mapping[str, LedgerEntry]) -> str:
    """``new``, ``changed`` or ``unchanged`` against the ledger entry of the same path. A file whose reader
    has changed since it was read is ``changed`` too: the same bytes may now give another text."""
    entry = ledger.get(file.path)
    if entry is None or entry.status == "deleted":
        return "new"
    if file.sha256 is not None or entry.sha256 is not None:
        same = file.sha256 == entry.sha256
    else:
        same = (file.bytes, file.mtime) == (entry.bytes, entry.mtime)
    reread = file.problem is None and entry.reader_version != reader_version(file.path)
    return "unchanged" if same and not reread else "changed"


def deleted_paths(seen: set[str], ledger: Mapping[str, LedgerEntry]) -> list[str]:
    """Ledger paths still live in the warehouse but gone from raw/."""
    return sorted(p for p, e in ledger.items() if e.status != "deleted" and p not in seen)
