-- Tables and columns of the main schema that carry no COMMENT ON (the data dictionary must cover all).
select table_name, null as column_name from duckdb_tables()
where schema_name = 'main' and table_name <> 'schema_migrations' and comment is null
union all
select table_name, column_name from duckdb_columns()
where schema_name = 'main' and table_name <> 'schema_migrations' and comment is null
    and table_name in (select table_name from duckdb_tables())
order by all
