-- One row per fact frame (metric, flow_of, partner, sector, product, period) over the outcomes that name
-- a period (projections and periodless facts are left out): the figures the articles agree on, their
-- spread, and whether two articles conflict. The rules are in warehouse/README.md ("fact_consensus").
create or replace view fact_consensus as
with units as (
    select * from fact_figures
), frame_currency as (
    -- Amounts are compared and agreed in the frame's most frequent currency (ties: alphabetical).
    select frame_no, currency as frame_currency
    from units
    where value is not null
    group by frame_no, currency
    qualify row_number() over (partition by frame_no order by count(*) desc, currency) = 1
), priced as (
    select *, value is not null and currency = frame_currency as in_frame_currency
    from units
    left join frame_currency using (frame_no)
), pairs as (
    -- Every pair of figures of a frame and whether they agree (the rounding rules are in fact_figure_pairs).
    select * from fact_figure_pairs
), support as (
    -- How many articles back each figure (state one that agrees with it), and whether it disagrees with a figure
    -- of another article. Two figures of one article that disagree are a linking error, not a conflict: the asset
    -- check facts_consistent_within_articles counts them.
    select frame_no, article_id, fact_id,
        count(distinct other_article_id) filter (where values_agree) as value_support,
        count(distinct other_article_id) filter (where changes_agree) as change_support,
        count(distinct other_article_id) filter (where shares_agree) as share_support,
        coalesce(bool_or(not values_agree) filter (where across_articles)
            or bool_or(not changes_agree) filter (where across_articles)
            or bool_or(not shares_agree) filter (where across_articles), false) as disagrees
    from pairs
    group by frame_no, article_id, fact_id
), ranked as (
    -- The agreed figure: the best-backed, then the most precise (rounded copies back it; a stray figure does not).
    select p.*, s.disagrees,
        in_frame_currency and rank() over (partition by frame_no, in_frame_currency
            order by s.value_support desc, p.value_unit) = 1 as agreed_value,
        p.change_pct is not null and rank() over (partition by frame_no, p.change_pct is null
            order by s.change_support desc, p.change_unit) = 1 as agreed_change,
        p.share_pct is not null and rank() over (partition by frame_no, p.share_pct is null
            order by s.share_support desc, p.share_unit) = 1 as agreed_share
    from priced as p
    join support as s using (frame_no, article_id, fact_id)
)
select metric, flow_of, partner, sector, product, period_start, period_end,
    count(distinct article_id) as n_articles,
    count(*) as n_facts,
    median(value) filter (where agreed_value)::decimal(38, 6) as value,
    min(value) filter (where in_frame_currency) as value_min,
    max(value) filter (where in_frame_currency) as value_max,
    any_value(frame_currency) as currency,
    median(change_pct) filter (where agreed_change)::decimal(18, 6) as change_pct,
    min(change_pct) as change_pct_min,
    max(change_pct) as change_pct_max,
    median(share_pct) filter (where agreed_share)::decimal(18, 6) as share_pct,
    min(share_pct) as share_pct_min,
    max(share_pct) as share_pct_max,
    bool_or(disagrees) as conflict,
    list_sort(list(distinct article_id)) as article_ids,
    period_kind(period_start, period_end) as period_kind,
    period_months(period_start, period_end) as period_months,
    frame_id(metric, flow_of, partner, sector, product, period_start, period_end) as consensus_id
from ranked
group by frame_no, metric, flow_of, partner, sector, product, period_start, period_end;

comment on view fact_consensus is 'One row per fact frame (metric, flow_of, partner, sector, product, period) over non-projection facts with a period (a unit price only under metric price): agreed figures (best backed, then most precise; see warehouse/README.md), their spread, a flag for figures of different articles that conflict, the period''s kind and length in months, and consensus_id (frame_id of the key: fact_sources, cifras explain).';
