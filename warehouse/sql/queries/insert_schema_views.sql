insert into schema_views (digest) values ($digest)
