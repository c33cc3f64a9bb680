-- The entities dimension: the gazetteers' canonical entities, plus entities that rules found in the text.

create table entities (
    entity_id   varchar not null,
    label       varchar not null,
    name_en     varchar not null,
    name_es     varchar not null,
    iso_code    varchar,
    origin      varchar not null,
    primary key (label, entity_id)
);

comment on table entities is 'The entities dimension: one row per canonical entity (label, id) of the gazetteers, with its English and Spanish names.';
comment on column entities.entity_id is 'Canonical id: ISO 3166-1 alpha-2 (and EU), ISO 3166-2:PE, or a lowercase slug; entity_mentions.entity_id refers to it.';
comment on column entities.label is 'COUNTRY, REGION, ORG, PERSON, PRODUCT or PLACE.';
comment on column entities.name_en is 'Canonical English name.';
comment on column entities.name_es is 'Canonical Spanish name.';
comment on column entities.iso_code is 'ISO 3166-1 alpha-2 for countries, ISO 3166-2 for regions; null otherwise.';
comment on column entities.origin is 'gazetteer (curated, with names in both languages) or text (found by a rule, e.g. a person next to a role word; both names are the text as first written).';
