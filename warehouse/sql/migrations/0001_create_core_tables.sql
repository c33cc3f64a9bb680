-- cifras warehouse, first schema. Grain and meaning of every table and column are in
-- warehouse/README.md and in the COMMENT ON statements below (visible with duckdb_columns()).

create table runs (
    run_id              varchar primary key,
    started_at          timestamp not null,
    finished_at         timestamp,
    status              varchar not null,
    extractor_version   varchar not null,
    files_new           integer not null default 0,
    files_changed       integer not null default 0,
    files_unchanged     integer not null default 0,
    files_deleted       integer not null default 0,
    files_errored       integer not null default 0,
    articles_landed     integer not null default 0,
    mentions_extracted  integer not null default 0,
    mentions_landed     integer not null default 0,
    rows_rejected       integer not null default 0
);

create table raw_files (
    path        varchar primary key,
    sha256      varchar,
    bytes       bigint not null,
    mtime       timestamp not null,
    change      varchar not null,
    problem     varchar,
    run_id      varchar not null
);

create table files (
    path        varchar primary key,
    sha256      varchar,
    bytes       bigint not null,
    mtime       timestamp not null,
    first_seen  timestamp not null,
    last_seen   timestamp not null,
    status      varchar not null,
    error       varchar,
    article_id  varchar,
    run_id      varchar not null
);

create table articles (
    article_id          varchar primary key,
    path                varchar not null unique,
    title               varchar,
    lang                varchar not null,
    published_at        date,
    source_url          varchar,
    source_name         varchar,
    body                varchar not null,
    n_words             integer not null,
    format              varchar not null,
    encoding            varchar not null,
    repaired            boolean not null,
    extractor_version   varchar not null,
    ingested_at         timestamp not null,
    run_id              varchar not null
);

create table extractions (
    article_id          varchar primary key,
    extractor_version   varchar not null,
    n_extracted         integer not null,
    n_landed            integer not null,
    n_rejected          integer not null,
    extracted_at        timestamp not null,
    run_id              varchar not null
);

create table money_mentions (
    article_id      varchar not null,
    mention_id      integer not null,
    sentence_idx    integer not null,
    "start"         integer not null,
    "end"           integer not null,
    text            varchar not null,
    value           decimal(38, 6) not null,
    currency        varchar,
    ambiguous       boolean not null,
    reason          varchar,
    rule            varchar not null,
    run_id          varchar not null,
    primary key (article_id, mention_id)
);

create table percent_mentions (
    article_id      varchar not null,
    mention_id      integer not null,
    sentence_idx    integer not null,
    "start"         integer not null,
    "end"           integer not null,
    text            varchar not null,
    value           decimal(38, 6) not null,
    unit            varchar,
    ambiguous       boolean not null,
    reason          varchar,
    rule            varchar not null,
    run_id          varchar not null,
    primary key (article_id, mention_id)
);

create table entity_mentions (
    article_id      varchar not null,
    mention_id      integer not null,
    sentence_idx    integer not null,
    "start"         integer not null,
    "end"           integer not null,
    text            varchar not null,
    label           varchar not null,
    entity_id       varchar not null,
    rule            varchar not null,
    run_id          varchar not null,
    primary key (article_id, mention_id)
);

create table rejects (
    table_name  varchar not null,
    article_id  varchar,
    row_key     varchar not null,
    check_name  varchar not null,
    reason      varchar not null,
    payload     json not null,
    run_id      varchar not null,
    rejected_at timestamp not null
);

create table ingest_errors (
    path        varchar primary key,
    sha256      varchar,
    stage       varchar not null,
    reason      varchar not null,
    bytes       bigint not null,
    run_id      varchar not null,
    recorded_at timestamp not null
);

comment on table runs is 'One row per pipeline run: when, outcome, and what it counted.';
comment on column runs.run_id is 'Dagster run id (or a uuid for runs outside Dagster).';
comment on column runs.started_at is 'UTC time the run first wrote to the warehouse.';
comment on column runs.finished_at is 'UTC time the last step finished; null while running or after a crash.';
comment on column runs.status is 'running, succeeded or failed.';
comment on column runs.extractor_version is 'extractors.__version__ of the code that ran.';
comment on column runs.files_new is 'Files seen for the first time.';
comment on column runs.files_changed is 'Files whose content hash changed.';
comment on column runs.files_unchanged is 'Files skipped because their content hash is unchanged.';
comment on column runs.files_deleted is 'Files gone from raw/ whose rows were retracted.';
comment on column runs.files_errored is 'Files recorded in ingest_errors by this run.';
comment on column runs.articles_landed is 'Article rows written by this run.';
comment on column runs.mentions_extracted is 'Mentions the extractors produced in this run.';
comment on column runs.mentions_landed is 'Mentions that passed validation and landed.';
comment on column runs.rows_rejected is 'Rows sent to rejects by this run (any table).';

comment on table raw_files is 'The latest scan of raw/: one row per file found there, or deleted since the last run.';
comment on column raw_files.path is 'Path relative to raw/, POSIX separators.';
comment on column raw_files.sha256 is 'SHA-256 of the bytes; null when the file was not read (too large, symlink out of raw/, deleted).';
comment on column raw_files.bytes is 'Size in bytes (0 for deleted files).';
comment on column raw_files.mtime is 'Modification time (UTC) at scan.';
comment on column raw_files.change is 'new, changed, unchanged or deleted, against the files ledger.';
comment on column raw_files.problem is 'Why the file cannot be read, found at scan time (size cap, symlink); else null.';
comment on column raw_files.run_id is 'Run that made the scan.';

comment on table files is 'The ledger: one row per path ever seen in raw/, with its last known state.';
comment on column files.path is 'Path relative to raw/, POSIX separators.';
comment on column files.sha256 is 'SHA-256 of the bytes last processed (null when the file was not read).';
comment on column files.bytes is 'Size in bytes last processed.';
comment on column files.mtime is 'Modification time (UTC) last processed.';
comment on column files.first_seen is 'When the path was first ingested.';
comment on column files.last_seen is 'When the path was last processed.';
comment on column files.status is 'ok (an article), error (see ingest_errors), rejected (article failed validation, see rejects) or deleted (retracted).';
comment on column files.error is 'Short reason when status is error or rejected.';
comment on column files.article_id is 'The article made from the file, when status is ok.';
comment on column files.run_id is 'Run that last processed the path.';

comment on table articles is 'One row per current file that became an article; retracted when the file is deleted or replaced when it changes.';
comment on column articles.article_id is 'SHA-256 of the file bytes.';
comment on column articles.path is 'Path relative to raw/.';
comment on column articles.title is 'Headline: front matter title, <h1>/<title>, else the first line.';
comment on column articles.lang is 'en or es: declared by the file or detected.';
comment on column articles.published_at is 'Publication date from front matter, <time>/meta tags or a Published: line; null if none.';
comment on column articles.source_url is 'Canonical URL of the article where the file gives one.';
comment on column articles.source_name is 'Publisher name where the file gives one.';
comment on column articles.body is 'The text readers see (annotation guide section 0); mention offsets index into it.';
comment on column articles.n_words is 'Whitespace-separated words in body.';
comment on column articles.format is 'txt, html or md.';
comment on column articles.encoding is 'Encoding the bytes were decoded with.';
comment on column articles.repaired is 'True when mojibake was repaired.';
comment on column articles.extractor_version is 'Version of the document reader that made the row.';
comment on column articles.ingested_at is 'UTC time the row landed.';
comment on column articles.run_id is 'Run that landed the row.';

comment on table extractions is 'One row per article whose mentions were extracted: the conservation ledger (extracted = landed + rejected).';
comment on column extractions.article_id is 'The article.';
comment on column extractions.extractor_version is 'Extractor version that produced the mentions; a new version re-extracts.';
comment on column extractions.n_extracted is 'Mentions the extractor produced for the article.';
comment on column extractions.n_landed is 'Of those, rows landed in the three mention tables.';
comment on column extractions.n_rejected is 'Of those, rows sent to rejects.';
comment on column extractions.extracted_at is 'UTC time of extraction.';
comment on column extractions.run_id is 'Run that extracted.';

comment on table money_mentions is 'One row per monetary amount mentioned in an article.';
comment on column money_mentions.article_id is 'The article (articles.article_id).';
comment on column money_mentions.mention_id is 'Index of the mention among all mentions of the article, in text order (the contract index).';
comment on column money_mentions.sentence_idx is 'Index of the sentence holding the mention.';
comment on column money_mentions."start" is 'Character offset of the first character in articles.body (0-based).';
comment on column money_mentions."end" is 'Character offset just past the last character; body[start:end] = text.';
comment on column money_mentions.text is 'The span as written.';
comment on column money_mentions.value is 'The amount in units of the currency ("USD 74.7 billion" is 74700000000).';
comment on column money_mentions.currency is 'ISO 4217 code; null only where no currency is written or inferable.';
comment on column money_mentions.ambiguous is 'True when the value rests on a guess (see reason).';
comment on column money_mentions.reason is 'Why the value is ambiguous; null otherwise.';
comment on column money_mentions.rule is 'Extraction rule that produced the mention.';
comment on column money_mentions.run_id is 'Run that landed the row.';

comment on table percent_mentions is 'One row per percentage or percentage-point figure mentioned in an article.';
comment on column percent_mentions.article_id is 'The article (articles.article_id).';
comment on column percent_mentions.mention_id is 'Index of the mention among all mentions of the article, in text order.';
comment on column percent_mentions.sentence_idx is 'Index of the sentence holding the mention.';
comment on column percent_mentions."start" is 'Character offset of the first character in articles.body.';
comment on column percent_mentions."end" is 'Character offset just past the last character.';
comment on column percent_mentions.text is 'The span as written.';
comment on column percent_mentions.value is 'The figure as written, signed only where a sign is written ("19,8 %" is 19.8).';
comment on column percent_mentions.unit is 'null for a percentage, pp for percentage points.';
comment on column percent_mentions.ambiguous is 'True when the value rests on a guess.';
comment on column percent_mentions.reason is 'Why the value is ambiguous; null otherwise.';
comment on column percent_mentions.rule is 'Extraction rule that produced the mention.';
comment on column percent_mentions.run_id is 'Run that landed the row.';

comment on table entity_mentions is 'One row per named entity mentioned in an article.';
comment on column entity_mentions.article_id is 'The article (articles.article_id).';
comment on column entity_mentions.mention_id is 'Index of the mention among all mentions of the article, in text order.';
comment on column entity_mentions.sentence_idx is 'Index of the sentence holding the mention.';
comment on column entity_mentions."start" is 'Character offset of the first character in articles.body.';
comment on column entity_mentions."end" is 'Character offset just past the last character.';
comment on column entity_mentions.text is 'The span as written.';
comment on column entity_mentions.label is 'COUNTRY, REGION, ORG, PERSON, PRODUCT or PLACE.';
comment on column entity_mentions.entity_id is 'Canonical id: ISO 3166-1 alpha-2 (and EU), ISO 3166-2:PE, or a lowercase slug.';
comment on column entity_mentions.rule is 'Extraction rule or gazetteer that produced the mention.';
comment on column entity_mentions.run_id is 'Run that landed the row.';

comment on table rejects is 'Rows that failed validation, with the failed check; never silently dropped.';
comment on column rejects.table_name is 'Table the row was meant for.';
comment on column rejects.article_id is 'Article the row belongs to.';
comment on column rejects.row_key is 'Key of the row within its table (mention_id, or the path for articles).';
comment on column rejects.check_name is 'Name of the failed pandera check (or column dtype / nullability).';
comment on column rejects.reason is 'Human-readable reason: column, check and failing value.';
comment on column rejects.payload is 'The rejected row as JSON.';
comment on column rejects.run_id is 'Run that rejected the row.';
comment on column rejects.rejected_at is 'UTC time of rejection.';

comment on table ingest_errors is 'One row per file in raw/ that cannot currently become an article; cleared when the file is fixed or deleted.';
comment on column ingest_errors.path is 'Path relative to raw/.';
comment on column ingest_errors.sha256 is 'SHA-256 of the bytes; null when the file was not read (size cap, symlink).';
comment on column ingest_errors.stage is 'Where it failed: discover, read, decode, parse, duplicate.';
comment on column ingest_errors.reason is 'What is wrong, in words.';
comment on column ingest_errors.bytes is 'Size in bytes.';
comment on column ingest_errors.run_id is 'Run that recorded the error.';
comment on column ingest_errors.recorded_at is 'UTC time recorded.';
