-- Extracted = landed + rejected, per article and against the rows actually in the tables.
with landed as (
    select article_id, count(*) as n from (
        select article_id from money_mentions
        union all select article_id from percent_mentions
        union all select article_id from entity_mentions
    ) group by article_id
), rejected as (
    select article_id, count(*) as n from rejects
    where table_name in ('money_mentions', 'percent_mentions', 'entity_mentions')
    group by article_id
)
select count(*) filter (where e.n_extracted <> e.n_landed + e.n_rejected
        or e.n_landed <> coalesce(l.n, 0) or e.n_rejected <> coalesce(r.n, 0)) as breaks,
    coalesce(sum(e.n_extracted), 0) as extracted,
    coalesce(sum(l.n), 0) as landed,
    coalesce(sum(r.n), 0) as rejected
from extractions as e
left join landed as l using (article_id)
left join rejected as r using (article_id)
