-- Issue 15: a series holds only comparable periods. Its key is the frame's subject (metric, flow_of, partner,
-- sector, product) plus the period's kind and length: full years with full years, Q1s with quarters, January to
-- November with January to November, never a month beside a year.
create or replace view fact_series as
select metric, flow_of, partner, sector, product, period_kind, period_months,
    concat_ws(' | ', metric, flow_of, coalesce(partner, '-'), coalesce(sector, '-'), coalesce(product, '-'),
              period_kind, coalesce(period_months::varchar, '-')) as series,
    period_start, period_end, value, currency, change_pct, share_pct, n_articles, conflict, article_ids
from fact_consensus;

comment on view fact_series is 'fact_consensus as series of comparable periods: one series per metric, flow_of, partner, sector, product, period kind and length in months (series names it); a chart or a comparison stays within one series.';
