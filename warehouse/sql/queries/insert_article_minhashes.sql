insert into article_minhashes by name select * from article_minhashes_batch
