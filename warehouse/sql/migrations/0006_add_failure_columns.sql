-- Issue 12: the ledger says what went wrong. A failed run keeps its error, a run that never finished is
-- marked abandoned by the next, an article the extractors fail on keeps the failure in its extractions row
-- (and is not retried until its text or the extractor version changes), and a field dropped from an
-- article (an impossible or placeholder date) is named instead of vanishing.
alter table runs add column error varchar;
alter table runs add column articles_failed integer default 0;
alter table runs alter column articles_failed set not null;
alter table extractions add column error varchar;
alter table articles add column dropped_fields varchar;

comment on column runs.status is 'running, succeeded, failed, or abandoned (it never finished: killed, or the machine stopped; set by the next run).';
comment on column runs.error is 'Why the run failed or was abandoned (one line); null while running and after success.';
comment on column runs.articles_failed is 'Articles the extractors failed on in this run (their extractions rows carry the error).';
comment on column extractions.error is 'Why the extractors failed on this article (exception or time budget), with no mentions landed; null when extraction succeeded.';
comment on column articles.dropped_fields is 'Fields the file gave that were dropped as unusable, with the value and why (published_at: ''0000-00-00'' is not a date); null when none.';
comment on column ingest_errors.stage is 'Where it failed: discover, read, decode, parse, duplicate, or land (DuckDB refused the row).';
