-- Facts that name no mention, or a mention_id that is not a landed mention of their own article.
with cited as (
    select article_id, fact_id, unnest(mention_ids) as mention_id from facts
), unknown as (
    select distinct c.article_id, c.fact_id
    from cited as c
    anti join mentions as m on m.article_id = c.article_id and m.mention_id = c.mention_id
)
select (select count(*) from facts where len(mention_ids) = 0) + (select count(*) from unknown)
