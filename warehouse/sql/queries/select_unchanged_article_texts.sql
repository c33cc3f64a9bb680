-- The articles of texts_batch(article_id, body_md5) whose body is still the one analysed.
select a.article_id
from articles as a
join texts_batch as t using (article_id)
where md5(a.body) = t.body_md5
