"""pandera model for the facts table (extraction contract, section "Facts").

Frames handed to this model carry one transient column that does not land:
``landed_mention_ids`` (the mention ids of the article that landed), so that a frame resting
on a rejected or unknown mention is rejected too.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

from schemas.mentions import Exact, iso4217_codes

TRANSIENT_COLUMNS = ("landed_mention_ids",)
METRICS = ("exports", "imports", "trade_balance", "trade", "investment", "production", "price", "other")
# A COUNTRY id (ISO 3166-1 alpha-2, EU), a REGION id (ISO 3166-2:PE) or a lowercase slug.
SUBJECT_ID = re.compile(r"^(?:[A-Z]{2}|PE-[A-Z]{3}|[a-z0-9]+(?:-[a-z0-9]+)*)$")
Percent = pandas_engine.Decimal(18, 6)


def _null(value: object) -> bool:
    """Missing (None, NA, NaT, float NaN); a Decimal NaN is not missing but a broken figure."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _finite(series: pd.Series) -> pd.Series:
    """Per row: null, or a finite Decimal (NaN and infinities are not)."""
    return series.map(lambda v: _null(v) or (isinstance(v, Decimal) and v.is_finite()))


class FactSchema(pa.DataFrameModel):
    """One row per fact frame.

    The three figures and the mention ids are checked as given, not coerced: pandera's Decimal
    coercion turns NaN into null, which would hide a broken figure from ``value_finite``.
    """

    article_id: Series[str] = pa.Field(coerce=True, str_matches=r"^[0-9a-f]{64}$")
    fact_id: Series[int] = pa.Field(coerce=True, ge=0)
    sentence_idx: Series[int] = pa.Field(coerce=True, ge=0)
    metric: Series[str] = pa.Field(coerce=True)
    flow_of: Series[str] = pa.Field(coerce=True)
    partner: Series[str] = pa.Field(coerce=True, nullable=True)
    sector: Series[str] = pa.Field(coerce=True, nullable=True)
    product: Series[str] = pa.Field(coerce=True, nullable=True)
    period_start: Series[pa.Date] = pa.Field(coerce=True, nullable=True)
    period_end: Series[pa.Date] = pa.Field(coerce=True, nullable=True)
    value: Series[Exact] = pa.Field(nullable=True)  # type: ignore[valid-type]
    currency: Series[str] = pa.Field(coerce=True, nullable=True)
    change_pct: Series[Percent] = pa.Field(nullable=True)  # type: ignore[valid-type]
    share_pct: Series[Percent] = pa.Field(nullable=True)  # type: ignore[valid-type]
    projection: Series[bool] = pa.Field(coerce=True)
    mention_ids: Series[object]
    rule: Series[str] = pa.Field(coerce=True)
    extractor_version: Series[str] = pa.Field(coerce=True, str_matches=r"^\d+\.\d+\.\d+")
    run_id: Series[str] = pa.Field(coerce=True)
    unit_price: Series[bool] = pa.Field(coerce=True)
    evidence_start: Series[pd.Int64Dtype] = pa.Field(coerce=True, nullable=True, ge=0)
    evidence_end: Series[pd.Int64Dtype] = pa.Field(coerce=True, nullable=True, ge=0)

    @pa.check("metric", name="metric_in_vocabulary")
    def metric_in_vocabulary(cls, metric: Series[str]) -> Series[bool]:
        return metric.isin(METRICS)

    @pa.check("flow_of", name="flow_of_not_empty")
    def flow_of_not_empty(cls, flow_of: Series[str]) -> Series[bool]:
        return flow_of.str.strip().str.len() > 0

    @pa.dataframe_check(name="subject_ids_well_formed")
    def subject_ids_well_formed(cls, df: pd.DataFrame) -> Series[bool]:
        ids = df[["flow_of", "partner", "sector", "product"]]
        return ids.apply(lambda col: col.map(lambda v: _null(v) or SUBJECT_ID.match(str(v)) is not None)).all(axis=1)

    @pa.dataframe_check(name="has_a_figure")
    def has_a_figure(cls, df: pd.DataFrame) -> Series[bool]:
        return df[["value", "change_pct", "share_pct"]].notna().any(axis=1)

    @pa.dataframe_check(name="currency_is_iso4217_with_value")
    def currency_is_iso4217_with_value(cls, df: pd.DataFrame) -> Series[bool]:
        with_value = df["value"].notna()
        return (with_value & df["currency"].isin(iso4217_codes())) | (~with_value & df["currency"].isna())

    @pa.dataframe_check(name="unit_price_is_a_price_with_value")
    def unit_price_is_a_price_with_value(cls, df: pd.DataFrame) -> Series[bool]:
        # A price per unit ("US$6.20 per kilogram") summed or compared as a flow total would be off by orders of
        # magnitude: such a frame must say it is a price, and state the price.
        return ~df["unit_price"].astype(bool) | ((df["metric"] == "price") & df["value"].notna())

    @pa.dataframe_check(name="period_both_or_neither")
    def period_both_or_neither(cls, df: pd.DataFrame) -> Series[bool]:
        return df["period_start"].isna() == df["period_end"].isna()

    @pa.dataframe_check(name="period_start_not_after_end")
    def period_start_not_after_end(cls, df: pd.DataFrame) -> Series[bool]:
        pairs = zip(df["period_start"], df["period_end"], strict=True)
        return pd.Series([_null(start) or _null(end) or start <= end for start, end in pairs], index=df.index)

    @pa.dataframe_check(name="evidence_is_a_span")
    def evidence_is_a_span(cls, df: pd.DataFrame) -> Series[bool]:
        start, end = df["evidence_start"], df["evidence_end"]
        return (start.isna() & end.isna()) | (start.notna() & end.notna() & (start < end)).fillna(False)

    @pa.check("value", name="value_finite", ignore_na=False)
    def value_finite(cls, value: Series) -> Series[bool]:
        return _finite(value)

    @pa.check("change_pct", name="change_pct_finite", ignore_na=False)
    def change_pct_finite(cls, change_pct: Series) -> Series[bool]:
        return _finite(change_pct)

    @pa.check("share_pct", name="share_pct_within_0_100", ignore_na=False)
    def share_pct_within_0_100(cls, share_pct: Series) -> Series[bool]:
        return share_pct.map(lambda v: _null(v) or (isinstance(v, Decimal) and v.is_finite() and 0 <= v <= 100))

    @pa.check("mention_ids", name="mention_ids_not_empty")
    def mention_ids_not_empty(cls, mention_ids: Series) -> Series[bool]:
        return mention_ids.map(lambda ids: isinstance(ids, (list, tuple)) and len(ids) > 0)

    @pa.check("mention_ids", name="mention_ids_non_negative")
    def mention_ids_non_negative(cls, mention_ids: Series) -> Series[bool]:
        return mention_ids.map(lambda ids: isinstance(ids, (list, tuple)) and all(isinstance(i, int) and i >= 0 for i in ids))

    @pa.dataframe_check(name="mention_ids_landed")
    def mention_ids_landed(cls, df: pd.DataFrame) -> Series[bool]:
        pairs = zip(df["mention_ids"], df["landed_mention_ids"], strict=True)
        return pd.Series([isinstance(ids, (list, tuple)) and set(ids) <= set(landed) for ids, landed in pairs],
                         index=df.index)

    class Config:
        unique = ["article_id", "fact_id"]
