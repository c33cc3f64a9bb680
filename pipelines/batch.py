"""Process raw/ end to end in bounded batches: scan → read → extract → validate → land (no dagster).

Each function takes an open warehouse connection and works in batches of ``batch_size``
files or articles; every batch is one transaction, so a crash leaves each file either fully
old or fully new. Progress goes to the ``cifras.progress`` logger (the CLI draws a bar).
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

import extractors
from extractors.documents import Article, DocumentError, parse_document, read_bytes, reader_version
from extractors.entities import entity_catalogue
from pipelines import fingerprint
from pipelines.failures import one_line_error, time_budget
from pipelines.discover import LedgerEntry, RawFile, classify, deleted_paths, scan, under_unreadable_folder
from schemas import SCHEMAS
from schemas.validate import REJECT_COLUMNS, Split, split_valid
from warehouse import search, store

DEFAULT_BATCH_SIZE = 100
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_SECONDS_PER_FILE = 120.0  # reading or extracting one file longer than this is an error row
_SCAN_CHUNK = 1000
progress_log = logging.getLogger("cifras.progress")
T = TypeVar("T")


@dataclass
class RunCounts:
    """What a run did; added up across steps into the ``runs`` row."""

    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_deleted: int = 0
    files_errored: int = 0
    articles_landed: int = 0
    mentions_extracted: int = 0
    mentions_landed: int = 0
    rows_rejected: int = 0
    facts_extracted: int = 0
    facts_landed: int = 0
    articles_failed: int = 0
    landed: dict[str, int] = field(default_factory=dict)

    def add(self, other: RunCounts) -> None:
        for name, value in asdict(other).items():
            if name == "landed":
                for table, n in value.items():
                    self.landed[table] = self.landed.get(table, 0) + n
            else:
                setattr(self, name, getattr(self, name) + value)

    def as_params(self, run_id: str) -> dict[str, object]:
        params: dict[str, object] = {k: v for k, v in asdict(self).items() if k != "landed"}
        params["run_id"] = run_id
        return params


def _keys(column: str, values: list[str]) -> pd.DataFrame:
    """A one-column frame of keys, typed as text even when empty (so SQL can compare it)."""
    return pd.DataFrame({column: pd.Series(values, dtype="string")})


def _insert(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame], *tables: str) -> None:
    """Run ``insert_<table>`` for each table whose ``<table>_batch`` frame has rows."""
    for table in tables:
        if len(frames[f"{table}_batch"]):
            store.run(con, f"insert_{table}" if table != "files" else "upsert_files")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def start_run(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Record a run as running (no-op if a step of the same run already did), and mark any other run still
    marked running as abandoned: the caller holds the run lock, so none of them is still going."""
    now = _now()
    with store.transaction(con):
        store.run(con, "mark_abandoned_runs", {"run_id": run_id, "finished_at": now})
        store.run(con, "insert_run", {"run_id": run_id, "started_at": now, "extractor_version": extractors.__version__})


def record_counts(con: duckdb.DuckDBPyConnection, run_id: str, counts: RunCounts) -> None:
    """Add a step's counts to its run row."""
    store.run(con, "add_run_counts", counts.as_params(run_id))


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, error: str | None = None) -> None:
    """Mark a run succeeded, or failed with its error (one line)."""
    store.run(con, "finish_run", {"run_id": run_id, "status": status, "finished_at": _now(), "error": error})


def load_ledger(con: duckdb.DuckDBPyConnection) -> dict[str, LedgerEntry]:
    """The files ledger as a dict keyed by path (paths and hashes only: small)."""
    return {
        path: LedgerEntry(sha256=sha, bytes=size, mtime=mtime, status=status, reader_version=version)
        for path, sha, size, mtime, status, version in store.run(con, "select_ledger").fetchall()
    }


class RetractionRefused(RuntimeError):
    """A run would retract every article of the warehouse, or more than the share it may (an empty,
    mistyped or unmounted raw/ folder)."""


def plan_changes(
    raw_dir: str | Path, ledger: dict[str, LedgerEntry], max_bytes: int, allow_retract: bool = False,
    max_retract_share: float = 1.0,
) -> Iterator[tuple[RawFile, str]]:
    """Every file of raw/ with its change against the ledger, then the deleted paths.

    Raises ``RetractionRefused`` before any deletion when the run would retract every live file of the
    warehouse, or more than ``max_retract_share`` of them, unless ``allow_retract``: an empty, mistyped or
    unmounted folder is far likelier than a newsroom deleting its archive (issue 12). Files under a
    subfolder that cannot be listed are not deleted: the folder is an error entry of its own.
    """
    seen: set[str] = set()
    unreadable: list[str] = []
    for file in scan(raw_dir, max_bytes):
        seen.add(file.path)
        if file.path.endswith("/") and file.problem:
            unreadable.append(file.path)
        yield file, classify(file, ledger)
    deleted = [path for path in deleted_paths(seen, ledger) if not under_unreadable_folder(path, unreadable)]
    live = sum(entry.status != "deleted" for entry in ledger.values())
    if deleted and not allow_retract and (len(deleted) == live or len(deleted) > max_retract_share * live):
        share = "every article" if len(deleted) == live else f"{len(deleted)} of its {live} articles"
        raise RetractionRefused(
            f"{raw_dir} is missing {len(deleted)} of the {live} files the warehouse has: refusing to retract "
            f"{share} (an empty or mistyped folder?; the limit is {max_retract_share:.0%}); run with "
            "--allow-retract to retract them"
        )
    for path in deleted:
        entry = ledger[path]
        yield RawFile(path, None, 0, entry.mtime), "deleted"


@dataclass(frozen=True)
class PendingChanges:
    """What a run would do now: the files of raw/ that are new, changed or deleted."""

    scanned: int
    changes: list[tuple[str, str, str]]  # (change, path, content version)

    @property
    def run_key(self) -> str:
        """A key that is the same exactly when the pending changes are (content hashes included)."""
        lines = "\n".join("\t".join(change) for change in self.changes)
        return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def pending_changes(
    database: str | Path, raw_dir: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, allow_retract: bool = False,
    max_retract_share: float = 1.0,
) -> PendingChanges:
    """Compare raw/ with the ledger of the warehouse (opened read-only; absent means empty)."""
    ledger: dict[str, LedgerEntry] = {}
    try:
        con = store.connect(database, read_only=True, wait_seconds=0)
    except FileNotFoundError:  # no warehouse file, or a lake no run has created yet
        con = None
    if con is not None:
        try:
            if "files" in store.table_names(con):
                ledger = load_ledger(con)
        finally:
            con.close()
    scanned, changes = 0, []
    for file, change in plan_changes(raw_dir, ledger, max_bytes, allow_retract, max_retract_share):
        scanned += change != "deleted"
        if change != "unchanged":
            version = file.sha256 or f"{file.bytes}:{file.mtime.isoformat()}"
            changes.append((change, file.path, version))
    return PendingChanges(scanned, changes)


def scan_raw(
    con: duckdb.DuckDBPyConnection, raw_dir: str | Path, run_id: str, max_bytes: int = DEFAULT_MAX_BYTES,
    allow_retract: bool = False, max_retract_share: float = 1.0,
) -> RunCounts:
    """Replace the ``raw_files`` table with a fresh scan of raw/ classified against the ledger."""
    ledger = load_ledger(con)
    changes: Counter[str] = Counter()
    with store.transaction(con):
        store.run(con, "delete_raw_files")
        for chunk in _chunks(plan_changes(raw_dir, ledger, max_bytes, allow_retract, max_retract_share), _SCAN_CHUNK):
            rows = [{**asdict(f), "change": change, "run_id": run_id} for f, change in chunk]
            changes.update(change for _, change in chunk)
            frame = SCHEMAS["raw_files"].validate(pd.DataFrame(rows))
            with store.registered(con, raw_files_batch=frame):
                store.run(con, "insert_raw_files")
        counts = RunCounts(
            files_new=changes["new"], files_changed=changes["changed"],
            files_unchanged=changes["unchanged"], files_deleted=changes["deleted"],
        )
        record_counts(con, run_id, counts)
    counts.landed["raw_files"] = sum(changes.values())
    return counts


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    raw_dir: str | Path,
    run_id: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = DEFAULT_BATCH_SIZE,
    seconds: float | None = DEFAULT_SECONDS_PER_FILE,
) -> RunCounts:
    """Turn the new, changed and deleted files of the last scan into articles, errors and retractions (with
    their version history and near-duplicate links), then bring the full-text search index up to date."""
    counts = fingerprint_articles(con, run_id, batch_size=batch_size)
    total = store.run(con, "count_pending_raw_files").fetchone()[0]
    done, after = 0, ""
    while chunk := store.fetch_frame(con, "select_pending_raw_files", {"after": after, "limit": batch_size}).to_dict("records"):
        counts.add(land_isolating(chunk, lambda files, failed: _ingest_chunk(
            con, Path(raw_dir), run_id, files, max_bytes, seconds, failed)))
        done, after = done + len(chunk), chunk[-1]["path"]
        progress_log.info("ingested %d/%d files", done, total, extra={"step": "files", "done": done, "total": total})
    counts.add(_ingest_orphaned_duplicates(con, Path(raw_dir), run_id, max_bytes, batch_size, seconds))
    if search.refresh_index(con):  # the full-text index follows the articles (no-op when none changed)
        progress_log.info("updated the full-text search index", extra={"step": "search", "done": 1, "total": 1})
    return counts


def _ingest_orphaned_duplicates(con: duckdb.DuckDBPyConnection, raw_dir: Path, run_id: str, max_bytes: int,
                                batch_size: int, seconds: float | None) -> RunCounts:
    """Read again the files recorded as duplicates of a content whose first copy is gone (deleted, edited,
    or renamed to a name that sorted earlier): the first of them now carries the content."""
    counts = RunCounts()
    orphans = store.fetch_frame(con, "select_orphaned_duplicates").to_dict("records")
    for chunk in _chunks(orphans, batch_size):
        with store.transaction(con), store.registered(con, paths_batch=_keys("path", [c["path"] for c in chunk])):
            store.run(con, "mark_raw_files_changed")
        counts.add(land_isolating(chunk, lambda files, failed: _ingest_chunk(
            con, raw_dir, run_id, files, max_bytes, seconds, failed)))
    return counts


# Errors DuckDB raises for the data of a row (a value it cannot convert or store, a key already held): they
# belong to one file or article, unlike I/O errors (out of disk), which fail the run.
_DATA_ERRORS = (duckdb.ConstraintException, duckdb.ConversionException, duckdb.InvalidInputException,
                duckdb.OutOfRangeException)


def land_isolating(items: list[T], land: Callable[[list[T], str | None], RunCounts]) -> RunCounts:
    """``land(items, None)`` as one transaction; when DuckDB refuses a row's data, land each half again, down
    to the one file or article at fault, which ``land([item], reason)`` records as failed instead."""
    try:
        return land(items, None)
    except _DATA_ERRORS as error:
        if len(items) == 1:
            return land(items, f"landing failed: {one_line_error(error)}")
        middle = len(items) // 2
        counts = land_isolating(items[:middle], land)
        counts.add(land_isolating(items[middle:], land))
        return counts


def _ingest_chunk(con: duckdb.DuckDBPyConnection, raw_dir: Path, run_id: str, chunk: Sequence[dict], max_bytes: int,
                  seconds: float | None = DEFAULT_SECONDS_PER_FILE, failed: str | None = None) -> RunCounts:
    """Read, validate and land one batch of files in one transaction; ``failed`` records every file of the
    batch as an error with that reason instead (a file whose rows DuckDB refused)."""
    now = _now()
    articles, files, errors = [], [], []
    for change in chunk:
        if change["change"] == "deleted":
            files.append(_ledger_row(change, now, run_id, status="deleted"))
            continue
        outcome = _read(raw_dir, change, max_bytes, seconds)
        if failed and isinstance(outcome, _Loaded):
            outcome = _Failure("land", failed, outcome.sha256)
        if isinstance(outcome, _Failure):
            errors.append({"path": change["path"], "sha256": outcome.sha256, "stage": outcome.stage,
                           "reason": outcome.reason, "bytes": change["bytes"], "run_id": run_id,
                           "recorded_at": now})
            files.append(_ledger_row({**change, "sha256": outcome.sha256}, now, run_id,
                                     status="error", error=outcome.reason))
        else:
            articles.append(_article_row(change["path"], outcome, now, run_id))

    articles = _drop_duplicates(con, articles, errors, files, chunk, now, run_id)
    split = split_valid(pd.DataFrame(articles, columns=list(SCHEMAS["articles"].to_schema().columns)),
                        SCHEMAS["articles"], table="articles", key_column="path", run_id=run_id)
    rejected = set(split.rejects["row_key"])
    for row in articles:
        status = "rejected" if row["path"] in rejected else "ok"
        files.append(_ledger_row(
            {"path": row["path"], "sha256": row["article_id"], "bytes": row.pop("_bytes"), "mtime": row.pop("_mtime")},
            now, run_id, status=status, article_id=row["article_id"] if status == "ok" else None,
            error="article failed validation (see rejects)" if status == "rejected" else None,
        ))
    paths = _keys("path", [c["path"] for c in chunk])
    frames = {
        "paths_batch": paths,
        "articles_batch": split.valid,
        "files_batch": SCHEMAS["files"].validate(pd.DataFrame(files)),
        "file_versions_batch": _file_versions(con, paths, files),
        "ingest_errors_batch": SCHEMAS["ingest_errors"].validate(
            pd.DataFrame(errors, columns=list(SCHEMAS["ingest_errors"].to_schema().columns))),
        "rejects_batch": split.rejects,
        **_signatures(zip(split.valid["article_id"], split.valid["body"], strict=True), run_id),
    }
    with store.transaction(con), store.registered(con, **frames):
        store.run(con, "retire_file_versions", {"retired_at": now, "run_id": run_id})
        store.run(con, "retract_paths")
        _insert(con, frames, "articles", "files", "file_versions", "ingest_errors", "rejects", "article_minhashes",
                "article_bands")
        store.run(con, "mark_raw_files_ingested")
        linked = _link_near_duplicates(con, now, run_id) if len(split.valid) else 0
        counts = RunCounts(files_errored=len(errors), articles_landed=len(split.valid), rows_rejected=len(split.rejects))
        record_counts(con, run_id, counts)  # with the batch: a run that fails later still counts what landed
    counts.landed.update(articles=len(split.valid), ingest_errors=len(errors), files=len(files),
                         file_versions=len(frames["file_versions_batch"]),
                         article_minhashes=len(split.valid), near_duplicates=linked)
    return counts


def _file_versions(con: duckdb.DuckDBPyConnection, paths: pd.DataFrame, files: list[dict]) -> pd.DataFrame:
    """The version rows a batch adds: one per ledger row that is not a deletion, numbered after the path's last."""
    with store.registered(con, paths_batch=paths):
        last = dict(store.run(con, "select_latest_file_versions").fetchall())
    rows = [
        {"path": f["path"], "version": last.get(f["path"], 0) + 1, "sha256": f["sha256"], "bytes": f["bytes"],
         "first_seen": f["last_seen"], "run_id": f["run_id"], "retired_at": None, "retired_run_id": None}
        for f in files if f["status"] != "deleted"
    ]
    return SCHEMAS["file_versions"].validate(
        pd.DataFrame(rows, columns=list(SCHEMAS["file_versions"].to_schema().columns)))


def _signatures(bodies: Iterable[tuple[str, str]], run_id: str) -> dict[str, pd.DataFrame]:
    """The ``article_minhashes_batch`` and ``article_bands_batch`` frames for (article_id, body) pairs."""
    minhashes = _minhashes(bodies, run_id)
    bands = pd.DataFrame(fingerprint.band_rows(list(minhashes["article_id"]), list(minhashes["minhash"])))
    return {"article_minhashes_batch": minhashes, "article_bands_batch": SCHEMAS["article_bands"].validate(bands)}


def _minhashes(bodies: Iterable[tuple[str, str]], run_id: str) -> pd.DataFrame:
    """``article_minhashes`` rows for (article_id, body) pairs."""
    rows = [{"article_id": aid, "minhash": fingerprint.minhash(body), "run_id": run_id} for aid, body in bodies]
    return SCHEMAS["article_minhashes"].validate(
        pd.DataFrame(rows, columns=list(SCHEMAS["article_minhashes"].to_schema().columns)))


def _link_near_duplicates(con: duckdb.DuckDBPyConnection, now: datetime, run_id: str) -> int:
    """Link the articles of the registered ``article_bands_batch`` (landed by the open transaction) to
    their near-duplicates among all articles; return the pairs linked."""
    pairs = store.run(con, "select_near_duplicates_of_articles", {
        "min_agreeing": fingerprint.MIN_AGREEING_SLOTS}).fetchall()
    if not pairs:
        return 0
    frame = SCHEMAS["near_duplicates"].validate(pd.DataFrame([
        {"article_id": aid, "other_article_id": other, "similarity": fingerprint.similarity(agreeing),
         "run_id": run_id, "linked_at": now}
        for aid, other, agreeing in pairs
    ]))
    with store.registered(con, near_duplicates_batch=_exact_values(frame)):
        store.run(con, "insert_near_duplicates")
    return len(frame)


def fingerprint_articles(con: duckdb.DuckDBPyConnection, run_id: str, *, batch_size: int = DEFAULT_BATCH_SIZE) -> RunCounts:
    """Give every article without a MinHash signature (landed before migration 0004) one, and link its
    near-duplicates; a batch per transaction. Articles landed since get theirs as they land."""
    counts = RunCounts()
    after = ""
    while chunk := store.run(con, "select_articles_without_minhash", {"after": after, "limit": batch_size}).fetchall():
        now = _now()
        frames = _signatures(chunk, run_id)
        with store.transaction(con), store.registered(con, **frames):
            _insert(con, frames, "article_minhashes", "article_bands")
            linked = _link_near_duplicates(con, now, run_id)
        counts.landed["article_minhashes"] = counts.landed.get("article_minhashes", 0) + len(chunk)
        counts.landed["near_duplicates"] = counts.landed.get("near_duplicates", 0) + linked
        after = chunk[-1][0]
    return counts


@dataclass(frozen=True)
class _Loaded:
    sha256: str
    bytes: int
    article: Article


@dataclass(frozen=True)
class _Failure:
    stage: str
    reason: str
    sha256: str | None


def _read(raw_dir: Path, change: dict, max_bytes: int, seconds: float | None = None) -> _Loaded | _Failure:
    """Read and parse one file of the scan within ``seconds``; never raises for a bad file."""
    if change["problem"]:
        return _Failure("discover", change["problem"], None)
    path = raw_dir / change["path"]
    try:
        data = read_bytes(path, max_bytes=max_bytes)
    except DocumentError as exc:
        return _Failure(exc.stage, exc.reason, None)
    sha = hashlib.sha256(data).hexdigest()
    try:
        with time_budget(seconds, "reading the file"):
            article = parse_document(data, path.suffix.lower())
    except DocumentError as exc:
        return _Failure(exc.stage, exc.reason, sha)
    except RecursionError:
        return _Failure("parse", "document nesting too deep to parse", sha)
    except Exception as error:  # noqa: BLE001 - the budget, or a reader bug on one file: one error row
        return _Failure("parse", one_line_error(error), sha)
    return _Loaded(sha, len(data), article)


def _article_row(path: str, loaded: _Loaded, now: datetime, run_id: str) -> dict:
    sha, size, article = loaded.sha256, loaded.bytes, loaded.article
    return {
        "article_id": sha, "path": path, "title": article.title, "lang": article.lang,
        "published_at": article.published_at, "source_url": article.source_url,
        "source_name": article.source_name, "body": article.body,
        "n_words": len(article.body.split()), "format": article.format,
        "encoding": article.encoding, "repaired": article.repaired, "dropped_fields": article.dropped_fields,
        "published_source": article.published_source,
        "extractor_version": extractors.__version__, "ingested_at": now, "run_id": run_id,
        "_bytes": size, "_mtime": None,
    }


def _drop_duplicates(con, articles: list[dict], errors: list[dict], files: list[dict], chunk, now, run_id) -> list[dict]:
    """Keep the first file of each content; later copies become ``duplicate`` ingest errors."""
    mtimes = {c["path"]: c["mtime"] for c in chunk}
    replaced = {c["path"] for c in chunk}
    with store.registered(con, ids_batch=_keys("article_id", [a["article_id"] for a in articles])):
        owners = {aid: path for aid, path in store.run(con, "select_articles_by_id").fetchall() if path not in replaced}
    kept = []
    for row in articles:
        row["_mtime"] = mtimes[row["path"]]
        owner = owners.setdefault(row["article_id"], row["path"])
        if owner == row["path"]:
            kept.append(row)
            continue
        reason = f"duplicate content of {owner}"
        errors.append({"path": row["path"], "sha256": row["article_id"], "stage": "duplicate", "reason": reason,
                       "bytes": row["_bytes"], "run_id": run_id, "recorded_at": now})
        files.append(_ledger_row({"path": row["path"], "sha256": row["article_id"], "bytes": row["_bytes"],
                                  "mtime": row["_mtime"]}, now, run_id, status="error", error=reason))
    return kept


def _ledger_row(change: dict, now: datetime, run_id: str, *, status: str, error: str | None = None,
                article_id: str | None = None) -> dict:
    return {
        "path": change["path"], "sha256": change.get("sha256"), "bytes": change["bytes"],
        "mtime": change["mtime"], "first_seen": now, "last_seen": now, "status": status,
        "error": error, "article_id": article_id, "run_id": run_id,
        "reader_version": None if status == "deleted" else reader_version(change["path"]),
    }


def refresh_entities(con: duckdb.DuckDBPyConnection, run_id: str) -> RunCounts:
    """Reload the entities dimension: the gazetteers' catalogue (invalid entries go to rejects), then
    the entities rules found in the landed mentions."""
    frame = pd.DataFrame([{**asdict(entry), "origin": "gazetteer"} for entry in entity_catalogue()],
                         columns=list(SCHEMAS["entities"].to_schema().columns))
    split = split_valid(frame, SCHEMAS["entities"], table="entities", key_column="entity_id", run_id=run_id)
    frames = {"entities_batch": split.valid, "rejects_batch": split.rejects}
    with store.transaction(con), store.registered(con, **frames):
        store.run(con, "delete_entities")
        _insert(con, frames, "entities", "rejects")
        store.run(con, "insert_discovered_entities")
        counts = RunCounts(rows_rejected=len(split.rejects))
        record_counts(con, run_id, counts)
    counts.landed["entities"] = len(split.valid)
    return counts


_MENTION_TABLES = {"money": "money_mentions", "percent": "percent_mentions", "entity": "entity_mentions"}


def mention_rows(article_id: str, body: str, mentions: Sequence[extractors.Mention], run_id: str) -> dict[str, list[dict]]:
    """Rows for the three mention tables, with the transient columns their schemas check."""
    rows: dict[str, list[dict]] = {table: [] for table in _MENTION_TABLES.values()}
    for mention_id, m in enumerate(mentions):
        row = {
            "article_id": article_id, "mention_id": mention_id, "sentence_idx": m.sentence_idx,
            "start": m.start, "end": m.end, "text": m.text,
            "source_slice": body[m.start:m.end], "source_length": len(body),
        }
        if m.kind == "entity":
            row.update(label=m.label, entity_id=m.entity_id)
        else:
            row.update(value=m.value, ambiguous=m.ambiguous, reason=m.reason)
            row.update({"currency": m.currency} if m.kind == "money" else {"unit": m.unit})
        row.update(rule=m.rule or m.kind, run_id=run_id)
        rows[_MENTION_TABLES[m.kind]].append(row)
    return rows


def evidence_span(body: str, sentence_starts: Sequence[int], sentence_idx: int) -> tuple[int | None, int | None]:
    """The character span of sentence ``sentence_idx`` of ``body``, without the spaces around it; (None, None)
    when the sentences are unknown.

    >>> body = "Exports rose. They reached US$ 5 billion.  "
    >>> evidence_span(body, [0, 14], 1), body[14:41]
    ((14, 41), 'They reached US$ 5 billion.')
    """
    if sentence_idx >= len(sentence_starts):
        return None, None
    start = sentence_starts[sentence_idx]
    end = sentence_starts[sentence_idx + 1] if sentence_idx + 1 < len(sentence_starts) else len(body)
    while end > start and body[end - 1].isspace():
        end -= 1
    while start < end and body[start].isspace():
        start += 1
    return (start, end) if start < end else (None, None)


def fact_rows(article_id: str, facts: Sequence[extractors.Fact], landed_mention_ids: frozenset[int], run_id: str,
              body: str = "", sentence_starts: Sequence[int] = ()) -> list[dict]:
    """Rows for the facts table (``fact_id`` in text order), with the transient column its schema checks; the
    evidence is the fact's sentence in ``body`` (none without ``sentence_starts``)."""
    return [
        {
            "article_id": article_id, "fact_id": fact_id, "sentence_idx": f.sentence_idx, "metric": f.metric,
            "flow_of": f.flow_of, "partner": f.partner, "sector": f.sector, "product": f.product,
            "period_start": f.period_start, "period_end": f.period_end, "value": f.value, "currency": f.currency,
            "change_pct": f.change_pct, "share_pct": f.share_pct, "projection": f.projection,
            "mention_ids": list(f.mentions), "rule": f.rule, "extractor_version": extractors.__version__,
            "run_id": run_id, "unit_price": f.unit_price,
            "evidence_start": span[0], "evidence_end": span[1],
            "landed_mention_ids": landed_mention_ids,
        }
        for fact_id, f in enumerate(facts)
        for span in [evidence_span(body, sentence_starts, f.sentence_idx)]
    ]


def _split_facts(facts: dict[str, list[extractors.Fact]], landed_ids: dict[str, set[int]], run_id: str,
                 sentences: dict[str, tuple[str, Sequence[int]]] | None = None) -> Split:
    """Validate a batch's facts; a fact that rests on a mention which did not land is rejected too."""
    rows = [row for aid, article_facts in facts.items()
            for row in fact_rows(aid, article_facts, frozenset(landed_ids[aid]), run_id,
                                 *(sentences or {}).get(aid, ("", ())))]
    columns = list(SCHEMAS["facts"].to_schema().columns) + ["landed_mention_ids"]
    return split_valid(pd.DataFrame(rows, columns=columns), SCHEMAS["facts"], table="facts", key_column="fact_id",
                       run_id=run_id)


def _analyse_one(body: str, lang: str, published_at, seconds: float | None):
    """The article's analysis, or why there is none: an exception in the extractors, or the time budget
    spent (one line, with the exception's type); never raises for one article."""
    try:
        with time_budget(seconds, "extracting the article"):
            return extractors.analyse(body, lang, published_at)
    except Exception as error:  # noqa: BLE001 - any failure of one article is recorded, not raised
        return one_line_error(error)


@dataclass
class AnalysedBatch:
    """One batch of articles analysed, validated and ready to land: the ``<table>_batch`` frames the insert
    queries read (``ids_batch`` names the articles, ``texts_batch`` their body digests) and what was done."""

    frames: dict[str, pd.DataFrame]
    counts: RunCounts

    def only(self, article_ids: set[str]) -> AnalysedBatch:
        """The same batch restricted to some of its articles (counts recomputed from the frames)."""
        frames = {name: frame[frame["article_id"].isin(article_ids)].reset_index(drop=True)
                  for name, frame in self.frames.items()}
        extractions = frames["extractions_batch"]
        rejects = frames["rejects_batch"]
        counts = RunCounts(
            mentions_extracted=int(extractions["n_extracted"].sum()), mentions_landed=int(extractions["n_landed"].sum()),
            rows_rejected=len(rejects), facts_extracted=int(extractions["facts_extracted"].sum()),
            facts_landed=int(extractions["facts_landed"].sum()), articles_failed=int(extractions["error"].notna().sum()))
        return AnalysedBatch(frames, counts)


def body_digest(body: str) -> str:
    """What an article's body is checked against before its analysis lands (the same as DuckDB's ``md5``)."""
    return hashlib.md5(body.encode("utf-8")).hexdigest()


def analyse_articles(texts: Sequence[tuple[str, str, object, str]], run_id: str, version: str,
                     seconds: float | None, failed: str | None = None) -> AnalysedBatch:
    """Extract and validate one batch of ``(article_id, lang, published_at, body)``: a pure function of the
    texts (no warehouse), so it runs in whichever process or machine holds them. ``failed`` records every
    article as failed with that reason instead of analysing it."""
    now = _now()
    article_ids = [article_id for article_id, *_ in texts]
    rows: dict[str, list[dict]] = {table: [] for table in _MENTION_TABLES.values()}
    extracted: dict[str, int] = {}
    facts: dict[str, list[extractors.Fact]] = {}
    sentences: dict[str, tuple[str, Sequence[int]]] = {}  # each article's body and sentence starts: the evidence
    failures: dict[str, str] = {}
    for article_id, lang, published_at, body in texts:
        analysis = failed or _analyse_one(body, lang, published_at, seconds)
        if isinstance(analysis, str):  # the extractors failed on this article: recorded, the batch goes on
            failures[article_id] = analysis
            extracted[article_id], facts[article_id] = 0, []
            continue
        extracted[article_id], facts[article_id] = len(analysis.mentions), analysis.facts
        sentences[article_id] = (body, analysis.sentence_starts)
        for table, table_rows in mention_rows(article_id, body, analysis.mentions, run_id).items():
            rows[table].extend(table_rows)
    frames: dict[str, pd.DataFrame] = {
        "ids_batch": _keys("article_id", article_ids),
        "texts_batch": pd.DataFrame({"article_id": pd.Series(article_ids, dtype="string"), "body_md5": pd.Series(
            [body_digest(body) if body is not None else None for *_, body in texts], dtype="string")}),
    }
    rejects = []
    landed_by_article: Counter[str] = Counter()
    rejected_by_article: Counter[str] = Counter()
    landed_ids: dict[str, set[int]] = {aid: set() for aid in extracted}
    for table, table_rows in rows.items():
        schema = SCHEMAS[table]
        columns = list(schema.to_schema().columns) + ["source_slice", "source_length"]
        split = split_valid(pd.DataFrame(table_rows, columns=columns), schema, table=table, key_column="mention_id", run_id=run_id)
        frames[f"{table}_batch"] = _exact_values(split.valid)
        if len(split.rejects):
            rejects.append(split.rejects)
        landed_by_article.update(split.valid["article_id"])
        rejected_by_article.update(split.rejects["article_id"])
        for aid, mention_id in zip(split.valid["article_id"], split.valid["mention_id"], strict=True):
            landed_ids[aid].add(int(mention_id))
    fact_split = _split_facts(facts, landed_ids, run_id, sentences)
    frames["facts_batch"] = _exact_values(fact_split.valid)
    if len(fact_split.rejects):
        rejects.append(fact_split.rejects)
    facts_landed: Counter[str] = Counter(fact_split.valid["article_id"])
    facts_rejected: Counter[str] = Counter(fact_split.rejects["article_id"])
    frames["rejects_batch"] = pd.concat(rejects, ignore_index=True) if rejects else pd.DataFrame(columns=REJECT_COLUMNS)
    frames["extractions_batch"] = SCHEMAS["extractions"].validate(pd.DataFrame([
        {"article_id": aid, "extractor_version": version, "n_extracted": n,
         "n_landed": landed_by_article[aid], "n_rejected": rejected_by_article[aid],
         "extracted_at": now, "run_id": run_id, "facts_extracted": len(facts[aid]),
         "facts_landed": facts_landed[aid], "facts_rejected": facts_rejected[aid], "error": failures.get(aid)}
        for aid, n in extracted.items()
    ], columns=list(SCHEMAS["extractions"].to_schema().columns)))
    counts = RunCounts(mentions_extracted=sum(extracted.values()), mentions_landed=sum(landed_by_article.values()),
                       rows_rejected=sum(rejected_by_article.values()) + len(fact_split.rejects),
                       facts_extracted=sum(len(f) for f in facts.values()), facts_landed=len(fact_split.valid),
                       articles_failed=len(failures))
    return AnalysedBatch(frames, counts)


def land_analysed(con: duckdb.DuckDBPyConnection, analysed: AnalysedBatch, run_id: str) -> RunCounts:
    """Replace the batch's articles' mentions, facts, rejects and extraction rows by the analysed ones, in one
    transaction, and add its counts to the run."""
    frames = analysed.frames
    with store.transaction(con), store.registered(con, **frames):
        store.run(con, "delete_mentions_of_articles")
        _insert(con, frames, *_MENTION_TABLES.values(), "facts", "rejects", "extractions")
        store.run(con, "insert_discovered_entities")
        counts = RunCounts()
        counts.add(analysed.counts)
        record_counts(con, run_id, counts)
    counts.landed.update({table: len(frames[f"{table}_batch"]) for table in (*_MENTION_TABLES.values(), "facts")})
    return counts


_DECIMAL_COLUMNS = ("value", "change_pct", "share_pct", "similarity")


def _exact_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Hand Decimal values to DuckDB as text, so they land exact in DECIMAL columns; nulls stay null."""
    return frame.assign(**{
        column: frame[column].map(lambda v: None if pd.isna(v) else str(v))
        for column in _DECIMAL_COLUMNS if column in frame.columns
    })
