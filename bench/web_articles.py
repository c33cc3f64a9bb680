"""Benchmark main-text extraction on real web pages (../shared/benchmarks/web-articles/).

Every page goes through cifras's own reader, ``parse_document(bytes, ".html").body`` (what ingestion
lands), and, unless ``--no-peer``, through trafilatura with its defaults, in the same run. Each
writes a predictions file (``bench/out/web-<extractor>.json``) that the benchmark's scorer reads;
the scorer's line and pages/s (reading, parsing and extraction, not gunzip) print per extractor.

    .venv/bin/python bench/web_articles.py [--worst 10] [--no-peer] [--large]

``--large`` also times the reader, each in a fresh process with its peak RSS, on generated pages of 1,000
to 130,000 paragraphs (up to 19 MB, under the 20 MB size cap) that no detector should slow down.
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


TITLES: dict[str, str] = {}  # body -> the headline it opens with, for the headline-less score


def cifras_body(data: bytes) -> str:
    from extractors.documents import DocumentError, parse_document

    try:
        article = parse_document(data, ".html")
    except DocumentError:
        return ""
    if article.title and article.body.startswith(f"{article.title}\n\n"):
        TITLES[article.body] = article.title
    return article.body


def without_headline(body: str) -> str:
    """The body less the headline it opens with (annotation guide §0 keeps it; the benchmark's truth does not)."""
    title = TITLES.get(body)
    return body[len(title) + 2:] if title else body


def trafilatura_body(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data.decode("utf-8", "replace")) or ""


def run(name: str, extract: Callable[[bytes], str], pages: dict[str, bytes], worst: int) -> dict[str, dict]:
    extract(next(iter(pages.values())))  # imports and caches are start-up, not per-page work
    started = time.perf_counter()
    predictions = {page_id: {"articleBody": extract(data)} for page_id, data in pages.items()}
    seconds = time.perf_counter() - started
    print(f"{name}: {len(pages) / seconds:.1f} pages/s\n{score(name, predictions, worst)}")
    return predictions


def score(name: str, predictions: dict[str, dict], worst: int = 0) -> str:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"web-{name}.json"
    path.write_text(json.dumps(predictions, ensure_ascii=False), "utf-8")
    return subprocess.run([sys.executable, str(SCORER), str(BENCHMARK / "truth.json"), str(path),
                           "--worst", str(worst)], capture_output=True, text=True, check=True).stdout


LARGE_CHILD = """
import resource, sys, time
from extractors.documents import parse_document
paragraph = ("<p>Peru's copper exports rose 12% in the first quarter to 5.1 billion dollars, the trade ministry "
             "said on Monday, and <a href='/more'>more</a>.</p>\\n")
page = ("<html><body><article><h1>Large</h1>" + paragraph * int(sys.argv[1]) + "</article></body></html>").encode()
start = time.perf_counter()
body = parse_document(page, ".html").body
seconds = time.perf_counter() - start
print(f"{len(page) / 1e6:5.1f} MB, {int(sys.argv[1]):7,} paragraphs: {seconds:5.2f} s, "
      f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:4.0f} MiB")
"""


def large_pages() -> None:
    for paragraphs in (1_000, 5_000, 10_000, 130_000):
        print(subprocess.run([sys.executable, "-c", LARGE_CHILD, str(paragraphs)], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout, end="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=0, help="list the N pages of lowest F1")
    parser.add_argument("--no-peer", action="store_true", help="skip trafilatura")
    parser.add_argument("--large", action="store_true", help="also time the reader on generated large pages")
    args = parser.parse_args()
    truth = json.loads((BENCHMARK / "truth.json").read_text("utf-8"))
    pages = {page_id: gzip.decompress((BENCHMARK / "pages" / f"{page_id}.html.gz").read_bytes()) for page_id in truth}
    predictions = run("cifras", cifras_body, pages, args.worst)
    headless = {page_id: {"articleBody": without_headline(p["articleBody"])} for page_id, p in predictions.items()}
    print(f"cifras without the headline (the benchmark's body leaves it out):\n{score('cifras-headless', headless)}")
    if not args.no_peer:
        run("trafilatura", trafilatura_body, pages, args.worst)
    if args.large:
        large_pages()


if __name__ == "__main__":
    main()
