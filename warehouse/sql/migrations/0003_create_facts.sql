-- Fact frames (extraction contract, section "Facts"): one row per statement that links a figure to
-- what it measures; and fact counts in the conservation ledger and the runs table.

create table facts (
    article_id      varchar not null,
    fact_id         integer not null,
    sentence_idx    integer not null,
    metric          varchar not null,
    flow_of         varchar not null,
    partner         varchar,
    sector          varchar,
    product         varchar,
    period_start    date,
    period_end      date,
    value           decimal(38, 6),
    currency        varchar,
    change_pct      decimal(18, 6),
    share_pct       decimal(18, 6),
    projection      boolean not null,
    mention_ids     integer[] not null,
    rule            varchar not null,
    extractor_version varchar not null,
    run_id          varchar not null,
    primary key (article_id, fact_id)
);

-- ADD COLUMN takes no constraint in DuckDB: add with a default, then set NOT NULL.
alter table extractions add column facts_extracted integer default 0;
alter table extractions alter column facts_extracted set not null;
alter table extractions add column facts_landed integer default 0;
alter table extractions alter column facts_landed set not null;
alter table extractions add column facts_rejected integer default 0;
alter table extractions alter column facts_rejected set not null;
alter table runs add column facts_extracted integer default 0;
alter table runs alter column facts_extracted set not null;
alter table runs add column facts_landed integer default 0;
alter table runs alter column facts_landed set not null;

comment on table facts is 'One row per fact frame: a money or percent figure linked to its metric, subject, partner, sector, product and period.';
comment on column facts.article_id is 'The article the frame was read from.';
comment on column facts.fact_id is 'Index of the frame among the article''s frames, in text order (0-based).';
comment on column facts.sentence_idx is 'Index of the sentence that states the frame.';
comment on column facts.metric is 'exports, imports, trade_balance, trade, investment, production, price or other.';
comment on column facts.flow_of is 'Whose flow: COUNTRY or REGION id (PE, PE-JUN), PLACE or ORG slug, or a group slug (mipymes, interior-regions).';
comment on column facts.partner is 'The other side (destination of exports, origin of imports): COUNTRY id or world-region PLACE slug; null for totals.';
comment on column facts.sector is 'Sector of the annotation guide (agriculture, agroindustry, mining, ...) when the figure is a whole sector''s; else null.';
comment on column facts.product is 'PRODUCT slug when the figure is one product''s; else null.';
comment on column facts.period_start is 'First day of the span the figure covers; null when the text gives no period.';
comment on column facts.period_end is 'Last day of the span the figure covers; null when the text gives no period.';
comment on column facts.value is 'Amount in units of the currency (exact); null when the frame states no amount.';
comment on column facts.currency is 'ISO 4217 code of value; null exactly when value is null.';
comment on column facts.change_pct is 'Growth rate in percent, signed by direction (a fall is negative); null when none is stated.';
comment on column facts.share_pct is 'Share of a whole in percent (0 to 100); null when none is stated.';
comment on column facts.projection is 'True for a forecast, target or goal rather than an outcome.';
comment on column facts.mention_ids is 'mention_id of the article''s mentions the frame uses (provenance).';
comment on column facts.rule is 'Linking rule that built the frame.';
comment on column facts.extractor_version is 'Version of the extractors package (mentions and linker) that built the frame.';
comment on column facts.run_id is 'Run that landed the row.';

comment on column extractions.facts_extracted is 'Fact frames the linker produced for the article.';
comment on column extractions.facts_landed is 'Of those, rows landed in facts.';
comment on column extractions.facts_rejected is 'Of those, rows sent to rejects (facts_extracted = facts_landed + facts_rejected).';
comment on column runs.facts_extracted is 'Fact frames the linker produced in this run.';
comment on column runs.facts_landed is 'Fact frames that passed validation and landed.';
comment on column rejects.row_key is 'Key of the row within its table (mention_id, fact_id, or the path for articles).';
