insert into files by name select * from files_batch
on conflict (path) do update set
    sha256 = excluded.sha256,
    bytes = excluded.bytes,
    mtime = excluded.mtime,
    last_seen = excluded.last_seen,
    status = excluded.status,
    error = excluded.error,
    article_id = excluded.article_id,
    run_id = excluded.run_id,
    reader_version = excluded.reader_version
