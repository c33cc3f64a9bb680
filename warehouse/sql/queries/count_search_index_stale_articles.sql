-- Articles missing from the search index or indexed from another reading, plus indexed articles no longer there.
select count(*)
from articles as a
full join search_documents as d on d.article_id = a.article_id and d.run_id = a.run_id
where a.article_id is null or d.article_id is null
