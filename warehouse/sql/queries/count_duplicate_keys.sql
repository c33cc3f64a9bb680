-- Rows beyond the first of each primary key of one table: 0 in a sound warehouse. DuckDB enforces keys on
-- insert, but a replayed foreign WAL or a table rebuilt without its key can hold duplicates.
select count(*) - (
    select count(*) from (select distinct columns(c -> list_contains($columns, c)) from query_table($table))
)
from query_table($table)
