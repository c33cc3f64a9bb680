select count(*)
from articles as a
left join extractions as e using (article_id)
where e.article_id is null or e.extractor_version <> $extractor_version
