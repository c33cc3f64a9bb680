"""Benchmark near-duplicate linking: the time to link one batch of new articles as the warehouse grows.

For each size N a fresh warehouse gets N stored signatures (random, so unrelated) with their band keys; then
a batch of 100 new articles (10 of them near-copies of stored ones, 3 of 4 slots kept) is landed and linked,
inside a transaction that is rolled back, five times. It prints the median time of
``select_near_duplicates_of_articles`` (band keys stored once per article, migration 0009) and of the query it
replaced, which cut every stored signature into bands again in every batch.

    .venv/bin/python bench/near_duplicates.py --sizes 1000 10000 50000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipelines import fingerprint  # noqa: E402
from warehouse import store  # noqa: E402

BATCH, COPIES, REPEATS = 100, 10, 5
BEFORE = """
with bands as (
    select article_id, b as band, minhash[2 * b + 1]::bigint * 4294967296 + (minhash[2 * b + 2]::bigint & 4294967295) as band_key
    from article_minhashes
    cross join range($bands) as r(b)
),
candidates as (
    select distinct greatest(n.article_id, o.article_id) as article_id, least(n.article_id, o.article_id) as other_article_id
    from bands as n
    join bands as o on o.band = n.band and o.band_key = n.band_key and o.article_id <> n.article_id
    where n.article_id in (select article_id from article_minhashes_batch)
)
select c.article_id, c.other_article_id, len(list_filter(list_zip(a.minhash, o.minhash), pair -> pair[1] = pair[2])) as agreeing
from candidates as c
join article_minhashes as a on a.article_id = c.article_id
join article_minhashes as o on o.article_id = c.other_article_id
anti join near_duplicates as d on d.article_id = c.article_id and d.other_article_id = c.other_article_id
where agreeing >= $min_agreeing
order by c.article_id, c.other_article_id
"""


def frames(ids: list[str], signatures: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``article_minhashes`` and ``article_bands`` rows for signed 32-bit signatures (one row per article)."""
    minhashes = pd.DataFrame({"article_id": ids, "minhash": signatures.tolist(), "run_id": "bench"})
    return minhashes, pd.DataFrame(fingerprint.band_rows(ids, signatures))


def measure(size: int, rng: np.random.Generator) -> dict[str, float]:
    def signatures(n: int) -> np.ndarray:
        return rng.integers(-2**31, 2**31, size=(n, fingerprint.SLOTS), dtype=np.int64).astype(np.int32)

    stored = signatures(size)
    new = signatures(BATCH)
    keep = rng.random((COPIES, fingerprint.SLOTS)) < 0.75
    new[:COPIES] = np.where(keep, stored[:COPIES], new[:COPIES])
    stored_ids = [f"{i:064x}" for i in range(size)]
    new_ids = [f"{size + i:064x}" for i in range(BATCH)]
    with tempfile.TemporaryDirectory() as folder:
        con = store.connect(Path(folder) / "bench.duckdb")
        minhashes, bands = frames(stored_ids, stored)
        con.register("stored_minhashes", minhashes)
        con.register("stored_bands", bands)
        con.execute("insert into article_minhashes by name select * from stored_minhashes")
        con.execute("insert into article_bands by name select * from stored_bands")
        batch_minhashes, batch_bands = frames(new_ids, new)
        times: dict[str, list[float]] = {"now": [], "before": []}
        with store.registered(con, article_minhashes_batch=batch_minhashes, article_bands_batch=batch_bands):
            for _ in range(REPEATS):
                for name in times:
                    con.execute("begin")
                    store.run(con, "insert_article_minhashes")
                    store.run(con, "insert_article_bands")
                    start = time.perf_counter()
                    if name == "now":
                        pairs = store.run(con, "select_near_duplicates_of_articles",
                                          {"min_agreeing": fingerprint.MIN_AGREEING_SLOTS}).fetchall()
                    else:
                        pairs = con.execute(BEFORE, {"bands": fingerprint.BANDS,
                                                     "min_agreeing": fingerprint.MIN_AGREEING_SLOTS}).fetchall()
                    times[name].append(time.perf_counter() - start)
                    con.execute("rollback")
                    assert len(pairs) == COPIES, (name, len(pairs))
        con.close()
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    args = parser.parse_args()
    rng = np.random.default_rng(14)
    print("| stored articles | link a batch of 100, band keys stored (now) | bands recomputed (before) |")
    print("|---:|---:|---:|")
    for size in args.sizes:
        result = measure(size, rng)
        print(f"| {size:,} | {result['now'] * 1000:,.0f} ms | {result['before'] * 1000:,.0f} ms |")


if __name__ == "__main__":
    main()
