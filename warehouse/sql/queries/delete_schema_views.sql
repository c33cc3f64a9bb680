-- The views' digest, replaced when they are created again (one row).
delete from schema_views
