select count(*) from query_table($table)
