insert into runs (run_id, started_at, status, extractor_version)
values ($run_id, $started_at, 'running', $extractor_version)
on conflict (run_id) do nothing
