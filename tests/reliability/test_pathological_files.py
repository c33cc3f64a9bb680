"""Pathological files through the whole pipeline (issue 6, item 7): one `cifras run` over 200,000 nested
tags, a 100,000-digit number, 100,000 times "mil" and 200,000 spaces between "US$" and a number finishes
within a time guard, and each file is recorded: its article lands, its extraction is counted (conserved),
and what can be extracted is.

tests/properties/test_pathological.py guards the extractor alone on the same texts, case by case; this is
the file → article → extraction → warehouse path, with the reading, validation and landing on top.
"""

from __future__ import annotations

import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from warehouse import audit, store

CIFRAS = str(Path(sys.executable).parent / "cifras")
GUARD_SECONDS = 240  # the run takes ~25 s on a 2-core machine; a catastrophic regex or recursion takes forever
N_TAGS, N_DIGITS, N_MIL, N_SPACES = 200_000, 100_000, 100_000, 200_000

FILES = {
    "nested.html": b"<html><body><article><h1>Profundo</h1>" + b"<div>" * N_TAGS
                   + b"<p>Las exportaciones sumaron US$ 5 millones.</p>" + b"</div>" * N_TAGS + b"</article></body></html>",
    "digits.txt": b"Cifras\n\nLas exportaciones sumaron US$ " + b"9" * N_DIGITS + b" millones y crecieron 5 %.\n",
    "mil.txt": b"Miles\n\nLas exportaciones sumaron " + b"mil " * N_MIL + b"millones de soles.\n",
    "spaces.txt": b"Spaces\n\nExports reached US$" + b" " * N_SPACES + b"5 million in 2024, up 3%.\n",
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("pathological")
    raw, database = root / "raw", root / "cifras.duckdb"
    raw.mkdir()
    for name, data in FILES.items():
        (raw / name).write_bytes(data)
    start = time.monotonic()
    done = subprocess.run([CIFRAS, "run", "--raw", str(raw), "--warehouse", str(database)],
                          capture_output=True, text=True, timeout=GUARD_SECONDS)
    seconds = time.monotonic() - start
    print(f"cifras run over the pathological files: {seconds:.1f} s")
    assert done.returncode == 0, done.stderr[-3000:]
    con = store.connect(database, read_only=True)
    try:
        tables = {table: con.table(table).df() for table in ("articles", "extractions", "ingest_errors", "rejects")}
        mentions = con.execute("select a.path, m.kind, m.text, m.value, m.currency from mentions as m "
                               "join articles as a using (article_id)").fetchall()
        conservation = (audit.conservation(con), audit.fact_conservation(con))
    finally:
        con.close()
    return {"seconds": seconds, "mentions": mentions, "conservation": conservation, **tables}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FILES))
def test_each_pathological_file_lands_and_its_extraction_is_counted(run, name):
    articles = run["articles"].set_index("path")
    assert name in articles.index and name not in set(run["ingest_errors"]["path"])
    extraction = run["extractions"].set_index("article_id").loc[articles.loc[name, "article_id"]]
    assert extraction["n_extracted"] == extraction["n_landed"] + extraction["n_rejected"]
    assert extraction["facts_extracted"] == extraction["facts_landed"] + extraction["facts_rejected"]


@pytest.mark.slow
def test_the_run_conserves_every_row(run):
    mentions, facts = run["conservation"]
    assert mentions.breaks == facts.breaks == 0


@pytest.mark.slow
def test_the_figure_under_200000_nested_tags_is_extracted(run):
    body = run["articles"].set_index("path").loc["nested.html", "body"]
    assert body.endswith("Las exportaciones sumaron US$ 5 millones.")
    assert ("nested.html", "money", "US$ 5 millones", Decimal("5000000"), "USD") in run["mentions"]


@pytest.mark.slow
def test_a_100000_digit_amount_is_rejected_with_its_check_and_the_rest_lands(run):
    path_of = dict(zip(run["articles"]["article_id"], run["articles"]["path"], strict=True))
    rejects = {(path_of[r.article_id], r.table_name, r.check_name) for r in run["rejects"].itertuples()}
    assert ("digits.txt", "money_mentions", "coerce_dtype('Decimal(38, 6)')") in rejects
    assert ("digits.txt", "percent", "5 %", Decimal("5"), None) in run["mentions"]


@pytest.mark.slow
def test_200000_spaces_inside_an_amount_leave_the_rest_of_the_sentence(run):
    assert ("spaces.txt", "percent", "3%", Decimal("3"), None) in run["mentions"]
