"""pandera models for the ledger tables: raw_files (the scan), files, file_versions, ingest_errors, extractions."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

_SHA256 = r"^[0-9a-f]{64}$"
CHANGES = ("new", "changed", "unchanged", "deleted")
FILE_STATUSES = ("ok", "error", "rejected", "deleted")
ERROR_STAGES = ("discover", "read", "decode", "parse", "duplicate", "land")


class RawFileSchema(pa.DataFrameModel):
    """One row per file found in raw/ (or deleted since the last run)."""

    path: Series[str] = pa.Field(str_length={"min_value": 1})
    sha256: Series[str] = pa.Field(nullable=True, str_matches=_SHA256)
    bytes: Series[int] = pa.Field(ge=0)
    mtime: Series[pd.Timestamp]
    change: Series[str] = pa.Field(isin=CHANGES)
    problem: Series[str] = pa.Field(nullable=True)
    run_id: Series[str]

    class Config:
        coerce = True
        strict = True


class FileSchema(pa.DataFrameModel):
    """The ledger: one row per path ever seen."""

    path: Series[str] = pa.Field(str_length={"min_value": 1})
    sha256: Series[str] = pa.Field(nullable=True, str_matches=_SHA256)
    bytes: Series[int] = pa.Field(ge=0)
    mtime: Series[pd.Timestamp]
    first_seen: Series[pd.Timestamp]
    last_seen: Series[pd.Timestamp]
    status: Series[str] = pa.Field(isin=FILE_STATUSES)
    error: Series[str] = pa.Field(nullable=True)
    article_id: Series[str] = pa.Field(nullable=True, str_matches=_SHA256)
    run_id: Series[str]
    reader_version: Series[str] = pa.Field(nullable=True, str_matches=r"^(txt|md|html)/\w+$")

    class Config:
        coerce = True
        strict = True


class FileVersionSchema(pa.DataFrameModel):
    """One row per version of a file seen (append-only); retired when replaced or deleted."""

    path: Series[str] = pa.Field(str_length={"min_value": 1})
    version: Series[int] = pa.Field(ge=1)
    sha256: Series[str] = pa.Field(nullable=True, str_matches=_SHA256)
    bytes: Series[int] = pa.Field(ge=0)
    first_seen: Series[pd.Timestamp]
    run_id: Series[str]
    retired_at: Series[pd.Timestamp] = pa.Field(nullable=True)
    retired_run_id: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(name="retired_both_or_neither")
    def retired_both_or_neither(cls, df: pd.DataFrame) -> Series[bool]:
        return df["retired_at"].isna() == df["retired_run_id"].isna()

    @pa.dataframe_check(name="retired_not_before_first_seen")
    def retired_not_before_first_seen(cls, df: pd.DataFrame) -> Series[bool]:
        return df["retired_at"].isna() | (df["retired_at"] >= df["first_seen"])

    class Config:
        coerce = True
        strict = True
        unique = ["path", "version"]


class IngestErrorSchema(pa.DataFrameModel):
    """One row per file that cannot currently become an article."""

    path: Series[str] = pa.Field(str_length={"min_value": 1})
    sha256: Series[str] = pa.Field(nullable=True, str_matches=_SHA256)
    stage: Series[str] = pa.Field(isin=ERROR_STAGES)
    reason: Series[str] = pa.Field(str_length={"min_value": 1})
    bytes: Series[int] = pa.Field(ge=0)
    run_id: Series[str]
    recorded_at: Series[pd.Timestamp]

    class Config:
        coerce = True
        strict = True


class ExtractionSchema(pa.DataFrameModel):
    """One row per extracted article: extracted = landed + rejected, for mentions and for facts."""

    article_id: Series[str] = pa.Field(str_matches=_SHA256)
    extractor_version: Series[str]
    n_extracted: Series[int] = pa.Field(ge=0)
    n_landed: Series[int] = pa.Field(ge=0)
    n_rejected: Series[int] = pa.Field(ge=0)
    extracted_at: Series[pd.Timestamp]
    run_id: Series[str]
    facts_extracted: Series[int] = pa.Field(ge=0)
    facts_landed: Series[int] = pa.Field(ge=0)
    facts_rejected: Series[int] = pa.Field(ge=0)
    error: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(name="extractions_conserve_mentions")
    def conserve(cls, df: pd.DataFrame) -> Series[bool]:
        return df["n_extracted"] == df["n_landed"] + df["n_rejected"]

    @pa.dataframe_check(name="extractions_conserve_facts")
    def conserve_facts(cls, df: pd.DataFrame) -> Series[bool]:
        return df["facts_extracted"] == df["facts_landed"] + df["facts_rejected"]

    class Config:
        coerce = True
        strict = True
