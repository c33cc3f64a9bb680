-- One row per path: the batch's files replace their rows or are added. MERGE rather than ON CONFLICT: a DuckLake
-- warehouse has no primary keys to conflict on.
merge into files
using files_batch as new
on files.path = new.path
when matched then update set
    sha256 = new.sha256,
    bytes = new.bytes,
    mtime = new.mtime,
    last_seen = new.last_seen,
    status = new.status,
    error = new.error,
    article_id = new.article_id,
    run_id = new.run_id,
    reader_version = new.reader_version
when not matched then insert by name
