"""Comparable periods (issue 15): on a warehouse of the seeds plus the dev articles, fact_series, fact_growth and the
report never place two kinds or lengths of period on one axis, and growth is against the same period a year
earlier, stated where the articles state it and computed (and said so) where they do not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines.cli import main
from warehouse import report, store

DEV_RAW = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "dev" / "raw"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    if not DEV_RAW.is_dir():
        pytest.skip(f"no dev corpus at {DEV_RAW}")
    folder = tmp_path_factory.mktemp("periods")
    raw = folder / "raw"
    raw.mkdir()
    for article in [*sorted((Path(__file__).resolve().parents[2] / "raw").glob("0*_*.txt")), *DEV_RAW.iterdir()]:
        shutil.copy(article, raw / article.name)
    database = folder / "cifras.duckdb"
    assert main(["run", "-q", "--raw", str(raw), "--warehouse", str(database)]) == 0
    con = store.connect(database, read_only=True)
    yield con
    con.close()


def test_the_corpus_has_periods_of_several_kinds(warehouse):
    kinds = {row[0] for row in warehouse.execute("select distinct period_kind from fact_consensus").fetchall()}
    assert {"year", "year_to_date"} <= kinds  # otherwise the checks below would prove nothing


def test_a_series_holds_one_kind_and_length_of_period(warehouse):
    mixed = warehouse.execute("""
        select series from fact_series
        group by series
        having count(distinct period_kind) > 1 or count(distinct coalesce(period_months, -1)) > 1
    """).fetchall()
    assert mixed == []
    assert warehouse.execute("select count(*) from fact_series where period_kind is null").fetchone() == (0,)
    assert (warehouse.execute("select count(*) from fact_series").fetchone()
            == warehouse.execute("select count(*) from fact_consensus").fetchone())


def test_growth_compares_a_period_with_the_same_period_a_year_earlier(warehouse):
    rows = warehouse.execute("""
        select g.growth_source, g.stated_pct, g.computed_pct, g.growth_pct, g.period_start, g.period_end,
            g.previous_period_start, g.previous_period_end, g.period_kind,
            period_kind(g.previous_period_start, g.previous_period_end) as previous_kind
        from fact_growth as g
    """).fetchall()
    assert {row[0] for row in rows} == {"stated", "computed"}
    for source, stated, computed, growth, start, end, previous_start, previous_end, kind, previous_kind in rows:
        assert growth == (stated if source == "stated" else computed)
        if previous_start is not None:
            assert (start.year - previous_start.year, start.month, start.day) == (1, previous_start.month,
                                                                                previous_start.day)
            assert (end.year - previous_end.year, end.month) == (1, previous_end.month)
            assert previous_kind == kind


def test_every_chart_and_the_growth_ranking_show_one_kind_of_period(warehouse):
    for query in ("select_exports_to_partners", "select_exports_of_regions"):
        drawn = report.drawable(store.fetch_frame(warehouse, query))
        assert drawn["period_kind"].nunique() <= 1 and drawn["period_months"].nunique() <= 1, query
    ranking = store.fetch_frame(warehouse, "select_top_products_by_growth", {"limit": report.TOP_PRODUCTS})
    assert not ranking.empty
    assert ranking["period_kind"].nunique() == 1 and ranking["period_months"].nunique() == 1
    captions = " ".join(section.caption for section in report.build_sections(warehouse))
    assert "full years" in captions or "of each year" in captions
