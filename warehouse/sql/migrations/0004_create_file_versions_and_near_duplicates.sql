-- The version history of every file (append-only), and near-duplicate articles: each article's MinHash
-- signature and the pairs of articles whose signatures say they tell the same text.

create table file_versions (
    path            varchar not null,
    version         integer not null,
    sha256          varchar,
    bytes           bigint not null,
    first_seen      timestamp not null,
    run_id          varchar not null,
    retired_at      timestamp,
    retired_run_id  varchar,
    primary key (path, version)
);

-- History starts here: each live file of the ledger gets its current version as version 1.
insert into file_versions (path, version, sha256, bytes, first_seen, run_id)
select path, 1, sha256, bytes, last_seen, run_id
from files
where status <> 'deleted';

create table article_minhashes (
    article_id  varchar primary key,
    minhash     integer[] not null,
    run_id      varchar not null
);

create table near_duplicates (
    article_id          varchar not null,
    other_article_id    varchar not null,
    similarity          decimal(18, 6) not null,
    run_id              varchar not null,
    linked_at           timestamp not null,
    primary key (article_id, other_article_id),
    check (article_id > other_article_id)
);

comment on table file_versions is 'Append-only history of every file in raw/: one row per version seen (new file, edit), retired when replaced or deleted.';
comment on column file_versions.path is 'Path relative to raw/, POSIX separators.';
comment on column file_versions.version is 'Version number of the path, from 1 in the order seen (a file deleted and added again goes on counting).';
comment on column file_versions.sha256 is 'SHA-256 of the version''s bytes (the article_id when it became an article); null when not read (size cap, symlink).';
comment on column file_versions.bytes is 'Size of the version in bytes.';
comment on column file_versions.first_seen is 'UTC time the version was first processed (for versions before migration 0004: the ledger''s last_seen).';
comment on column file_versions.run_id is 'Run that first processed the version.';
comment on column file_versions.retired_at is 'UTC time the version was replaced by an edit or the file deleted; null while it is the current version.';
comment on column file_versions.retired_run_id is 'Run that retired the version; null while current.';

comment on table article_minhashes is 'One row per article: the MinHash signature of its body, which near_duplicates compares.';
comment on column article_minhashes.article_id is 'The article (articles.article_id).';
comment on column article_minhashes.minhash is 'MinHash signature: 128 signed 32-bit minima of 128 hash functions over the body''s 3-word shingles (accent- and case-folded).';
comment on column article_minhashes.run_id is 'Run that computed the signature.';

comment on table near_duplicates is 'Pairs of current articles whose bodies are near-duplicates (estimated Jaccard similarity of 3-word shingles >= 0.5); each pair once.';
comment on column near_duplicates.article_id is 'The pair''s larger article_id.';
comment on column near_duplicates.other_article_id is 'The pair''s smaller article_id.';
comment on column near_duplicates.similarity is 'Share of the 128 MinHash slots on which the two signatures agree (6 decimals): an estimate of the Jaccard similarity of the two bodies'' shingle sets.';
comment on column near_duplicates.run_id is 'Run that linked the pair.';
comment on column near_duplicates.linked_at is 'UTC time the pair was linked.';
