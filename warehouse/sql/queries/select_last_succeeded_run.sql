select run_id from runs where status = 'succeeded' order by finished_at desc, run_id desc limit 1
