-- Issue 15: growth against the same period a year earlier, within one series (fact_series: same subject, same
-- kind and length of period). The rate the articles state is used where there is one; otherwise it is computed
-- from the two amounts when both are in the same currency. growth_source says which.
create or replace view fact_growth as
with series as materialized (  -- fact_consensus is computed once, not once per side of the join
    select * from fact_series
)
select s.metric, s.flow_of, s.partner, s.sector, s.product, s.period_kind, s.period_months, s.series,
    s.period_start, s.period_end, s.value, s.currency,
    p.period_start as previous_period_start, p.period_end as previous_period_end, p.value as previous_value,
    s.change_pct as stated_pct,
    case when p.value is not null and p.value <> 0 and s.value is not null and p.currency = s.currency
         then round((s.value / p.value - 1) * 100, 1)::decimal(18, 6) end as computed_pct,
    coalesce(s.change_pct, computed_pct) as growth_pct,
    case when s.change_pct is not null then 'stated' when computed_pct is not null then 'computed' end
        as growth_source,
    s.n_articles, s.conflict, s.article_ids
from series as s
left join series as p
    on p.series = s.series
    and p.period_start = (s.period_start - interval 1 year)::date
    and p.period_end = case when s.period_months is not null then last_day((s.period_end - interval 1 year)::date)
                            else (s.period_end - interval 1 year)::date end  -- February ends on the 28th or 29th
where s.change_pct is not null or computed_pct is not null;

comment on view fact_growth is 'Growth of a fact_series row against the same period a year earlier in the same series: the stated rate where the articles give one, else computed from the two amounts in one currency (growth_source says which).';
