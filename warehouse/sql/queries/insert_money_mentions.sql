insert into money_mentions by name select * from money_mentions_batch
