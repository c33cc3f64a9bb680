-- Issue 15: for every fact_consensus row, the facts behind it, one row per fact, with the article (title, date,
-- path) and the evidence: the sentence the fact was read from (or, for a fact extracted before migration 0013,
-- the span of its mentions), as text and as offsets into articles.body.
create or replace view fact_sources as
with mention_spans as (
    select f.article_id, f.fact_id, min(m."start") as first_start, max(m."end") as last_end
    from facts as f, unnest(f.mention_ids) as ids(mention_id)
    join mentions as m on m.article_id = f.article_id and m.mention_id = ids.mention_id
    group by f.article_id, f.fact_id
), sources as (
    select frame_id(f.metric, f.flow_of, f.partner, f.sector, f.product, f.period_start, f.period_end)
            as consensus_id,
        f.article_id, f.fact_id, f.value, f.currency, f.change_pct, f.share_pct, f.mention_ids, f.sentence_idx,
        coalesce(f.evidence_start, s.first_start) as evidence_start,
        coalesce(f.evidence_end, s.last_end) as evidence_end
    from fact_figures as f
    left join mention_spans as s using (article_id, fact_id)
)
select c.consensus_id, c.metric, c.flow_of, c.partner, c.sector, c.product, c.period_start, c.period_end,
    c.period_kind, s.article_id, s.fact_id, a.title, a.published_at, a.path, a.source_url,
    s.value, s.currency, s.change_pct, s.share_pct, s.mention_ids, s.sentence_idx,
    s.evidence_start, s.evidence_end,
    substring(a.body, s.evidence_start + 1, s.evidence_end - s.evidence_start) as evidence
from fact_consensus as c
join sources as s using (consensus_id)
join articles as a using (article_id);

comment on view fact_sources is 'For every fact_consensus row (consensus_id), the facts behind it: the article (title, date, path, URL), the fact''s figures and mention ids, and the evidence sentence as text and as offsets into articles.body.';
