-- Retire the current version of each path in paths_batch(path): the batch replaces or deletes it.
update file_versions
set retired_at = $retired_at, retired_run_id = $run_id
where retired_at is null and path in (select path from paths_batch)
