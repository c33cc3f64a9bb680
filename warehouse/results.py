"""Query results exactly as DuckDB has them, for `cifras query`: a text table, CSV, or JSON Lines.

Values are never converted through pandas or Python floats. The text table and the CSV print DuckDB's own
VARCHAR cast of each value (a DECIMAL keeps its scale, a DATE stays a date, a list prints as ``[1, 2]``), the
same text the DuckDB CLI shows; the JSON is DuckDB's ``to_json`` of each row (numbers as JSON numbers with their
digits, dates as ISO strings, lists as arrays, structs as objects, NULL as ``null``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

import duckdb

CELL_WIDTH = 40  # the widest a text cell prints before it is cut (the header is never cut)
NULL_TEXT = "NULL"
_NUMERIC = frozenset({"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                      "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE"})


@dataclass(frozen=True)
class Result:
    """One statement's result: column names and DuckDB types as declared, and the relation to read rows from."""

    sql: str
    columns: list[str]
    types: list[str]
    relation: duckdb.DuckDBPyRelation

    def text_rows(self) -> list[tuple[str | None, ...]]:
        """Every row as DuckDB's VARCHAR text of each value (None for NULL)."""
        return self.relation.project("columns(*)::varchar").fetchall()

    def json_lines(self) -> Iterator[str]:
        """Every row as one JSON object (DuckDB's ``to_json``; a repeated column name gets DuckDB's suffix)."""
        for (line,) in self.relation.query("result", "select to_json(result) from result").fetchall():
            yield line


def execute(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[Result | None]:
    """Run each statement of ``sql`` in order; yield its result, or None for a statement that returns none.
    A failing statement raises ``duckdb.Error`` and the later ones do not run."""
    for statement in con.extract_statements(sql):
        relation = con.sql(statement.query)
        if relation is None:
            yield None
            continue
        yield Result(statement.query.strip(), list(relation.columns), [str(t) for t in relation.types], relation)


def write_text(result: Result, out: TextIO, cell_width: int = CELL_WIDTH) -> None:
    """A boxed table with a name row and a type row, numbers right-aligned, NULL as ``NULL``; a value longer than
    ``cell_width`` is cut with an ellipsis, a name never; a line break in a value prints as ``\\n``."""
    rows = [[_cell(value, cell_width) for value in row] for row in result.text_rows()]
    types = [t.lower() for t in result.types]
    widths = [max([len(name), len(kind), *(len(row[i]) for row in rows)])
              for i, (name, kind) in enumerate(zip(result.columns, types, strict=True))]
    right = [t in _NUMERIC or (t.startswith("DECIMAL(") and t.endswith(")")) for t in result.types]

    def line(cells: list[str], align: list[bool]) -> str:
        return "│ " + " │ ".join(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, align)) + " │"

    def rule(left: str, middle: str, end: str) -> str:
        return left + middle.join("─" * (w + 2) for w in widths) + end

    flush_left = [False] * len(widths)
    out.write("\n".join([
        rule("┌", "┬", "┐"), line(result.columns, flush_left), line(types, flush_left), rule("├", "┼", "┤"),
        *(line(row, right) for row in rows), rule("└", "┴", "┘"),
        f"{len(rows):,} row{'' if len(rows) == 1 else 's'}",
    ]) + "\n")


def write_csv(result: Result, out: TextIO) -> None:
    """A header line, then the rows, as DuckDB's CSV writer does: NULL is an empty field, an empty string is
    ``""``, a field with a comma, a quote or a line break is quoted (its quotes doubled)."""
    out.write(",".join(_csv_field(name) for name in result.columns) + "\n")
    for row in result.text_rows():
        out.write(",".join("" if value is None else _csv_field(value) for value in row) + "\n")


def _csv_field(text: str) -> str:
    if text == "" or any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_json(result: Result, out: TextIO) -> None:
    """JSON Lines: one object per row."""
    for line in result.json_lines():
        out.write(line + "\n")


def _cell(value: str | None, width: int) -> str:
    if value is None:
        return NULL_TEXT
    text = value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= width else text[: width - 1] + "…"
