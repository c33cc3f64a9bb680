"""Exact and near-duplicate articles, through the real ingest job: an exact copy is a duplicate error that lands
nothing; a republished story is linked (not dropped) with its similarity; unrelated articles are not linked;
retracting either side retracts the link; a re-run changes nothing."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import dagster as dg
import pytest

from extractors.documents import parse_document
from pipelines import fingerprint
from pipelines.definitions import defs
from schemas.near_duplicates import MINHASH_SLOTS
from warehouse import store

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "raw"
MIPYMES = "003_9478fcfe5483292c.txt"
ROW_TABLES = ("money_mentions", "percent_mentions", "entity_mentions", "facts")
VOLATILE = ("run_id", "linked_at")


@pytest.fixture(scope="module")
def instance():
    with dg.instance_for_test() as instance:
        yield instance


def ingest(instance, raw_dir: Path, warehouse_path: Path, **config) -> str:
    result = defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={"resources": {"warehouse": {"config": {"path": str(warehouse_path), "raw_dir": str(raw_dir), **config}}}},
        instance=instance,
    )
    assert result.success
    # warnings aside: facts_consistent_within_articles warns on the linking errors of the dev corpus
    assert all(c.passed for c in result.get_asset_check_evaluations() if c.severity == dg.AssetCheckSeverity.ERROR)
    return result.run_id


def query(warehouse_path: Path, sql: str) -> list[tuple]:
    con = store.connect(warehouse_path, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def rows(warehouse_path: Path, table: str, *, drop: tuple[str, ...] = ()) -> list[tuple]:
    """Every row of a table, sorted, without the ``drop`` columns."""
    con = store.connect(warehouse_path, read_only=True)
    try:
        relation = con.table(table)
        keep = [i for i, column in enumerate(relation.columns) if column not in drop]
        return sorted((tuple(row[i] for i in keep) for row in relation.fetchall()), key=repr)
    finally:
        con.close()


def links(warehouse_path: Path) -> dict[frozenset[str], Decimal]:
    """near_duplicates as {frozenset of the two paths: similarity}."""
    return {frozenset(pair[:2]): pair[2] for pair in query(warehouse_path, """
        select a.path, o.path, d.similarity from near_duplicates as d
        join articles as a on a.article_id = d.article_id join articles as o on o.article_id = d.other_article_id""")}


def write_variants(raw_dir: Path) -> tuple[str, str]:
    """The mipymes seed republished with another site's title, byline and footer, and with three words changed."""
    story = (raw_dir / MIPYMES).read_text("utf-8")
    (raw_dir / "republished.txt").write_text(
        "Mipymes peruanas exportaron USD 3.300 millones en 2024\n\nRedacción Diario Ejemplo | Lima, 15 de julio de 2025\n\n"
        + story + "\n\nLee también: Dólar hoy en Perú, tipo de cambio para este lunes. Suscríbete a nuestro boletín.\n"
        "© 2025 Diario Ejemplo. Todos los derechos reservados.\n", "utf-8")
    (raw_dir / "reworded.txt").write_text(
        story.replace("Palta Hass", "Palta Fuerte").replace("Cajamarca", "Amazonas").replace("notable", "creciente"), "utf-8")
    return "republished.txt", "reworded.txt"


def expected_similarity(raw_dir: Path, a: str, b: str) -> Decimal:
    bodies = [parse_document((raw_dir / name).read_bytes(), ".txt").body for name in (a, b)]
    return fingerprint.similarity(fingerprint.agreeing_slots(*map(fingerprint.minhash, bodies)))


def test_an_exact_duplicate_is_recorded_and_lands_no_second_mentions_or_facts(instance, raw_dir, tmp_path, warehouse_path):
    clean = tmp_path / "clean.duckdb"
    ingest(instance, raw_dir, clean)
    shutil.copy(raw_dir / MIPYMES, raw_dir / "zz-copia.txt")
    ingest(instance, raw_dir, warehouse_path)
    assert query(warehouse_path, "select path, stage, reason from ingest_errors") == [
        ("zz-copia.txt", "duplicate", f"duplicate content of {MIPYMES}")]
    assert query(warehouse_path, "select count(*), count(distinct path) from articles") == [(5, 5)]
    for table in (*ROW_TABLES, "extractions", "article_minhashes"):
        assert rows(warehouse_path, table, drop=("run_id", "extracted_at")) == rows(clean, table, drop=("run_id", "extracted_at")), table
    assert links(warehouse_path) == {}


def test_a_republished_story_is_linked_with_its_similarity_and_its_facts_still_land(instance, raw_dir, warehouse_path):
    republished, reworded = write_variants(raw_dir)
    ingest(instance, raw_dir, warehouse_path)
    linked = links(warehouse_path)
    assert set(linked) == {frozenset(p) for p in [(MIPYMES, republished), (MIPYMES, reworded), (republished, reworded)]}
    for pair, similarity in linked.items():
        assert similarity == expected_similarity(raw_dir, *sorted(pair))
        assert Decimal("0.5") <= similarity < 1
    assert query(warehouse_path, "select count(*) from near_duplicates where article_id <= other_article_id") == [(0,)]
    # linked, not dropped: the three articles state the frame, and the documented query keeps one of them
    frame = """metric = 'exports' and flow_of = 'mipymes' and partner is null and sector is null and product is null
        and period_start = '2024-01-01' and period_end = '2024-12-31'"""
    assert query(warehouse_path, f"select n_articles from fact_consensus where {frame}") == [(3,)]
    assert query(warehouse_path, f"""select count(distinct article_id) from facts
        where article_id not in (select article_id from near_duplicates) and {frame}""") == [(1,)]


def test_unrelated_articles_are_not_linked(instance, raw_dir, warehouse_path):
    if not DEV.is_dir():
        pytest.skip(f"no dev corpus at {DEV}")
    for path in sorted(DEV.iterdir()):
        shutil.copy(path, raw_dir / path.name)
    ingest(instance, raw_dir, warehouse_path)
    assert query(warehouse_path, "select count(*) from articles") == [(29,)]
    assert query(warehouse_path, "select count(*) from article_minhashes") == [(29,)]
    assert links(warehouse_path) == {}
    # the closest pair of different articles is far below the threshold
    closest = query(warehouse_path, """
        select max(len(list_filter(list_zip(a.minhash, b.minhash), x -> x[1] = x[2])))
        from article_minhashes as a join article_minhashes as b on a.article_id > b.article_id""")[0][0]
    assert closest < fingerprint.MIN_AGREEING_SLOTS // 4


def test_retracting_either_side_retracts_its_links(instance, raw_dir, warehouse_path):
    republished, reworded = write_variants(raw_dir)
    ingest(instance, raw_dir, warehouse_path)
    (raw_dir / republished).unlink()
    ingest(instance, raw_dir, warehouse_path)
    assert set(links(warehouse_path)) == {frozenset((MIPYMES, reworded))}
    (raw_dir / MIPYMES).write_text("Otra historia\n\nLas exportaciones de cobre a China sumaron US$ 5 millones.\n", "utf-8")
    ingest(instance, raw_dir, warehouse_path)
    assert links(warehouse_path) == {}
    assert query(warehouse_path, """select count(*) from article_minhashes
        where article_id not in (select article_id from articles)""") == [(0,)]
    assert query(warehouse_path, "select count(*) from article_minhashes") == query(warehouse_path, "select count(*) from articles")
    assert band_rows(warehouse_path) == expected_band_rows(warehouse_path)  # retracted with their signatures


def band_rows(warehouse_path: Path) -> list[tuple]:
    return rows(warehouse_path, "article_bands")


def expected_band_rows(warehouse_path: Path) -> list[tuple]:
    """The band rows the stored signatures call for (``fingerprint.band_keys``)."""
    return sorted(((aid, band, key) for aid, signature in query(warehouse_path, "select article_id, minhash from article_minhashes")
                   for band, key in enumerate(fingerprint.band_keys(signature))), key=repr)


def test_every_signature_has_its_band_keys_and_migration_9_computes_the_same(instance, raw_dir, warehouse_path):
    """article_bands (issue 14) holds exactly the 64 keys of each stored signature; the SQL with which migration
    0009 fills it for an older warehouse gives the same keys as the Python that fills it since."""
    write_variants(raw_dir)
    ingest(instance, raw_dir, warehouse_path)
    stored = band_rows(warehouse_path)
    (articles,), = query(warehouse_path, "select count(*) from articles")
    assert stored == expected_band_rows(warehouse_path) and len(stored) == articles * fingerprint.BANDS
    migration = (ROOT / "warehouse" / "sql" / "migrations" / "0009_create_article_bands.sql").read_text("utf-8")
    backfill = migration[migration.index("insert into article_bands"):].split(";")[0]
    con = store.connect(warehouse_path)
    try:
        con.execute("delete from article_bands")
        con.execute(backfill)
    finally:
        con.close()
    assert band_rows(warehouse_path) == stored


def test_a_rerun_changes_no_signature_or_link(instance, raw_dir, warehouse_path):
    write_variants(raw_dir)
    ingest(instance, raw_dir, warehouse_path)
    before = {table: rows(warehouse_path, table) for table in ("article_minhashes", "article_bands", "near_duplicates")}
    ingest(instance, raw_dir, warehouse_path)
    assert {table: rows(warehouse_path, table) for table in before} == before


@pytest.mark.parametrize("batch_size", [1, 2])
def test_links_do_not_depend_on_batch_size(instance, raw_dir, tmp_path, batch_size):
    write_variants(raw_dir)
    reference, paged = tmp_path / "reference.duckdb", tmp_path / "paged.duckdb"
    ingest(instance, raw_dir, reference)
    ingest(instance, raw_dir, paged, batch_size=batch_size)
    for table in ("article_minhashes", "article_bands", "near_duplicates"):
        assert rows(paged, table, drop=VOLATILE) == rows(reference, table, drop=VOLATILE)


def test_folding_words_and_pinned_signatures():
    assert fingerprint.words("Exportación de CAFÉ_especial, 3.300") == ["exportacion", "de", "cafe", "especial", "3", "300"]
    assert fingerprint.minhash("Exportación de café") == fingerprint.minhash("EXPORTACION DE CAFE")
    assert len(fingerprint.minhash("x")) == fingerprint.SLOTS == MINHASH_SLOTS == 2 * fingerprint.MIN_AGREEING_SLOTS
    # the hash functions are fixed: stored signatures stay comparable (changing them needs a migration)
    assert fingerprint.minhash("Las exportaciones peruanas crecieron 15,6 %")[:4] == [88508604, 576615629, 1251101808, 163778634]
    assert fingerprint.minhash("") == [-1] * fingerprint.SLOTS
