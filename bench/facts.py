"""Benchmark fact linking: what ``--facts`` adds to the contract command, and that it stays linear.

1. The dev, dev2 and dev3 gold cases repeated ``--repeat`` times are fed on stdin to
   ``python -m extractors --jsonl`` with and without ``--facts`` (one process each, start-up included,
   best of ``--runs``).
2. In process, one article's text repeated 1, 4, 16 and 64 times is linked alone (the pipeline run
   excluded): time per token should stay flat as the document grows.

    .venv/bin/python bench/facts.py --repeat 10
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ["dev.gold.jsonl", "dev2.gold.jsonl", "dev3.gold.jsonl"]


def build_input(repeat: int) -> tuple[bytes, int, int]:
    """JSONL input of the dev gold cases repeated ``repeat`` times; returns (bytes, cases, words)."""
    cases = [json.loads(line) for name in GOLD for line in (CORPUS / name).read_text("utf-8").splitlines() if line.strip()]
    lines = [json.dumps({"id": f"{r}-{i}", "text": c["text"], "lang": c.get("lang"), "date": c.get("date")})
             for r in range(repeat) for i, c in enumerate(cases)]
    words = repeat * sum(len(c["text"].split()) for c in cases)
    return ("\n".join(lines) + "\n").encode("utf-8"), len(lines), words


def timed(command: list[str], payload: bytes, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=payload, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def linearity(factors: list[int]) -> list[tuple[int, int, int, float]]:
    """(factor, tokens, facts, microseconds per token) of linking one dev article repeated ``factor`` times."""
    from extractors.facts import link_facts
    from extractors.nlp import _mentions, get_pipeline, normalise_spaces

    case = max((json.loads(line) for line in (CORPUS / GOLD[0]).read_text("utf-8").splitlines() if line.strip()),
               key=lambda c: len(c["text"]))
    rows = []
    for factor in factors:
        text = normalise_spaces("\n\n".join([case["text"]] * factor))
        doc = get_pipeline(case["lang"])(text)
        mentions = _mentions(doc, text)
        link_facts(doc, mentions, case["lang"], None, text)  # warm the cue and grammar caches
        start = time.perf_counter()
        facts = link_facts(doc, mentions, case["lang"], None, text)
        rows.append((factor, len(doc), len(facts), (time.perf_counter() - start) / len(doc) * 1e6))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16, 64])
    args = parser.parse_args()
    payload, n_cases, n_words = build_input(args.repeat)
    command = [sys.executable, "-m", "extractors", "--jsonl"]
    without = timed(command, payload, args.runs)
    with_facts = timed([*command, "--facts"], payload, args.runs)
    print(f"input: {n_cases} cases, {n_words} words (dev, dev2, dev3 repeated {args.repeat}x)")
    print("| command | seconds | words/s |\n|---|---:|---:|")
    print(f"| `python -m extractors --jsonl` | {without:.2f} | {n_words / without:,.0f} |")
    print(f"| `python -m extractors --jsonl --facts` | {with_facts:.2f} | {n_words / with_facts:,.0f} |")
    print(f"\n--facts adds {100 * (with_facts / without - 1):.0f}% (start-up included)\n")
    print("| article repeated | tokens | facts | µs per token |\n|---:|---:|---:|---:|")
    for factor, tokens, facts, per_token in linearity(args.factors):
        print(f"| {factor}x | {tokens:,} | {facts:,} | {per_token:.1f} |")


if __name__ == "__main__":
    main()
