"""Scale benchmark (issue 14): what a warehouse of N generated articles costs, for growing N, in one run.

For each size N, on a fresh warehouse and a raw/ folder of N distinct articles from ``articles.py``:

- the cold ``cifras run`` (wall time, ms per article, words/s, peak RSS of its largest process), with the
  executor ``--executor`` names (``multiprocess`` runs the extraction's shards side by side);
- the run again with nothing changed, and the run after one new article is added (wall time);
- one tick of the raw/ sensor over the N unchanged files (real Dagster sensor context, median of 3);
- every view (``warehouse.audit.VIEWS``) read whole, median of 3; the slowest is named;
- the near-duplicate pairs linked (the generator's articles should give none);
- the contract command ``python -m extractors --jsonl --facts`` as a whole process over the N bodies.

It prints a Markdown table (for docs/benchmarks.md) and draws the cost per article and the peak memory
against N into ``--chart`` (PNG).

    .venv/bin/python bench/run.py --sizes 1000 2000 5000 --chart docs/bench-run.png
    .venv/bin/python bench/run.py --sizes 1000 10000 --executor multiprocess --workers 2
    .venv/bin/python bench/run.py --sizes 1000 --lake "host=/tmp/pg port=5439 user=cifras dbname=postgres"

``--lake`` measures a DuckLake warehouse (``warehouse.lake``) with its catalog in a new database on that
PostgreSQL server (``.ci/postgres start DIR`` starts one from the OS packages).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from articles import generate  # noqa: E402
from pipeline import CIFRAS, _timed_run  # noqa: E402

REPEATS = 3


def _median_seconds(action) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sensor_tick(database: Path, raw: Path) -> float:
    import dagster as dg

    from pipelines.definitions import defs
    from pipelines.defs.resources import WarehouseResource
    from pipelines.defs.sensors import raw_files_sensor

    warehouse = WarehouseResource(path=str(database), raw_dir=str(raw))
    with dg.instance_for_test() as instance:
        def tick() -> None:
            with dg.build_sensor_context(instance=instance, resources={"warehouse": warehouse},
                                         definitions=defs) as context:
                result = raw_files_sensor(context)
            assert isinstance(result, dg.SkipReason), result
        return _median_seconds(tick)


def view_times(database: Path) -> dict[str, float]:
    from warehouse import audit, store

    con = store.connect(database, read_only=True)
    try:
        return {view: _median_seconds(lambda view=view: con.execute(f"select count(*) from (select * from {view})").fetchall())
                for view in audit.VIEWS}
    finally:
        con.close()


def near_duplicate_pairs(database: Path) -> int:
    from warehouse import store

    con = store.connect(database, read_only=True)
    try:
        return con.execute("select count(*) from near_duplicates").fetchone()[0]
    finally:
        con.close()


def contract_rate(files: list[Path]) -> tuple[int, float]:
    """(words, words/s) of the contract command with --facts as a whole process over the articles' bodies."""
    from extractors.documents import parse_document

    lines, words = [], 0
    for path in files:
        article = parse_document(path.read_bytes(), path.suffix)
        words += len(article.body.split())
        date = article.published_at.isoformat() if article.published_at else None
        lines.append(json.dumps({"id": path.name, "text": article.body, "lang": article.lang, "date": date}))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractors", "--jsonl", "--facts"], input="\n".join(lines) + "\n",
                   text=True, capture_output=True, check=True)
    return words, words / (time.perf_counter() - start)


_STEP_DONE = re.compile(r' - ([\w.\[\]]+) - STEP_SUCCESS - Finished execution of step "[^"]*" in ([\d.]+)(ms|s)\b')


def step_seconds(raw: Path, database: Path, options: list[str]) -> dict[str, float]:
    """Each step's own time (Dagster's STEP_SUCCESS durations, DEBUG lines) in one `cifras run -vv`."""
    done = subprocess.run([str(CIFRAS), "run", "--raw", str(raw), "--warehouse", str(database), "-vv", *options],
                          capture_output=True, text=True, check=True)
    return {m.group(1): float(m.group(2)) / (1000 if m.group(3) == "ms" else 1)
            for m in _STEP_DONE.finditer(done.stderr)}


@contextmanager
def warehouse_in(folder: Path, lake_server: str | None) -> Iterator[Path]:
    """A DuckDB file in ``folder``, or a DuckLake descriptor whose catalog is a new database on ``lake_server``
    (dropped afterwards) and whose data files are in ``folder``."""
    if lake_server is None:
        yield folder / "w.duckdb"
        return
    import psycopg
    from psycopg.conninfo import make_conninfo

    name = f"cifras_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(lake_server, autocommit=True) as server:
        server.execute(f'create database "{name}"')
    descriptor = folder / "lake.toml"
    descriptor.write_text(f'catalog = "postgres:{make_conninfo(lake_server, dbname=name)}"\ndata_path = "data/"\n')
    try:
        yield descriptor
    finally:
        with psycopg.connect(lake_server, autocommit=True) as server:
            server.execute(f'drop database if exists "{name}" with (force)')


def measure(size: int, options: list[str], lake_server: str | None = None) -> dict:
    with tempfile.TemporaryDirectory() as folder, warehouse_in(Path(folder), lake_server) as database:
        raw = Path(folder) / "raw"
        options = [*options, "--dagster-home", str(Path(folder) / "dagster_home")]  # runs recorded, as by default
        files = generate(raw, size)
        cold, rss = _timed_run(raw, database, *options)
        unchanged, _ = _timed_run(raw, database, *options)
        generate(raw, 1, start=size)
        one_new, _ = _timed_run(raw, database, *options)
        generate(raw, 1, start=size + 1)  # a second new article, for the steps' own times
        steps = step_seconds(raw, database, options)
        views = view_times(database)
        slowest = max(views, key=views.get)
        words, rate = contract_rate(files)
        return {
            "articles": size, "words": words, "cold_s": cold, "ms_per_article": cold / size * 1000,
            "words_per_s": words / cold, "rss_mib": rss, "unchanged_s": unchanged, "one_new_s": one_new,
            "sensor_s": sensor_tick(database, raw), "fact_consensus_ms": views["fact_consensus"] * 1000,
            "slowest_view": slowest, "slowest_view_ms": views[slowest] * 1000,
            "near_duplicate_pairs": near_duplicate_pairs(database), "contract_words_per_s": rate,
            "one_new_steps_s": sum(steps.values()), "one_new_top_steps": sorted(steps.items(), key=lambda kv: -kv[1])[:3],
        }


def chart(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["articles"] for r in results]
    figure, cost = plt.subplots(figsize=(7, 4))
    cost.plot(sizes, [r["ms_per_article"] for r in results], "o-", color="tab:blue", label="cold run, ms per article")
    cost.set_xlabel("articles in raw/")
    cost.set_ylabel("ms per article (cold run)", color="tab:blue")
    cost.set_ylim(bottom=0)
    memory = cost.twinx()
    memory.plot(sizes, [r["rss_mib"] for r in results], "s--", color="tab:red", label="peak RSS")
    memory.set_ylabel("peak RSS of cifras run (MiB)", color="tab:red")
    memory.set_ylim(bottom=0)
    cost.set_title("cifras run: cost per article and peak memory against corpus size")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 2_000, 5_000])
    parser.add_argument("--chart", type=Path, help="write the cost and memory chart here (PNG)")
    parser.add_argument("--executor", choices=["in_process", "multiprocess", "dask"], default="in_process",
                        help="`cifras run --executor` (the extraction's shards run in parallel on the last two)")
    parser.add_argument("--workers", type=int, default=2, help="`cifras run --workers` (default 2)")
    parser.add_argument("--shards", type=int, default=None, help="`cifras run --shards` (default: cifras's)")
    parser.add_argument("--lake", metavar="POSTGRES", default=None,
                        help="measure a DuckLake warehouse whose catalog is a new database on this PostgreSQL server "
                             "(a libpq string, e.g. 'host=/tmp/pg port=5439 user=cifras dbname=postgres')")
    args = parser.parse_args()
    options = ["--executor", args.executor, "--workers", str(args.workers)]
    options += ["--shards", str(args.shards)] if args.shards else []
    results = []
    print("| articles | words | cold run | ms/article | words/s | peak RSS | re-run, unchanged | one new article "
          "| its steps | sensor tick | fact_consensus | slowest view | near-dup pairs | contract --facts |")
    print("|" + "---:|" * 14)
    for size in args.sizes:
        r = measure(size, options, args.lake)
        results.append(r)
        print(f"| {r['articles']:,} | {r['words']:,} | {r['cold_s']:.1f} s | {r['ms_per_article']:.1f} | "
              f"{r['words_per_s']:,.0f} | {r['rss_mib']:.0f} MiB | {r['unchanged_s']:.1f} s | {r['one_new_s']:.1f} s | "
              f"{r['one_new_steps_s']:.2f} s | "
              f"{r['sensor_s'] * 1000:.0f} ms | {r['fact_consensus_ms']:.0f} ms | {r['slowest_view']} "
              f"{r['slowest_view_ms']:.0f} ms | {r['near_duplicate_pairs']} | {r['contract_words_per_s']:,.0f} w/s |",
              flush=True)
    for r in results:
        print(f"{r['articles']:,} articles, one new article, slowest steps: "
              + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in r["one_new_top_steps"]))
    if args.chart:
        chart(results, args.chart)
        print(f"chart: {args.chart}")


if __name__ == "__main__":
    main()
