-- Issue 13: a file is read again when its format's reader changes (a better HTML main-text detector gives
-- another body for the same bytes). The plain-text reader is unchanged since before this migration, so live
-- .txt rows get its first version; HTML and markdown rows (their readers moved from BeautifulSoup to lxml
-- and gained the main-text check) stay null and are read again by the next run.
alter table files add column reader_version varchar;

update files set reader_version = 'txt/1'
where status <> 'deleted' and lower(path) like '%.txt';

comment on column files.reader_version is 'format/version of the reader that last read the file (html/2); a file whose reader has a newer version is read again on the next run; null for deleted files and for HTML and markdown rows from before migration 0008.';
comment on column runs.files_changed is 'Files whose content hash changed, or that a newer reader of their format reads again.';
