"""Schema-invalid extraction rows at the landing boundary: each lands in rejects with its check, reason and
article while the article's valid rows land, and conservation holds (item 9 of issue 6).

The extractor does not produce these rows on purpose, so the test hands crafted mentions and frames to the
functions ``batch._extract_chunk`` lands its analysis with (mention_rows, split_valid, _split_facts, the insert
queries), on a real warehouse that the real ingest job built; the asset checks then read that warehouse.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import dagster as dg
import pandas as pd
import pytest

import extractors
from extractors import Fact, Mention
from pipelines import batch
from pipelines.defs import checks
from pipelines.defs.resources import WarehouseResource
from pipelines.definitions import defs
from schemas import SCHEMAS
from schemas.validate import REJECT_COLUMNS, split_valid
from warehouse import audit, store

BODY = ("Exportaciones a China\n\nLas exportaciones de cobre a China sumaron US$ 1 200 millones en 2024, "
        "12 % más que en 2023, y las de zinc S/ 300 millones.")
RUN = "crafted-run"


def at(text: str, **fields) -> dict:
    start = BODY.index(text)
    return {"text": text, "start": start, "end": start + len(text), **fields}


# (mention, the check that must reject it, or None when it must land)
MENTIONS = [
    (Mention(kind="entity", label="COUNTRY", entity_id="CN", rule="gazetteer", **at("China")), None),
    (Mention(kind="money", value=Decimal("1200000000"), currency="USD", rule="money", **at("US$ 1 200 millones")), None),
    (Mention(kind="percent", value=Decimal("12"), rule="percent", **at("12 %")), None),
    (Mention(kind="money", value=Decimal("-300000000"), currency="PEN", rule="money", **at("S/ 300 millones")),
     "negative_value_has_written_sign"),
    (Mention(kind="money", value=Decimal("1200000000"), currency="XXX", rule="money", **at("US$ 1 200 millones")),
     "currency_is_iso4217"),
    (Mention(kind="percent", value=Decimal("1000000"), rule="percent", **at("12 %")), "percent_value_in_range"),
    (Mention(kind="money", text="US$ 1 200", start=BODY.index("US$"), end=BODY.index("US$") + 18,
             value=Decimal("1200"), currency="USD", rule="money"), "text_matches_body"),
]
PERIOD = {"period_start": date(2024, 1, 1), "period_end": date(2024, 12, 31)}
# (frame, the check that must reject it, or None)
FACTS = [
    (Fact(metric="exports", flow_of="PE", partner="CN", product="copper", value=Decimal("1200000000"),
          currency="USD", change_pct=Decimal("12"), mentions=(1, 2), rule="crafted", **PERIOD), None),
    (Fact(metric="exports", flow_of="PE", product="zinc", value=Decimal("-300000000"), currency="PEN",
          mentions=(3,), rule="crafted", **PERIOD), "mention_ids_landed"),  # rests on a rejected mention
    (Fact(metric="smuggling", flow_of="PE", value=Decimal("5"), currency="USD", mentions=(1,), rule="crafted",
          **PERIOD), "metric_in_vocabulary"),
]


def land(con, article_id: str, body: str, mentions: list[Mention], facts: list[Fact]) -> None:
    """Land one article's analysis exactly as ``batch._extract_chunk`` lands what ``extractors.analyse`` gave."""
    rows = batch.mention_rows(article_id, body, mentions, RUN)
    frames: dict[str, pd.DataFrame] = {"ids_batch": batch._keys("article_id", [article_id])}
    rejects, landed_ids, n_landed, n_rejected = [], {article_id: set()}, 0, 0
    for table, table_rows in rows.items():
        columns = list(SCHEMAS[table].to_schema().columns) + ["source_slice", "source_length"]
        split = split_valid(pd.DataFrame(table_rows, columns=columns), SCHEMAS[table], table=table,
                            key_column="mention_id", run_id=RUN)
        frames[f"{table}_batch"] = batch._exact_values(split.valid)
        rejects.append(split.rejects)
        n_landed, n_rejected = n_landed + len(split.valid), n_rejected + len(split.rejects)
        landed_ids[article_id] |= {int(i) for i in split.valid["mention_id"]}
    fact_split = batch._split_facts({article_id: facts}, landed_ids, RUN)
    frames["facts_batch"] = batch._exact_values(fact_split.valid)
    rejects.append(fact_split.rejects)
    frames["rejects_batch"] = pd.concat([r for r in rejects if len(r)] or [pd.DataFrame(columns=REJECT_COLUMNS)],
                                        ignore_index=True)
    frames["extractions_batch"] = SCHEMAS["extractions"].validate(pd.DataFrame([{
        "article_id": article_id, "extractor_version": extractors.__version__, "n_extracted": len(mentions),
        "n_landed": n_landed, "n_rejected": n_rejected, "extracted_at": datetime(2025, 1, 1), "run_id": RUN,
        "facts_extracted": len(facts), "facts_landed": len(fact_split.valid), "facts_rejected": len(fact_split.rejects),
    }], columns=list(SCHEMAS["extractions"].to_schema().columns)))
    with store.transaction(con), store.registered(con, **frames):
        store.run(con, "delete_mentions_of_articles")
        batch._insert(con, frames, *batch._MENTION_TABLES.values(), "facts", "rejects", "extractions")


@pytest.fixture(scope="module")
def landed(tmp_path_factory):
    """A warehouse where the real job landed one article, whose extraction is then replaced by the crafted one."""
    root = tmp_path_factory.mktemp("rejects")
    raw, database = root / "raw", root / "cifras.duckdb"
    raw.mkdir()
    (raw / "cobre.txt").write_text(BODY + "\n", "utf-8")
    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("ingest_job").execute_in_process(
            run_config={"resources": {"warehouse": {"config": {"path": str(database), "raw_dir": str(raw)}}}},
            instance=instance)
    assert result.success
    con = store.connect(database)
    try:
        [(article_id, body)] = con.execute("select article_id, body from articles").fetchall()
        assert body == BODY
        land(con, article_id, body, [m for m, _ in MENTIONS], [f for f, _ in FACTS])
    finally:
        con.close()
    return database, article_id


def reject_rows(database) -> dict[tuple[str, str], dict]:
    con = store.connect(database, read_only=True)
    try:
        return {(r["table_name"], r["row_key"]): r for r in con.table("rejects").df().to_dict("records")}
    finally:
        con.close()


@pytest.mark.parametrize(("index", "check"), [(i, c) for i, (_, c) in enumerate(MENTIONS) if c],
                         ids=[c for _, c in MENTIONS if c])
def test_a_bad_mention_lands_in_rejects_with_check_reason_and_article(landed, index, check):
    database, article_id = landed
    mention = MENTIONS[index][0]
    reject = reject_rows(database)[(batch._MENTION_TABLES[mention.kind], str(index))]
    assert (reject["article_id"], reject["check_name"], reject["run_id"]) == (article_id, check, RUN)
    assert check in reject["reason"]
    payload = json.loads(reject["payload"])
    assert (payload["mention_id"], payload["text"]) == (index, mention.text)


@pytest.mark.parametrize(("index", "check"), [(i, c) for i, (_, c) in enumerate(FACTS) if c],
                         ids=[c for _, c in FACTS if c])
def test_a_bad_frame_lands_in_rejects_with_check_reason_and_article(landed, index, check):
    database, article_id = landed
    reject = reject_rows(database)[("facts", str(index))]
    assert (reject["article_id"], reject["check_name"]) == (article_id, check)
    assert check in reject["reason"]


def test_the_articles_valid_rows_land_beside_its_rejects(landed):
    database, article_id = landed
    con = store.connect(database, read_only=True)
    try:
        landed_ids = {(kind, mention_id) for kind, mention_id in con.execute(
            "select kind, mention_id from mentions where article_id = ?", [article_id]).fetchall()}
        facts = [row[0] for row in con.execute("select fact_id from facts where article_id = ?", [article_id]).fetchall()]
        [extraction] = con.execute("select n_extracted, n_landed, n_rejected, facts_extracted, facts_landed, "
                                   "facts_rejected from extractions where article_id = ?", [article_id]).fetchall()
        money = con.execute("select value, currency from money_mentions where article_id = ?", [article_id]).fetchall()
    finally:
        con.close()
    assert landed_ids == {(m.kind, i) for i, (m, check) in enumerate(MENTIONS) if check is None}
    assert facts == [i for i, (_, check) in enumerate(FACTS) if check is None]
    bad = sum(check is not None for _, check in MENTIONS)
    assert extraction == (len(MENTIONS), len(MENTIONS) - bad, bad, len(FACTS), 1, len(FACTS) - 1)
    assert money == [(Decimal("1200000000"), "USD")]


def test_conservation_and_every_check_hold_after_rejects(landed):
    database, _ = landed
    con = store.connect(database, read_only=True)
    try:
        mentions, facts = audit.conservation(con), audit.fact_conservation(con)
    finally:
        con.close()
    assert (mentions.breaks, mentions.extracted, mentions.rejected) == (0, len(MENTIONS), 4)
    assert (facts.breaks, facts.extracted, facts.rejected) == (0, len(FACTS), 2)
    warehouse = WarehouseResource(path=str(database))
    for check in checks.CHECKS:
        assert check(warehouse=warehouse).passed, check.check_key.name


def test_a_signed_negative_amount_lands():
    """The sign check rejects only a minus the text does not write."""
    body = "Exports fell by -US$ 5 million, a balance of (-) US$ 3 million and minus 2 percent."
    rows = batch.mention_rows("a" * 64, body, [
        Mention(kind="money", value=Decimal("-5000000"), currency="USD", rule="money",
                text="-US$ 5 million", start=body.index("-US$"), end=body.index("-US$") + 14),
        Mention(kind="money", value=Decimal("-3000000"), currency="USD", rule="money",
                text="(-) US$ 3 million", start=body.index("(-)"), end=body.index("(-)") + 17),
        Mention(kind="percent", value=Decimal("-2"), rule="percent",
                text="minus 2 percent", start=body.index("minus"), end=body.index("minus") + 15),
    ], RUN)
    for table in ("money_mentions", "percent_mentions"):
        columns = list(SCHEMAS[table].to_schema().columns) + ["source_slice", "source_length"]
        split = split_valid(pd.DataFrame(rows[table], columns=columns), SCHEMAS[table], table=table,
                            key_column="mention_id", run_id=RUN)
        assert split.rejects.empty, split.rejects["reason"].tolist()
