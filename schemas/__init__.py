"""pandera models, one per warehouse table, and the split of a frame into valid rows and rejects."""

from schemas.articles import ArticleSchema
from schemas.entities import EntitySchema
from schemas.facts import FactSchema
from schemas.ledger import ExtractionSchema, FileSchema, IngestErrorSchema, RawFileSchema
from schemas.mentions import EntityMentionSchema, MoneyMentionSchema, PercentMentionSchema

SCHEMAS = {
    "raw_files": RawFileSchema,
    "files": FileSchema,
    "ingest_errors": IngestErrorSchema,
    "articles": ArticleSchema,
    "entities": EntitySchema,
    "extractions": ExtractionSchema,
    "money_mentions": MoneyMentionSchema,
    "percent_mentions": PercentMentionSchema,
    "entity_mentions": EntityMentionSchema,
    "facts": FactSchema,
}

__all__ = ["SCHEMAS"]
