insert into percent_mentions by name select * from percent_mentions_batch
