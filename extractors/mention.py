"""The Mention record: one extracted span with its normalised value (no dagster, no duckdb)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Mention:
    """A money, percent or entity span in a text, with offsets into that text.

    ``value`` stays a ``Decimal`` until the JSON or warehouse edge; ``text == source[start:end]``.
    """

    kind: str  # "money" | "percent" | "entity"
    text: str
    start: int
    end: int
    sentence_idx: int = 0
    value: Decimal | None = None
    currency: str | None = None
    unit: str | None = None  # percent: None or "pp"
    label: str | None = None  # entity: COUNTRY, REGION, ORG, PERSON, PRODUCT, PLACE
    entity_id: str | None = None
    rule: str = ""
    ambiguous: bool = False
    reason: str | None = None
