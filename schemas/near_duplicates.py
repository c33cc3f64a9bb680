"""pandera models for near-duplicate articles: article_minhashes (signatures), article_bands (their band keys)
and near_duplicates (pairs)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

_SHA256 = r"^[0-9a-f]{64}$"
MINHASH_SLOTS = 128  # pipelines.fingerprint.SLOTS
Similarity = pandas_engine.Decimal(18, 6)


class ArticleMinhashSchema(pa.DataFrameModel):
    """One row per article: the MinHash signature of its body."""

    article_id: Series[str] = pa.Field(str_matches=_SHA256, unique=True)
    minhash: Series[object]
    run_id: Series[str]

    @pa.check("minhash", name="minhash_has_every_slot")
    def minhash_has_every_slot(cls, minhash: Series) -> Series[bool]:
        return minhash.map(lambda values: isinstance(values, (list, tuple)) and len(values) == MINHASH_SLOTS
                           and all(isinstance(v, int) and -2**31 <= v < 2**31 for v in values))

    class Config:
        coerce = True
        strict = True


class ArticleBandSchema(pa.DataFrameModel):
    """One row per article and band of its signature: the key near_duplicates candidates are joined on."""

    article_id: Series[str] = pa.Field(str_matches=_SHA256)
    band: Series[int] = pa.Field(ge=0, lt=MINHASH_SLOTS // 2)
    band_key: Series[int]

    class Config:
        coerce = True
        strict = True
        unique = ["article_id", "band"]


class NearDuplicateSchema(pa.DataFrameModel):
    """One row per pair of near-duplicate articles, stored once (article_id > other_article_id)."""

    article_id: Series[str] = pa.Field(str_matches=_SHA256)
    other_article_id: Series[str] = pa.Field(str_matches=_SHA256)
    similarity: Series[Similarity]  # type: ignore[valid-type]
    run_id: Series[str]
    linked_at: Series[pd.Timestamp]

    @pa.dataframe_check(name="pair_stored_once")
    def pair_stored_once(cls, df: pd.DataFrame) -> Series[bool]:
        return df["article_id"] > df["other_article_id"]

    @pa.check("similarity", name="similarity_within_0_1")
    def similarity_within_0_1(cls, similarity: Series) -> Series[bool]:
        return similarity.map(lambda v: isinstance(v, Decimal) and Decimal(0) <= v <= Decimal(1))

    class Config:
        coerce = True
        strict = True
        unique = ["article_id", "other_article_id"]
