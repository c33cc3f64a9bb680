-- The fact frames whose articles disagree (fact_consensus.conflict), with the spread of their figures
-- and the articles that state them.
select c.metric, c.flow_of, c.partner, c.sector, c.product, c.period_start, c.period_end,
    c.value_min, c.value_max, c.currency, c.change_pct_min, c.change_pct_max,
    c.share_pct_min, c.share_pct_max, c.n_articles, c.n_facts,
    (select list(a.path || ': ' || coalesce(a.title, '') order by a.path)
     from articles as a where list_contains(c.article_ids, a.article_id)) as articles
from fact_consensus as c
where c.conflict
order by c.metric, c.flow_of, c.partner nulls first, c.sector nulls first, c.product nulls first,
    c.period_start, c.period_end
