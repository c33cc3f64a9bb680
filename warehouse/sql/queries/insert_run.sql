-- A run's row, once (a run re-executed from the UI keeps its row). MERGE rather than ON CONFLICT: a DuckLake
-- warehouse has no primary keys to conflict on.
merge into runs
using (select $run_id as run_id, $started_at as started_at, $extractor_version as extractor_version) as new
on runs.run_id = new.run_id
when not matched then insert (run_id, started_at, status, extractor_version)
    values (new.run_id, new.started_at, 'running', new.extractor_version)
