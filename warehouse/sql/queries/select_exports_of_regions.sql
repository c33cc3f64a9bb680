-- Export totals of each Peruvian region (no partner, sector or product) that state an amount or a
-- change; value is kept only in the currency most amounts use, for the "exports by region" chart.
with totals as (
    select * from exports_by_region
    where partner is null and sector is null and product is null
        and (value is not null or change_pct is not null)
), main_currency as (
    select currency from totals where value is not null
    group by currency order by count(*) desc, currency limit 1
)
select coalesce(flow_of_name, flow_of) as series, period_start, period_end,
    case when currency = (select currency from main_currency) then value end as value,
    (select currency from main_currency) as currency, change_pct, n_articles, conflict, period_kind, period_months
from totals
where value is null or currency = (select currency from main_currency) or change_pct is not null
order by series, period_start, period_end
