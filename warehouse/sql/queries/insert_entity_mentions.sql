insert into entity_mentions by name select * from entity_mentions_batch
