"""Benchmark the extraction contract against Recognizers-Text, in the same run.

The dev gold corpus is repeated until it holds at least ``--words`` words and fed on stdin to
``python -m extractors --jsonl`` (one process, start-up included, as the contract is used) and,
unless ``--no-peer``, to Microsoft Recognizers-Text's currency and percentage models
(``recognizers-text-number-with-unit==1.0.2a2`` with ``emoji<1.0``), installed on first use in
the benchmark's own environment ``bench/.venv-recognizers``, never in the project's.

    .venv/bin/python bench/extract.py --words 200000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev.gold.jsonl"
PEER_ENV = ROOT / "bench" / ".venv-recognizers"
PEER_PACKAGES = ["recognizers-text-number-with-unit==1.0.2a2", "emoji<1.0"]


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


def peer_python() -> Path:
    """The benchmark environment's interpreter, created with the peer installed if missing."""
    python = PEER_ENV / "bin" / "python"
    if not python.exists():
        venv.create(PEER_ENV, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return python


def timed(command: list[str], payload: bytes) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=payload, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--no-peer", action="store_true", help="time cifras only")
    args = parser.parse_args()
    payload, n_cases, n_words = build_input(args.words)
    ours = n_words / timed([sys.executable, "-m", "extractors", "--jsonl"], payload)
    print(f"input: {n_cases} cases, {n_words} words (dev corpus repeated)")
    print("| extractor | words/s |\n|---|---:|")
    print(f"| cifras (`python -m extractors --jsonl`) | {ours:,.0f} |")
    if not args.no_peer:
        runner = str(ROOT / "bench" / "recognizers_runner.py")
        theirs = n_words / timed([str(peer_python()), runner], payload)
        print(f"| Recognizers-Text 1.0.2a2 (currency + percentage) | {theirs:,.0f} |")
        print(f"\nratio: cifras is {ours / theirs:,.1f}x Recognizers-Text")


if __name__ == "__main__":
    main()
