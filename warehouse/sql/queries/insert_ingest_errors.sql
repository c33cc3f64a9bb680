insert into ingest_errors by name select * from ingest_errors_batch
