-- The headline numbers of the report.
select (select count(*) from articles) as articles,
    (select count(*) from facts) as facts,
    (select count(*) from fact_consensus) as frames,
    (select count(*) from fact_consensus where conflict) as conflicts,
    (select max(finished_at) from runs where status = 'succeeded') as last_run
