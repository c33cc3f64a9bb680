-- Drop from the search index the articles gone or re-read since they were indexed.
delete from search_postings where article_id in (
    select d.article_id from search_documents as d anti join articles as a on a.article_id = d.article_id and a.run_id = d.run_id
);
delete from search_documents where article_id in (
    select d.article_id from search_documents as d anti join articles as a on a.article_id = d.article_id and a.run_id = d.run_id
);
