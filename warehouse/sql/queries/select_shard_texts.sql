-- The texts of one shard of the extraction plan shards_batch(article_id, shard), in id order.
select a.article_id, a.lang, a.published_at, a.body
from articles as a
join shards_batch as s using (article_id)
where s.shard = $shard
order by a.article_id
