"""`cifras` as analysts use it (issue 15): `query` prints every value exactly as DuckDB has it (text, CSV, JSON),
runs several statements and reads SQL from a file or stdin; every command has a description, examples and the exit
codes; progress goes to stderr as lines when it is not a terminal; a run is recorded in the UI's Dagster instance;
wrong input is a one-line error."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines import cli
from pipelines.cli import main
from warehouse import store

CIFRAS = str(Path(sys.executable).parent / "cifras")


@pytest.fixture
def empty_warehouse(warehouse_path) -> Path:
    store.connect(warehouse_path).close()
    return warehouse_path


# (SQL expression, DuckDB type as printed, text cell, CSV field, JSON value as written): what DuckDB itself shows.
VALUES = [
    ("date '2024-01-01'", "date", "2024-01-01", "2024-01-01", '"2024-01-01"'),
    ("(date '2024-01-01')::timestamp::date", "date", "2024-01-01", "2024-01-01", '"2024-01-01"'),
    ("timestamp '2024-01-01 10:30:00'", "timestamp", "2024-01-01 10:30:00", "2024-01-01 10:30:00",
     '"2024-01-01 10:30:00"'),
    ("27000000000.000000::decimal(38, 6)", "decimal(38,6)", "27000000000.000000", "27000000000.000000",
     "27000000000.000000"),
    ("19.8::decimal(18, 6)", "decimal(18,6)", "19.800000", "19.800000", "19.800000"),
    ("0.1::double", "double", "0.1", "0.1", "0.1"),
    ("123456789012345678901234567890::hugeint", "hugeint", "123456789012345678901234567890",
     "123456789012345678901234567890", "123456789012345678901234567890"),
    ("42", "integer", "42", "42", "42"),
    ("true", "boolean", "true", "true", "true"),
    ("'Perú, \"café\"'", "varchar", 'Perú, "café"', '"Perú, ""café"""', '"Perú, \\"café\\""'),
    ("[1, 2]", "integer[]", "[1, 2]", '"[1, 2]"', "[1,2]"),
    ("''", "varchar", "", '""', '""'),
    ("{'k': 1}", "struct(k integer)", "{'k': 1}", "{'k': 1}", '{"k":1}'),
    ("null::date", "date", "NULL", "", "null"),
    ("null::decimal(38, 6)", "decimal(38,6)", "NULL", "", "null"),
    ("null::varchar", "varchar", "NULL", "", "null"),
]


@pytest.mark.parametrize(("expression", "kind", "text", "field", "json_value"), VALUES,
                         ids=[v[0] for v in VALUES])
def test_every_value_prints_exactly_as_duckdb_has_it(empty_warehouse, capsys, expression, kind, text, field,
                                                     json_value):
    sql = f"select {expression} as v"
    assert main(["query", "--warehouse", str(empty_warehouse), sql]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [cell.strip() for cell in lines[1].strip("│").split("│")] == ["v"]
    assert [cell.strip() for cell in lines[2].strip("│").split("│")] == [kind]
    assert [cell.strip() for cell in lines[4].strip("│").split("│")] == [text]
    assert lines[-1] == "1 row"
    assert main(["query", "--csv", "--warehouse", str(empty_warehouse), sql]) == 0
    assert capsys.readouterr().out == f"v\n{field}\n"
    assert main(["query", "--json", "--warehouse", str(empty_warehouse), sql]) == 0
    assert capsys.readouterr().out == f'{{"v":{json_value}}}\n'


def test_a_decimal_read_back_from_json_keeps_its_digits(empty_warehouse, capsys):
    from decimal import Decimal

    assert main(["query", "--json", "--warehouse", str(empty_warehouse),
                 "select 68120000000.000000::decimal(38, 6) as value, 19.8::decimal(18, 6) as change_pct"]) == 0
    row = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert row == {"value": Decimal("68120000000.000000"), "change_pct": Decimal("19.800000")}


def test_several_statements_print_each_result_in_order(empty_warehouse, capsys):
    assert main(["query", "--warehouse", str(empty_warehouse), "select 1 as a; select 2 as b"]) == 0
    out = capsys.readouterr().out
    assert out.index("│ a ") < out.index("│ b ") and out.count("1 row") == 2
    assert main(["query", "--csv", "--warehouse", str(empty_warehouse), "select 1 as a; select 2 as b"]) == 0
    assert capsys.readouterr().out == "a\n1\n\nb\n2\n"
    assert main(["query", "--json", "--warehouse", str(empty_warehouse), "select 1 as a; select 2 as b"]) == 0
    assert capsys.readouterr().out == '{"a":1}\n{"b":2}\n'


def test_a_failing_statement_stops_the_later_ones_and_exits_one(empty_warehouse, capsys):
    assert main(["query", "--csv", "--warehouse", str(empty_warehouse), "select 1 as a; select nope; select 3"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "a\n1\n" and "query failed" in captured.err and "nope" in captured.err


def test_sql_comes_from_a_file_or_from_standard_input(empty_warehouse, tmp_path, capsys, monkeypatch):
    script = tmp_path / "questions.sql"
    script.write_text("-- two questions\nselect 1 as a;\nselect 'x' as b;\n", "utf-8")
    assert main(["query", "--csv", "-f", str(script), "--warehouse", str(empty_warehouse)]) == 0
    assert capsys.readouterr().out == "a\n1\n\nb\nx\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO("select 7 as n"))
    assert main(["query", "--csv", "--warehouse", str(empty_warehouse)]) == 0
    assert capsys.readouterr().out == "n\n7\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO("select 8 as n"))
    assert main(["query", "--csv", "-f", "-", "--warehouse", str(empty_warehouse)]) == 0
    assert capsys.readouterr().out == "n\n8\n"
    piped = subprocess.run([CIFRAS, "query", "--json", "--warehouse", str(empty_warehouse)], input="select 9 as n",
                           capture_output=True, text=True)
    assert (piped.returncode, piped.stdout) == (0, '{"n":9}\n')


def test_a_long_value_is_cut_and_a_long_name_never(empty_warehouse, capsys):
    name = "change_pct_against_the_same_period_a_year_earlier"
    assert main(["query", "--warehouse", str(empty_warehouse), f"select repeat('x', 100) as {name}"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert name in lines[1]
    cell = lines[4].strip("│ ")
    assert cell.endswith("…") and len(cell.rstrip("│ ")) <= len(name)


@pytest.mark.parametrize(("argv", "message"), [
    (["query", "-f", "{folder}"], "is a folder"),
    (["query", "-f", "{folder}/none.sql"], "no SQL file"),
    (["query", "select 1", "-f", "{folder}/q.sql"], "not both"),
    (["query", "   "], "empty"),
    (["extract", "{folder}"], "is a folder"),
    (["extract", "{folder}/none.txt"], "no file at"),
    (["search", ""], "nothing to search for"),
    (["search", " ; "], "nothing to search for"),
    (["export", "{folder}/q.sql"], "not a folder"),
])
def test_wrong_input_is_a_one_line_error_with_exit_two(empty_warehouse, tmp_path, capsys, argv, message):
    (tmp_path / "q.sql").write_text("select 1", "utf-8")
    argv = [part.format(folder=tmp_path) for part in argv]
    if argv[0] in ("query", "search", "export"):
        argv += ["--warehouse", str(empty_warehouse)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_version_names_cifras_and_what_it_runs_on(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("cifras ") and "extractor" in out and "DuckDB" in out and "Dagster" in out


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli._parser()
    [sub] = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    return dict(sub.choices)


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_command_has_a_description_examples_exit_codes_and_help_for_every_option(command):
    parser = _subcommands()[command]
    text = parser.format_help()
    assert parser.description and "examples:" in text and "exit codes:" in text
    assert f"cifras {command}" in text.split("examples:", 1)[1]
    for action in parser._actions:
        assert action.help, f"{command} {action.option_strings or action.dest} has no help text"


@pytest.mark.parametrize(("records", "lines"), [
    # (seconds, done, total) of one step's records, and the lines printed: the first, then one per 5 s, the last.
    ([(0, 0, 100), (1, 10, 100), (6, 60, 100), (7, 70, 100), (8, 100, 100)],
     ["files: 0/100 (0%)", "files: 60/100 (60%), 10.0/s, about 4 s left", "files: 100/100 (100%), 12.5/s"]),
    ([(0, 5, 5)], ["files: 5/5 (100%)"]),
    ([(0, 0, 1000), (100, 200, 1000)], ["files: 0/1,000 (0%)", "files: 200/1,000 (20%), 2.0/s, about 6 min 40 s left"]),
])
def test_progress_lines_without_a_terminal_give_rate_and_time_left(records, lines):
    import logging

    stream, now = io.StringIO(), [0.0]
    handler = cli._ProgressLines(stream, every=5.0, clock=lambda: now[0])
    logger = logging.getLogger("cifras.progress.test")
    for seconds, done, total in records:
        now[0] = seconds
        handler.handle(logger.makeRecord(logger.name, logging.INFO, __file__, 0, "x", (), None,
                                         extra={"step": "files", "done": done, "total": total}))
    assert stream.getvalue().splitlines() == lines


def test_a_run_reports_progress_as_lines_is_silent_with_quiet_and_shows_in_the_dagster_ui_instance(
        raw_dir, warehouse_path, tmp_path):
    import dagster as dg

    home = tmp_path / "ui_home"
    run = subprocess.run([CIFRAS, "run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path),
                          "--dagster-home", str(home)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "files: 5/5 (100%)" in run.stderr and "articles: 5/5 (100%)" in run.stderr
    assert "DEBUG" not in run.stderr and "INFO" not in run.stderr  # Dagster's own lines only with -v
    (raw_dir / "new.txt").write_text("Exports\n\nPeru's exports rose 5% in 2024.\n", "utf-8")
    quiet = subprocess.run([CIFRAS, "run", "-q", "--raw", str(raw_dir), "--warehouse", str(warehouse_path),
                            "--dagster-home", str(home)], capture_output=True, text=True)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()
        assert [r.status for r in runs] == [dg.DagsterRunStatus.SUCCESS] * 2
        assert instance.get_latest_materialization_event(dg.AssetKey("facts")) is not None


def test_a_run_whose_dagster_instance_refuses_writes_is_a_one_line_error(raw_dir, warehouse_path, tmp_path):
    home = tmp_path / "read_only_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", "utf-8")
    import resource

    def limited():  # the instance's first write (its run storage) exceeds a 1-byte file limit
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))

    store.connect(warehouse_path).close()
    run = subprocess.run([CIFRAS, "run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path),
                          "--dagster-home", str(home)], preexec_fn=limited, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert len(run.stderr.strip().splitlines()) <= 3
