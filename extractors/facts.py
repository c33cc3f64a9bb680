"""Link mentions into fact frames (contract section "Facts"). Placeholder while being built."""

from __future__ import annotations

from datetime import date

from extractors.fact import Fact
from extractors.mention import Mention


def link_facts(doc, mentions: list[Mention], lang: str, published: date | None) -> list[Fact]:
    """Return the fact frames of one document, in text order."""
    return []
