-- The digest the views were last created from, and how many views the warehouse holds.
select (select max(digest) from schema_views) as digest,
       (select count(*) from duckdb_views() where not internal and schema_name = 'main') as views
