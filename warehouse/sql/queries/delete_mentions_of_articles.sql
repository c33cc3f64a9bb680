-- Clear the mentions, facts, rejects and extraction row of the articles in ids_batch(article_id) before re-extraction.
delete from money_mentions where article_id in (select article_id from ids_batch);
delete from percent_mentions where article_id in (select article_id from ids_batch);
delete from entity_mentions where article_id in (select article_id from ids_batch);
delete from facts where article_id in (select article_id from ids_batch);
delete from rejects where table_name <> 'articles' and article_id in (select article_id from ids_batch);
delete from extractions where article_id in (select article_id from ids_batch);
