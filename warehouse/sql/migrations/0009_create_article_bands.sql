-- Issue 14: near-duplicate candidates come from band keys stored once per article, so linking a batch joins the
-- batch's 64 keys per article with this table instead of cutting every stored signature into bands again in
-- every batch (a cost that grew with the whole warehouse, 17 times for 4 times the articles).
create table article_bands (
    article_id  varchar not null,
    band        integer not null,
    band_key    bigint not null,
    primary key (article_id, band)
);

insert into article_bands
select article_id, b as band, minhash[2 * b + 1]::bigint * 4294967296 + (minhash[2 * b + 2]::bigint & 4294967295) as band_key
from article_minhashes
cross join range(64) as r(b);

comment on table article_bands is 'One row per article and band of its MinHash signature (64 bands of 2 slots): near_duplicates compares only pairs that share a band key.';
comment on column article_bands.article_id is 'The article (articles.article_id, article_minhashes.article_id).';
comment on column article_bands.band is 'Band number, 0 to 63: slots 2*band and 2*band+1 of the signature (0-based).';
comment on column article_bands.band_key is 'The band''s two signed 32-bit slots packed into one signed 64-bit integer, the first in the high half.';
