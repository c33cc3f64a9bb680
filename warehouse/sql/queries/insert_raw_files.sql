insert into raw_files by name select * from raw_files_batch
