-- Up to $limit articles not in the search index yet, numbered after the last indexed document (bounded, so the
-- tokens held at once are a batch's, not the whole warehouse's on a first run); insert_missing_search_rows
-- indexes them.
create or replace temp table search_batch as
select (select coalesce(max(doc_id), 0) from search_documents) + row_number() over (order by article_id) as doc_id,
       article_id, run_id, title, body
from (select article_id, run_id, title, body from articles anti join search_documents using (article_id)
      order by article_id limit $limit)
