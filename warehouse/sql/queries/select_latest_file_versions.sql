-- The highest version number recorded for each path of paths_batch(path) that has a history.
select path, max(version) as version
from file_versions
where path in (select path from paths_batch)
group by path
