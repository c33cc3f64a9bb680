"""The fastest any spaCy-based ``python -m extractors --jsonl`` could be on this machine.

Times, in a fresh interpreter, what every such process must do before any rule runs: import spaCy
and tokenise the benchmark input with blank ``en``/``es`` pipelines (no components, no output).
Words per second over that time is an upper bound for the contract command on the same input, and
``--peer-rate`` (Recognizers-Text's words/s from ``bench/extract.py``) turns it into the best
ratio reachable.

    .venv/bin/python bench/bound.py --words 200000 --peer-rate 3624
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract import build_input  # noqa: E402

CHILD = """
import json, sys, time
start = time.perf_counter()
import spacy
imported = time.perf_counter()
nlps = {lang: spacy.blank(lang) for lang in ("en", "es")}
built = time.perf_counter()
for line in sys.stdin.buffer.read().decode("utf-8").splitlines():
    case = json.loads(line)
    nlps[case["lang"]].make_doc(case["text"])
done = time.perf_counter()
print(json.dumps({"import": imported - start, "build": built - imported, "tokenise": done - built}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--peer-rate", type=float, help="Recognizers-Text words/s measured by bench/extract.py")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest is reported")
    args = parser.parse_args()
    payload, n_cases, n_words = build_input(args.words)
    runs = []
    for _ in range(args.repeat):
        result = subprocess.run([sys.executable, "-c", CHILD], input=payload, capture_output=True, check=True)
        runs.append(json.loads(result.stdout))
    best = min(runs, key=lambda r: sum(r.values()))
    total = sum(best.values())
    print(f"input: {n_cases} cases, {n_words} words (dev corpus repeated)")
    print(f"import spaCy {best['import']:.2f} s, blank pipelines {best['build']:.2f} s, tokenise {best['tokenise']:.2f} s")
    print(f"tokeniser alone: {n_words / best['tokenise']:,.0f} words/s; bound with start-up: {n_words / total:,.0f} words/s")
    if args.peer_rate:
        print(f"best reachable ratio to Recognizers-Text: {n_words / total / args.peer_rate:,.1f}x")


if __name__ == "__main__":
    main()
