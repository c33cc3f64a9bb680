select article_id, lang, published_at, body
from articles
where article_id in (select article_id from ids_batch)
order by article_id
