-- One page of the articles not yet extracted by this extractor version (keyset pagination on article_id).
select a.article_id
from articles as a
left join extractions as e using (article_id)
where (e.article_id is null or e.extractor_version <> $extractor_version)
    and a.article_id > $after
order by a.article_id
limit $limit
