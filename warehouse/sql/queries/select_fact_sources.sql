-- The facts behind one fact_consensus row, with their articles and evidence, oldest article first (cifras explain).
select * from fact_sources where consensus_id = $consensus_id
order by published_at nulls last, path, fact_id
