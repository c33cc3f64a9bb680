-- Runs still marked running when another run starts never finished (killed, out of disk, the machine
-- stopped): the starting run holds the warehouse's run lock, so none of them is still going.
update runs set status = 'abandoned', finished_at = $finished_at,
    error = coalesce(error, 'never finished (killed, or the machine stopped); found by run ' || $run_id)
where status = 'running' and run_id <> $run_id
