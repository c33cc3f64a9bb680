"""Facts end to end: the real ingest job over the seed articles, then the README's example questions.

These tests need the fact linker (extractors/facts.py): they fail whenever it stops answering, and
are deliberately not marked xfail or skip, so that they show when the linker answers the questions.
The SQL is the README's ("Example questions" in warehouse/README.md), so the documented answers are
the tested ones.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import defs
from warehouse import audit, store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "raw").glob("0*_*.txt"))
README = ROOT / "warehouse" / "README.md"
MIPYMES = "003_9478fcfe5483292c.txt"


def example_questions() -> dict[str, str]:
    """The README's example questions: heading -> SQL."""
    text = README.read_text("utf-8").split("## Example questions", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^#### (.+?)\n```sql\n(.*?)```", text, flags=re.MULTILINE | re.DOTALL))


def ingest(instance, raw_dir: Path, warehouse_path: Path) -> dg.ExecuteInProcessResult:
    result = defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={"resources": {"warehouse": {"config": {"path": str(warehouse_path), "raw_dir": str(raw_dir)}}}},
        instance=instance,
    )
    assert result.success
    return result


@pytest.fixture(scope="module")
def instance():
    with dg.instance_for_test() as instance:
        yield instance


@pytest.fixture(scope="module")
def seeded(instance, tmp_path_factory):
    """A warehouse the ingest job built from the seeds, and the job's result."""
    root = tmp_path_factory.mktemp("facts")
    raw = root / "raw"
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    result = ingest(instance, raw, root / "cifras.duckdb")
    return root / "cifras.duckdb", result


def answer(warehouse: Path, question: str) -> list[dict]:
    con = store.connect(warehouse, read_only=True)
    try:
        cursor = con.execute(example_questions()[question])
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def peru_2024(rows):
    [row] = rows
    assert (row["value"], row["currency"], row["change_pct"]) == (Decimal("74645000000"), "USD", Decimal("15.6"))
    assert (row["value_min"], row["value_max"], row["n_articles"]) == (Decimal("74645000000"), Decimal("74700000000"), 2)
    assert row["conflict"] is False


def china_2024(rows):
    assert [(r["partner_name"], r["value"], r["currency"], r["change_pct"]) for r in rows] == [
        ("China", Decimal("25000000000"), "USD", Decimal("9.2"))]


def junin_2024(rows):
    [row] = rows
    assert (row["value"], row["change_pct"]) == (Decimal("2847761852"), Decimal("18.1"))
    assert float(row["implied_value"]) == pytest.approx(2411314015.24, abs=0.01)
    assert (row["stated_value"], row["consistent"]) == (Decimal("2411000000"), True)
    assert row["relative_gap"] < 0.001


def san_martin_2025(rows):
    assert [(r["flow_of_name"], r["change_pct"]) for r in rows] == [("San Martín", Decimal("94"))]


def mipymes_2024(rows):
    assert [(r["value"], r["currency"]) for r in rows] == [(Decimal("3300000000"), "USD")]


def conflicts(rows):
    assert all({"metric", "flow_of", "value_min", "value_max", "article_ids"} <= set(r) for r in rows)
    peru_total = ("exports", "PE", None, None, None, date(2024, 1, 1), date(2024, 12, 31))
    assert peru_total not in {(r["metric"], r["flow_of"], r["partner"], r["sector"], r["product"],
                               r["period_start"], r["period_end"]) for r in rows}


# README heading -> the check of its answer on the seeds (the target answers)
ANSWERS = {
    "Peru's exports in 2024": peru_2024,
    "Exports to China in 2024": china_2024,
    "Junín's exports in 2024 and the 2023 value their growth implies": junin_2024,
    "San Martín's export growth, January to November 2025": san_martin_2025,
    "Mipymes' exports in 2024": mipymes_2024,
    "Which frames conflict": conflicts,
}


def test_every_example_question_in_the_readme_has_a_checked_answer():
    assert set(example_questions()) == set(ANSWERS)


@pytest.mark.parametrize("question", list(ANSWERS))
def test_example_question_answers_on_the_seeds(seeded, question):
    warehouse, _ = seeded
    ANSWERS[question](answer(warehouse, question))


def test_seed_facts_land_cite_their_mentions_and_are_conserved(seeded):
    warehouse, result = seeded
    assert all(c.passed for c in result.get_asset_check_evaluations()), [
        c.check_name for c in result.get_asset_check_evaluations() if not c.passed]
    con = store.connect(warehouse, read_only=True)
    try:
        landed = audit.row_count(con, "facts")
        conserved = audit.fact_conservation(con)
        run = store.fetch_frame(con, "select_run", {"run_id": result.run_id}).iloc[0]
    finally:
        con.close()
    assert landed > 0
    assert (conserved.breaks, conserved.landed) == (0, landed)
    assert conserved.extracted == conserved.landed + conserved.rejected == run["facts_extracted"]
    assert run["facts_landed"] == landed


def test_a_deleted_article_takes_its_facts_out_of_the_views(instance, raw_dir, warehouse_path):
    ingest(instance, raw_dir, warehouse_path)
    assert answer(warehouse_path, "Mipymes' exports in 2024")
    (raw_dir / MIPYMES).unlink()
    ingest(instance, raw_dir, warehouse_path)
    assert answer(warehouse_path, "Mipymes' exports in 2024") == []
    con = store.connect(warehouse_path, read_only=True)
    try:
        assert audit.fact_conservation(con).breaks == 0
        assert audit.facts_with_unknown_mentions(con) == 0
    finally:
        con.close()
