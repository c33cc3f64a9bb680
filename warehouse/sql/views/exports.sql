-- Every consensus export frame with readable (English) names for its subject, partner and product.
create or replace view exports as
with names as (
    -- Ids are unique within a label; across labels only slugs could meet, so take one name per id.
    select entity_id, arg_min(name_en, label) as name_en
    from entities
    where label in ('COUNTRY', 'REGION', 'PLACE', 'ORG', 'PRODUCT')
    group by entity_id
)
select c.flow_of, f.name_en as flow_of_name, c.partner, p.name_en as partner_name, c.sector,
    c.product, g.name_en as product_name, c.period_start, c.period_end, c.value, c.currency,
    c.change_pct, c.share_pct, c.n_articles, c.conflict, c.period_kind, c.period_months
from fact_consensus as c
left join names as f on f.entity_id = c.flow_of
left join names as p on p.entity_id = c.partner
left join names as g on g.entity_id = c.product
where c.metric = 'exports';

comment on view exports is 'Every consensus export frame (fact_consensus where metric = exports) with English names for flow_of, partner and product where the entities dimension has one.';
