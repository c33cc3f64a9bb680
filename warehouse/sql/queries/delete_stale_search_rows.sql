-- Drop from the search index the articles gone or re-read since they were indexed.
create or replace temp table stale_search_documents as
select d.doc_id from search_documents as d anti join articles as a on a.article_id = d.article_id and a.run_id = d.run_id;
delete from search_postings where doc_id in (select doc_id from stale_search_documents);
delete from search_documents where doc_id in (select doc_id from stale_search_documents);
drop table stale_search_documents;
