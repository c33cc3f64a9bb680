"""The CLI contract (shared/spec/extraction-contract.md), run as a real subprocess."""

import json
import subprocess
import sys

CASES = [
    {"id": "a", "text": "Exports rose 15.6% to USD 74.7 billion, led by China.", "lang": "en"},
    "this line is not JSON",
    {"id": "c", "text": "Las exportaciones de Perú sumaron US$ 68\u00a0120 millones (+19,8%).", "lang": None},
]


def run_cli(*args, stdin):
    return subprocess.run(
        [sys.executable, "-m", "extractors", "--jsonl", *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        check=False,
        timeout=120,
    )


def stdin_of(cases):
    return "".join((c if isinstance(c, str) else json.dumps(c, ensure_ascii=False)) + "\n" for c in cases)


def test_one_line_per_input_in_order_with_error_line():
    result = run_cli(stdin=stdin_of(CASES))
    assert result.returncode == 0
    lines = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [line.get("id") for line in lines] == ["a", None, "c"]
    assert "error" in lines[1] and "mentions" not in lines[1]
    assert lines[2]["lang"] == "es"
    for case, line in ((CASES[0], lines[0]), (CASES[2], lines[2])):
        for mention in line["mentions"]:
            assert case["text"][mention["start"] : mention["end"]] == mention["text"]
    money = [m for m in lines[2]["mentions"] if m["kind"] == "money"]
    start = CASES[2]["text"].index("US$")
    assert money == [
        {"kind": "money", "text": "US$ 68\u00a0120 millones", "start": start, "end": start + 19, "value": 68120000000.0, "currency": "USD"}
    ]
    kinds = {(m["kind"], m.get("id")) for m in lines[0]["mentions"]}
    assert {("percent", None), ("money", None), ("entity", "CN")} <= kinds


def test_facts_flag_adds_linked_frames_and_output_is_deterministic():
    first = run_cli("--facts", stdin=stdin_of(CASES))
    second = run_cli("--facts", stdin=stdin_of(CASES))
    assert first.stdout == second.stdout
    lines = [json.loads(line) for line in first.stdout.decode("utf-8").splitlines()]
    assert "error" in lines[1] and "facts" not in lines[1]
    (fact,) = lines[2]["facts"]
    assert fact == {
        "metric": "exports", "flow_of": "PE", "partner": None, "sector": None, "product": None, "period": None,
        "value": 68120000000.0, "currency": "USD", "change_pct": 19.8, "share_pct": None, "mentions": fact["mentions"],
    }
    used = [lines[2]["mentions"][i]["kind"] for i in fact["mentions"]]
    assert sorted(used) == ["money", "percent"]


def test_without_facts_flag_there_is_no_facts_key():
    (line, *_) = [json.loads(line) for line in run_cli(stdin=stdin_of(CASES)).stdout.decode("utf-8").splitlines()]
    assert "facts" not in line


def test_ambiguous_fields_only_when_ambiguous():
    result = run_cli(stdin=stdin_of([{"id": "x", "text": "sold for $5 million and US$7 million", "lang": "en"}]))
    (line,) = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    first, second = line["mentions"]
    assert first["ambiguous"] is True and first["reason"]
    assert "ambiguous" not in second and "reason" not in second


def test_a_lone_surrogate_is_one_error_line_and_the_other_lines_are_answered():
    # Issue 12: "\ud800" in JSON is valid JSON but not Unicode text; it must cost one error line, not the run.
    stdin = '{"id": 1, "text": "a \\ud800 b"}\n{"id": "\\udc00x", "text": "hola"}\n{"id": 2, "text": "US$ 5 millones", "lang": "es"}\n'
    result = run_cli(stdin=stdin)
    assert result.returncode == 0, result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [line.get("id") for line in lines] == [1, "\udc00x", 2]
    assert "surrogate" in lines[0]["error"]
    assert [m["value"] for m in lines[2]["mentions"]] == [5000000.0]
