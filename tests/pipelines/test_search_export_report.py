"""`cifras search`, `cifras export` and `cifras report` on real warehouses built from the seed articles."""

from __future__ import annotations

import base64
import csv
import io
import shutil
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from warehouse import search, store

SEEDS = sorted((Path(__file__).resolve().parents[2] / "raw").glob("0*_*.txt"))
JUNIN = "004_fd5a620276e263c9.txt"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A warehouse built by `cifras run` from the seeds, shared by the read-only tests of this module."""
    root = tmp_path_factory.mktemp("seeded")
    raw = root / "raw"
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    path = root / "cifras.duckdb"
    assert main(["run", "--raw", str(raw), "--warehouse", str(path)]) == 0
    con = store.connect(path)
    search.refresh_index(con)
    con.close()
    return path


def found_paths(warehouse: Path, query: str) -> list[str]:
    con = store.connect(warehouse, read_only=True)
    try:
        return list(search.search_articles(con, query, limit=50)["path"])
    finally:
        con.close()


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        pytest.param("es", "cacao Junín", ["004", "002"], id="cacao Junín: the Junín article first"),
        pytest.param("es", "CACAO junin", ["004", "002"], id="accents and case folded"),
        pytest.param("es", "Junín", {"002", "003", "004"}, id="one word"),
        pytest.param("es", "exportación", {"002", "003", "004"}, id="singular finds plural after folding (003)"),
        pytest.param("es", "mercado", {"002", "003", "004"}, id="mercado finds mercados"),
        pytest.param("en", "blueberry", {"000"}, id="blueberry finds blueberries"),
        pytest.param("en", "blueberry Junín", set(), id="every word must occur"),
    ],
)
def test_search_finds_the_articles_holding_every_word(seeded, lang, query, expected):
    prefixes = [path[:3] for path in found_paths(seeded, query)]
    assert (prefixes if isinstance(expected, list) else set(prefixes)) == expected


def test_run_builds_the_index_and_search_prints_the_best_hit_first(raw_dir, warehouse_path, capsys):
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    con = store.connect(warehouse_path, read_only=True)
    assert search.index_is_current(con)
    con.close()
    capsys.readouterr()
    assert main(["search", "cacao Junin", "--limit", "1", "--warehouse", str(warehouse_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1. 588a64fe") and "score" in lines[0]
    assert lines[1].startswith(f"   {JUNIN}")
    assert "Junín" in lines[3] and len(lines[3]) < 260
    assert not any(line.startswith("2. ") for line in lines)


def test_search_index_follows_the_articles(raw_dir, warehouse_path, capsys):
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    assert main(["search", "cacao", "--warehouse", str(warehouse_path)]) == 0
    assert JUNIN in capsys.readouterr().out
    con = store.connect(warehouse_path)
    assert search.refresh_index(con) is False  # current: nothing to rebuild
    con.close()
    (raw_dir / JUNIN).unlink()
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    con = store.connect(warehouse_path, read_only=True)
    assert search.index_is_current(con)  # the run dropped the deleted article from it
    con.close()
    assert main(["search", "cacao", "--warehouse", str(warehouse_path)]) == 0
    out = capsys.readouterr().out
    assert JUNIN not in out and "002_" in out


def test_search_builds_a_missing_index_itself(raw_dir, warehouse_path, capsys):
    """A warehouse whose index is gone (or one made before search existed) is still searchable."""
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    con = store.connect(warehouse_path)
    con.execute("delete from search_postings; delete from search_documents")
    assert not search.index_is_current(con)
    con.close()
    capsys.readouterr()
    assert main(["search", "cacao Junin", "--warehouse", str(warehouse_path)]) == 0
    assert JUNIN in capsys.readouterr().out


def test_search_articles_macro_works_in_read_only_sql(seeded, capsys):
    with_junin = sum("junin" in search.fold(seed.read_text("utf-8")) for seed in SEEDS)
    assert main(["query", "--csv", "--warehouse", str(seeded), "select count(*) as n from search_articles('Junin')"]) == 0
    assert list(csv.DictReader(io.StringIO(capsys.readouterr().out))) == [{"n": str(with_junin)}]


def test_export_writes_one_parquet_per_table_and_view_with_the_same_rows(seeded, tmp_path, capsys):
    out = tmp_path / "nested" / "export"
    assert main(["export", str(out), "--warehouse", str(seeded)]) == 0
    printed = capsys.readouterr().out
    con = store.connect(seeded, read_only=True)
    relations = dict(store.run(con, "select_relations").fetchall())
    assert {"articles", "money_mentions", "mentions"} <= set(relations) and True in relations.values()
    assert sorted(p.stem for p in out.iterdir()) == sorted(relations)
    for name in relations:
        rows = store.run(con, "count_table_rows", {"table": name}).fetchone()[0]
        assert duckdb.read_parquet(str(out / f"{name}.parquet")).shape[0] == rows, name
        assert name in printed
    con.close()


def test_export_is_deterministic(seeded, tmp_path, capsys):
    assert main(["export", str(tmp_path / "a"), "--warehouse", str(seeded)]) == 0
    assert main(["export", str(tmp_path / "b"), "--warehouse", str(seeded)]) == 0
    for first in (tmp_path / "a").iterdir():
        assert first.read_bytes() == (tmp_path / "b" / first.name).read_bytes(), first.name


def test_export_refuses_a_file(seeded, tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("keep me")
    assert main(["export", str(target), "--warehouse", str(seeded)]) == 2
    assert "not a folder" in capsys.readouterr().err and target.read_text() == "keep me"


SECTIONS = ("exports_by_partner", "exports_by_region", "top_products_by_growth", "conflicts")
VOID_TAGS = {"meta", "img", "br"}


class Page(HTMLParser):
    """Parses the report strictly enough: every non-void tag closed in order; collects ids and images."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.open: list[str] = []
        self.ids: list[str] = []
        self.images: list[str] = []
        self.feed(text)
        self.close()
        assert self.open == [], f"unclosed tags {self.open}"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "img":
            self.images.append(attrs["src"])
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def render(warehouse: Path, out: Path, capsys) -> tuple[str, Page]:
    assert main(["report", "--out", str(out), "--warehouse", str(warehouse)]) == 0
    assert str(out / "report.html") in capsys.readouterr().out
    text = (out / "report.html").read_text("utf-8")
    return text, Page(text)


def test_report_renders_the_seed_warehouse_with_embedded_charts(seeded, tmp_path, capsys):
    text, page = render(seeded, tmp_path / "report", capsys)
    assert page.ids == list(SECTIONS)
    pngs = sorted((tmp_path / "report").glob("*.png"))
    assert pngs and len(page.images) == len(pngs)
    embedded = {base64.b64decode(src.removeprefix("data:image/png;base64,")) for src in page.images}
    assert embedded == {png.read_bytes() for png in pngs}
    assert all(data.startswith(b"\x89PNG\r\n\x1a\n") for data in embedded)
    assert "<h2>Conflicts</h2>" in text and "stylesheet" not in text and "<style>" in text


def test_report_escapes_article_text(raw_dir, warehouse_path, tmp_path, capsys):
    junin = (raw_dir / JUNIN).read_text("utf-8")
    assert "US$ 2 847 761 852" in junin
    hostile = "<script>alert('cifras')</script> Junín exporta más\n" + junin.replace("US$ 2 847 761 852", "US$ 3 847 761 852")
    (raw_dir / "005_<img src=x onerror=alert(1)>.txt").write_text(hostile, "utf-8")  # disagrees with the seed: a conflict
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    text, page = render(warehouse_path, tmp_path / "report", capsys)
    assert "&lt;script&gt;alert(&#x27;cifras&#x27;)&lt;/script&gt;" in text and "005_&lt;img src=x" in text
    assert "<script" not in text.lower()
    assert all(src.startswith("data:image/png;base64,") for src in page.images)


def test_report_of_an_empty_warehouse_says_there_is_nothing_yet(warehouse_path, tmp_path, capsys):
    store.connect(warehouse_path).close()
    out = tmp_path / "report"
    out.mkdir()
    (out / "exports_by_partner.png").write_bytes(b"a chart from an earlier report")
    text, page = render(warehouse_path, out, capsys)
    assert page.ids == list(SECTIONS) and page.images == []
    assert text.count("Nothing to show yet") == len(SECTIONS) + 1
    assert list(out.iterdir()) == [out / "report.html"]


def _index(warehouse: Path) -> tuple[list, list]:
    con = store.connect(warehouse, read_only=True)
    try:
        return (con.execute("select d.article_id, p.term, p.tf from search_postings as p join search_documents as d"
                            " using (doc_id) order by all").fetchall(),
                con.execute("select article_id, len from search_documents order by all").fetchall())
    finally:
        con.close()


def test_the_index_kept_up_to_date_equals_one_built_from_scratch(raw_dir, warehouse_path):
    """Runs that add, delete and change files leave the postings a from-scratch build gives, each key once."""
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    (raw_dir / JUNIN).unlink()
    first = sorted(raw_dir.iterdir())[0]
    first.write_text(first.read_text("utf-8") + "\nLas exportaciones de cacao de Junín crecieron.\n", "utf-8")
    shutil.copy(SEEDS[0], raw_dir / "copy_of_the_first_seed.txt")
    assert main(["run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    kept = _index(warehouse_path)
    con = store.connect(warehouse_path)
    try:
        assert con.execute("select count(*) from (select doc_id, term from search_postings "
                           "group by all having count(*) > 1)").fetchone()[0] == 0
        con.execute("delete from search_postings; delete from search_documents")
        assert search.refresh_index(con) is True
    finally:
        con.close()
    assert _index(warehouse_path) == kept and len(kept[1]) == len(SEEDS) - 1 + 1
