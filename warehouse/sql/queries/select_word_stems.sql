-- The search index's stem of each word (same stemmer as create_search_index.sql).
select word, stem(word, 'english') as stem
from unnest($words::varchar[]) as t(word)
