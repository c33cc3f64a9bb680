"""Conservation (extracted = landed + rejected, for mentions and for facts), primary-key uniqueness and the
file-version history are blocking asset checks: a broken warehouse fails the check in every run, fails the run,
and stops whatever is downstream."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipelines.cli import main
from pipelines.defs.assets import articles, entities, mentions, raw_files
from pipelines.defs.checks import CHECKS, extractions_conserve_facts, extractions_conserve_mentions
from pipelines.defs.resources import WarehouseResource
from pipelines.definitions import defs
from warehouse import store

SEEDS = sorted((Path(__file__).resolve().parents[2] / "raw").glob("0*_*.txt"))
CONSERVATION = ("extractions_conserve_mentions", "extractions_conserve_facts")
FIRST_ARTICLE = " where article_id = (select min(article_id) from extractions)"


def _duplicate_a_key(table: str) -> str:
    """A table rebuilt without its primary key and one row inserted twice (what a replayed foreign WAL left)."""
    return (f"create table {table}_unkeyed as select * from {table}; drop table {table}; "
            f"alter table {table}_unkeyed rename to {table}; insert into {table} select * from {table} limit 1")


# How to break each check in a real warehouse: one article's extraction row claims one row more than landed; a
# key held twice; a live file whose current version was retired.
BREAKS = {
    "extractions_conserve_mentions": "update extractions set n_landed = n_landed + 1, n_extracted = n_extracted + 1"
                                     + FIRST_ARTICLE,
    "extractions_conserve_facts": "update extractions set facts_rejected = facts_rejected + 1, "
                                  "facts_extracted = facts_extracted + 1" + FIRST_ARTICLE,
    "articles_keys_unique": _duplicate_a_key("article_minhashes"),
    "extractions_keys_unique": _duplicate_a_key("entity_mentions"),
    "articles_versions_match_ledger": "update file_versions set retired_at = now() "
                                      "where path = (select min(path) from files) and retired_at is null",
}
# Checks whose break may also break a check downstream (a duplicated mention is also one landed row too many).
ALSO_BREAKS = {"extractions_keys_unique": {"extractions_conserve_mentions"}}


def ingest(instance, raw, database, **kwargs) -> dg.ExecuteInProcessResult:
    return defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={"resources": {"warehouse": {"config": {"path": str(database), "raw_dir": str(raw)}}}},
        instance=instance, **kwargs)


@pytest.fixture(scope="module")
def instance():
    with dg.instance_for_test() as instance:
        yield instance


@pytest.fixture(scope="module")
def seeded(instance, tmp_path_factory):
    """The seeds ingested by the real job, every check passing; tests break copies of it."""
    root = tmp_path_factory.mktemp("seeded")
    raw = root / "raw"
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    result = ingest(instance, raw, root / "cifras.duckdb")
    assert result.success and all(c.passed for c in result.get_asset_check_evaluations())
    return raw, root / "cifras.duckdb"


@pytest.fixture(params=sorted(BREAKS))
def broken(request, seeded, tmp_path):
    """A copy of the seeded warehouse whose ``request.param`` ledger no longer adds up (for one article)."""
    raw, database = seeded
    copy = tmp_path / "broken.duckdb"
    shutil.copy(database, copy)
    con = store.connect(copy)
    con.execute(BREAKS[request.param])
    con.close()
    return request.param, raw, copy


def test_the_conservation_checks_are_blocking():
    specs = {spec.name: spec for check in CHECKS for spec in check.check_specs}
    assert {name for name, spec in specs.items() if spec.blocking} == {
        *CONSERVATION, "articles_versions_match_ledger", "raw_files_keys_unique", "articles_keys_unique",
        "entities_keys_unique", "extractions_keys_unique"}
    assert {spec.name for spec in extractions_conserve_mentions.check_specs} | {
        spec.name for spec in extractions_conserve_facts.check_specs} == set(CONSERVATION)


def test_a_broken_ledger_fails_its_check_and_the_run(instance, broken):
    check, raw, database = broken
    result = ingest(instance, raw, database, raise_on_error=False)
    evaluations = {c.check_name: c.passed for c in result.get_asset_check_evaluations()}
    assert evaluations[check] is False
    assert all(passed for name, passed in evaluations.items() if name != check and name not in ALSO_BREAKS.get(check, ()))
    assert not result.success
    con = store.connect(database, read_only=True)
    status = con.execute("select status from runs where run_id = ?", [result.run_id]).fetchone()[0]
    con.close()
    assert status == "failed"  # the job's failure hook marks it, although the last asset step succeeded


def test_a_broken_ledger_stops_what_is_downstream_of_extractions(instance, broken):
    check, raw, database = broken
    ran = []

    @dg.asset(deps=["extractions"])
    def built_on_extractions() -> None:
        ran.append(True)

    result = dg.materialize(
        [raw_files, articles, entities, mentions, built_on_extractions, *CHECKS],
        resources={"warehouse": WarehouseResource(path=str(database), raw_dir=str(raw))},
        instance=instance, raise_on_error=False,
    )
    assert not result.success
    assert ran == []
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "built_on_extractions" not in materialized
    # a check on extractions stops what follows it; one on articles stops the extraction itself
    assert ("extractions" in materialized) == check.startswith("extractions_")


def test_a_downstream_asset_runs_when_the_ledger_holds(instance, seeded, tmp_path):
    """The counterpart of the test above: the probe asset does run when conservation passes."""
    raw, database = seeded
    copy = tmp_path / "whole.duckdb"
    shutil.copy(database, copy)
    ran = []

    @dg.asset(deps=["extractions"])
    def built_on_extractions() -> None:
        ran.append(True)

    result = dg.materialize(
        [raw_files, articles, entities, mentions, built_on_extractions, *CHECKS],
        resources={"warehouse": WarehouseResource(path=str(copy), raw_dir=str(raw))}, instance=instance,
    )
    assert result.success and ran == [True]


def test_cifras_run_exits_one_on_a_broken_ledger(broken, capsys):
    check, raw, database = broken
    assert main(["run", "--raw", str(raw), "--warehouse", str(database)]) == 1
    err = capsys.readouterr().err
    assert "blocking asset check" in err and check in err
