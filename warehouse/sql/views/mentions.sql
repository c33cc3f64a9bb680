-- Every mention of every article in one relation, in the extraction contract's order and shape.
create or replace view mentions as
select article_id, mention_id, sentence_idx, 'money' as kind, "start", "end", text,
    value, currency, null as unit, null as label, null as entity_id, ambiguous, reason, rule
from money_mentions
union all
select article_id, mention_id, sentence_idx, 'percent', "start", "end", text,
    value, null, unit, null, null, ambiguous, reason, rule
from percent_mentions
union all
select article_id, mention_id, sentence_idx, 'entity', "start", "end", text,
    null, null, null, label, entity_id, false, null, rule
from entity_mentions;

comment on view mentions is 'All mentions of all articles (money, percent, entity) in one relation; order by article_id, mention_id for the contract order.';
