select article_id, path from articles where article_id in (select article_id from ids_batch)
