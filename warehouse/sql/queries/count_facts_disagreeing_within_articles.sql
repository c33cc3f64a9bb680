-- Fact frames whose own article states a disagreeing figure for the same frame (metric, flow_of, partner, sector,
-- product, period): a linking error, which fact_consensus does not count as a conflict. Over the figures
-- fact_consensus compares, by its rounding and agreement rules (warehouse/README.md, "fact_consensus"), except
-- that amounts in two currencies are not compared: an article may give one figure in soles and in dollars.
-- Returns the frames, the articles holding them, and the first $limit of those article ids.
with units as (
    select article_id, fact_id, frame_no, value, currency, change_pct, share_pct, value_unit, change_unit, share_unit
    from fact_figures
), disagreeing as (
    select distinct a.article_id, a.fact_id
    from units as a
    join units as b on b.frame_no = a.frame_no and b.article_id = a.article_id and b.fact_id <> a.fact_id
    where (a.currency = b.currency and a.value <> b.value
            and not (abs(a.value - b.value) <= greatest(a.value_unit, b.value_unit)
                     and abs(a.value - b.value) * 10 < least(abs(a.value), abs(b.value))))
        or abs(a.change_pct - b.change_pct) > greatest(0.05, greatest(a.change_unit, b.change_unit) / 2)
        or abs(a.share_pct - b.share_pct) > greatest(0.05, greatest(a.share_unit, b.share_unit) / 2)
)
select count(*) as frames,
    count(distinct article_id) as articles,
    coalesce(list_sort(list(distinct article_id))[1:$limit], []::varchar[]) as article_ids
from disagreeing
