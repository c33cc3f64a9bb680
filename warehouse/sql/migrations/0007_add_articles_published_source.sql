-- Issue 13: where an article's date came from, so an analyst can weigh a period resolved against it.
alter table articles add column published_source varchar;

comment on column articles.published_source is 'Where published_at came from: front_matter, time (an HTML <time datetime>), meta (article:published_time and kin), json_ld (datePublished), or dateline (a Published:/Publicado: line of the text); null when undated.';
