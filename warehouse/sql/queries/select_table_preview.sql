select * from query_table($table) limit $limit
