"""Benchmark `cifras run`: wall time, files/s, words/s and peak memory for corpora of growing size.

Each size runs twice on a fresh warehouse: the first run ingests everything, the second finds
nothing changed. Results print as a Markdown table (paste into docs/benchmarks.md).

    .venv/bin/python bench/pipeline.py --sizes 10 100 1000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

CIFRAS = Path(sys.executable).parent / "cifras"


def _timed_run(raw: Path, database: Path, *options: str) -> tuple[float, float]:
    """(seconds, peak RSS in MiB of its largest process) of one `cifras run` in a child process."""
    script = (
        "import resource, subprocess, sys; "
        "rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, str(CIFRAS), "run", "--raw", str(raw), "--warehouse", str(database),
         *options],
        capture_output=True, text=True, check=True,
    )
    return time.perf_counter() - start, int(done.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args()
    print("| files | words | first run (s) | files/s | words/s | peak RSS (MiB) | re-run, nothing changed (s) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw"
            files = generate(raw, size)
            words = sum(len(p.read_bytes().split()) for p in files)
            database = Path(tmp) / "bench.duckdb"
            home = ("--dagster-home", str(Path(tmp) / "dagster_home"))  # not the repository's dagster_home/
            seconds, rss = _timed_run(raw, database, *home)
            again, _ = _timed_run(raw, database, *home)
            print(f"| {size} | {words} | {seconds:.1f} | {size / seconds:.1f} | {words / seconds:,.0f} | {rss:.0f} | {again:.1f} |")


if __name__ == "__main__":
    main()
