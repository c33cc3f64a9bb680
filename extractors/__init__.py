"""cifras extractors: bytes to articles, articles to mentions. No dagster, no duckdb.

Public API: ``extract(text, lang=None) -> list[Mention]``, ``read_document(path) -> Article``.
"""

from extractors.mention import Mention

__version__ = "0.1.0"

__all__ = ["Mention", "__version__", "extract"]


def extract(text: str, lang: str | None = None) -> list[Mention]:
    """Return the money, percent and entity mentions of ``text``, sorted by (start, kind).

    ``lang`` is "en" or "es"; ``None`` detects it. Offsets index ``text`` itself.

    >>> [(m.kind, m.text, float(m.value)) for m in extract("Creció 19,8% hasta US$ 68 120 millones", "es")]
    [('percent', '19,8%', 19.8), ('money', 'US$ 68 120 millones', 68120000000.0)]
    """
    from extractors.nlp import extract_many

    return next(extract_many([(text, lang)]))
