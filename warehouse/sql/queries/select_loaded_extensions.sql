select extension_name from duckdb_extensions() where loaded order by extension_name
