"""What the report's charts over time draw: the amounts of one kind and length of period (issue 15), never a
multi-year total, never a month beside a year."""

from datetime import date

import duckdb
import pandas as pd
import pytest

from warehouse import store
from warehouse.report import _chart_over_time, chart_period, drawable


@pytest.fixture(scope="module")
def periods():
    """The warehouse's own period macros (migration 0012), on an in-memory DuckDB."""
    con = duckdb.connect()
    con.load_extension(str(store.fts_extension_path()))
    store.migrate(con)
    yield con
    con.close()


@pytest.fixture
def rows(periods):
    def make(*spans):
        records = []
        for start, end, value in spans:
            kind, months = periods.execute("select period_kind($s::date, $e::date), period_months($s::date, $e::date)",
                                           {"s": start, "e": end}).fetchone()
            records.append({"series": "Peru → United States", "period_start": date.fromisoformat(start),
                            "period_end": date.fromisoformat(end), "value": value, "currency": "USD",
                            "period_kind": kind, "period_months": months})
        return pd.DataFrame(records)
    return make


@pytest.mark.parametrize(("start", "end", "kind", "months"), [
    ("2024-01-01", "2024-12-31", "year", 12),
    ("2024-07-01", "2024-12-31", "half", 6),
    ("2024-01-01", "2024-06-30", "half", 6),
    ("2024-04-01", "2024-06-30", "quarter", 3),
    ("2024-01-01", "2024-03-31", "quarter", 3),
    ("2024-02-01", "2024-02-29", "month", 1),
    ("2025-01-01", "2025-11-30", "year_to_date", 11),
    ("2025-01-01", "2025-02-28", "year_to_date", 2),
    ("2024-12-01", "2025-11-30", "span", 12),  # twelve months, not a calendar year
    ("2024-03-01", "2024-08-31", "span", 6),  # six months, not a half
    ("2009-02-01", "2019-02-28", "span", 121),
    ("2024-03-05", "2025-02-10", "span", None),  # days, not whole months
])
def test_every_period_has_a_kind_and_a_length_in_months(periods, start, end, kind, months):
    assert periods.execute("select period_kind($s::date, $e::date), period_months($s::date, $e::date)",
                           {"s": start, "e": end}).fetchone() == (kind, months)


@pytest.mark.parametrize(("spans", "drawn"), [
    pytest.param([("2024-01-01", "2024-12-31", 9.5e9)], 1, id="a year"),
    pytest.param([("2024-02-01", "2024-02-29", 0.8e9)], 1, id="a month"),
    pytest.param([("2009-02-01", "2019-02-28", 63.366e9)], 0, id="a decade's total is listed, not drawn"),
    pytest.param([("2024-01-01", "2024-12-31", None)], 0, id="a growth rate without an amount"),
    pytest.param([("2024-01-01", "2024-12-31", 9.5e9), ("2009-02-01", "2019-02-28", 63.366e9)], 1, id="mixed"),
    pytest.param([("2023-01-01", "2023-12-31", 8e9), ("2024-01-01", "2024-12-31", 9.5e9),
                  ("2024-01-01", "2024-01-31", 0.8e9)], 2, id="years, not the month beside them"),
    pytest.param([("2024-01-01", "2024-11-30", 8e9), ("2025-01-01", "2025-11-30", 9e9),
                  ("2025-01-01", "2025-05-31", 4e9)], 2, id="Jan-Nov with Jan-Nov, not Jan-May"),
    pytest.param([("2024-01-01", "2024-01-31", 1e9), ("2024-01-01", "2024-12-31", 9.5e9)], 1,
                 id="a tie: full years first"),
])
def test_drawable(rows, spans, drawn):
    frame = drawable(rows(*spans))
    assert len(frame) == drawn
    assert frame["period_kind"].nunique() <= 1 and frame["period_months"].nunique() <= 1


def test_a_tie_between_kinds_draws_full_years(rows):
    assert chart_period(rows(("2024-01-01", "2024-01-31", 1e9), ("2024-01-01", "2024-12-31", 9.5e9))) == ("year", 12)


def test_a_chart_of_only_multi_year_totals_is_not_drawn(rows):
    assert _chart_over_time(rows(("2009-02-01", "2019-02-28", 63.366e9)), "Exports by partner") is None
    assert _chart_over_time(rows(("2024-01-01", "2024-12-31", 9.5e9)), "Exports by partner").startswith(b"\x89PNG")
