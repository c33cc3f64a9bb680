"""pandera model for the entities dimension."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.mentions import ENTITY_LABELS, entity_ids_well_formed


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
        return entity_ids_well_formed(df)

    class Config:
        coerce = True
        strict = True
        unique = ["label", "entity_id"]
