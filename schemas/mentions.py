"""pandera models for the three mention tables.

Frames handed to these models carry two transient columns that do not land:
``source_slice`` (the article body at [start:end]) and ``source_length`` (the body's
length), so that offset checks can see the text the offsets index into.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from importlib import resources

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

TRANSIENT_COLUMNS = ("source_slice", "source_length")
ENTITY_LABELS = ("COUNTRY", "REGION", "ORG", "PERSON", "PRODUCT", "PLACE")
ENTITY_ID_PATTERNS = {
    "COUNTRY": r"^(?:[A-Z]{2})$",
    "REGION": r"^PE-[A-Z]{3}$",
}
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_MONEY = Decimal("1e15")  # above any national trade figure; a larger value is a misread
MAX_PERCENT = Decimal("100000")
# The minus signs of extractors/data/<lang>/number_format.toml: a value is negative only where one is written.
WRITTEN_MINUS = ("-", "\u2212", "minus")
Exact = pandas_engine.Decimal(38, 6)


@cache
def iso4217_codes() -> frozenset[str]:
    """Active ISO 4217 currency codes (schemas/iso4217.txt)."""
    text = resources.files("schemas").joinpath("iso4217.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line and line[0] != "#")


def entity_ids_well_formed(df: pd.DataFrame) -> pd.Series:
    """Per row: does ``entity_id`` take its label's canonical form (ISO code or slug)?"""
    pattern = df["label"].map(ENTITY_ID_PATTERNS).fillna(SLUG)
    matches = [re.match(pat, str(eid)) is not None for eid, pat in zip(df["entity_id"], pattern, strict=True)]
    return pd.Series(matches, index=df.index)


def negative_values_signed(df: pd.DataFrame) -> pd.Series:
    """Per row: is the value non-negative, or does the mention's text write a minus?"""
    signed = [not (isinstance(value, Decimal) and value < 0) or any(minus in str(text).lower() for minus in WRITTEN_MINUS)
              for value, text in zip(df["value"], df["text"], strict=True)]
    return pd.Series(signed, index=df.index)


class _MentionSchema(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    mention_id: Series[int] = pa.Field(ge=0)
    sentence_idx: Series[int] = pa.Field(ge=0)
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=1)
    text: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check(name="offsets_inside_body")
    def offsets_inside_body(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["start"] < df["end"]) & (df["end"] <= df["source_length"])

    @pa.dataframe_check(name="text_matches_body")
    def text_matches_body(cls, df: pd.DataFrame) -> Series[bool]:
        return df["text"] == df["source_slice"]

    class Config:
        coerce = True
        unique = ["article_id", "mention_id"]


class MoneyMentionSchema(_MentionSchema):
    """One row per monetary amount."""

    value: Series[Exact] = pa.Field()  # type: ignore[valid-type]
    currency: Series[str] = pa.Field(nullable=True)
    ambiguous: Series[bool]
    reason: Series[str] = pa.Field(nullable=True)
    rule: Series[str]
    run_id: Series[str]

    @pa.check("value", name="money_value_in_range")
    def value_in_range(cls, value: Series) -> Series[bool]:
        return value.map(lambda v: abs(v) < MAX_MONEY)

    @pa.dataframe_check(name="negative_value_has_written_sign")
    def negative_value_has_written_sign(cls, df: pd.DataFrame) -> Series[bool]:
        return negative_values_signed(df)

    @pa.check("currency", name="currency_is_iso4217")
    def currency_is_iso4217(cls, currency: Series[str]) -> Series[bool]:
        return currency.isna() | currency.isin(iso4217_codes())


class PercentMentionSchema(_MentionSchema):
    """One row per percentage or percentage-point figure."""

    value: Series[Exact] = pa.Field()  # type: ignore[valid-type]
    unit: Series[str] = pa.Field(nullable=True, isin=["pp"])
    ambiguous: Series[bool]
    reason: Series[str] = pa.Field(nullable=True)
    rule: Series[str]
    run_id: Series[str]

    @pa.check("value", name="percent_value_in_range")
    def value_in_range(cls, value: Series) -> Series[bool]:
        return value.map(lambda v: abs(v) <= MAX_PERCENT)

    @pa.dataframe_check(name="negative_value_has_written_sign")
    def negative_value_has_written_sign(cls, df: pd.DataFrame) -> Series[bool]:
        return negative_values_signed(df)


class EntityMentionSchema(_MentionSchema):
    """One row per named entity."""

    label: Series[str] = pa.Field(isin=ENTITY_LABELS)
    entity_id: Series[str] = pa.Field(str_length={"min_value": 1})
    rule: Series[str]
    run_id: Series[str]

    @pa.dataframe_check(name="entity_id_well_formed")
    def entity_id_well_formed(cls, df: pd.DataFrame) -> Series[bool]:
        return entity_ids_well_formed(df)
