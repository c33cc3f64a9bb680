-- One page of the articles that have no MinHash signature yet (landed before migration 0004), keyset on article_id.
select a.article_id, a.body
from articles as a
anti join article_minhashes as m using (article_id)
where a.article_id > $after
order by a.article_id
limit $limit
