"""pandera model for the articles table."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

LANGUAGES = ("en", "es")
FORMATS = ("txt", "html", "md")
DATE_SOURCES = ("front_matter", "time", "meta", "json_ld", "dateline")


class ArticleSchema(pa.DataFrameModel):
    """One row per current file that became an article."""

    article_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$", unique=True)
    path: Series[str] = pa.Field(str_length={"min_value": 1}, unique=True)
    title: Series[str] = pa.Field(nullable=True)
    lang: Series[str] = pa.Field(isin=LANGUAGES)
    published_at: Series[pa.Date] = pa.Field(nullable=True)
    source_url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    source_name: Series[str] = pa.Field(nullable=True)
    body: Series[str] = pa.Field(str_length={"min_value": 1})
    n_words: Series[int] = pa.Field(ge=1)
    format: Series[str] = pa.Field(isin=FORMATS)
    encoding: Series[str] = pa.Field(str_length={"min_value": 1})
    repaired: Series[bool]
    extractor_version: Series[str]
    ingested_at: Series[pd.Timestamp]
    run_id: Series[str]
    dropped_fields: Series[str] = pa.Field(nullable=True)
    published_source: Series[str] = pa.Field(nullable=True, isin=DATE_SOURCES)

    @pa.check("body", name="body_has_letters")
    def body_has_letters(cls, body: Series[str]) -> Series[bool]:
        return body.str.contains(r"[^\W\d_]", regex=True)

    class Config:
        coerce = True
        strict = True
