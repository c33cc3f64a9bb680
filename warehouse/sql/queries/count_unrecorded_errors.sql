-- Ledger rows in error without an ingest_errors row, and ingest_errors rows the ledger does not back.
select
    (select count(*) from files as f
     where f.status = 'error' and f.path not in (select path from ingest_errors)) as missing,
    (select count(*) from ingest_errors as i
     where i.path not in (select path from files where status = 'error')) as orphaned
