-- Mentions whose offsets do not reproduce their text in articles.body (DuckDB substring is 1-based).
select m.table_name, count(*) filter (where a.article_id is null
        or m."start" < 0 or m."end" > length(a.body)
        or substring(a.body, m."start" + 1, m."end" - m."start") <> m.text) as bad,
    count(*) as total
from (
    select 'money_mentions' as table_name, article_id, "start", "end", text from money_mentions
    union all
    select 'percent_mentions', article_id, "start", "end", text from percent_mentions
    union all
    select 'entity_mentions', article_id, "start", "end", text from entity_mentions
) as m
left join articles as a using (article_id)
where m.table_name = $table
group by m.table_name
