insert into file_versions by name select * from file_versions_batch
