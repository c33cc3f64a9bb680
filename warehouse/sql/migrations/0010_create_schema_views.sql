-- Issue 14: every writable connection recreated all the views (~20 ms each, ~20 connections a run). The digest of
-- the sql/views files they were last created from lets a connection skip that when nothing changed.
create table schema_views (
    digest      varchar not null,
    created_at  timestamp not null default current_timestamp
);
comment on table schema_views is 'The version of sql/views the views were last created from: one row, the SHA-256 of every view''s name and SQL (store.create_views).';
comment on column schema_views.digest is 'SHA-256 of the view files (name and SQL) the views were last created from.';
comment on column schema_views.created_at is 'UTC time the views were last created.';
