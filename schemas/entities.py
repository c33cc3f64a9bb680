"""pandera model for the entities dimension."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.mentions import ENTITY_ID_PATTERNS, ENTITY_LABELS, SLUG


class EntitySchema(pa.DataFrameModel):
    """One row per canonical entity (label, id)."""

    entity_id: Series[str] = pa.Field(str_length={"min_value": 1})
    label: Series[str] = pa.Field(isin=ENTITY_LABELS)
    name_en: Series[str] = pa.Field(str_length={"min_value": 1})
    name_es: Series[str] = pa.Field(str_length={"min_value": 1})
    iso_code: Series[str] = pa.Field(nullable=True)
    origin: Series[str] = pa.Field(isin=["gazetteer", "text"])

    @pa.dataframe_check(name="entity_id_well_formed")
    def entity_id_well_formed(cls, df: pd.DataFrame) -> Series[bool]:
        pattern = df["label"].map(ENTITY_ID_PATTERNS).fillna(SLUG)
        return pd.Series([re.match(p, str(e)) is not None for e, p in zip(df["entity_id"], pattern, strict=True)],
                         index=df.index)

    class Config:
        coerce = True
        strict = True
        unique = ["label", "entity_id"]
