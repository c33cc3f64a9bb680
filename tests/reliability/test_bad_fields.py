"""A bad field costs the field, not the article nor the batch; a bad file name costs one error row (issue 12, item 1).

Each file below broke its whole batch on the landed main of 2026-12-04: a YAML title holding a lone
surrogate ("\\ud800", an INTERNAL DuckDB error), an impossible front-matter date ("0000-00-00",
"2024-02-30", "2024-13-45": the YAML loader raised), and a date pandas cannot hold (1500-01-01,
9999-12-31: the article was rejected). One real `cifras run` over all of them, beside a good file.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.documents import parse_document
from warehouse import store

CIFRAS = str(Path(sys.executable).parent / "cifras")

BAD_FIELDS = {
    "surrogate_title.md": '---\ntitle: "\\ud800 exports"\ndate: 2024-03-05\n---\nExports rose 5% to US$ 3 million.\n',
    "zero_date.md": "---\ntitle: zero\ndate: 0000-00-00\n---\nExports rose 7%.\n",
    "february_30.md": "---\ntitle: feb\ndate: 2024-02-30\n---\nExports rose 2%.\n",
    "month_13.md": "---\ntitle: month\ndate: 2024-13-45\n---\nExports rose 3%.\n",
    "year_1500.md": "---\ntitle: old\ndate: 1500-01-01\n---\nExports rose 4%.\n",
    "year_9999.md": "---\ntitle: far\ndate: 9999-12-31\n---\nExports rose 6%.\n",
    "good.txt": "Peru's exports grew 9% in 2024.\n",
}
DROPPED = {
    "zero_date.md": "'0000-00-00' is not a date", "february_30.md": "'2024-02-30' is not a date",
    "month_13.md": "'2024-13-45' is not a date", "year_1500.md": "'1500-01-01' is outside 1900-2100",
    "year_9999.md": "'9999-12-31' is outside 1900-2100",
}


@pytest.mark.parametrize(("name", "text"), BAD_FIELDS.items(), ids=list(BAD_FIELDS))
def test_a_bad_field_is_dropped_and_the_article_kept(name, text):
    article = parse_document(text.encode("utf-8"), Path(name).suffix)
    assert "xports" in article.body  # the article is kept, text and all
    assert article.published_at == (datetime.date(2024, 3, 5) if name == "surrogate_title.md" else None)
    assert not any(0xD800 <= ord(char) <= 0xDFFF for char in article.title + article.body)
    dropped = DROPPED.get(name)
    assert article.dropped_fields == (f"published_at: {dropped}" if dropped else None)  # the flag says what went


@pytest.mark.slow
def test_one_run_lands_every_article_with_its_bad_fields_dropped(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in BAD_FIELDS.items():
        (raw / name).write_text(text, encoding="utf-8")
    database = tmp_path / "cifras.duckdb"
    result = subprocess.run([CIFRAS, "run", "--raw", str(raw), "--warehouse", str(database)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    con = store.connect(database, read_only=True)
    try:
        rows = dict(con.execute("select path, published_at from articles").fetchall())
        flags = dict(con.execute("select path, dropped_fields from articles where dropped_fields is not null").fetchall())
        title = con.execute("select title from articles where path = 'surrogate_title.md'").fetchone()[0]
        errors = con.execute("select count(*) from ingest_errors").fetchone()[0]
    finally:
        con.close()
    assert set(rows) == set(BAD_FIELDS) and errors == 0
    assert str(rows["surrogate_title.md"]) == "2024-03-05"
    assert all(rows[name] is None for name in BAD_FIELDS if name not in ("surrogate_title.md", "good.txt"))
    assert title == "\ufffd exports"
    assert flags == {name: f"published_at: {why}" for name, why in DROPPED.items()}


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_is_one_error_row_and_the_sensor_still_ticks(tmp_path):
    # Issue 12: "caf\xe9.txt" failed the raw_files step on every run and the sensor on every tick.
    import dagster as dg

    from pipelines.defs.resources import WarehouseResource
    from pipelines.defs.sensors import raw_files_sensor
    from pipelines.definitions import defs

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text("Peru's exports grew 9% in 2024.\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(raw), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Exports fell 3% in 2024.\n")
    database = tmp_path / "cifras.duckdb"
    command = [CIFRAS, "run", "--raw", str(raw), "--warehouse", str(database)]
    first = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    con = store.connect(database, read_only=True)
    try:
        assert con.execute("select path from articles").fetchall() == [("good.txt",)]
        (path, reason), = con.execute("select path, reason from ingest_errors").fetchall()
    finally:
        con.close()
    assert path == "caf\\xe9.txt" and "not valid UTF-8" in reason
    second = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0 and "0 new, 0 changed, 2 unchanged" in second.stdout + second.stderr
    with dg.instance_for_test() as instance:
        warehouse = WarehouseResource(path=str(database), raw_dir=str(raw))
        with dg.build_sensor_context(instance=instance, resources={"warehouse": warehouse}, definitions=defs,
                                     sensor_name=raw_files_sensor.name) as context:
            assert isinstance(raw_files_sensor(context), dg.SkipReason)
