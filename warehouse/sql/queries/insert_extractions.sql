insert into extractions by name select * from extractions_batch
