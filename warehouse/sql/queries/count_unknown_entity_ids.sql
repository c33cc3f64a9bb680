-- Entity mentions whose (label, entity_id) is not in the entities dimension.
select count(*)
from entity_mentions as m
anti join entities as e on e.label = m.label and e.entity_id = m.entity_id
