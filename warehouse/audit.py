"""Read-only questions about the warehouse's integrity and contents, for checks, metadata and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from warehouse import store

TABLES = (
    "runs", "raw_files", "files", "articles", "extractions", "money_mentions",
    "percent_mentions", "entity_mentions", "rejects", "ingest_errors", "entities", "facts",
    "file_versions", "article_minhashes", "article_bands", "near_duplicates", "search_documents", "search_postings",
)
MENTION_TABLES = ("money_mentions", "percent_mentions", "entity_mentions")
VIEWS = (
    "mentions", "fact_figures", "fact_figure_pairs", "fact_consensus", "exports", "exports_by_partner",
    "exports_by_region", "exports_by_product", "exports_by_sector", "latest_facts", "fact_consistency",
    "fact_series", "fact_growth", "fact_sources",
)
_CELL_WIDTH = 40


@dataclass(frozen=True)
class LinkingErrors:
    """Fact frames whose own article states a disagreeing figure for the same frame, the articles holding them,
    and a few of those article ids (sorted)."""

    frames: int
    articles: int
    article_ids: list[str]


@dataclass(frozen=True)
class Conservation:
    """Extracted vs landed + rejected rows (mentions or facts), and the number of articles where they disagree."""

    breaks: int
    extracted: int
    landed: int
    rejected: int


def _table(table: str) -> str:
    if table not in TABLES + VIEWS:
        raise ValueError(f"unknown table {table!r}")
    return table


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Rows in a warehouse table."""
    return store.run(con, "count_table_rows", {"table": _table(table)}).fetchone()[0]


def preview_markdown(con: duckdb.DuckDBPyConnection, table: str, limit: int = 5) -> str:
    """The first rows of a table as a Markdown table, long cells cut short."""
    cursor = store.run(con, "select_table_preview", {"table": _table(table), "limit": limit})
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines)


def _cell(value: object) -> str:
    text = "" if value is None else " ".join(str(value).split()).replace("|", "\\|")
    return text if len(text) <= _CELL_WIDTH else text[: _CELL_WIDTH - 1] + "…"


def bad_offsets(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Mentions of ``table`` whose offsets do not reproduce their text in the article body."""
    row = store.run(con, "count_mentions_bad_offsets", {"table": _table(table)}).fetchone()
    return 0 if row is None else row[1]


def articles_without_language(con: duckdb.DuckDBPyConnection) -> int:
    """Articles whose language is missing or unknown."""
    return store.run(con, "count_articles_without_language").fetchone()[0]


def conservation(con: duckdb.DuckDBPyConnection) -> Conservation:
    """Extracted = landed + rejected, per article and against the mention tables."""
    return Conservation(*store.run(con, "count_conservation_breaks").fetchone())


def fact_conservation(con: duckdb.DuckDBPyConnection) -> Conservation:
    """Facts extracted = landed + rejected, per article and against the facts table and rejects."""
    return Conservation(*store.run(con, "count_fact_conservation_breaks").fetchone())


def facts_with_unknown_mentions(con: duckdb.DuckDBPyConnection) -> int:
    """Facts that name no mention, or a mention id that is not a landed mention of their article."""
    return store.run(con, "count_facts_with_unknown_mentions").fetchone()[0]


def facts_disagreeing_within_articles(con: duckdb.DuckDBPyConnection, limit: int = 5) -> LinkingErrors:
    """Frames that disagree with another figure of their own article for the same frame (metric, subject, partner,
    sector, product, period), by fact_consensus's agreement rules; ``limit`` article ids at most."""
    return LinkingErrors(*store.run(con, "count_facts_disagreeing_within_articles", {"limit": limit}).fetchone())


def unrecorded_errors(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(ledger errors without an ingest_errors row, ingest_errors rows without a ledger error)."""
    return tuple(store.run(con, "count_unrecorded_errors").fetchone())


def unknown_entity_ids(con: duckdb.DuckDBPyConnection) -> int:
    """Entity mentions whose (label, entity_id) is not in the entities dimension."""
    return store.run(con, "count_unknown_entity_ids").fetchone()[0]


def file_version_breaks(con: duckdb.DuckDBPyConnection) -> int:
    """Paths whose version history disagrees with the ledger: a live file without exactly one current version
    of its hash, or a current version of a deleted file."""
    return store.run(con, "count_file_version_breaks").fetchone()[0]



# The primary key of every keyed table, as the migrations declare it (a test holds the two equal): the check
# reads keys from here, not from the catalog, so a table rebuilt without its key is still checked.
PRIMARY_KEYS = {
    "runs": ("run_id",), "raw_files": ("path",), "files": ("path",), "articles": ("article_id",),
    "extractions": ("article_id",), "money_mentions": ("article_id", "mention_id"),
    "percent_mentions": ("article_id", "mention_id"), "entity_mentions": ("article_id", "mention_id"),
    "ingest_errors": ("path",), "entities": ("label", "entity_id"), "facts": ("article_id", "fact_id"),
    "file_versions": ("path", "version"), "article_minhashes": ("article_id",), "article_bands": ("article_id", "band"),
    "near_duplicates": ("article_id", "other_article_id"), "search_documents": ("doc_id",),
}


def duplicate_keys(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> dict[str, int]:
    """For each of ``tables``, the rows beyond the first of each primary-key value (0 in a sound warehouse)."""
    return {
        table: store.run(con, "count_duplicate_keys", {
            "table": _table(table), "columns": list(PRIMARY_KEYS[table])}).fetchone()[0]
        for table in tables
    }
