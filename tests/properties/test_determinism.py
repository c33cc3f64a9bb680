"""The contract output is byte-identical across processes and hash seeds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def contract_output(cases: bytes, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "extractors", "--jsonl", "--facts"], input=cases, cwd=ROOT,
                          env=env, capture_output=True, check=True)
    return done.stdout


def test_same_input_same_bytes_across_hash_seeds():
    lines = [json.dumps({"id": path.name, "text": path.read_text("utf-8"), "lang": None})
             for path in sorted((ROOT / "raw").glob("0*_*.txt"))]
    cases = ("\n".join(lines) + "\n").encode("utf-8")
    first = contract_output(cases, "0")
    assert first.count(b"\n") == len(lines)
    assert contract_output(cases, "12345") == first
    assert contract_output(cases, "random") == first
