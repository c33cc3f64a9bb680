select count(*) from raw_files where change <> 'unchanged'
