-- Files recorded as duplicates of a content that no longer has an article (its first copy was deleted
-- or edited in this run, or lands under another name): they are read again, so the content is not lost.
select r.path, r.sha256, r.bytes, r.mtime, 'changed' as change, r.problem
from raw_files as r
join ingest_errors as e using (path)
where e.stage = 'duplicate'
    and r.change <> 'deleted'
    and not exists (select 1 from articles as a where a.article_id = e.sha256)
order by r.path
