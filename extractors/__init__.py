"""cifras extractors: bytes to articles, articles to mentions. No dagster, no duckdb.

Public API: ``extract(text, lang=None) -> list[Mention]``, ``read_document(path) -> Article``.
"""

from extractors.mention import Mention

__version__ = "0.1.0"

__all__ = ["Mention", "__version__"]
