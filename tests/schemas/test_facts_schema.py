"""FactSchema: each check rejects its bad frame by name while the good frames beside it land."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from schemas import SCHEMAS
from schemas.validate import REJECT_COLUMNS, split_valid

ARTICLE = "a" * 64
COLUMNS = list(SCHEMAS["facts"].to_schema().columns)


def fact_row(**changes) -> dict:
    """Peru's exports to China in 2024 (seed 000), resting on landed mentions 3 and 4."""
    row = {
        "article_id": ARTICLE, "fact_id": 0, "sentence_idx": 2, "metric": "exports", "flow_of": "PE",
        "partner": "CN", "sector": None, "product": None, "period_start": date(2024, 1, 1),
        "period_end": date(2024, 12, 31), "value": Decimal("25000000000"), "currency": "USD",
        "change_pct": Decimal("9.2"), "share_pct": None, "projection": False, "mention_ids": [3, 4],
        "rule": "value_and_change", "extractor_version": "0.2.0", "run_id": "r1", "unit_price": False,
        "evidence_start": 120, "evidence_end": 260,
        "landed_mention_ids": frozenset(range(10)),
    }
    row.update(changes)
    return row


BAD_ROWS = [
    pytest.param(fact_row(metric="sales"), "metric_in_vocabulary", id="unknown-metric"),
    pytest.param(fact_row(flow_of=""), "flow_of_not_empty", id="empty-flow-of"),
    pytest.param(fact_row(flow_of="  "), "flow_of_not_empty", id="blank-flow-of"),
    pytest.param(fact_row(partner="China"), "subject_ids_well_formed", id="partner-not-an-id"),
    pytest.param(fact_row(product="Copper ore"), "subject_ids_well_formed", id="product-not-a-slug"),
    pytest.param(fact_row(value=None, currency=None, change_pct=None), "has_a_figure", id="no-figure"),
    pytest.param(fact_row(currency=None), "currency_is_iso4217_with_value", id="value-without-currency"),
    pytest.param(fact_row(currency="XYZ"), "currency_is_iso4217_with_value", id="currency-not-iso4217"),
    pytest.param(fact_row(value=None), "currency_is_iso4217_with_value", id="currency-without-value"),
    pytest.param(fact_row(period_end=None), "period_both_or_neither", id="period-without-end"),
    pytest.param(fact_row(period_start=None), "period_both_or_neither", id="period-without-start"),
    pytest.param(fact_row(period_start=date(2025, 1, 1)), "period_start_not_after_end", id="period-reversed"),
    pytest.param(fact_row(share_pct=Decimal("120")), "share_pct_within_0_100", id="share-over-100"),
    pytest.param(fact_row(share_pct=Decimal("-1")), "share_pct_within_0_100", id="share-negative"),
    pytest.param(fact_row(share_pct=Decimal("NaN")), "share_pct_within_0_100", id="share-nan"),
    pytest.param(fact_row(value=Decimal("Infinity")), "value_finite", id="value-infinite"),
    pytest.param(fact_row(value=Decimal("NaN")), "value_finite", id="value-nan"),
    pytest.param(fact_row(change_pct=Decimal("-Infinity")), "change_pct_finite", id="change-infinite"),
    pytest.param(fact_row(change_pct=Decimal("NaN")), "change_pct_finite", id="change-nan"),
    pytest.param(fact_row(mention_ids=[3, -1]), "mention_ids_non_negative", id="negative-mention-id"),
    pytest.param(fact_row(mention_ids=[]), "mention_ids_not_empty", id="no-mentions"),
    pytest.param(fact_row(mention_ids=[3, 12]), "mention_ids_landed", id="mention-not-landed"),
    pytest.param(fact_row(value=Decimal("1.1234567")), "dtype('Decimal(38, 6)')", id="value-beyond-six-decimals"),
    pytest.param(fact_row(unit_price=True, value=Decimal("6.2"), change_pct=None, partner=None, product="blueberry"),
                 "unit_price_is_a_price_with_value", id="unit-price-as-exports"),
    pytest.param(fact_row(unit_price=True, metric="production", value=Decimal("52.61"), change_pct=None, partner=None,
                          product="fishmeal"), "unit_price_is_a_price_with_value", id="unit-price-as-production"),
    pytest.param(fact_row(unit_price=True, metric="price", value=None, currency=None, change_pct=Decimal("12"),
                          partner=None, product="blueberry"), "unit_price_is_a_price_with_value", id="unit-price-without-a-value"),
]


@pytest.mark.parametrize(("bad", "check"), BAD_ROWS)
def test_a_bad_frame_is_rejected_beside_a_good_one(bad, check):
    bad = {**bad, "fact_id": 9}
    split = split_valid(pd.DataFrame([fact_row(), bad]), SCHEMAS["facts"], table="facts", key_column="fact_id", run_id="r1")
    assert list(split.valid["fact_id"]) == [0]
    assert list(split.valid.columns) == COLUMNS
    assert list(split.rejects.columns) == REJECT_COLUMNS
    [reject] = split.rejects.to_dict("records")
    assert (reject["table_name"], reject["article_id"], reject["row_key"], reject["check_name"]) == ("facts", ARTICLE, "9", check)
    payload = json.loads(reject["payload"])
    assert payload["metric"] == bad["metric"] and "landed_mention_ids" not in payload


GOOD_ROWS = [
    pytest.param(fact_row(), id="value-and-change"),
    pytest.param(fact_row(value=None, currency=None, partner=None, product="blueberry", change_pct=Decimal("36")), id="change-only"),
    pytest.param(fact_row(value=None, currency=None, change_pct=None, share_pct=Decimal("34.6"), partner=None,
                          flow_of="port-of-callao"), id="share-only"),
    pytest.param(fact_row(period_start=None, period_end=None, value=None, currency=None, change_pct=None,
                          share_pct=Decimal("1.5"), partner=None, sector="fishing", metric="production"), id="no-period"),
    pytest.param(fact_row(value=Decimal("-300000000"), currency="USD", change_pct=None, metric="trade_balance"),
                 id="deficit-is-negative"),
    pytest.param(fact_row(value=Decimal("85000000000"), change_pct=None, partner=None, projection=True,
                          period_start=date(2025, 1, 1), period_end=date(2025, 12, 31)), id="projection"),
    pytest.param(fact_row(change_pct=Decimal("-7.3"), value=None, currency=None, flow_of="PE-JUN"), id="fall"),
    pytest.param(fact_row(share_pct=Decimal("100"), partner="asia"), id="whole-share-and-world-region"),
    pytest.param(fact_row(unit_price=True, metric="price", value=Decimal("6.2"), change_pct=Decimal("12"), partner=None,
                          product="blueberry"), id="unit-price-us-6.20-per-kilogram"),
    pytest.param(fact_row(metric="price", value=None, currency=None, change_pct=Decimal("-3.5"), partner=None,
                          product="copper"), id="price-change-without-a-unit-price"),
]


@pytest.mark.parametrize("good", GOOD_ROWS)
def test_good_frames_land_with_exact_values(good):
    split = split_valid(pd.DataFrame([good]), SCHEMAS["facts"], table="facts", key_column="fact_id", run_id="r1")
    assert split.rejects.empty, split.rejects["reason"].tolist()
    [landed] = split.valid.to_dict("records")
    for column in ("value", "change_pct", "share_pct"):
        assert (landed[column] is None) == (good[column] is None)
        if good[column] is not None:
            assert landed[column] == good[column] and isinstance(landed[column], Decimal)
    assert landed["mention_ids"] == good["mention_ids"]
    assert landed["unit_price"] is good["unit_price"]


def test_duplicate_fact_ids_are_rejected_not_merged():
    split = split_valid(pd.DataFrame([fact_row(), fact_row()]), SCHEMAS["facts"], table="facts", key_column="fact_id", run_id="r1")
    assert split.valid.empty and len(split.rejects) == 2
