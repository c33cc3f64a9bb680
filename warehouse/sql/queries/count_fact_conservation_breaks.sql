-- Facts extracted = landed + rejected, per article and against the rows actually in facts and rejects.
with landed as (
    select article_id, count(*) as n from facts group by article_id
), rejected as (
    select article_id, count(*) as n from rejects where table_name = 'facts' group by article_id
)
select count(*) filter (where e.facts_extracted <> e.facts_landed + e.facts_rejected
        or e.facts_landed <> coalesce(l.n, 0) or e.facts_rejected <> coalesce(r.n, 0)) as breaks,
    coalesce(sum(e.facts_extracted), 0) as extracted,
    coalesce(sum(l.n), 0) as landed,
    coalesce(sum(r.n), 0) as rejected
from extractions as e
left join landed as l using (article_id)
left join rejected as r using (article_id)
