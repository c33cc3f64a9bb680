-- Every pair of figures of one fact frame (a figure with itself included) and whether they agree, by the
-- rounding units of fact_figures: two amounts agree when they are in one currency and equal, or differ by no
-- more than the coarser rounding unit and by less than a tenth; two rates when they differ by no more than
-- half the coarser unit (at least 0.05). Null when either figure is missing. fact_consensus counts agreement
-- between articles from it; the check facts_consistent_within_articles finds disagreement inside one.
create or replace view fact_figure_pairs as
select a.frame_no, a.article_id, a.fact_id, b.article_id as other_article_id, b.fact_id as other_fact_id,
    a.article_id <> b.article_id as across_articles,
    a.currency = b.currency as same_currency,
    a.currency = b.currency and (a.value = b.value
        or (abs(a.value - b.value) <= greatest(a.value_unit, b.value_unit)
            and abs(a.value - b.value) * 10 < least(abs(a.value), abs(b.value)))) as values_agree,
    abs(a.change_pct - b.change_pct) <= greatest(0.05, greatest(a.change_unit, b.change_unit) / 2) as changes_agree,
    abs(a.share_pct - b.share_pct) <= greatest(0.05, greatest(a.share_unit, b.share_unit) / 2) as shares_agree
from fact_figures as a
join fact_figures as b using (frame_no);

comment on view fact_figure_pairs is 'Every pair of figures of one fact frame and whether their amounts, changes and shares agree within rounding.';
