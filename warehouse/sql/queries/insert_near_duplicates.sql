insert into near_duplicates by name select * from near_duplicates_batch
