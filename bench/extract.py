"""Benchmark the extraction contract: words per second of `python -m extractors --jsonl`.

The dev gold corpus is repeated until it holds at least ``--words`` words, fed on stdin in one
process, and timed end to end (start-up included), as the contract is used.

    .venv/bin/python bench/extract.py --words 200000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev.gold.jsonl"


def build_input(min_words: int) -> tuple[bytes, int, int]:
    """JSONL input of the dev cases repeated to ``min_words``; returns (bytes, cases, words)."""
    cases = [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]
    lines, words, i = [], 0, 0
    while words < min_words:
        case = cases[i % len(cases)]
        lines.append(json.dumps({"id": f"{i}", "text": case["text"], "lang": case.get("lang"), "date": case.get("date")}))
        words += len(case["text"].split())
        i += 1
    return ("\n".join(lines) + "\n").encode("utf-8"), len(lines), words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=200_000)
    args = parser.parse_args()
    payload, n_cases, n_words = build_input(args.words)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractors", "--jsonl"], input=payload, cwd=ROOT,
                   stdout=subprocess.DEVNULL, check=True)
    seconds = time.perf_counter() - start
    print(f"{n_cases} cases, {n_words} words in {seconds:.1f} s: {n_words / seconds:,.0f} words/s")


if __name__ == "__main__":
    main()
