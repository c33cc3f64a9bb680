"""Evidence one step away (issue 15): a fact keeps its sentence's span in the article body, fact_sources gives every
fact_consensus row its articles and evidence, and `cifras explain` prints them with the figure marked."""

from __future__ import annotations

import pytest

from pipelines.batch import evidence_span
from pipelines.cli import main
from warehouse import store


@pytest.fixture
def warehouse(raw_dir, warehouse_path, capsys):
    assert main(["run", "-q", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    capsys.readouterr()
    return warehouse_path


@pytest.mark.parametrize(("body", "starts", "index", "span"), [
    ("Exports rose. They reached US$ 5 billion.\n", [0, 14], 1, (14, 41)),
    ("Exports rose. They reached US$ 5 billion.\n", [0, 14], 0, (0, 13)),
    ("  Padded sentence.  \n\nNext.", [0, 22], 0, (2, 18)),
    ("One sentence only", [0], 0, (0, 17)),
    ("One sentence only", [], 0, (None, None)),  # sentences unknown
    ("One sentence only", [0], 3, (None, None)),
    ("A.   ", [0, 2], 1, (None, None)),  # a sentence of spaces only
])
def test_the_evidence_is_the_facts_sentence_without_the_spaces_around_it(body, starts, index, span):
    assert evidence_span(body, starts, index) == span


def test_every_fact_keeps_the_span_of_a_sentence_holding_its_mentions(warehouse):
    con = store.connect(warehouse, read_only=True)
    try:
        assert con.execute("select count(*) from facts where evidence_start is null").fetchone() == (0,)
        outside = con.execute("""
            select f.article_id, f.fact_id, m.mention_id
            from facts as f, unnest(f.mention_ids) as ids(mention_id)
            join mentions as m on m.article_id = f.article_id and m.mention_id = ids.mention_id
            where m."start" < f.evidence_start or m."end" > f.evidence_end
        """).fetchall()
        assert outside == []
    finally:
        con.close()


def test_fact_sources_gives_every_consensus_row_its_articles_and_evidence(warehouse):
    con = store.connect(warehouse, read_only=True)
    try:
        assert (con.execute("select count(*) from fact_sources").fetchone()
                == con.execute("select count(*) from fact_figures").fetchone())
        mismatched = con.execute("""
            select c.consensus_id from fact_consensus as c
            left join fact_sources as s using (consensus_id)
            group by c.consensus_id, c.n_articles, c.n_facts
            having count(distinct s.article_id) <> c.n_articles or count(s.fact_id) <> c.n_facts
        """).fetchall()
        assert mismatched == []
        assert con.execute("select count(*), count(distinct consensus_id) from fact_consensus").fetchone()[0] == \
            con.execute("select count(distinct consensus_id) from fact_consensus").fetchone()[0]
        assert con.execute("select count(*) from fact_sources where evidence is null or title is null "
                           "or path is null").fetchone() == (0,)
    finally:
        con.close()


def test_a_fact_extracted_before_the_evidence_columns_shows_its_mentions_span(warehouse):
    con = store.connect(warehouse)
    try:
        con.execute("update facts set evidence_start = null, evidence_end = null")
        rows = con.execute("""
            select s.evidence, s.evidence_start, s.evidence_end,
                (select min(m."start") from mentions as m
                 where m.article_id = s.article_id and list_contains(s.mention_ids, m.mention_id)) as first_start
            from fact_sources as s
        """).fetchall()
        assert rows and all(evidence and start == first_start and end > start for evidence, start, end, first_start in rows)
    finally:
        con.close()


def test_explain_prints_the_frame_its_articles_and_the_marked_figure(warehouse, capsys):
    con = store.connect(warehouse, read_only=True)
    try:
        consensus_id, article_id, fact_id, title = con.execute("""
            select s.consensus_id, s.article_id, s.fact_id, s.title from fact_sources as s
            join fact_consensus as c using (consensus_id)
            where c.value is not null order by c.value desc limit 1
        """).fetchone()
    finally:
        con.close()
    assert main(["explain", consensus_id, "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert f"consensus_id {consensus_id}" in out and title in out and "«" in out and "»" in out
    assert main(["explain", f"{article_id[:8]}:{fact_id}", "--warehouse", str(warehouse)]) == 0
    assert "▶ " in capsys.readouterr().out


@pytest.mark.parametrize(("ident", "message"), [
    ("0123456789abcdef", "no fact_consensus row"),
    ("ffffffffff:0", "no fact"),
    ("not-an-id", "neither a consensus_id"),
])
def test_explain_of_an_unknown_or_malformed_id_is_a_one_line_error(warehouse, capsys, ident, message):
    assert main(["explain", ident, "--warehouse", str(warehouse)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("start", "end", "valid"), [
    (10, 40, True),
    (None, None, True),  # extracted before migration 0013
    (40, 10, False),
    (10, 10, False),
    (10, None, False),
    (-1, 5, False),
])
def test_the_facts_model_takes_an_evidence_span_or_none(start, end, valid):
    from datetime import date
    from decimal import Decimal

    import pandas as pd

    from extractors import Fact
    from pipelines.batch import fact_rows
    from schemas import SCHEMAS
    from schemas.validate import split_valid

    fact = Fact(metric="exports", flow_of="PE", period_start=date(2024, 1, 1), period_end=date(2024, 12, 31),
                value=Decimal("5"), currency="USD", mentions=(0,), rule="test")
    [row] = fact_rows("a" * 64, [fact], frozenset({0}), "r1")
    row.update(evidence_start=start, evidence_end=end)
    split = split_valid(pd.DataFrame([row]), SCHEMAS["facts"], table="facts", key_column="fact_id", run_id="r1")
    assert split.rejects.empty == valid, split.rejects.get("reason")
