-- The offsets of some mentions of one article, in order (cifras explain highlights them in the evidence).
select "start", "end" from mentions
where article_id = $article_id and list_contains($mention_ids, mention_id)
order by "start"
