-- search_articles(q): the articles containing every word of q (after the index's accent folding
-- and stemming), best BM25 score first. Created with the index, since it binds to its schema.
create or replace macro search_articles(q) as table
select a.article_id, a.title, a.path, a.published_at, m.score
from (
    select article_id, fts_main_articles.match_bm25(article_id, q, conjunctive := 1) as score
    from articles
) as m
join articles as a using (article_id)
where m.score is not null
order by m.score desc, a.article_id
