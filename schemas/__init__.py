"""pandera models, one per warehouse table, and the split of a frame into valid rows and rejects."""

from schemas.articles import ArticleSchema
from schemas.entities import EntitySchema
from schemas.facts import FactSchema
from schemas.ledger import ExtractionSchema, FileSchema, FileVersionSchema, IngestErrorSchema, RawFileSchema
from schemas.mentions import EntityMentionSchema, MoneyMentionSchema, PercentMentionSchema
from schemas.near_duplicates import ArticleBandSchema, ArticleMinhashSchema, NearDuplicateSchema

SCHEMAS = {
    "raw_files": RawFileSchema,
    "files": FileSchema,
    "file_versions": FileVersionSchema,
    "ingest_errors": IngestErrorSchema,
    "articles": ArticleSchema,
    "entities": EntitySchema,
    "extractions": ExtractionSchema,
    "money_mentions": MoneyMentionSchema,
    "percent_mentions": PercentMentionSchema,
    "entity_mentions": EntityMentionSchema,
    "facts": FactSchema,
    "article_minhashes": ArticleMinhashSchema,
    "article_bands": ArticleBandSchema,
    "near_duplicates": NearDuplicateSchema,
}

__all__ = ["SCHEMAS"]
