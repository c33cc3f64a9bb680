-- A level and its growth rate against the level stated for the year before: a frame with value V and
-- change_pct g implies V / (1 + g/100) for the same series one year earlier; compare it with the
-- consensus value stated for that period, where there is one.
create or replace view fact_consistency as
with consensus as materialized (  -- read twice below: computed once
    select * from fact_consensus
), implied as (
    select metric, flow_of, partner, sector, product, period_start, period_end, value, currency, change_pct,
        (period_start - interval 1 year)::date as previous_period_start,
        (period_end - interval 1 year)::date as previous_period_end,
        (value / (1 + change_pct / 100))::decimal(38, 6) as implied_value
    from consensus
    where value is not null and change_pct > -100
)
select i.metric, i.flow_of, i.partner, i.sector, i.product, i.period_start, i.period_end,
    i.previous_period_start, i.previous_period_end, i.value, i.currency, i.change_pct, i.implied_value,
    p.value as stated_value,
    abs(p.value - i.implied_value) / abs(p.value) as relative_gap,
    abs(p.value - i.implied_value) <= 0.01 * abs(p.value) as consistent
from implied as i
left join consensus as p
    on p.metric = i.metric and p.flow_of = i.flow_of
    and p.partner is not distinct from i.partner
    and p.sector is not distinct from i.sector
    and p.product is not distinct from i.product
    and p.period_start = i.previous_period_start and p.period_end = i.previous_period_end
    and p.currency = i.currency;

comment on view fact_consistency is 'One row per consensus frame with a value and a growth rate: the previous year''s value the rate implies, the value stated for that year, their relative gap, and consistent (within 1%).';
