"""What the report's charts over time draw: amounts for periods of at most a year, nothing else."""

from datetime import datetime

import pandas as pd
import pytest

from warehouse.report import _chart_over_time, drawable


def rows(*spans):
    return pd.DataFrame([
        {"series": "Peru → United States", "period_start": datetime.fromisoformat(start),
         "period_end": datetime.fromisoformat(end), "value": value, "currency": "USD"}
        for start, end, value in spans
    ])


@pytest.mark.parametrize(("spans", "drawn"), [
    pytest.param([("2024-01-01", "2024-12-31", 9.5e9)], 1, id="a year"),
    pytest.param([("2024-02-01", "2024-02-29", 0.8e9)], 1, id="a month"),
    pytest.param([("2009-02-01", "2019-02-28", 63.366e9)], 0, id="a decade's total is listed, not drawn"),
    pytest.param([("2024-01-01", "2024-12-31", None)], 0, id="a growth rate without an amount"),
    pytest.param([("2024-01-01", "2024-12-31", 9.5e9), ("2009-02-01", "2019-02-28", 63.366e9)], 1, id="mixed"),
])
def test_drawable(spans, drawn):
    assert len(drawable(rows(*spans))) == drawn


def test_a_chart_of_only_multi_year_totals_is_not_drawn():
    assert _chart_over_time(rows(("2009-02-01", "2019-02-28", 63.366e9)), "Exports by partner") is None
    assert _chart_over_time(rows(("2024-01-01", "2024-12-31", 9.5e9)), "Exports by partner").startswith(b"\x89PNG")
