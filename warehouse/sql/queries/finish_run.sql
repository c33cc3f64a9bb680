update runs set finished_at = $finished_at, status = $status, error = $error where run_id = $run_id
