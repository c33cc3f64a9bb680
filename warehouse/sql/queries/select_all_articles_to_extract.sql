-- The ids of every article not yet extracted by this extractor version, in id order (the run's extraction plan).
select a.article_id
from articles as a
left join extractions as e using (article_id)
where e.article_id is null or e.extractor_version <> $extractor_version
order by a.article_id
