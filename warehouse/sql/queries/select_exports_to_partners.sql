-- Export totals to each partner (no sector or product) that state an amount, in the currency most
-- of them use, for the report's "exports by partner" chart.
with totals as (
    select * from exports_by_partner
    where sector is null and product is null and value is not null
), main_currency as (
    select currency from totals group by currency order by count(*) desc, currency limit 1
)
select coalesce(flow_of_name, flow_of) || ' → ' || coalesce(partner_name, partner) as series,
    period_start, period_end, value, currency, change_pct, n_articles, conflict, period_kind, period_months
from totals
where currency = (select currency from main_currency)
order by series, period_start, period_end
