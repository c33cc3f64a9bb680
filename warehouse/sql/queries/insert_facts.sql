insert into facts by name select * from facts_batch
