"""The `cifras` command: run the Dagster job, extract one file, query, search, export and report
on the warehouse, show status.

Thin: parses arguments and prints; the work is in pipelines.batch, extractors and warehouse.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from warehouse import audit, lake, store

_PIPE_WIDTH = 240  # wide enough that piped tables keep one line per row
_TITLE_WIDTH = 120


def _out() -> Console:
    return Console(soft_wrap=True, width=None if sys.stdout.isatty() else _PIPE_WIDTH)


def _err() -> Console:
    return Console(stderr=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cifras` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (FileNotFoundError, PermissionError, store.WarehouseBusy, lake.LakeConfigError) as exc:
        _err().print(f"[red]error:[/red] {exc}")
        return 2
    except (duckdb.Error, store.WarehouseUnwritable) as exc:  # cannot be written at all (out of disk): one line
        _err().print(f"[red]error:[/red] the warehouse cannot be used: {str(exc).strip().splitlines()[0]}")
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cifras", description="Economic news to analytical tables.")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    warehouse_help = ("DuckDB file, or a .toml DuckLake descriptor (docs/scaling.md); default $CIFRAS_WAREHOUSE or "
                      "warehouse/cifras.duckdb")

    run = sub.add_parser("run", help="ingest raw/ into the warehouse (runs the Dagster job in-process)")
    run.add_argument("--raw", default=None, help="folder of articles (default $CIFRAS_RAW or raw)")
    run.add_argument("--warehouse", default=None, help=warehouse_help)
    run.add_argument("--max-bytes", type=int, default=None, help="size cap per file (default 20 MiB)")
    run.add_argument("--verbose", action="store_true", help="print progress lines and Dagster's event log")
    run.add_argument("--allow-retract", action="store_true",
                     help="let the run retract every article when raw/ holds none of the warehouse's files")
    run.add_argument("--max-retract-share", type=float, default=None, metavar="SHARE",
                     help="refuse a run that would retract more than this share of the articles (default 1.0: "
                          "only a run that would retract all of them)")
    run.add_argument("--seconds-per-file", type=float, default=None, metavar="S",
                     help="time budget to read or extract one file; over it, the file is an error row (default 120)")
    run.add_argument("--executor", choices=["in_process", "multiprocess", "dask"], default="in_process",
                     help="where the job's steps run: all in this process (default), each in a process of its "
                          "own, or on a local Dask cluster; the extraction's shards run in parallel on the last two")
    run.add_argument("--workers", type=int, default=2, metavar="N",
                     help="processes (multiprocess) or Dask workers (dask) to run steps on (default 2)")
    run.add_argument("--shards", type=int, default=None, metavar="N",
                     help="shards the extraction is split into by a stable hash of the article id, each a step "
                          "(default $CIFRAS_SHARDS or 4)")
    run.add_argument("--dry-run", action="store_true",
                     help="print what the run would do (new, changed, deleted files) and write nothing")
    run.set_defaults(func=_run)

    extract = sub.add_parser("extract", help="print the mentions of one article file")
    extract.add_argument("file", type=Path)
    extract.add_argument("--lang", choices=["en", "es"], default=None)
    extract.add_argument("--jsonl", action="store_true", help="one JSON line, as the extraction contract")
    extract.set_defaults(func=_extract)

    query = sub.add_parser("query", help="run read-only SQL against the warehouse")
    query.add_argument("sql")
    query.add_argument("--warehouse", default=None, help=warehouse_help)
    fmt = query.add_mutually_exclusive_group()
    fmt.add_argument("--csv", action="store_true")
    fmt.add_argument("--json", action="store_true", help="JSON Lines, one object per row")
    query.set_defaults(func=_query)

    status = sub.add_parser("status", help="row counts, the last run and the latest errors")
    status.add_argument("--warehouse", default=None, help=warehouse_help)
    status.set_defaults(func=_status)

    search_cmd = sub.add_parser("search", help="full-text search over the articles, best first")
    search_cmd.add_argument("query", help='words that must all occur, e.g. "cacao Junín" (accents optional)')
    search_cmd.add_argument("--limit", type=int, default=10, help="most articles to print (default 10)")
    search_cmd.add_argument("--warehouse", default=None, help=warehouse_help)
    search_cmd.set_defaults(func=_search)

    export = sub.add_parser("export", help="write every table and view as DIR/<name>.parquet")
    export.add_argument("dir", type=Path)
    export.add_argument("--warehouse", default=None, help=warehouse_help)
    export.set_defaults(func=_export)

    report = sub.add_parser("report", help="write an HTML report with charts (report.html and PNGs)")
    report.add_argument("--out", type=Path, default=Path("report"), help="folder to write (default report)")
    report.add_argument("--warehouse", default=None, help=warehouse_help)
    report.set_defaults(func=_report)
    return parser


class _ProgressHandler(logging.Handler):
    """Turns `cifras.progress` log records into a progress bar."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress
        self.tasks: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        step = getattr(record, "step", None)
        if step is None:
            return
        if step not in self.tasks:
            self.tasks[step] = self.progress.add_task(step, total=record.total)
        self.progress.update(self.tasks[step], completed=record.done)


def _run(args: argparse.Namespace) -> int:
    with store.run_lock(args.warehouse):  # one `cifras run` at a time, for the whole run (exit 2 when busy)
        return _run_locked(args)


def _run_locked(args: argparse.Namespace) -> int:
    from pipelines.defs.execution import run_ingest_job
    from pipelines.defs.resources import RAW_ENV_VAR

    config: dict[str, object] = {"path": str(store.resolve_path(args.warehouse))}
    raw = Path(args.raw or os.environ.get(RAW_ENV_VAR) or "raw")
    if not raw.is_dir():
        _err().print(f"[red]no raw folder at {raw}[/red]: nothing was run (give the articles' folder with --raw)")
        return 2
    if args.dry_run:
        return _dry_run(args, Path(config["path"]), raw)
    store.check_writable(config["path"])  # waits for another writer, else fails as busy (exit 2) or unwritable (1)
    if args.raw:
        config["raw_dir"] = str(args.raw)
    if args.allow_retract:
        config["allow_retract"] = True
    if args.shards is not None:  # the shard steps are part of the job's shape: set before the definitions load
        os.environ["CIFRAS_SHARDS"] = str(args.shards)
    for option in ("max_bytes", "max_retract_share", "seconds_per_file"):
        if getattr(args, option) is not None:
            config[option] = getattr(args, option)
    logger = logging.getLogger("cifras.progress")
    err = _err()
    with Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
        handlers = [_ProgressHandler(progress)]
        if args.verbose:
            handlers.append(logging.StreamHandler(sys.stderr))
        for handler in handlers:
            logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        try:
            outcome = run_ingest_job(config, verbose=args.verbose, executor=args.executor, workers=args.workers)
        finally:
            for handler in handlers:
                logger.removeHandler(handler)
    try:
        con = store.connect(config["path"], read_only=True)
        try:
            summary = store.fetch_frame(con, "select_run", {"run_id": outcome.run_id})
        finally:
            con.close()
    except (duckdb.Error, FileNotFoundError) as exc:  # out of disk, say: the failure lines below still print
        err.print(f"the run's summary cannot be read from the warehouse: {exc}".splitlines()[0])
        summary = pd.DataFrame()
    if not summary.empty:
        _print_summary(summary.iloc[0].to_dict())
    if not outcome.success:
        err.print("[red]the run failed; the warehouse keeps its previous state for the failed batch[/red]")
        for message in outcome.failures:
            err.print(message)
        return 1
    return 0


def _reader(warehouse: str | None):
    """The warehouse for reading (or its last completed run's snapshot while a run writes it, said on stderr)."""
    con, note = store.connect_reader(warehouse)
    if note:
        _err().print(f"[yellow]note:[/yellow] {note}")
    return con


def _dry_run(args: argparse.Namespace, database: Path, raw: Path) -> int:
    """Print the changes a run would make, one ``change<TAB>path`` line each, and a count; write nothing."""
    from pipelines.batch import DEFAULT_MAX_BYTES, RetractionRefused, pending_changes

    try:
        plan = pending_changes(database, raw, args.max_bytes or DEFAULT_MAX_BYTES, args.allow_retract,
                               1.0 if args.max_retract_share is None else args.max_retract_share)
    except RetractionRefused as refusal:
        _err().print(f"[red]the run would be refused:[/red] {refusal}")
        return 1
    for change, path, _ in plan.changes:
        sys.stdout.write(f"{change}\t{path}\n")
    counts = {kind: sum(change == kind for change, _, _ in plan.changes) for kind in ("new", "changed", "deleted")}
    unchanged = plan.scanned - counts["new"] - counts["changed"]
    _err().print(f"dry run: {counts['new']} new, {counts['changed']} changed, {unchanged} unchanged, "
                 f"{counts['deleted']} deleted; nothing was written")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from extractors import extract
    from extractors.documents import DocumentError, read_document
    from extractors.__main__ import mention_json

    try:
        article = read_document(args.file)
    except DocumentError as exc:
        _err().print(f"[red]{args.file}: {exc.stage}: {exc.reason}[/red]")
        return 1
    lang = args.lang or article.lang
    mentions = extract(article.body, lang)
    if args.jsonl:
        line = {"id": str(args.file), "lang": lang, "mentions": [mention_json(m) for m in mentions]}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        return 0
    table = Table(title=f"{args.file} ({lang}, {len(mentions)} mentions)")
    for column in ("kind", "text", "start", "end", "value", "currency/unit/label", "id"):
        table.add_column(column)
    for m in mentions:
        table.add_row(m.kind, m.text, str(m.start), str(m.end), "" if m.value is None else str(m.value),
                      m.currency or m.unit or m.label or "", m.entity_id or "")
    _out().print(table)
    return 0


def _query(args: argparse.Namespace) -> int:

    con = _reader(args.warehouse)
    try:
        frame = con.execute(args.sql).df()
    except duckdb.Error as exc:
        _err().print(f"[red]query failed:[/red] {exc}")
        return 1
    finally:
        con.close()
    if args.csv:
        frame.to_csv(sys.stdout, index=False, quoting=csv.QUOTE_MINIMAL)
    elif args.json:
        frame.to_json(sys.stdout, orient="records", lines=True, date_format="iso", force_ascii=False)
    else:
        _print_frame(frame)
    return 0


def _status(args: argparse.Namespace) -> int:
    con = _reader(args.warehouse)
    try:
        counts = Table(title=f"warehouse {store.resolve_path(args.warehouse)}")
        counts.add_column("table")
        counts.add_column("rows", justify="right")
        for table in audit.TABLES:
            counts.add_row(table, str(audit.row_count(con, table)))
        _out().print(counts)
        last = store.fetch_frame(con, "select_last_run")
        errors = store.fetch_frame(con, "select_latest_errors", {"limit": 10})
    finally:
        con.close()
    if last.empty:
        _out().print("no run yet")
    else:
        _print_frame(last.T.reset_index().rename(columns={"index": "field", 0: "value"}), title="last run")
    if not errors.empty:
        _print_frame(errors, title="latest ingest errors")
    return 0


def _search(args: argparse.Namespace) -> int:
    from warehouse import search

    con = _reader(args.warehouse)
    try:
        current = search.index_is_current(con)
    finally:
        con.close()
    if not current:  # missing or stale: take the write lock once to rebuild it
        writer = store.connect(args.warehouse)
        try:
            search.refresh_index(writer)
        finally:
            writer.close()
    con = _reader(args.warehouse)
    try:
        found = search.search_articles(con, args.query, args.limit)
    finally:
        con.close()
    out = _out()
    if found.empty:
        out.print(f"no article holds every word of {args.query!r}", markup=False, highlight=False)
    for rank, hit in enumerate(found.itertuples(index=False), start=1):
        published = "no date" if pd.isna(hit.published_at) else f"{hit.published_at:%Y-%m-%d}"
        title = "" if pd.isna(hit.title) else _shorten(hit.title, _TITLE_WIDTH)
        out.print(f"{rank}. {hit.article_id}  score {hit.score:.3f}\n   {hit.path}  {published}\n"
                  f"   {title}\n   {hit.snippet}\n", markup=False, highlight=False)
    return 0


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _export(args: argparse.Namespace) -> int:
    from warehouse.export import export_parquet

    if args.dir.exists() and not args.dir.is_dir():
        _err().print(f"[red]error:[/red] {args.dir} is a file, not a folder")
        return 2
    con = _reader(args.warehouse)
    try:
        written = export_parquet(con, args.dir)
    finally:
        con.close()
    table = Table(title=f"{len(written)} relations written to {args.dir}")
    for column in ("relation", "kind", "rows", "file"):
        table.add_column(column, justify="right" if column == "rows" else "left")
    for item in written:
        table.add_row(item.name, "view" if item.is_view else "table", str(item.rows), str(item.path))
    _out().print(table)
    return 0


def _report(args: argparse.Namespace) -> int:

    from warehouse.report import write_report

    if args.out.exists() and not args.out.is_dir():
        _err().print(f"[red]error:[/red] {args.out} is a file, not a folder")
        return 2
    con = _reader(args.warehouse)
    try:
        written = write_report(con, args.out)
    except duckdb.Error as exc:  # e.g. a warehouse not yet migrated to the fact views
        _err().print(f"[red]report failed:[/red] {exc}")
        return 1
    finally:
        con.close()
    _out().print("\n".join(str(path) for path in written))
    return 0


def _print_summary(run: dict) -> None:
    _out().print(
        f"run {run['run_id']} {run['status']}\n"
        f"files: {run['files_new']} new, {run['files_changed']} changed, {run['files_unchanged']} unchanged, "
        f"{run['files_deleted']} deleted, {run['files_errored']} errored\n"
        f"rows: {run['articles_landed']} articles, {run['mentions_landed']} of {run['mentions_extracted']} "
        f"mentions landed, {run.get('facts_landed', 0)} of {run.get('facts_extracted', 0)} facts landed, "
        f"{run['rows_rejected']} rejected"
    )


def _print_frame(frame, title: str | None = None) -> None:
    table = Table(title=title)
    for column in frame.columns:
        table.add_column(str(column))
    for row in frame.itertuples(index=False):
        table.add_row(*("" if value is None else str(value) for value in row))
    _out().print(table)


if __name__ == "__main__":
    raise SystemExit(main())
