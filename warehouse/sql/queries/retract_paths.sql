-- Retract everything derived from the paths in paths_batch(path): a changed file's old
-- version or a deleted file. The ledger row in files is kept and updated by the caller.
delete from money_mentions
where article_id in (select article_id from articles where path in (select path from paths_batch));
delete from percent_mentions
where article_id in (select article_id from articles where path in (select path from paths_batch));
delete from entity_mentions
where article_id in (select article_id from articles where path in (select path from paths_batch));
delete from facts
where article_id in (select article_id from articles where path in (select path from paths_batch));
delete from rejects
where article_id in (select article_id from articles where path in (select path from paths_batch));
delete from rejects
where table_name = 'articles' and row_key in (select path from paths_batch);
delete from extractions
where article_id in (select article_id from articles where path in (select path from paths_batch));
delete from near_duplicates
where article_id in (select article_id from articles where path in (select path from paths_batch))
    or other_article_id in (select article_id from articles where path in (select path from paths_batch));
delete from article_minhashes
where article_id in (select article_id from articles where path in (select path from paths_batch));
delete from article_bands
where article_id in (select article_id from articles where path in (select path from paths_batch));
delete from articles where path in (select path from paths_batch);
delete from ingest_errors where path in (select path from paths_batch);
