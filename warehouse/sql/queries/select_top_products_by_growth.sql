-- The latest period of each product export series with its growth in percent: the stated change,
-- else the change from the amount stated for the same span a year earlier (same series, currency).
with latest as (
    select * from exports_by_product
    qualify row_number() over (
        partition by flow_of, partner, sector, product order by period_end desc, period_start desc
    ) = 1
), growth as (
    select l.*,
        coalesce(l.change_pct, round((l.value / p.value - 1) * 100, 1)) as growth_pct,
        l.change_pct is null as growth_computed
    from latest as l
    left join exports_by_product as p
        on p.flow_of = l.flow_of and p.partner is not distinct from l.partner
        and p.sector is not distinct from l.sector and p.product = l.product and p.currency = l.currency
        and p.period_start = (l.period_start - interval 1 year)::date
        and p.period_end = (l.period_end - interval 1 year)::date
        and p.value <> 0
)
select coalesce(product_name, product) || ' (' || coalesce(flow_of_name, flow_of)
        || coalesce(' → ' || coalesce(partner_name, partner), '') || ')' as series,
    period_start, period_end, value, currency, growth_pct, growth_computed, n_articles, conflict
from growth
where growth_pct is not null
order by growth_pct desc, series
limit $limit
