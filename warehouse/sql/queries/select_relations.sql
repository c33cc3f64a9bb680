-- Every table and view of the main schema, by name.
select table_name as name, lower(table_type) = 'view' as is_view
from information_schema.tables
where table_schema = 'main'
order by table_name
