-- Issue 14: the full-text index is kept up to date per article instead of rebuilt over every article whenever one
-- changed (DuckDB's FTS extension can only rebuild: 0.9 s at 2,000 articles, growing with the warehouse).
-- The same tokens and the same BM25 as that index (k1 = 1.2, b = 0.75, conjunctive), so the same hits in the
-- same order with the same scores; the postings fill on the next writer run (search.refresh_index).
drop macro table if exists search_articles;
drop schema if exists fts_main_articles cascade;

-- Tokens as the FTS index made them: runs of letters and digits, lowercased, accents stripped. The Porter2
-- English stemmer is applied to both languages: accents are stripped before stemming, so the Spanish stemmer
-- would miss its accented suffixes ("exportación" vs "exportaciones"), while the English one merges most
-- Spanish singulars and plurals too. No stopwords: a query matches every word, in either language.
create macro search_terms(s) as list_filter(
    list_transform(string_split_regex(regexp_replace(lower(strip_accents(coalesce(s, ''))), '[^\p{L}\p{N}]+', ' ', 'g'), '\s+'),
                   token -> case when token <> '' then stem(token, 'english') end),
    term -> term is not null);

create table search_documents (
    doc_id      integer primary key,
    article_id  varchar not null,
    len         integer not null,
    run_id      varchar not null
);
comment on table search_documents is 'One row per article in the search index: its number in the postings, how many terms its title and body hold (BM25''s document length) and the articles.run_id it was indexed from.';
comment on column search_documents.doc_id is 'The article''s number in search_postings (assigned when it is indexed; an article indexed again gets a new one).';
comment on column search_documents.article_id is 'The article (articles.article_id).';
comment on column search_documents.len is 'Terms in the title and body together.';
comment on column search_documents.run_id is 'The articles.run_id of the text indexed: a re-read article gets a new one, so its postings are replaced.';

-- Postings name the document by a number, not by its 64-character article id: most of the index's size. No
-- primary key: DuckDB keeps a key's ART index in memory. The rows are unique by construction: a document's
-- terms are grouped once, when it is indexed, and removed with it.
create table search_postings (
    doc_id      integer not null,
    term        varchar not null,
    tf          integer not null
);
comment on table search_postings is 'The inverted index: one row per indexed article and stemmed term of its title and body, with the term''s count.';
comment on column search_postings.doc_id is 'The article (search_documents.doc_id).';
comment on column search_postings.term is 'A stemmed, lowercased, accent-stripped word (search_terms).';
comment on column search_postings.tf is 'How often the term occurs in the title and body.';

-- search_articles(q): the articles holding every term of q, best BM25 score first.
create macro search_articles(q) as table
with query_terms as (select distinct unnest(search_terms(q)) as term),
stats as (select count(*) as n, avg(len) as avgdl from search_documents),
df as (select term, count(*) as df from search_postings where term in (select term from query_terms) group by term),
hits as (select p.doc_id, p.term, p.tf, df.df from search_postings as p join df using (term)),
matched as (select doc_id from hits group by doc_id
            having count(distinct term) = (select count(*) from query_terms) and count(*) > 0),
scores as (
    select d.article_id,
           sum(log(((stats.n - h.df + 0.5) / (h.df + 0.5)) + 1)
               * ((h.tf * (1.2 + 1)) / (h.tf + 1.2 * ((1 - 0.75) + 0.75 * (d.len / stats.avgdl))))) as score
    from hits as h join matched using (doc_id) join search_documents as d using (doc_id), stats
    group by d.article_id
)
select a.article_id, a.title, a.path, a.published_at, s.score
from scores as s join articles as a using (article_id)
order by s.score desc, a.article_id;
