insert into articles by name select * from articles_batch
