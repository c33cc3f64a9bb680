-- The consensus frame of a fact named by its article id (or a prefix of it) and fact_id, with the article id in
-- full: more than one row means the prefix names several articles (cifras explain).
select f.article_id, f.fact_id,
    case when fig.article_id is not null
         then frame_id(f.metric, f.flow_of, f.partner, f.sector, f.product, f.period_start, f.period_end) end
        as consensus_id
from facts as f
left join fact_figures as fig using (article_id, fact_id)
where starts_with(f.article_id, $article_prefix) and f.fact_id = $fact_id
