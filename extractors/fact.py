"""The Fact record: one figure linked to what it measures (no dagster, no duckdb)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Fact:
    """A fact frame (contract section "Facts"): metric, subject, period and numbers.

    ``mentions`` are indices into the article's sorted mention list (provenance); numbers stay
    ``Decimal`` until the JSON or warehouse edge. ``rule`` names the linking rule that built it.
    """

    metric: str  # exports | imports | trade_balance | trade | investment | production | price | other
    flow_of: str
    partner: str | None = None
    sector: str | None = None
    product: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    value: Decimal | None = None
    currency: str | None = None
    change_pct: Decimal | None = None
    share_pct: Decimal | None = None
    mentions: tuple[int, ...] = ()
    projection: bool = False
    unit_price: bool = False  # the value is a price per unit ("US$6.20 per kilogram"), never a flow total
    sentence_idx: int = 0
    rule: str = ""
