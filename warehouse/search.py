"""Full-text search over the articles: the index refresh, the search, and the snippet of each hit.

The index is two tables kept up to date per article (migration 0011): ``search_postings``
(article, stemmed term, count) and ``search_documents`` (article, length, the ``articles.run_id``
indexed). ``search_articles(q)``, a table macro, scores with BM25 as DuckDB's FTS extension did
(that extension only rebuilds a whole index; its Porter2 ``stem`` function is still used). Words
are lowercased, accent-stripped and stemmed (the ``search_terms`` macro); the snippet finds the
first hit the same way.
"""

from __future__ import annotations

import re
import unicodedata

import duckdb
import pandas as pd

from warehouse import store

_WORD = re.compile(r"[^\W_]+")
_SNIPPET_BEFORE = 60
_SNIPPET_AFTER = 140
_INDEX_BATCH = 500  # articles tokenized at once when the index is brought up to date


def index_is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the index holds exactly the current articles, each as last read."""
    return store.run(con, "count_search_index_stale_articles").fetchone()[0] == 0


def refresh_index(con: duckdb.DuckDBPyConnection) -> bool:
    """Bring the index up to date: drop the articles gone or re-read, index the ones missing; True if it changed.

    Needs a writable connection. Work is proportional to the articles that changed, plus two comparisons of
    article ids. Each batch is a transaction: an interrupted refresh leaves whole documents, and the next
    one indexes the rest."""
    if index_is_current(con):
        return False
    with store.transaction(con):
        store.run(con, "delete_stale_search_rows")
    missing = store.run(con, "count_search_index_stale_articles").fetchone()[0]  # now only articles to index
    for _ in range(-(-missing // _INDEX_BATCH)):  # a batch at a time, each its own transaction (bounded memory)
        with store.transaction(con):
            store.run(con, "create_search_batch", {"limit": _INDEX_BATCH})
            store.run(con, "insert_missing_search_rows")
    return True


def search_articles(con: duckdb.DuckDBPyConnection, query: str, limit: int = 10) -> pd.DataFrame:
    """The best ``limit`` articles holding every word of ``query``: article_id, title, path,
    published_at, score and a snippet around the first hit in the body."""
    found = store.fetch_frame(con, "select_search_articles", {"query": query, "limit": limit})
    bodies = found.pop("body")
    query_words = {word for _, _, word in words(query)}
    body_words = [words(body) for body in bodies]
    stems = _stems(con, query_words | {word for found_words in body_words for _, _, word in found_words})
    wanted = {stems[word] for word in query_words}
    found["snippet"] = [
        snippet(body, next(((s, e) for s, e, word in found_words if stems[word] in wanted), (0, 0)))
        for body, found_words in zip(bodies, body_words)
    ]
    return found


def _stems(con: duckdb.DuckDBPyConnection, vocabulary: set[str]) -> dict[str, str]:
    rows = store.run(con, "select_word_stems", {"words": sorted(vocabulary)}).fetchall()
    return dict(rows)


def fold(text: str) -> str:
    """Lowercase without accents, one character at a time (so offsets can be mapped back).

    >>> fold("Junín, ÁNCASH")
    'junin, ancash'
    """
    return "".join(_fold_char(ch) for ch in text)


def _fold_char(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()


def words(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` as (start, end, folded word), offsets into ``text``.

    >>> words("Cacao en Junín: 2024")
    [(0, 5, 'cacao'), (6, 8, 'en'), (9, 14, 'junin'), (16, 20, '2024')]
    """
    folded, origin = [], []
    for i, ch in enumerate(text):
        piece = _fold_char(ch)
        folded.append(piece)
        origin.extend([i] * len(piece))
    folded_text = "".join(folded)
    return [(origin[m.start()], origin[m.end() - 1] + 1, m.group()) for m in _WORD.finditer(folded_text)]


def snippet(text: str, hit: tuple[int, int]) -> str:
    """A one-line excerpt of ``text`` around ``hit`` (start, end), cut at spaces, … where cut.

    >>> snippet("Las exportaciones de cacao de Junín crecieron.", (30, 35))
    'Las exportaciones de cacao de Junín crecieron.'
    >>> snippet("word " * 40 + "Junín" + " word" * 40, (200, 205))[:12]
    '… word word '
    """
    start, end = hit
    left = max(0, start - _SNIPPET_BEFORE)
    right = min(len(text), end + _SNIPPET_AFTER)
    if left > 0 and not text[left - 1].isspace():
        left = next((i + 1 for i in range(left, start) if text[i].isspace()), start)
    if right < len(text) and not text[right].isspace():
        right = next((i for i in range(right, end, -1) if text[i].isspace()), end)
    excerpt = " ".join(text[left:right].split())
    return ("… " if left > 0 else "") + excerpt + (" …" if right < len(text) else "")
