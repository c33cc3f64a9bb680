-- Fact frames whose own article states a disagreeing figure for the same frame (metric, flow_of, partner, sector,
-- product, period): a linking error, which fact_consensus does not count as a conflict. Over the figures
-- fact_consensus compares, by its rounding and agreement rules (warehouse/README.md, "fact_consensus"), except
-- that amounts in two currencies are not compared: an article may give one figure in soles and in dollars.
-- Returns the frames, the articles holding them, and the first $limit of those article ids.
with disagreeing as (
    select distinct article_id, fact_id
    from fact_figure_pairs
    where not across_articles and fact_id <> other_fact_id
        and ((same_currency and not values_agree) or not changes_agree or not shares_agree)
)
select count(*) as frames,
    count(distinct article_id) as articles,
    coalesce(list_sort(list(distinct article_id))[1:$limit], []::varchar[]) as article_ids
from disagreeing
