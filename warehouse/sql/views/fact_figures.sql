-- Every figure a fact frame is judged by: the facts that name a period and are no projection (a price per
-- unit only under metric price), numbered by frame (metric, flow_of, partner, sector, product, period), with
-- the rounding unit of each figure from how it is written. fact_consensus and the check on figures that
-- disagree inside one article both compare figures through it, so the two share one set of rounding rules.
create or replace view fact_figures as
with figures as (
    select *,
        dense_rank() over (order by metric, flow_of, partner, sector, product, period_start, period_end) as frame_no,
        rtrim(rtrim(abs(value)::varchar, '0'), '.') as value_digits,
        rtrim(rtrim(abs(change_pct)::varchar, '0'), '.') as change_digits,
        rtrim(rtrim(abs(share_pct)::varchar, '0'), '.') as share_digits
    from facts
    -- A price per unit is a figure of metric price only: it never enters a flow's frame (exports, imports, ...),
    -- whatever metric a row claims, so no view built on this one counts it as a flow.
    where not projection and period_start is not null and (metric = 'price' or not unit_price)
)
-- The rounding unit of each figure, from how it is written: an amount to the place of its last non-zero
-- digit (74 700 000 000 to the 100 million), a percentage to its last decimal (15.6 to 0.1, 94 to 1: a
-- percentage's trailing zeros are digits, not rounding).
select * exclude (value_digits, change_digits, share_digits),
    (case when value_digits like '%.%' then 10 ** -(length(value_digits) - strpos(value_digits, '.'))
          else 10 ** (length(value_digits) - length(rtrim(value_digits, '0'))) end)::decimal(38, 6) as value_unit,
    (case when change_digits like '%.%' then 10 ** -(length(change_digits) - strpos(change_digits, '.'))
          else 1 end)::decimal(18, 6) as change_unit,
    (case when share_digits like '%.%' then 10 ** -(length(share_digits) - strpos(share_digits, '.'))
          else 1 end)::decimal(18, 6) as share_unit,
    period_kind(period_start, period_end) as period_kind,
    period_months(period_start, period_end) as period_months
from figures;

comment on view fact_figures is 'The figures fact frames are judged by (no projections, a period, a unit price only under metric price), with their frame number, rounding units, and the period''s kind and length in months.';
