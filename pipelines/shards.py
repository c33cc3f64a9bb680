"""Sharded extraction: plan the shards, extract each anywhere, land them serially (no dagster).

Extraction is a pure function of an article's text, so the articles waiting for extraction are split
into a fixed number of shards by a stable hash of their id (`shard_of`). ``plan_shards`` writes each
shard's texts to a Parquet file under the run's staging folder; ``extract_shard`` needs only that file
(any process, any machine that sees the folder) and writes one pickled ``AnalysedBatch`` per batch
beside it; ``land_shards``, the warehouse's single writer, lands the batches in shard and batch order,
one transaction each. An article whose body changed after the plan is not landed: it stays waiting for
the next run. The Dagster job runs the three as steps (pipelines/defs/assets.py), so its executor
decides where the shards run.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

import extractors
from pipelines.batch import (DEFAULT_BATCH_SIZE, DEFAULT_SECONDS_PER_FILE, AnalysedBatch, RunCounts, analyse_articles,
                             land_analysed, land_isolating)
from warehouse import store

SHARDS_ENV_VAR = "CIFRAS_SHARDS"
DEFAULT_SHARDS = int(os.environ.get(SHARDS_ENV_VAR) or 4)  # the job's shard steps; fixed where definitions load
progress_log = logging.getLogger("cifras.progress")


@dataclass(frozen=True)
class ShardTask:
    """One shard of a run's extraction: everything a worker needs, and nothing of the warehouse."""

    shard: int
    articles: int
    texts: str  # the shard's Parquet file of (article_id, lang, published_at, body), by article_id
    run_id: str
    extractor_version: str
    batch_size: int
    seconds: float | None


@dataclass(frozen=True)
class StagedShard:
    """A shard extracted: its analysed batches (pickled ``AnalysedBatch`` files), in order."""

    shard: int
    articles: int
    batches: list[str]


def shard_of(article_id: str, shards: int) -> int:
    """The shard an article belongs to: CRC-32 of its id, so the same on every process, machine and run.

    >>> shard_of("raw/a.txt", 4) == shard_of("raw/a.txt", 4)
    True
    """
    return zlib.crc32(article_id.encode("utf-8")) % shards


def staging_folder(staging_root: Path, run_id: str) -> Path:
    return staging_root / run_id


def plan_shards(con: duckdb.DuckDBPyConnection, run_id: str, staging_root: Path, *, shards: int = DEFAULT_SHARDS,
                batch_size: int = DEFAULT_BATCH_SIZE, seconds: float | None = None) -> list[ShardTask]:
    """Write the texts of the articles waiting for this extractor version into one Parquet file per shard
    and return the ``shards`` tasks, in shard order (a shard with no article has no file). Staging left by
    earlier runs (a crash) is removed first: the caller is the warehouse's writer, so no other run uses it."""
    if staging_root.exists():
        shutil.rmtree(staging_root)
    version = extractors.__version__
    ids = [row[0] for row in store.run(con, "select_all_articles_to_extract", {"extractor_version": version}).fetchall()]
    assignment = pd.DataFrame({"article_id": pd.Series(ids, dtype="string"),
                               "shard": pd.Series([shard_of(article_id, shards) for article_id in ids], dtype="int64")})
    sizes = assignment["shard"].value_counts().to_dict()
    folder = staging_folder(staging_root, run_id)
    tasks = []
    with store.registered(con, shards_batch=assignment):
        for shard in range(shards):
            path = ""
            if sizes.get(shard):
                folder.mkdir(parents=True, exist_ok=True)
                path = str(folder / f"shard-{shard:04d}.parquet")
                con.sql(store.query_sql("select_shard_texts"), params={"shard": shard}).write_parquet(path)
            tasks.append(ShardTask(shard, int(sizes.get(shard, 0)), path, run_id, version, batch_size, seconds))
    return tasks


def _text_batches(path: str, batch_size: int) -> Iterator[list[tuple]]:
    """The shard's texts in batches, read by an in-memory DuckDB (the warehouse is not opened)."""
    reader = duckdb.connect()
    try:
        result = reader.execute("select article_id, lang, published_at, body from read_parquet(?) order by article_id",
                                [path])
        while batch := result.fetchmany(batch_size):
            yield batch
    finally:
        reader.close()


def extract_shard(task: ShardTask) -> StagedShard:
    """Analyse one shard batch by batch, each written beside the shard's texts."""
    if not task.articles:
        return StagedShard(task.shard, 0, [])
    out = Path(task.texts).with_suffix("")
    out.mkdir(exist_ok=True)
    paths = []
    for number, texts in enumerate(_text_batches(task.texts, task.batch_size)):
        analysed = analyse_articles(texts, task.run_id, task.extractor_version, task.seconds)
        path = out / f"batch-{number:06d}.pickle"
        with open(path, "wb") as handle:
            pickle.dump(analysed, handle, protocol=pickle.HIGHEST_PROTOCOL)
        paths.append(str(path))
    return StagedShard(task.shard, task.articles, paths)


def _current(con: duckdb.DuckDBPyConnection, analysed: AnalysedBatch) -> set[str]:
    """The batch's articles whose body is still the one analysed."""
    with store.registered(con, texts_batch=analysed.frames["texts_batch"]):
        return {row[0] for row in store.run(con, "select_unchanged_article_texts").fetchall()}


def land_shards(con: duckdb.DuckDBPyConnection, run_id: str, staged: Sequence[StagedShard], staging_root: Path) -> RunCounts:
    """Land the analysed batches of every shard, one transaction per batch (a batch whose rows DuckDB refuses
    is landed again in halves, down to the article at fault, which is recorded as failed); then remove the
    run's staging folder."""
    counts = RunCounts()
    done, total = 0, sum(shard.articles for shard in staged)
    for path in (path for shard in sorted(staged, key=lambda s: s.shard) for path in shard.batches):
        with open(path, "rb") as handle:
            analysed: AnalysedBatch = pickle.load(handle)
        current = _current(con, analysed)
        ids = [aid for aid in analysed.frames["ids_batch"]["article_id"] if aid in current]
        if len(ids) < len(analysed.frames["ids_batch"]):
            progress_log.warning("%d article(s) changed after they were planned: left for the next run",
                                 len(analysed.frames["ids_batch"]) - len(ids))

        def land(items: list[str], failed: str | None, analysed: AnalysedBatch = analysed) -> RunCounts:
            if failed is None:
                return land_analysed(con, analysed.only(set(items)), run_id)
            return land_analysed(con, analyse_articles([(aid, None, None, None) for aid in items], run_id,
                                                       extractors.__version__, None, failed), run_id)

        if ids:
            counts.add(land_isolating(ids, land))
        done += len(analysed.frames["ids_batch"])
        progress_log.info("extracted %d/%d articles", done, total, extra={"step": "articles", "done": done, "total": total})
    shutil.rmtree(staging_folder(staging_root, run_id), ignore_errors=True)
    return counts


def extract_articles(con: duckdb.DuckDBPyConnection, run_id: str, staging_root: Path, *, shards: int = DEFAULT_SHARDS,
                     batch_size: int = DEFAULT_BATCH_SIZE, seconds: float | None = DEFAULT_SECONDS_PER_FILE) -> RunCounts:
    """Plan, extract every shard and land, all in this process: what the Dagster job does in three steps.

    An article the extractors fail on, or that takes longer than ``seconds``, gets an ``extractions`` row
    with the ``error`` and no mentions; the rest of its batch lands."""
    tasks = plan_shards(con, run_id, staging_root, shards=shards, batch_size=batch_size, seconds=seconds)
    staged = [extract_shard(task) for task in tasks]
    return land_shards(con, run_id, staged, staging_root)
