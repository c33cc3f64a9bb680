-- Paths where the ledger and the version history disagree: a live ledger path without exactly one current
-- version of its hash, or a current version of a path the ledger says is deleted (or never saw).
with current_versions as (
    select path, count(*) as n, any_value(sha256) as sha256
    from file_versions
    where retired_at is null
    group by path
)
select count(*)
from files as f
full join current_versions as v using (path)
where (f.status is not null and f.status <> 'deleted'
        and (v.n is null or v.n <> 1 or v.sha256 is distinct from f.sha256))
    or (v.n is not null and (f.status is null or f.status = 'deleted'))
