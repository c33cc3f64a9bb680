select path, stage, reason, recorded_at from ingest_errors order by recorded_at desc, path limit $limit
