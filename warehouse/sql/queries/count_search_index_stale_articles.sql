-- Articles missing from the full-text index plus indexed documents no longer among the articles.
-- Article ids are content hashes, so equal id sets mean the index holds the current texts.
select count(*)
from articles as a
full join fts_main_articles.docs as d on d.name = a.article_id
where a.article_id is null or d.name is null
