"""Benchmark main-text extraction on real web pages (../shared/benchmarks/web-articles/).

Every page goes through cifras's own reader, ``parse_document(bytes, ".html").body`` (what ingestion
lands), and, unless ``--no-peer``, through trafilatura with its defaults, in the same run. Each
writes a predictions file (``bench/out/web-<extractor>.json``) that the benchmark's scorer reads;
the scorer's line and pages/s (reading, parsing and extraction, not gunzip) print per extractor.

    .venv/bin/python bench/web_articles.py [--worst 10] [--no-peer]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARK = ROOT.parent / "shared" / "benchmarks" / "web-articles"
SCORER = ROOT.parent / "shared" / "tools" / "web_score.py"
OUT = ROOT / "bench" / "out"


def cifras_body(data: bytes) -> str:
    from extractors.documents import DocumentError, parse_document

    try:
        return parse_document(data, ".html").body
    except DocumentError:
        return ""


def trafilatura_body(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data.decode("utf-8", "replace")) or ""


def run(name: str, extract: Callable[[bytes], str], pages: dict[str, bytes], worst: int) -> None:
    extract(next(iter(pages.values())))  # imports and caches are start-up, not per-page work
    started = time.perf_counter()
    predictions = {page_id: {"articleBody": extract(data)} for page_id, data in pages.items()}
    seconds = time.perf_counter() - started
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"web-{name}.json"
    path.write_text(json.dumps(predictions, ensure_ascii=False), "utf-8")
    score = subprocess.run([sys.executable, str(SCORER), str(BENCHMARK / "truth.json"), str(path),
                            "--worst", str(worst)], capture_output=True, text=True, check=True).stdout
    print(f"{name}: {len(pages) / seconds:.1f} pages/s\n{score}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=0, help="list the N pages of lowest F1")
    parser.add_argument("--no-peer", action="store_true", help="skip trafilatura")
    args = parser.parse_args()
    truth = json.loads((BENCHMARK / "truth.json").read_text("utf-8"))
    pages = {page_id: gzip.decompress((BENCHMARK / "pages" / f"{page_id}.html.gz").read_bytes()) for page_id in truth}
    run("cifras", cifras_body, pages, args.worst)
    if not args.no_peer:
        run("trafilatura", trafilatura_body, pages, args.worst)


if __name__ == "__main__":
    main()
