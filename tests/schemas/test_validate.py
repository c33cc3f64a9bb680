"""split_valid: every bad row goes to rejects with the name of the check it failed; good rows land."""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import pytest

from schemas import SCHEMAS
from schemas.validate import REJECT_COLUMNS, split_valid

ARTICLE = "a" * 64
BODY = "Exports to China rose 19,8% to US$ 68 120 millones."


def money_row(**changes) -> dict:
    start = BODY.index("US$")
    row = {
        "article_id": ARTICLE, "mention_id": 0, "sentence_idx": 0, "start": start, "end": len(BODY) - 1,
        "text": BODY[start:-1], "value": Decimal("68120000000"), "currency": "USD", "ambiguous": False,
        "reason": None, "rule": "money", "run_id": "r1",
    }
    row.update(changes)
    row["source_slice"] = BODY[row["start"]:row["end"]]
    row["source_length"] = len(BODY)
    return row


def entity_row(**changes) -> dict:
    row = {"article_id": ARTICLE, "mention_id": 1, "sentence_idx": 0, "start": 11, "end": 16, "text": "China",
           "label": "COUNTRY", "entity_id": "CN", "rule": "gazetteer", "run_id": "r1"}
    row.update(changes)
    row["source_slice"] = BODY[row["start"]:row["end"]]
    row["source_length"] = len(BODY)
    return row


BAD_ROWS = [
    pytest.param("money_mentions", money_row(currency="XYZ"), "currency_is_iso4217", id="unknown-currency"),
    pytest.param("money_mentions", money_row(value=Decimal("5e20")), "money_value_in_range", id="money-out-of-range"),
    pytest.param("money_mentions", money_row(text="US$ 68 120"), "text_matches_body", id="text-not-at-offsets"),
    pytest.param("money_mentions", money_row(end=500), "offsets_inside_body", id="offsets-past-body"),
    pytest.param("money_mentions", money_row(value=Decimal("1e40")), "coerce_dtype('Decimal(38, 6)')", id="value-too-large-for-decimal"),
    pytest.param("entity_mentions", entity_row(label="ANIMAL"), "isin(('COUNTRY', 'REGION', 'ORG', 'PERSON', 'PRODUCT', 'PLACE'))", id="unknown-label"),
    pytest.param("entity_mentions", entity_row(entity_id="China"), "entity_id_well_formed", id="country-id-not-iso"),
    pytest.param("entity_mentions", entity_row(label="ORG", entity_id="Pro Chile"), "entity_id_well_formed", id="slug-with-space"),
]


@pytest.mark.parametrize(("table", "bad", "check"), BAD_ROWS)
def test_a_bad_row_is_rejected_beside_a_good_one(table, bad, check):
    good = money_row() if table == "money_mentions" else entity_row()
    bad = {**bad, "mention_id": 9}
    split = split_valid(pd.DataFrame([good, bad]), SCHEMAS[table], table=table, key_column="mention_id", run_id="r1")
    assert len(split.valid) == 1
    assert list(split.valid.columns) == list(SCHEMAS[table].to_schema().columns)
    assert list(split.rejects.columns) == REJECT_COLUMNS
    [reject] = split.rejects.to_dict("records")
    assert (reject["table_name"], reject["article_id"], reject["check_name"]) == (table, ARTICLE, check)
    assert reject["reason"]
    assert json.loads(reject["payload"])["text"] == bad["text"]


def test_good_rows_all_pass_and_keep_exact_values():
    split = split_valid(pd.DataFrame([money_row(), money_row(mention_id=3, value=Decimal("0.5"))]),
                        SCHEMAS["money_mentions"], table="money_mentions", key_column="mention_id", run_id="r1")
    assert split.rejects.empty
    assert list(split.valid["value"]) == [Decimal("68120000000"), Decimal("0.5")]


def test_duplicate_mention_ids_are_rejected_not_merged():
    split = split_valid(pd.DataFrame([money_row(), money_row()]), SCHEMAS["money_mentions"],
                        table="money_mentions", key_column="mention_id", run_id="r1")
    assert split.valid.empty and len(split.rejects) == 2


def test_a_frame_wide_failure_rejects_every_row_rather_than_dropping_them():
    frame = pd.DataFrame([money_row(), money_row(mention_id=1)]).drop(columns=["rule"])
    split = split_valid(frame, SCHEMAS["money_mentions"], table="money_mentions", key_column="mention_id", run_id="r1")
    assert split.valid.empty
    assert len(split.rejects) == 2
    assert set(split.rejects["check_name"]) == {"column_in_dataframe"}
