"""cifras extractors: bytes to articles, articles to mentions. No dagster, no duckdb.

Public API: ``extract(text, lang=None) -> list[Mention]``, ``analyse(text, lang=None,
published=None) -> Analysis`` (mentions and facts), ``read_document(path) -> Article``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from extractors.fact import Fact
from extractors.mention import Mention

if TYPE_CHECKING:
    from extractors.nlp import Analysis

__version__ = "0.4.1"

__all__ = ["Fact", "Mention", "__version__", "analyse", "extract"]


def extract(text: str, lang: str | None = None) -> list[Mention]:
    """Return the money, percent and entity mentions of ``text``, sorted by (start, kind).

    ``lang`` is "en" or "es"; ``None`` detects it. Offsets index ``text`` itself.

    >>> [(m.kind, m.text, float(m.value)) for m in extract("Creció 19,8% hasta US$ 68 120 millones", "es")]
    [('percent', '19,8%', 19.8), ('money', 'US$ 68 120 millones', 68120000000.0)]
    """
    from extractors.nlp import extract_many

    return next(extract_many([(text, lang)]))


def analyse(text: str, lang: str | None = None, published: date | None = None) -> Analysis:
    """Return the mentions of ``text`` and the fact frames linked from them.

    ``published`` is the article's date: relative periods ("last year") resolve against it, and
    stay null without it. Each fact's ``mentions`` index the returned mention list.
    """
    from extractors.nlp import analyse_many

    return next(analyse_many([(text, lang, published)]))
