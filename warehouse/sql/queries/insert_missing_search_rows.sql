-- Index the articles of search_batch (create_search_batch): their terms with counts, and their lengths.
create or replace temp table search_batch_terms as
select doc_id, unnest(search_terms(title) || search_terms(body)) as term from search_batch;
insert into search_postings select doc_id, term, count(*) as tf from search_batch_terms group by doc_id, term;
insert into search_documents
select b.doc_id, b.article_id, count(t.term) as len, b.run_id
from search_batch as b left join search_batch_terms as t using (doc_id)
group by b.doc_id, b.article_id, b.run_id;
drop table search_batch_terms;
drop table search_batch;
