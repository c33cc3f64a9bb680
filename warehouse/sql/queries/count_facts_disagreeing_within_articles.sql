-- Fact frames whose own article states a disagreeing figure for the same frame (metric, flow_of, partner, sector,
-- product, period): a linking error, which fact_consensus does not count as a conflict. Over the figures
-- fact_consensus compares, by its rounding and agreement rules (warehouse/README.md, "fact_consensus"), except
-- that amounts in two currencies are not compared: an article may give one figure in soles and in dollars.
-- Returns the frames, the articles holding them, and the first $limit of those article ids.
with figures as (
    select article_id, fact_id, value, currency, change_pct, share_pct,
        dense_rank() over (order by metric, flow_of, partner, sector, product, period_start, period_end) as frame_no,
        rtrim(rtrim(abs(value)::varchar, '0'), '.') as value_digits,
        rtrim(rtrim(abs(change_pct)::varchar, '0'), '.') as change_digits,
        rtrim(rtrim(abs(share_pct)::varchar, '0'), '.') as share_digits
    from facts
    where not projection and period_start is not null and (metric = 'price' or not unit_price)
), units as (
    select *,
        (case when value_digits like '%.%' then 10 ** -(length(value_digits) - strpos(value_digits, '.'))
              else 10 ** (length(value_digits) - length(rtrim(value_digits, '0'))) end)::decimal(38, 6) as value_unit,
        (case when change_digits like '%.%' then 10 ** -(length(change_digits) - strpos(change_digits, '.'))
              else 1 end)::decimal(18, 6) as change_unit,
        (case when share_digits like '%.%' then 10 ** -(length(share_digits) - strpos(share_digits, '.'))
              else 1 end)::decimal(18, 6) as share_unit
    from figures
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
