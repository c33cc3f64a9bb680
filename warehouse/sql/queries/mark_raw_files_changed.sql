-- Mark the registered paths as changed in the latest scan (orphaned duplicates read again).
update raw_files set change = 'changed' where path in (select path from paths_batch)
