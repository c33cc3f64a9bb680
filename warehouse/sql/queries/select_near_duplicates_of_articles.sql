-- Near-duplicate pairs of the articles in article_bands_batch(article_id, band, band_key) and every other article:
-- the number of MinHash slots on which their signatures agree, when at least $min_agreeing.
-- Banding keeps it linear in the articles: only pairs that share a band key (agree on a whole band of 2 slots)
-- are compared, and the batch's keys are joined with the keys stored once per article (article_bands), never
-- recomputed; a pair of Jaccard similarity 0.5 shares some band with probability 1 - (1 - 0.5^2)^64 > 0.99999999.
-- Each pair once, article_id > other_article_id; pairs already linked are left out.
with candidates as (
    select distinct
        greatest(n.article_id, o.article_id) as article_id,
        least(n.article_id, o.article_id) as other_article_id
    from article_bands_batch as n
    join article_bands as o on o.band = n.band and o.band_key = n.band_key and o.article_id <> n.article_id
)
select
    c.article_id,
    c.other_article_id,
    len(list_filter(list_zip(a.minhash, o.minhash), pair -> pair[1] = pair[2])) as agreeing
from candidates as c
join article_minhashes as a on a.article_id = c.article_id
join article_minhashes as o on o.article_id = c.other_article_id
anti join near_duplicates as d on d.article_id = c.article_id and d.other_article_id = c.other_article_id
where agreeing >= $min_agreeing
order by c.article_id, c.other_article_id
