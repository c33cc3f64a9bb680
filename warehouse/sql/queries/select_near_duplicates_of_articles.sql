-- Near-duplicate pairs of the articles in article_minhashes_batch(article_id) and every other article:
-- the number of MinHash slots on which their signatures agree, when at least $min_agreeing.
-- Banding keeps it linear in the articles: a signature is cut into $bands bands of 2 slots (a band's key
-- packs its two 32-bit values into one BIGINT), and only pairs that agree on a whole band are compared;
-- a pair of Jaccard similarity 0.5 agrees on some band with probability 1 - (1 - 0.5^2)^64 > 0.99999999.
-- Each pair once, article_id > other_article_id; pairs already linked are left out.
with bands as (
    select article_id, b as band, minhash[2 * b + 1]::bigint * 4294967296 + (minhash[2 * b + 2]::bigint & 4294967295) as band_key
    from article_minhashes
    cross join range($bands) as r(b)
),
candidates as (
    select distinct
        greatest(n.article_id, o.article_id) as article_id,
        least(n.article_id, o.article_id) as other_article_id
    from bands as n
    join bands as o on o.band = n.band and o.band_key = n.band_key and o.article_id <> n.article_id
    where n.article_id in (select article_id from article_minhashes_batch)
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
