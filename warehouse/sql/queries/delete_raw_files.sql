delete from raw_files
