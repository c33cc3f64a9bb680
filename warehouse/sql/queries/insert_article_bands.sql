insert into article_bands by name select * from article_bands_batch
