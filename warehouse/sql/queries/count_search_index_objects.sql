-- 2 when the full-text index schema and the search_articles macro both exist.
select (select count(*) from duckdb_schemas() where schema_name = 'fts_main_articles')
    + (select count(*) from duckdb_functions() where function_name = 'search_articles' and schema_name = 'main')
