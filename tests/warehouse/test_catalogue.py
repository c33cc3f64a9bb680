"""`cifras docs` (issue 15): an HTML catalogue of every table and view, checked as data and in a real headless
Chromium from the OS packages (the filter runs there; `.ci/run` installs Chromium when it is missing)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from pipelines.cli import main
from warehouse import audit, catalogue, store

CIFRAS = str(Path(sys.executable).parent / "cifras")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("catalogue")
    raw = folder / "raw"
    raw.mkdir()
    for seed in sorted((Path(__file__).resolve().parents[2] / "raw").glob("0*_*.txt")):
        shutil.copy(seed, raw / seed.name)
    database = folder / "cifras.duckdb"
    assert main(["run", "-q", "--raw", str(raw), "--warehouse", str(database)]) == 0
    assert main(["docs", "--out", str(folder / "site"), "--warehouse", str(database)]) == 0
    return database, folder / "site" / "index.html"


def _dom(url: str, tmp_path: Path) -> str:
    if CHROMIUM is None:
        pytest.skip("no Chromium (apt-get install chromium; .ci/run installs it)")
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={tmp_path / 'chromium'}", "--virtual-time-budget=3000", "--dump-dom",
                           url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_catalogue_lists_every_relation_with_its_columns_rows_and_lineage(built):
    database, page = built
    con = store.connect(database, read_only=True)
    try:
        relations = {r.name: r for r in catalogue.build(con, catalogue.readme_text(), catalogue.asset_lineage())}
        assert list(relations) == [*audit.TABLES, *audit.VIEWS]
        for name, relation in relations.items():
            assert relation.rows == audit.row_count(con, name)
            assert [c["name"] for c in relation.columns] == store.table_columns(con, name)
            assert relation.grain, f"{name}: no grain in warehouse/README.md"
            assert relation.comment, f"{name}: no COMMENT ON"
            assert relation.written_by or relation.reads, f"{name}: no lineage"
    finally:
        con.close()
    assert relations["facts"].written_by == "facts" and "articles" in relations["facts"].reads
    assert relations["near_duplicates"].written_by == "articles"
    assert "fact_figures" in relations["fact_consensus"].reads and "fact_sources" in relations["fact_consensus"].read_by
    assert any("fact_consensus" in sql for _, sql in relations["fact_consensus"].examples)
    text = page.read_text("utf-8")
    for name in relations:
        assert f'<section class="relation" id="{name}"' in text


def test_the_catalogue_filters_in_a_real_browser(built, tmp_path):
    database, page = built
    con = store.connect(database, read_only=True)
    try:
        expected = {r.name for r in catalogue.build(con, catalogue.readme_text(), catalogue.asset_lineage())
                    if any(c["name"] == "consensus_id" for c in r.columns)}
    finally:
        con.close()
    dom = _dom(page.as_uri() + "#q=consensus_id", tmp_path)
    shown = re.search(r'<span id="shown">(\d+) of (\d+) shown</span>', dom)
    assert shown, "the page's script did not run"
    sections = re.findall(r'<section class="relation( hidden)?" id="(\w+)"', dom)
    visible = {name for hidden, name in sections if not hidden}
    assert visible == expected and {"fact_consensus", "fact_sources", "latest_facts"} <= visible
    assert (int(shown[1]), int(shown[2])) == (len(visible), len(audit.TABLES) + len(audit.VIEWS))
    everything = _dom(page.as_uri(), tmp_path)
    assert ' hidden"' not in everything and f"{len(sections)} of {len(sections)} shown" in everything


def test_the_catalogue_is_served_on_localhost(built, tmp_path):
    database, _ = built
    server = subprocess.Popen([CIFRAS, "docs", "--out", str(tmp_path / "served"), "--serve", "--port", "0",
                               "--warehouse", str(database)], stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        with urllib.request.urlopen(url[0], timeout=30) as response:
            assert response.status == 200 and b"cifras warehouse catalogue" in response.read()
        assert "fact_consensus" in _dom(url[0], tmp_path)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_docs_into_a_file_is_a_one_line_error(built, tmp_path, capsys):
    database, _ = built
    (tmp_path / "file").write_text("x")
    assert main(["docs", "--out", str(tmp_path / "file"), "--warehouse", str(database)]) == 2
    assert "not a folder" in capsys.readouterr().err
