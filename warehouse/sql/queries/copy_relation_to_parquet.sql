-- Write one table or view to a Parquet file, rows in a fixed order (every column, ascending).
copy (select * from query_table($name) order by all) to $path (format parquet)
