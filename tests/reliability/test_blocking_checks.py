"""Conservation (extracted = landed + rejected, for mentions and for facts) is a blocking asset check: a
broken ledger fails the check in every run, fails the run, and stops whatever is downstream of ``extractions``."""

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
# How to break each ledger in a real warehouse: one article's extraction row claims one row more than landed.
BREAKS = {
    "extractions_conserve_mentions": "update extractions set n_landed = n_landed + 1, n_extracted = n_extracted + 1",
    "extractions_conserve_facts": "update extractions set facts_rejected = facts_rejected + 1, "
                                  "facts_extracted = facts_extracted + 1",
}


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


@pytest.fixture(params=CONSERVATION)
def broken(request, seeded, tmp_path):
    """A copy of the seeded warehouse whose ``request.param`` ledger no longer adds up (for one article)."""
    raw, database = seeded
    copy = tmp_path / "broken.duckdb"
    shutil.copy(database, copy)
    con = store.connect(copy)
    con.execute(BREAKS[request.param] + " where article_id = (select min(article_id) from extractions)")
    con.close()
    return request.param, raw, copy


def test_the_conservation_checks_are_blocking():
    specs = {spec.name: spec for check in CHECKS for spec in check.check_specs}
    assert {name for name, spec in specs.items() if spec.blocking} == set(CONSERVATION)
    assert {spec.name for spec in extractions_conserve_mentions.check_specs} | {
        spec.name for spec in extractions_conserve_facts.check_specs} == set(CONSERVATION)


def test_a_broken_ledger_fails_its_check_and_the_run(instance, broken):
    check, raw, database = broken
    result = ingest(instance, raw, database, raise_on_error=False)
    evaluations = {c.check_name: c.passed for c in result.get_asset_check_evaluations()}
    assert evaluations[check] is False
    assert all(passed for name, passed in evaluations.items() if name != check)
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
    assert "extractions" in materialized and "built_on_extractions" not in materialized


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
