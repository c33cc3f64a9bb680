-- The search index's stem of each word (the stemmer of the search_terms macro, migration 0011).
select word, stem(word, 'english') as stem
from unnest($words::varchar[]) as t(word)
