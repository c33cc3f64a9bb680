insert into entities by name select * from entities_batch
