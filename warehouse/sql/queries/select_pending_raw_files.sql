-- One page of the files the last scan found new, changed or deleted (keyset pagination on path).
select path, sha256, bytes, mtime, change, problem
from raw_files
where change <> 'unchanged' and path > $after
order by path
limit $limit
