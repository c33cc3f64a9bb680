-- Index the articles not in the search index yet: their terms with counts, and their lengths.
create or replace temp table search_batch as
select a.article_id, a.run_id, unnest(search_terms(a.title) || search_terms(a.body)) as term
from articles as a anti join search_documents as d using (article_id);
insert into search_postings select article_id, term, count(*) as tf from search_batch group by article_id, term;
insert into search_documents select article_id, count(*) as len, any_value(run_id) from search_batch group by article_id;
drop table search_batch;
