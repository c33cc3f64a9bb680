-- The latest period of each product export series with its growth in percent: the stated change,
-- else the change from the amount stated for the same span a year earlier (same series, currency).
with growth as (
    -- The growth of fact_growth (stated, else computed against the same period a year earlier), with names.
    select e.*, g.growth_pct, g.growth_source = 'computed' as growth_computed
    from exports_by_product as e
    join fact_growth as g
        on g.metric = 'exports' and g.flow_of = e.flow_of and g.partner is not distinct from e.partner
        and g.sector is not distinct from e.sector and g.product = e.product
        and g.period_start = e.period_start and g.period_end = e.period_end
    where e.period_kind <> 'span'
), chosen as (
    -- One kind and length of period for the whole ranking (issue 15): the commonest, full years first on a tie.
    select period_kind, period_months
    from growth
    group by period_kind, period_months
    order by count(*) desc, list_position(['year', 'half', 'quarter', 'month', 'year_to_date'], period_kind),
        period_months desc
    limit 1
), latest as (
    select growth.*
    from growth
    semi join chosen using (period_kind, period_months)
    qualify row_number() over (
        partition by flow_of, partner, sector, product order by period_end desc, period_start desc
    ) = 1
)
select coalesce(product_name, product) || ' (' || coalesce(flow_of_name, flow_of)
        || coalesce(' → ' || coalesce(partner_name, partner), '') || ')' as series,
    period_start, period_end, value, currency, growth_pct, growth_computed, n_articles, conflict,
    period_kind, period_months
from latest
order by growth_pct desc, series
limit $limit
