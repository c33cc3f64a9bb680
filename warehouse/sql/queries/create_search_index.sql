-- (Re)build the full-text index over articles (title, body) in schema fts_main_articles.
-- Tokens are runs of letters and digits, lowercased with accents stripped ("Junín" = "junin");
-- the Porter2 English stemmer is applied to both languages: accents are stripped before stemming,
-- so the Spanish stemmer would miss its accented suffixes ("exportación" vs "exportaciones") and
-- English plurals, while the English one merges most Spanish singulars and plurals too.
-- No stopword list: queries match every word (see create_search_articles.sql), in either language.
pragma create_fts_index(
    'articles', 'article_id', 'title', 'body',
    stemmer = 'english', stopwords = 'none', ignore = '[^\p{L}\p{N}]+',
    strip_accents = 1, lower = 1, overwrite = 1
)
