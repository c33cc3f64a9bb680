"""``python -m extractors --jsonl``: the extraction contract (shared/spec/extraction-contract.md).

Reads JSON Lines cases on stdin and writes one JSON line per input line, in the same order, on
stdout; logs go to stderr. A bad line yields ``{"id": ..., "error": ...}`` and the run goes on;
the exit status is 0 unless stdin cannot be read. Values become floats only here, at the JSON edge.

``--facts`` adds ``"facts"``: the fact frames linked from the mentions (``facts.py``), each with
the indices of the mentions it uses; the input's ``date`` resolves relative periods.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from datetime import date

from extractors.language import detect_language
from extractors.lexicon import LANGUAGES
from extractors.mention import Mention
from extractors.fact import Fact
from extractors.nlp import Analysis, analyse_many, extract_many

log = logging.getLogger("extractors")


def mention_json(mention: Mention) -> dict:
    """Return a mention in the contract's output shape."""
    row: dict = {"kind": mention.kind, "text": mention.text, "start": mention.start, "end": mention.end}
    if mention.kind == "entity":
        row |= {"label": mention.label, "id": mention.entity_id}
    else:
        row["value"] = float(mention.value) if mention.value is not None else None
        if mention.kind == "money":
            row["currency"] = mention.currency
        elif mention.unit is not None:
            row["unit"] = mention.unit
    if mention.ambiguous:
        row |= {"ambiguous": True, "reason": mention.reason}
    return row


def fact_json(fact: Fact) -> dict:
    """Return a fact frame in the contract's output shape."""
    period = None
    if fact.period_start is not None:
        period = {"start": fact.period_start.isoformat(), "end": fact.period_end.isoformat()}
    row = {
        "metric": fact.metric, "flow_of": fact.flow_of, "partner": fact.partner, "sector": fact.sector,
        "product": fact.product, "period": period,
        "value": _number(fact.value), "currency": fact.currency,
        "change_pct": _number(fact.change_pct), "share_pct": _number(fact.share_pct),
        "mentions": list(fact.mentions),
    }
    if fact.projection:
        row["projection"] = True
    return row


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _number(value) -> float | None:
    return float(value) if value is not None else None


def _published(value: object) -> date | None:
    """The input's ``date`` as a date; anything else (missing, malformed) is no date."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_case(line: str) -> tuple[object, str, str | None, date | None]:
    """Parse one input line into (id, text, lang, date); raise ``ValueError`` saying why it is bad."""
    try:
        case = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error.msg}") from None
    if not isinstance(case, dict):
        raise ValueError("not a JSON object")
    text, lang = case.get("text"), case.get("lang")
    if not isinstance(text, str):
        raise ValueError("no text")
    if (surrogate := _LONE_SURROGATE.search(text)) is not None:
        raise ValueError(f"text holds a lone surrogate (U+{ord(surrogate.group()):04X} at offset {surrogate.start()}), not Unicode text")
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unsupported lang {lang!r}")
    return case.get("id"), text, lang, _published(case.get("date"))


def _case_id(line: str) -> object:
    try:
        case = json.loads(line)
    except json.JSONDecodeError:
        return None
    return case.get("id") if isinstance(case, dict) else None


def run(lines: list[str], facts: bool) -> list[dict]:
    """Turn input lines into output records, one per line, in order."""
    records: list[dict | None] = [None] * len(lines)
    good: list[tuple[int, object, str, str, date | None]] = []
    for index, line in enumerate(lines):
        try:
            case_id, text, lang, published = read_case(line)
            good.append((index, case_id, text, lang or detect_language(text), published))
        except ValueError as error:
            records[index] = {"id": _case_id(line), "error": str(error)}
            log.warning("line %d: %s", index + 1, error)
    if facts:
        results = analyse_many([(text, lang, published) for _, _, text, lang, published in good])
    else:
        results = (Analysis(mentions, []) for mentions in extract_many([(text, lang) for _, _, text, lang, _ in good]))
    for (index, case_id, text, lang, _), analysis in zip(good, results, strict=True):
        record = {"id": case_id, "lang": lang, "mentions": [mention_json(m) for m in analysis.mentions]}
        if facts:
            record["facts"] = [fact_json(f) for f in analysis.facts]
        records[index] = record
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractors", description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", action="store_true", required=True, help="JSON Lines in, JSON Lines out")
    parser.add_argument("--facts", action="store_true", help='add "facts": the linked fact frames')
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s: %(message)s")
    try:
        data = sys.stdin.buffer.read().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        log.error("cannot read standard input: %s", error)
        return 2
    # split on "\n" only: JSON strings may hold U+2028 and friends, which splitlines() breaks on
    lines = [line.removesuffix("\r") for line in data.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    started = time.perf_counter()
    records = run(lines, args.facts)
    out = sys.stdout
    for record in records:
        try:
            line = json.dumps(record, ensure_ascii=False).encode("utf-8").decode("utf-8")
        except UnicodeEncodeError:  # an id holding a lone surrogate: escaped JSON is still valid JSON
            line = json.dumps(record)
        out.write(line + "\n")
    out.flush()
    log.info("%d cases in %.2fs", len(records), time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
