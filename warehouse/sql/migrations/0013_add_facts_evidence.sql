-- Issue 15: the evidence one step away. A fact keeps the span of its sentence in the article body (NULL for facts
-- extracted before this migration: fact_sources then shows the span of the fact's mentions), and every fact frame
-- gets a stable id, so `cifras explain` and fact_sources can name a fact_consensus row.
alter table facts add column evidence_start integer;
alter table facts add column evidence_end integer;
comment on column facts.evidence_start is 'Character offset in articles.body where the sentence the fact was read from starts (NULL: extracted before migration 0013).';
comment on column facts.evidence_end is 'Character offset in articles.body where that sentence ends (exclusive).';

-- A fact frame's id: the first 16 hex digits of the MD5 of its key (metric, flow_of, partner, sector, product,
-- period), '-' for a NULL part; the same frame has the same id in every run and every warehouse.
create macro frame_id(metric, flow_of, partner, sector, product, period_start, period_end) as
    substr(md5(concat_ws('|', metric, flow_of, coalesce(partner, '-'), coalesce(sector, '-'), coalesce(product, '-'),
                         coalesce(period_start::varchar, '-'), coalesce(period_end::varchar, '-'))), 1, 16);
