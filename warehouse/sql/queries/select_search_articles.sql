-- The best $limit articles for $query, with their bodies (for the snippet).
select s.article_id, s.title, s.path, s.published_at, s.score, a.body
from search_articles($query) as s
join articles as a using (article_id)
order by s.score desc, s.article_id
limit $limit
