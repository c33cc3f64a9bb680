-- One fact_consensus row by its id (cifras explain).
select * from fact_consensus where consensus_id = $consensus_id
