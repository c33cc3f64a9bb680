"""The DuckDB warehouse: migrations, views, named queries and transactional batch writes."""
