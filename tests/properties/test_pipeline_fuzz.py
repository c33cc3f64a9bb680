"""The whole pipeline under random input (issue 12): random bytes, file names (not UTF-8 ones too) and front
matter go through the real ingest job into a real DuckDB file. No exception escapes a run, every blocking
and warning check passes (conservation, keys, versions), every file is an article or one error row, a
re-run changes nothing, and a fresh warehouse given the same folder ends with the same tables."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import dagster as dg
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipelines.definitions import defs
from warehouse import audit, store

SUFFIXES = st.sampled_from([b".txt", b".md", b".html", b".htm", b"", b".TXT", b".pdf"])
NAME_BYTES = st.binary(min_size=1, max_size=40).map(lambda raw: raw.replace(b"/", b"_").replace(b"\0", b"_"))
FIELD = st.one_of(st.text(max_size=30), st.sampled_from([
    "0000-00-00", "2024-02-30", "9999-12-31", "2024-03-05", "\\ud800", "!!python/object:os.system", "[1, 2",
    "'unterminated", "2024-03-05T21:15:18Z", "null", "{}"]))
WORDS = st.sampled_from(["Exports", "exportaciones", "rose", "crecieron", "19,8 %", "US$ 68 120 millones", "China",
                         "Junín", "en 2024", "in May", "%", "(", "\n\n", " ", "<p>", "</p>", "<div>", "+++", "---",
                         "\ufffd", "Ã©", "\u00a0", "mil", "5", "."])
BODY = st.lists(WORDS, max_size=40).map(" ".join)


@st.composite
def contents(draw) -> bytes:
    kind = draw(st.sampled_from(["bytes", "text", "yaml", "toml", "html"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    body = draw(BODY)
    if kind == "text":
        return body.encode(draw(st.sampled_from(["utf-8", "cp1252", "utf-16"])), "replace")
    title, date = draw(FIELD), draw(FIELD)
    if kind == "yaml":
        return f'---\ntitle: "{title}"\ndate: {date}\nlang: {draw(FIELD)}\n---\n{body}\n'.encode("utf-8", "surrogatepass")
    if kind == "toml":
        return f'+++\ntitle = "{title}"\ndate = {date}\n+++\n{body}\n'.encode("utf-8", "surrogatepass")
    return f"<html lang='{draw(FIELD)}'><title>{title}</title><time datetime='{date}'></time><p>{body}".encode(
        "utf-8", "surrogatepass")


FILES = st.dictionaries(st.tuples(NAME_BYTES, SUFFIXES).map(b"".join), contents(), min_size=1, max_size=6)


def ingest(raw: Path, database: Path, instance) -> dg.ExecuteInProcessResult:
    return defs.resolve_job_def("ingest_job").execute_in_process(
        run_config={"resources": {"warehouse": {"config": {"path": str(database), "raw_dir": str(raw)}}}},
        instance=instance, raise_on_error=False)


def accounted(database: Path) -> tuple[int, int, int]:
    """(articles, error rows: ingest errors and rejected articles, live files in the ledger)."""
    con = store.connect(database, read_only=True)
    try:
        rejected = con.execute("select count(*) from files where status = 'rejected'").fetchone()[0]
        return (audit.row_count(con, "articles"), audit.row_count(con, "ingest_errors") + rejected,
                con.execute("select count(*) from files where status <> 'deleted'").fetchone()[0])
    finally:
        con.close()


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True,
          phases=[Phase.explicit, Phase.generate])  # a failure prints its example; shrinking whole runs takes hours
@given(files=FILES)
def test_random_files_through_the_whole_pipeline(files, digests):
    root = Path(tempfile.mkdtemp(prefix="cifras-fuzz-"))
    try:
        raw = root / "raw"
        raw.mkdir()
        for name, data in files.items():
            if name.startswith(b".") or name in (b".", b".."):
                continue
            with open(os.path.join(os.fsencode(raw), name), "wb") as handle:
                handle.write(data)
        visible = len([name for name in os.listdir(os.fsencode(raw)) if not name.startswith(b".")])
        with dg.instance_for_test() as instance:
            first = ingest(raw, root / "a.duckdb", instance)
            assert first.success, [e.message for e in first.all_events if e.is_failure]
            assert all(check.passed for check in first.get_asset_check_evaluations())
            articles, errors, live = accounted(root / "a.duckdb")
            # every file is an article, one error row, or an article in rejects (failed validation)
            assert live == visible and articles + errors == visible
            after_first = digests(root / "a.duckdb")

            again = ingest(raw, root / "a.duckdb", instance)
            assert again.success and digests(root / "a.duckdb") == after_first  # a re-run changes nothing

            fresh = ingest(raw, root / "b.duckdb", instance)
            assert fresh.success and digests(root / "b.duckdb") == after_first
    finally:
        shutil.rmtree(root, ignore_errors=True)
