"""Asset checks, named <asset>_<property>; each reads the warehouse through warehouse.audit."""


import dagster as dg

from pipelines.defs.resources import WarehouseResource
from warehouse import audit


@dg.asset_check(asset="articles", name="articles_have_language")
def articles_have_language(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every article has a known language (en or es)."""
    with warehouse.connect(read_only=True) as con:
        missing = audit.articles_without_language(con)
    return dg.AssetCheckResult(passed=missing == 0, metadata={"articles_without_language": missing})


def _offsets_check(table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=table, name=f"{table}_offsets_in_text",
                    description=f"articles.body[start:end] == text for every row of {table}.")
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect(read_only=True) as con:
            bad = audit.bad_offsets(con, table)
        return dg.AssetCheckResult(passed=bad == 0, metadata={"rows_with_bad_offsets": bad})

    return _check


@dg.asset_check(asset="extractions", name="extractions_conserve_mentions", blocking=True)
def extractions_conserve_mentions(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Mentions extracted = landed + rejected, per article and against the mention tables.

    Blocking: when it fails, the run fails and nothing downstream of ``extractions`` materialises."""
    with warehouse.connect(read_only=True) as con:
        result = audit.conservation(con)
    return dg.AssetCheckResult(
        passed=result.breaks == 0,
        metadata={"articles_breaking": result.breaks, "extracted": result.extracted,
                  "landed": result.landed, "rejected": result.rejected},
    )


@dg.asset_check(asset="extractions", name="extractions_conserve_facts", blocking=True)
def extractions_conserve_facts(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Facts extracted = landed + rejected, per article and against the facts table (blocking, as above)."""
    with warehouse.connect(read_only=True) as con:
        result = audit.fact_conservation(con)
    return dg.AssetCheckResult(
        passed=result.breaks == 0,
        metadata={"articles_breaking": result.breaks, "extracted": result.extracted,
                  "landed": result.landed, "rejected": result.rejected},
    )


@dg.asset_check(asset="facts", name="facts_cite_landed_mentions")
def facts_cite_landed_mentions(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every fact names at least one mention, and each is a landed mention of its own article."""
    with warehouse.connect(read_only=True) as con:
        unknown = audit.facts_with_unknown_mentions(con)
    return dg.AssetCheckResult(passed=unknown == 0, metadata={"facts_with_unknown_mentions": unknown})


@dg.asset_check(asset="facts", name="facts_consistent_within_articles")
def facts_consistent_within_articles(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """No article states two disagreeing figures for one frame (metric, subject, partner, sector, product, period).

    Such a pair is a linking error, not a conflict between articles, so fact_consensus does not flag it: this
    check does. A warning: the frames stay landed and the run goes on."""
    with warehouse.connect(read_only=True) as con:
        found = audit.facts_disagreeing_within_articles(con)
    return dg.AssetCheckResult(
        passed=found.frames == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"frames_disagreeing_within_article": found.frames, "articles": found.articles,
                  "article_ids": dg.MetadataValue.json(found.article_ids)},
    )


@dg.asset_check(asset="ingest_errors", name="ingest_errors_match_ledger")
def ingest_errors_match_ledger(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every file in error has exactly its ingest_errors row, and no error row is stale."""
    with warehouse.connect(read_only=True) as con:
        missing, orphaned = audit.unrecorded_errors(con)
    return dg.AssetCheckResult(passed=missing == 0 and orphaned == 0,
                               metadata={"errors_not_recorded": missing, "stale_error_rows": orphaned})


@dg.asset_check(asset="entity_mentions", name="entity_mentions_ids_known")
def entity_mentions_ids_known(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every entity mention's (label, entity_id) is in the entities dimension."""
    with warehouse.connect(read_only=True) as con:
        unknown = audit.unknown_entity_ids(con)
    return dg.AssetCheckResult(passed=unknown == 0, metadata={"mentions_with_unknown_id": unknown})


def _unique_keys_check(asset: str, tables: tuple[str, ...]) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=asset, name=f"{asset}_keys_unique", blocking=True,
                    description=f"No primary key appears twice in {', '.join(tables)} (blocking: a duplicated "
                                "key stops what is downstream).")
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect(read_only=True) as con:
            duplicates = audit.duplicate_keys(con, tables)
        return dg.AssetCheckResult(passed=not any(duplicates.values()),
                                   metadata={f"duplicate_keys_in_{table}": n for table, n in duplicates.items()})

    return _check


@dg.asset_check(asset="articles", name="articles_versions_match_ledger", blocking=True)
def articles_versions_match_ledger(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every live file of the ledger has exactly one current version, of its hash, and no deleted file has one.

    Blocking: when it fails, nothing is extracted from articles whose history is in doubt."""
    with warehouse.connect(read_only=True) as con:
        breaks = audit.file_version_breaks(con)
    return dg.AssetCheckResult(passed=breaks == 0, metadata={"paths_breaking": breaks})


KEYED_TABLES = {  # the asset each check hangs on, and the tables its step writes
    "raw_files": ("raw_files",),
    "articles": ("articles", "files", "file_versions", "article_minhashes", "article_bands", "near_duplicates"),
    "entities": ("entities",),
    "extractions": ("extractions", *audit.MENTION_TABLES, "facts"),
}

CHECKS = [
    *(_unique_keys_check(asset, tables) for asset, tables in KEYED_TABLES.items()),
    articles_versions_match_ledger,
    articles_have_language,
    *(_offsets_check(table) for table in audit.MENTION_TABLES),
    extractions_conserve_mentions,
    extractions_conserve_facts,
    facts_cite_landed_mentions,
    facts_consistent_within_articles,
    ingest_errors_match_ledger,
    entity_mentions_ids_known,
]
