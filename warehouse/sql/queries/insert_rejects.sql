insert into rejects by name select * from rejects_batch
