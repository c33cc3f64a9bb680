"""Split a frame into the rows that pass its pandera model and reject rows with reasons.

The only place that turns pandera ``failure_cases`` into rejects. Validation is lazy and
never raises for bad rows: a row that fails any check goes to rejects once, with the first
failed check as ``check_name`` and every failure in ``reason``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

import pandas as pd
import pandera.pandas as pa

from schemas import facts, mentions

REJECT_COLUMNS = [
    "table_name", "article_id", "row_key", "check_name", "reason", "payload", "run_id", "rejected_at",
]
_MAX_PASSES = 3
TRANSIENT_COLUMNS = mentions.TRANSIENT_COLUMNS + facts.TRANSIENT_COLUMNS


@dataclass(frozen=True)
class Split:
    """The outcome of validating one frame."""

    valid: pd.DataFrame
    rejects: pd.DataFrame


def split_valid(
    frame: pd.DataFrame,
    schema: type[pa.DataFrameModel],
    *,
    table: str,
    key_column: str,
    run_id: str,
) -> Split:
    """Validate ``frame`` lazily; return coerced valid rows (transient columns dropped) and rejects.

    Row-level failures reject their rows. A failure pandera cannot pin to a row (a column-wide
    error) rejects every row still standing, so nothing passes unchecked and nothing vanishes.
    """
    remaining = frame.reset_index(drop=True)
    reasons: dict[int, list[tuple[str, str]]] = {}
    valid = None
    for _ in range(_MAX_PASSES):
        if remaining.empty:
            break
        try:
            valid = schema.validate(remaining, lazy=True)
            break
        except pa.errors.SchemaErrors as exc:
            cases = exc.failure_cases
        # Column checks name the culprit more precisely than frame-wide ones: list them first.
        pinned = cases[cases["index"].notna()].sort_values(
            "schema_context", key=lambda context: context != "Column", kind="stable")
        for row, check, column, value in zip(
            pinned["index"], pinned["check"], pinned["column"], pinned["failure_case"], strict=True
        ):
            reasons.setdefault(int(row), []).append((str(check), f"{column}: {check} failed on {value!r}"))
        if pinned.empty:
            for row in remaining.index:
                for check, column, value in zip(cases["check"], cases["column"], cases["failure_case"], strict=True):
                    reasons.setdefault(int(row), []).append((str(check), f"{column}: {value}"))
        remaining = remaining.drop(index=[row for row in reasons if row in remaining.index])
    else:
        for row in remaining.index:
            reasons.setdefault(int(row), []).append(("validation", "rows kept failing validation"))
        remaining = remaining.iloc[0:0]
    if valid is None or remaining.empty:
        valid = frame.iloc[0:0]
    valid = valid.drop(columns=[c for c in TRANSIENT_COLUMNS if c in valid.columns])
    return Split(valid=valid.reset_index(drop=True), rejects=_reject_rows(frame.reset_index(drop=True), reasons, table, key_column, run_id))


def _reject_rows(
    frame: pd.DataFrame, reasons: dict[int, list[tuple[str, str]]], table: str, key_column: str, run_id: str
) -> pd.DataFrame:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = []
    for row, failures in sorted(reasons.items()):
        record = frame.loc[row].drop(labels=[c for c in TRANSIENT_COLUMNS if c in frame.columns])
        rows.append(
            {
                "table_name": table,
                "article_id": record.get("article_id"),
                "row_key": str(record.get(key_column)),
                "check_name": failures[0][0],
                "reason": "; ".join(dict.fromkeys(reason for _, reason in failures)),
                "payload": json.dumps(record.to_dict(), default=str, ensure_ascii=False, sort_keys=True),
                "run_id": run_id,
                "rejected_at": now,
            }
        )
    return pd.DataFrame(rows, columns=REJECT_COLUMNS)
