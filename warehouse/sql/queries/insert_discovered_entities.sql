-- Entities that rules found in the text (not in the gazetteers) join the dimension, named as first written.
insert into entities (entity_id, label, name_en, name_es, iso_code, origin)
select m.entity_id, m.label, arg_min(m.text, (m.article_id, m.mention_id)), arg_min(m.text, (m.article_id, m.mention_id)), null, 'text'
from entity_mentions as m
anti join entities as e on e.label = m.label and e.entity_id = m.entity_id
group by m.label, m.entity_id
