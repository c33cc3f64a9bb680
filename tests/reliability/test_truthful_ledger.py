"""One bad article costs that article, and the ledger says so (issue 12, items 1 and 4): an exception in the
extractors or the reader on one file, or a file over its time budget, is one row naming the article or file
and the reason, the rest of the batch lands, the run succeeds and counts it; a failed run keeps its cause.

The faults are injected into cifras's own functions (there is no article the extractors are known to fail
on); Dagster, DuckDB and pandera run for real."""

from __future__ import annotations

import time

import dagster as dg
import pytest

import extractors
from pipelines import batch
from pipelines.definitions import defs
from warehouse import audit, store

BOOM = "Exports of BOOM rose 5% to US$ 3 million in 2024."


def ingest(raw, database, **config) -> dg.ExecuteInProcessResult:
    with dg.instance_for_test() as instance:
        return defs.resolve_job_def("ingest_job").execute_in_process(
            run_config={"resources": {"warehouse": {"config": {"path": str(database), "raw_dir": str(raw), **config}}}},
            instance=instance, raise_on_error=False)


def ingest_after(raw, database, alteration: str) -> dg.ExecuteInProcessResult:
    """Ingest into a fresh warehouse whose schema was first altered by hand (``alteration``)."""
    con = store.connect(database)
    con.execute(alteration)
    con.close()
    return ingest(raw, database)


def rows(database, sql: str) -> list[tuple]:
    con = store.connect(database, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def fragile_extractors(monkeypatch):
    """The extractors raise on any text holding "BOOM" and stall on any holding "STALL"."""
    real = extractors.analyse

    def analyse(text, lang=None, published=None):
        if "BOOM" in text:
            raise RuntimeError("injected failure\nsecond line")
        if "STALL" in text:
            time.sleep(30)
        return real(text, lang, published)

    monkeypatch.setattr(extractors, "analyse", analyse)


def test_an_article_the_extractors_fail_on_is_one_error_row_and_its_batch_lands(
        fragile_extractors, raw_dir, warehouse_path):
    (raw_dir / "boom.txt").write_text(BOOM, "utf-8")
    result = ingest(raw_dir, warehouse_path)
    assert result.success
    assert all(check.passed for check in result.get_asset_check_evaluations())  # conservation holds
    [(error, n_extracted)] = rows(warehouse_path, "select e.error, e.n_extracted from extractions e "
                                                  "join articles a using (article_id) where a.path = 'boom.txt'")
    assert (error, n_extracted) == ("RuntimeError: injected failure", 0)
    seeds = len(list(raw_dir.iterdir())) - 1
    assert rows(warehouse_path, "select count(*) from extractions where error is null and n_extracted > 0") == [(seeds,)]
    assert rows(warehouse_path, "select status, articles_failed from runs") == [("succeeded", 1)]

    again = ingest(raw_dir, warehouse_path)  # not retried while the text and the extractor version stay
    assert again.success
    assert rows(warehouse_path, "select sum(articles_failed) from runs") == [(1,)]


def test_an_article_over_its_time_budget_is_one_error_row(fragile_extractors, raw_dir, warehouse_path):
    (raw_dir / "stall.txt").write_text(BOOM.replace("BOOM", "STALL"), "utf-8")
    started = time.monotonic()
    result = ingest(raw_dir, warehouse_path, seconds_per_file=1.0)
    assert result.success and time.monotonic() - started < 30
    [(error,)] = rows(warehouse_path, "select e.error from extractions e join articles a using (article_id) "
                                      "where a.path = 'stall.txt'")
    assert error == "BudgetExceeded: extracting the article took longer than its budget of 1 s"


def test_a_file_that_breaks_the_reader_is_one_error_row(monkeypatch, raw_dir, warehouse_path):
    real = batch.parse_document

    def parse_document(data, suffix):
        if b"BOOM" in data:
            raise ValueError("year 0 is out of range")
        return real(data, suffix)

    monkeypatch.setattr(batch, "parse_document", parse_document)
    (raw_dir / "boom.txt").write_text(BOOM, "utf-8")
    result = ingest(raw_dir, warehouse_path)
    assert result.success
    assert rows(warehouse_path, "select path, stage, reason from ingest_errors") == [
        ("boom.txt", "parse", "ValueError: year 0 is out of range")]
    con = store.connect(warehouse_path, read_only=True)
    try:
        assert audit.row_count(con, "articles") == len(list(raw_dir.iterdir())) - 1
    finally:
        con.close()


def test_a_failed_run_keeps_its_cause_and_the_next_run_finishes(raw_dir, warehouse_path, tmp_path):
    assert ingest(raw_dir, warehouse_path).success
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not ingest(empty, warehouse_path).success  # refused: it would retract every article
    [(status, error)] = rows(warehouse_path, "select status, error from runs order by started_at desc limit 1")
    assert status == "failed"
    assert error.startswith("raw_files: RetractionRefused: ") and "refusing to retract every article" in error
    assert ingest(raw_dir, warehouse_path).success
    assert rows(warehouse_path, "select status from runs order by started_at") == [
        ("succeeded",), ("failed",), ("succeeded",)]


def test_a_file_whose_row_duckdb_refuses_is_one_error_row_and_its_batch_lands(raw_dir, warehouse_path):
    """A real refusal: `articles.n_words` narrowed to TINYINT (as a hand-altered warehouse might be), so DuckDB
    refuses every article over 127 words while the batch holds shorter ones."""
    (raw_dir / "short.txt").write_text("Exports rose 5% to US$ 3 million in 2024.", "utf-8")
    result = ingest_after(raw_dir, warehouse_path, "alter table articles alter column n_words set data type tinyint")
    assert result.success
    landed = rows(warehouse_path, "select path from articles")
    refused = rows(warehouse_path, "select path, stage, reason from ingest_errors order by path")
    assert landed == [("short.txt",)]  # the seeds are longer than 127 words
    assert len(refused) == len(list(raw_dir.iterdir())) - 1
    assert all(stage == "land" and reason.startswith("landing failed: ") for _, stage, reason in refused)


def test_an_article_whose_mentions_duckdb_refuses_is_one_error_row_and_its_batch_lands(raw_dir, warehouse_path):
    """A real refusal: `money_mentions.value` narrowed to DECIMAL(9, 2), so DuckDB refuses any amount of ten
    million or more; the articles with only smaller amounts (or none) land their mentions."""
    (raw_dir / "small.txt").write_text("Exports rose 5% to US$ 3,000 in 2024.", "utf-8")
    result = ingest_after(raw_dir, warehouse_path,
                          "alter table money_mentions alter column value set data type decimal(9, 2)")
    assert result.success
    assert all(check.passed for check in result.get_asset_check_evaluations())
    big = {path for path in (p.name for p in raw_dir.iterdir())
           if any(m.kind == "money" and abs(m.value) >= 10_000_000
                  for m in extractors.extract((raw_dir / path).read_text("utf-8")))}
    failed = rows(warehouse_path, "select a.path, e.error from extractions e join articles a using (article_id) "
                                  "where e.error is not null")
    assert big and {path for path, _ in failed} == big
    assert all(error.startswith("landing failed: ") for _, error in failed)
    assert rows(warehouse_path, "select a.path from money_mentions m join articles a using (article_id) "
                                "group by all order by 1") == [("small.txt",)]
    assert rows(warehouse_path, "select articles_failed from runs") == [(len(big),)]
