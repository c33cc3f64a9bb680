update runs set
    files_new = files_new + $files_new,
    files_changed = files_changed + $files_changed,
    files_unchanged = files_unchanged + $files_unchanged,
    files_deleted = files_deleted + $files_deleted,
    files_errored = files_errored + $files_errored,
    articles_landed = articles_landed + $articles_landed,
    mentions_extracted = mentions_extracted + $mentions_extracted,
    mentions_landed = mentions_landed + $mentions_landed,
    rows_rejected = rows_rejected + $rows_rejected,
    facts_extracted = facts_extracted + $facts_extracted,
    facts_landed = facts_landed + $facts_landed,
    articles_failed = articles_failed + $articles_failed
where run_id = $run_id
