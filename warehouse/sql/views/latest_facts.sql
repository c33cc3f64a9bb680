-- The latest period of each series (metric, flow_of, partner, sector, product) with its consensus figures.
create or replace view latest_facts as
select *
from fact_consensus
qualify row_number() over (
    partition by metric, flow_of, partner, sector, product
    order by period_end desc, period_start desc  -- a later end first, then the shorter span
) = 1;

comment on view latest_facts is 'One row per series (metric, flow_of, partner, sector, product): the fact_consensus row of its latest period (latest end, then shortest span).';
