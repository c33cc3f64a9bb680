select path, sha256, bytes, mtime, change, problem
from raw_files
where change <> 'unchanged'
order by path
