"""The `cifras` command: run the Dagster job, extract one file, query, search, export and report
on the warehouse, show status.

Thin: parses arguments and prints; the work is in pipelines.batch, extractors and warehouse.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from warehouse import audit, lake, store

_PIPE_WIDTH = 240  # wide enough that piped tables keep one line per row
_TITLE_WIDTH = 120


def _out() -> Console:
    return Console(soft_wrap=True, width=None if sys.stdout.isatty() else _PIPE_WIDTH)


def _err() -> Console:
    return Console(stderr=True, soft_wrap=True)  # an error is one line, however long


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cifras` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (FileNotFoundError, PermissionError, IsADirectoryError, store.WarehouseBusy, lake.LakeConfigError,
            _UsageError) as exc:
        _err().print(f"[red]error:[/red] {exc}")
        return 2
    except DagsterInstanceError as exc:
        _err().print(f"[red]error:[/red] {escape(str(exc))}")
        return 1
    except (duckdb.Error, store.WarehouseUnwritable, lake.CatalogUnreachable) as exc:  # cannot be used at all: one line
        _err().print(f"[red]error:[/red] the warehouse cannot be used: {str(exc).strip().splitlines()[0]}")
        return 1


DEFAULT_DAGSTER_HOME = Path("dagster_home")  # the project's instance (dagster_home/dagster.yaml), as the README's UI


class DagsterInstanceError(RuntimeError):
    """Dagster's instance could not record a run (its storage refused a write): exit 1."""


class _UsageError(ValueError):
    """A command given what it cannot take (a folder for a file, two sources of SQL): exit 2."""


EXIT_CODES = """exit codes:
  0  done (a run that recorded some files as errors still succeeded: see `cifras status`)
  1  failed: the run failed and its batch was rolled back, a query failed, the warehouse cannot be written
  2  not started: a usage error, a missing file, folder or warehouse, or a warehouse busy with another run"""


class _VersionAction(argparse.Action):
    """``--version``, worked out only when asked (it imports the extractor)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(_version())
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    import extractors

    try:
        own = version("cifras")
    except PackageNotFoundError:  # run from a source tree that is not installed
        own = "unknown"
    return (f"cifras {own} (extractor {extractors.__version__}, DuckDB {duckdb.__version__}, "
            f"Dagster {_package_version('dagster')}, spaCy {_package_version('spacy')})")


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


WAREHOUSE_HELP = ("DuckDB file, or a .toml DuckLake descriptor (docs/scaling.md); default $CIFRAS_WAREHOUSE or "
                  "warehouse/cifras.duckdb")


def _command(sub, name: str, summary: str, description: str, examples: str, func, *, warehouse: bool = True):
    """A subcommand running ``func``, with a one-line summary (in `cifras --help`), a description, examples and the
    exit codes (in its --help), and the ``--warehouse`` option unless ``warehouse`` is false."""
    command = sub.add_parser(name, help=summary, description=description,
                             epilog=f"examples:\n{examples}\n\n{EXIT_CODES}",
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    if warehouse:
        command.add_argument("--warehouse", default=None, help=WAREHOUSE_HELP)
    command.set_defaults(func=func)
    return command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cifras", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Economic news to analytical tables: articles in raw/ become money, percentages, entities and "
                    "fact frames in a DuckDB warehouse you query with SQL.",
        epilog="examples:\n  cifras run\n  cifras query \"select * from latest_facts limit 5\"\n"
               "  cifras search \"cobre China\"\n  cifras COMMAND --help\n\n" + EXIT_CODES)
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="print the versions of cifras, its extractor, DuckDB, Dagster and spaCy, and exit")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    run = _command(
        sub, "run", "ingest raw/ into the warehouse (the Dagster ingest job)",
        "Read the new, changed and deleted files of raw/, extract and validate their figures, and land them in the "
        "warehouse, one transaction per batch. Unchanged files are skipped; a file that cannot be read is recorded "
        "in ingest_errors and the rest still lands. Progress goes to stderr (a bar on a terminal, a line every few "
        "seconds otherwise), the summary to stdout.",
        "  cifras run\n  cifras run --raw ~/news --warehouse ~/cifras.duckdb\n"
        "  cifras run --dry-run\n  cifras run --executor multiprocess --workers 2 -q", _run)
    run.add_argument("--raw", default=None, help="folder of articles (default $CIFRAS_RAW or raw)")
    run.add_argument("--max-bytes", type=int, default=None, metavar="N",
                     help="size cap per file in bytes; larger files are refused unread (default 20 MiB)")
    noise = run.add_mutually_exclusive_group()
    noise.add_argument("-v", "--verbose", action="count", default=0,
                       help="also print Dagster's event log: steps and materializations (-vv: every DEBUG line)")
    noise.add_argument("-q", "--quiet", action="store_true",
                       help="print nothing but errors: no progress, no summary (the exit code tells the outcome)")
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
    run.add_argument("--dagster-home", type=Path, default=None, metavar="DIR",
                     help="the Dagster instance that records the run, so `dg dev` on the same folder shows it "
                          "(default $DAGSTER_HOME, else the project's dagster_home/ when the current folder has one, "
                          "else a throw-away instance)")
    run.add_argument("--dry-run", action="store_true",
                     help="print what the run would do (new, changed, deleted files) and write nothing")

    extract = _command(
        sub, "extract", "print the mentions of one article file",
        "Read one article file as ingestion reads it (plain text, HTML, Markdown with front matter; any encoding) "
        "and print the money, percentage and entity mentions found in it. Nothing is written.",
        "  cifras extract raw/000_3bbd76d7b4e29464.txt\n  cifras extract page.html --lang es --jsonl",
        _extract, warehouse=False)
    extract.add_argument("file", type=Path, help="the article file (not a folder)")
    extract.add_argument("--lang", choices=["en", "es"], default=None,
                         help="the article's language (default: detected)")
    extract.add_argument("--jsonl", action="store_true", help="one JSON line, as the extraction contract")

    query = _command(
        sub, "query", "run read-only SQL against the warehouse",
        "Run SQL on the warehouse, read only, and print each statement's result in order, every value exactly as "
        "DuckDB has it (DECIMAL with its scale, DATE as a date, NULL as NULL). While a run writes, the last "
        "completed run's snapshot is read (said on stderr). Tables and views: warehouse/README.md.",
        "  cifras query \"select * from latest_facts where metric = 'exports' limit 5\"\n"
        "  cifras query --csv \"select * from fact_consensus\" > consensus.csv\n"
        "  cifras query -f questions.sql\n  echo \"select count(*) from articles\" | cifras query --json", _query)
    query.add_argument("sql", nargs="?", default=None,
                       help="one or more statements, separated by ';' (each result is printed in order)")
    query.add_argument("-f", "--file", type=Path, default=None, metavar="FILE",
                       help="read the SQL from FILE ('-': standard input); piped SQL is read without -f too")
    fmt = query.add_mutually_exclusive_group()
    fmt.add_argument("--csv", action="store_true", help="CSV with a header line; NULL is an empty field")
    fmt.add_argument("--json", action="store_true",
                     help="JSON Lines, one object per row (numbers as numbers, dates as ISO strings, NULL as null)")

    explain = _command(
        sub, "explain", "the articles and sentences behind a fact_consensus row or a fact",
        "Print a fact frame as fact_consensus agrees it, then every fact behind it: the article's title, date and "
        "path, the fact's figures, and the sentence it was read from with the figure marked. Give a "
        "consensus_id (fact_consensus, fact_sources) or a fact as ARTICLE_ID:FACT_ID (an article id prefix of at "
        "least 6 digits will do).",
        "  cifras explain 8ac711c3dbcd08cd\n  cifras explain 2b4396f1:1\n"
        "  cifras query \"select consensus_id, metric, period_start, value from fact_consensus limit 5\"", _explain)
    explain.add_argument("id", help="a consensus_id (16 hex digits) or ARTICLE_ID:FACT_ID")

    status = _command(
        sub, "status", "row counts, the last run and the latest errors",
        "Print the row count of every table, the last run's counts and the latest files that could not be read.",
        "  cifras status\n  cifras status --warehouse warehouse/lake.toml", _status)

    search_cmd = _command(
        sub, "search", "full-text search over the articles, best first",
        "Find the articles whose title and text hold every word of the query (BM25 ranking; accents and "
        "inflections optional), with the passage that matched.",
        "  cifras search \"cacao Junín\"\n  cifras search exportaciones --limit 3", _search)
    search_cmd.add_argument("query", help='words that must all occur, e.g. "cacao Junín" (accents optional)')
    search_cmd.add_argument("--limit", type=int, default=10, metavar="N", help="most articles to print (default 10)")

    export = _command(
        sub, "export", "write every table and view as DIR/<name>.parquet",
        "Write each table and view of the warehouse to a Parquet file of its own, for pandas, Polars, Spark or "
        "a BI tool.",
        "  cifras export out/\n  cifras export /data/cifras --warehouse warehouse/lake.toml", _export)
    export.add_argument("dir", type=Path, help="the folder to write (created when missing; not a file)")

    docs = _command(
        sub, "docs", "write (or serve) an HTML catalogue of every table and view",
        "Write DIR/index.html: every table and view of the warehouse with its grain, description, columns (type, "
        "NULL or not, comment), row count, lineage (the Dagster asset that writes it, what it reads, what reads "
        "it) and the example queries that use it, from the warehouse's own comments and warehouse/README.md. "
        "With --serve, also serve it on localhost until Ctrl-C.",
        "  cifras docs\n  cifras docs --out /tmp/catalogue --serve --port 8765\n  xdg-open catalogue/index.html",
        _docs)
    docs.add_argument("--out", type=Path, default=Path("catalogue"), metavar="DIR",
                      help="folder to write index.html into (default catalogue)")
    docs.add_argument("--serve", action="store_true", help="serve the folder on http://127.0.0.1:PORT/ until Ctrl-C")
    docs.add_argument("--port", type=int, default=8765, help="the port --serve listens on (default 8765)")

    report = _command(
        sub, "report", "write an HTML report with charts (report.html and PNGs)",
        "Write a self-contained HTML report of the warehouse: exports by partner, product and region, the fastest "
        "growing products, and the figures that articles disagree on.",
        "  cifras report\n  cifras report --out /tmp/cifras-report", _report)
    report.add_argument("--out", type=Path, default=Path("report"), help="folder to write (default report)")
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


class _ProgressLines(logging.Handler):
    """`cifras.progress` records as plain lines on stderr when it is not a terminal (a log file, CI): a step's
    first record, then at most one line every ``every`` seconds, and its last, with the rate and the time left."""

    def __init__(self, stream, every: float = 5.0, clock=None) -> None:
        super().__init__()
        import time

        self.stream, self.every, self.clock = stream, every, clock or time.monotonic
        self.started: dict[str, tuple[float, int]] = {}
        self.printed: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        step, done, total = getattr(record, "step", None), getattr(record, "done", 0), getattr(record, "total", 0)
        if step is None:
            if record.levelno >= logging.WARNING:
                self.stream.write(f"{record.getMessage()}\n")
            return
        now = self.clock()
        start, start_done = self.started.setdefault(step, (now, done))
        last = self.printed.get(step)
        if last is not None and done < total and now - last < self.every:
            return
        self.printed[step] = now
        elapsed = now - start
        rate = (done - start_done) / elapsed if elapsed > 0 else 0.0
        line = f"{step}: {done:,}/{total:,}"
        if total:
            line += f" ({done / total:.0%})"
        if rate > 0:
            line += f", {rate:,.1f}/s"
            if done < total:
                line += f", about {_duration((total - done) / rate)} left"
        self.stream.write(line + "\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def _dagster_home(given: Path | None) -> Path | None:
    """The Dagster instance a run is recorded in: ``--dagster-home`` (created when missing), else
    ``$DAGSTER_HOME``, else the project's ``dagster_home/`` when the current folder has one (its dagster.yaml);
    None: a throw-away instance (a run from outside a project)."""
    if given is None:
        if os.environ.get("DAGSTER_HOME"):
            return Path(os.environ["DAGSTER_HOME"]).resolve()
        project = DEFAULT_DAGSTER_HOME.resolve()
        return project if (project / "dagster.yaml").is_file() else None
    home = given.resolve()
    if home.exists() and not home.is_dir():
        raise _UsageError(f"{home} is a file: --dagster-home takes a folder")
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():  # Dagster prints a banner for a folder without one
        (home / "dagster.yaml").write_text("# written by `cifras run`\ntelemetry:\n  enabled: false\n", "utf-8")
    return home


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
    home = _dagster_home(args.dagster_home)
    if home is not None:
        os.environ["DAGSTER_HOME"] = str(home)  # the UI's instance: the run and its materializations show there
    if args.shards is not None:  # the shard steps are part of the job's shape: set before the definitions load
        os.environ["CIFRAS_SHARDS"] = str(args.shards)
    for option in ("max_bytes", "max_retract_share", "seconds_per_file"):
        if getattr(args, option) is not None:
            config[option] = getattr(args, option)
    logger = logging.getLogger("cifras.progress")
    err = _err()
    with Progress(console=err, transient=True, disable=args.quiet or not err.is_terminal) as progress:
        handlers: list[logging.Handler] = []
        if args.verbose:  # every progress record as it is logged ("ingested 100/300 files"), beside Dagster's lines
            handlers.append(logging.StreamHandler(sys.stderr))
        elif not args.quiet:
            handlers.append(_ProgressHandler(progress) if err.is_terminal else _ProgressLines(sys.stderr))
        for handler in handlers:
            logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        try:
            outcome = run_ingest_job(config, verbosity=args.verbose, executor=args.executor, workers=args.workers)
        except Exception as exc:  # Dagster's own storage refused a write (a full disk): one line, not a traceback
            if not type(exc).__module__.startswith(("sqlalchemy", "sqlite3")) and not isinstance(exc, OSError):
                raise
            raise DagsterInstanceError(f"Dagster's instance ({os.environ.get('DAGSTER_HOME') or 'temporary'}) "
                                       f"cannot record the run: {str(exc).strip().splitlines()[0]}") from exc
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
    if not summary.empty and not args.quiet:
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

    if args.file.is_dir():
        raise _UsageError(f"{args.file} is a folder: give one article file (`cifras run --raw {args.file}` reads "
                          "a whole folder)")
    if not args.file.exists():
        raise FileNotFoundError(f"no file at {args.file}")
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
    from warehouse import results

    sql = _query_text(args)
    if sql is None:
        _err().print("[red]error:[/red] no SQL: give it as an argument, with -f FILE, or on standard input")
        return 2
    if not sql.strip():
        _err().print("[red]error:[/red] the SQL is empty")
        return 2
    write = results.write_csv if args.csv else results.write_json if args.json else results.write_text
    con = _reader(args.warehouse)
    try:
        shown = 0
        for result in results.execute(con, sql):
            if result is None:
                continue
            if shown and not args.json:
                sys.stdout.write("\n")  # a blank line between two results (JSON Lines simply go on)
            write(result, sys.stdout)
            shown += 1
    except duckdb.Error as exc:
        sys.stdout.flush()
        _err().print(f"[red]query failed:[/red] {escape(str(exc))}", highlight=False)
        return 1
    finally:
        con.close()
    return 0


def _query_text(args: argparse.Namespace) -> str | None:
    """The SQL of `cifras query`: the argument, else the file of -f (``-`` is standard input), else standard input
    when it is not a terminal; None when there is none."""
    if args.sql is not None and args.file is not None:
        raise _UsageError("give the SQL either as an argument or with -f, not both")
    if args.sql is not None:
        return args.sql
    if args.file is not None:
        if str(args.file) == "-":
            return sys.stdin.read()
        if args.file.is_dir():
            raise _UsageError(f"{args.file} is a folder: -f takes a file of SQL")
        if not args.file.exists():
            raise FileNotFoundError(f"no SQL file at {args.file}")
        return args.file.read_text("utf-8")
    if not sys.stdin.isatty():
        return sys.stdin.read()
    return None


_CONSENSUS_ID = r"[0-9a-f]{16}"
_FACT_ID = r"([0-9a-f]{6,64}):(\d+)"


def _explain(args: argparse.Namespace) -> int:
    import re

    ident = args.id.strip().lower()
    con = _reader(args.warehouse)
    try:
        marked: tuple[str, int] | None = None
        if match := re.fullmatch(_FACT_ID, ident):
            frames = store.fetch_frame(con, "select_frames_of_fact",
                                       {"article_prefix": match[1], "fact_id": int(match[2])})
            if frames.empty:
                raise _UsageError(f"no fact {ident}: no article id starts with {match[1]} or it has no fact "
                                  f"{match[2]}")
            if frames["article_id"].nunique() > 1:
                raise _UsageError(f"{match[1]} starts {frames['article_id'].nunique()} article ids: give more digits")
            row = frames.iloc[0]
            if pd.isna(row["consensus_id"]):
                raise _UsageError(f"fact {ident} is in no fact_consensus row (a projection, or no period)")
            consensus_id, marked = row["consensus_id"], (row["article_id"], int(row["fact_id"]))
        elif re.fullmatch(_CONSENSUS_ID, ident):
            consensus_id = ident
        else:
            raise _UsageError(f"{args.id!r} is neither a consensus_id (16 hex digits) nor ARTICLE_ID:FACT_ID")
        frame = store.fetch_records(con, "select_consensus_row", {"consensus_id": consensus_id})
        if not frame:
            raise _UsageError(f"no fact_consensus row has the id {consensus_id}")
        sources = store.fetch_records(con, "select_fact_sources", {"consensus_id": consensus_id})
        spans = {(src["article_id"], src["fact_id"]): store.run(con, "select_mention_spans", {
            "article_id": src["article_id"], "mention_ids": src["mention_ids"]}).fetchall() for src in sources}
    finally:
        con.close()
    out = _out()
    _print_frame_header(out, frame[0])
    for number, src in enumerate(sources, start=1):
        published = "no date" if src["published_at"] is None else f"{src['published_at']:%Y-%m-%d}"
        pointer = "▶ " if marked == (src["article_id"], src["fact_id"]) else ""
        out.print(f"\n{pointer}{number}. {src['title'] or ''}", markup=False, highlight=False)
        out.print(f"   {published} · {src['path']} · fact {src['article_id'][:8]}:{src['fact_id']}"
                  f" · {_figures(src['value'], src['currency'], src['change_pct'], src['share_pct'])}", markup=False,
                  highlight=False)
        if src["evidence"] is not None:
            out.print("   ", _highlighted(src["evidence"], src["evidence_start"],
                                         spans[(src["article_id"], src["fact_id"])], out.is_terminal),
                      sep="", highlight=False)
    return 0


def _print_frame_header(out: Console, row: dict) -> None:
    subject = " → ".join(str(row[k]) for k in ("flow_of", "partner") if row[k] is not None)
    detail = " · ".join(str(row[k]) for k in ("sector", "product") if row[k] is not None)
    period = "no period" if row["period_start"] is None else (
        f"{row['period_start']:%Y-%m-%d} – {row['period_end']:%Y-%m-%d} ({row['period_kind']})")
    out.print(f"{row['metric']} · {subject}{' · ' + detail if detail else ''} · {period} · "
              f"consensus_id {row['consensus_id']}", markup=False, highlight=False)
    out.print(f"agreed: {_figures(row['value'], row['currency'], row['change_pct'], row['share_pct'])} · "
              f"{row['n_articles']} article(s), {row['n_facts']} fact(s) · "
              f"{'CONFLICT between articles' if row['conflict'] else 'no conflict'}", markup=False, highlight=False)


def _figures(value, currency, change_pct, share_pct) -> str:
    """'USD 2,370,000,000, change -33%': exact decimals, trailing zeros of the stored scale dropped."""
    parts = []
    if value is not None:
        parts.append(f"{currency or ''} {_exact(value)}".strip())
    if change_pct is not None:
        parts.append(f"change {_exact(change_pct)}%")
    if share_pct is not None:
        parts.append(f"share {_exact(share_pct)}%")
    return ", ".join(parts) or "no figure"


def _exact(number) -> str:
    from decimal import Decimal

    if not isinstance(number, Decimal):
        return str(number)
    text = format(number, ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _highlighted(evidence: str, offset: int, spans: list[tuple[int, int]], styled: bool):
    """The evidence sentence with the fact's mentions marked: reverse video on a terminal, «…» otherwise."""
    from rich.text import Text

    text, cursor = Text(), 0
    for start, end in spans:
        start, end = max(start - offset, cursor), min(end - offset, len(evidence))
        if start >= end:
            continue
        text.append(evidence[cursor:start])
        figure = evidence[start:end]
        text.append(figure if styled else f"«{figure}»", style="bold reverse" if styled else "")
        cursor = end
    text.append(evidence[cursor:])
    return text


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
    import re

    from warehouse import search

    if not re.search(r"\w", args.query):
        raise _UsageError(f"nothing to search for in {args.query!r}: give at least one word")
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


def _docs(args: argparse.Namespace) -> int:
    from warehouse import catalogue

    if args.out.exists() and not args.out.is_dir():
        raise _UsageError(f"{args.out} is a file, not a folder")
    con = _reader(args.warehouse)
    try:
        page = catalogue.write(con, args.out)
    finally:
        con.close()
    _out().print(f"wrote {page}", markup=False, highlight=False)
    if args.serve:
        _serve(args.out, args.port)
    return 0


def _serve(folder: Path, port: int) -> None:
    """Serve ``folder`` on localhost until interrupted."""
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        _err().print(f"serving http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


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
