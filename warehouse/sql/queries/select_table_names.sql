select table_name from information_schema.tables where table_schema = 'main' and table_type = 'BASE TABLE'
