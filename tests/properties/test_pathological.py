"""Pathological text finishes (a guard against catastrophic regexes, Matcher state blow-ups and
quadratic linking): each case runs the whole analysis, mentions and fact frames.

Each case runs in a child process with a generous time guard, so a regression fails the test
instead of hanging CI; the figures themselves belong to bench/, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

GUARD_SECONDS = 120

# (lang, text expression, expected mention texts at the start of the list)
CASES = [
    pytest.param("es", "'1 ' * 20000 + '%'", ["1 %"], id="20k numbers then a percent"),
    pytest.param("es", "'5 % ' * 20000", ["5 %", "5 %"], id="20k percents"),
    pytest.param("es", "'US$ 1 ' * 20000", ["US$ 1", "US$ 1"], id="20k amounts in one sentence"),
    pytest.param("es", "'mil ' * 100000", [], id="100k times mil"),
    pytest.param("es", "'US$ ' + '9' * 100000 + ' millones'", ["US$ " + "9" * 21], id="100k-digit number"),
    pytest.param("en", "'US$' + ' ' * 200000 + '5 million'", [], id="200k spaces inside an amount"),
    pytest.param("es", "'Exportaron US$ 5 millones en 2024.\\n' * 20000", ["US$ 5 millones"], id="20k lines with figures"),
    pytest.param("es", "'Cajamarca (+64%), ' * 10000", ["Cajamarca", "+64%"], id="10k-item list in one sentence"),
    # Runs of affixes without a space: spaCy strips them one at a time in quadratic time (4,000 "%" took
    # 4 s, 30 KB of them a run of 135 s); extractors.bounded tokenises such chunks in linear time (issue 12).
    pytest.param("en", "'(' * 50000 + 'US$ 5 million)'", ["US$ 5 million"], id="50k parentheses glued to an amount"),
    pytest.param("es", "'%' * 300000 + '5'", [], id="300k percent signs"),
    pytest.param("en", "'Exports rose ' + '5%' * 100000", [], id="100k glued percents"),
    pytest.param("es", "'€' * 100000 + ' 5 millones'", [], id="100k euro signs"),
    pytest.param("en", "'US$' * 50000 + '5'", [], id="50k glued currency symbols"),
    pytest.param("en", "\"'\" * 100000 + ' 5%'", ["5%"], id="100k quotes"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "expression", "expected"), CASES)
def test_pathological_text_finishes(lang, expression, expected):
    script = (
        "import json, sys; from extractors import analyse; "
        f"text = {expression}; "
        f"result = analyse(text, {lang!r}); "
        "assert all(0 <= i < len(result.mentions) for f in result.facts for i in f.mentions); "
        f"print(json.dumps([m.text[:25] for m in result.mentions][:{len(expected)}]))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=GUARD_SECONDS)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == [e[:25] for e in expected]
