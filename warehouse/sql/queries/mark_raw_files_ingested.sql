-- The batch's files of the last scan now match the ledger: a step re-run alone (a partial
-- materialization of `articles`) must not read them again as new versions.
update raw_files set change = 'unchanged'
where path in (select path from paths_batch) and change <> 'unchanged'
