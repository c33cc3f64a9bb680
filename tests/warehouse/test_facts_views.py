"""The fact views and the facts asset checks on a real warehouse: synthetic frames land through the facts model,
the views answer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import dagster as dg
import pandas as pd
import pytest

from extractors import Fact
from pipelines.batch import fact_rows
from pipelines.defs.checks import facts_consistent_within_articles
from pipelines.defs.resources import WarehouseResource
from schemas import SCHEMAS
from schemas.facts import TRANSIENT_COLUMNS
from schemas.validate import split_valid
from warehouse import store

YEAR_2023 = (date(2023, 1, 1), date(2023, 12, 31))
YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31))
JAN_NOV_2024 = (date(2024, 1, 1), date(2024, 11, 30))
JAN_NOV_2025 = (date(2025, 1, 1), date(2025, 11, 30))
DEC_NOV_2025 = (date(2024, 12, 1), date(2025, 11, 30))
ENTITIES = [
    ("PE", "COUNTRY", "Peru", "Perú", "PE"),
    ("CN", "COUNTRY", "China", "China", "CN"),
    ("PE-JUN", "REGION", "Junín", "Junín", "PE-JUN"),
    ("copper", "PRODUCT", "copper", "cobre", None),
    ("blueberry", "PRODUCT", "blueberry", "arándano", None),
]


def frame(period=YEAR_2024, *, value=None, currency=None, change=None, share=None, **key) -> Fact:
    """An exports frame of Peru (by default) in 2024 (by default); numbers as written."""
    key = {"metric": "exports", "flow_of": "PE", **key}
    return Fact(
        **key, period_start=period and period[0], period_end=period and period[1],
        value=value and Decimal(value), currency=currency or ("USD" if value else None),
        change_pct=change and Decimal(change), share_pct=share and Decimal(share), mentions=(0,), rule="test",
    )


def article_id(n: int) -> str:
    return f"{n:064x}"


def land(con, *articles: list[Fact], validate: bool = True) -> None:
    """Land each list of frames as one article's facts, through the facts model (no rejects allowed); with
    ``validate=False`` straight into the table, as a row the model would refuse could arrive by another writer."""
    rows = [row for n, facts in enumerate(articles) for row in fact_rows(article_id(n), facts, frozenset({0}), "r1")]
    if validate:
        split = split_valid(pd.DataFrame(rows), SCHEMAS["facts"], table="facts", key_column="fact_id", run_id="r1")
        assert split.rejects.empty, split.rejects["reason"].tolist()
        landed = split.valid
    else:
        landed = pd.DataFrame(rows).drop(columns=list(TRANSIENT_COLUMNS))
    exact = landed.assign(**{c: landed[c].map(lambda v: None if pd.isna(v) else str(v))
                             for c in ("value", "change_pct", "share_pct")})
    entities = pd.DataFrame(ENTITIES, columns=["entity_id", "label", "name_en", "name_es", "iso_code"]).assign(origin="gazetteer")
    with store.registered(con, facts_batch=exact, entities_batch=entities):
        store.run(con, "insert_facts")
        store.run(con, "insert_entities")


def rows(con, view: str) -> list[dict]:
    relation = con.table(view)
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


@pytest.fixture
def con(warehouse_path):
    con = store.connect(warehouse_path)
    yield con
    con.close()


# (articles, each a list of frames of one key) -> (value, change_pct, share_pct, conflict) of the one consensus row
AGREEMENT = [
    pytest.param([[frame(value="74700000000", change="15.6"), frame(value="74700000000", change="15.6")],
                  [frame(value="74645000000", change="15.6")]],
                 ("74645000000", "15.6", None, False), id="74.7bn-twice-and-74.645bn-agree-precise-wins"),
    pytest.param([[frame(value="25000000000")], [frame(value="25100000000")]],
                 ("25100000000", None, None, False), id="25bn-and-25.1bn-agree"),
    pytest.param([[frame(value="2847761852")], [frame(value="2850000000")]],
                 ("2847761852", None, None, False), id="exact-and-rounded-to-10-million-agree"),
    pytest.param([[frame(value="25000000000")], [frame(value="27500000000")]],
                 ("27500000000", None, None, True), id="25bn-and-27.5bn-conflict"),
    pytest.param([[frame(value="3000000000")], [frame(value="3300000000")]],
                 ("3300000000", None, None, True), id="10pct-apart-conflict-though-within-a-unit"),
    pytest.param([[frame(value="100000000")], [frame(value="110000000")]],
                 ("110000000", None, None, True), id="100m-and-110m-conflict"),
    pytest.param([[frame(value="74700000000"), frame(value="74700000000")], [frame(value="230000000000", currency="PEN")]],
                 ("74700000000", None, None, True), id="other-currency-conflicts-value-in-main-currency"),
    pytest.param([[frame(value="74700000000"), frame(value="74700000000"), frame(value="64990000000", share="87")],
                  [frame(value="74645000000")]],
                 ("74645000000", None, "87", True), id="a-stray-precise-figure-conflicts-and-loses"),
    pytest.param([[frame(value="25000000000")], [frame(value="25000000000")], [frame(value="27123000000")]],
                 ("25000000000", None, None, True), id="best-backed-beats-most-precise"),
    pytest.param([[frame(change="9.2")], [frame(change="9.2")], [frame(change="19.25")]],
                 (None, "9.2", None, True), id="a-stray-rate-conflicts-and-loses"),
    pytest.param([[frame(value="2847761852")], [frame(change="18.1")]],
                 ("2847761852", "18.1", None, False), id="value-and-change-from-two-articles-combine"),
    pytest.param([[frame(change="15.6")], [frame(change="15.63")]], (None, "15.63", None, False), id="change-15.6-and-15.63-agree"),
    pytest.param([[frame(change="16")], [frame(change="15.6")]], (None, "15.6", None, False), id="change-16-and-15.6-agree"),
    pytest.param([[frame(change="15.6")], [frame(change="15.7")]], (None, "15.65", None, True), id="change-15.6-and-15.7-conflict"),
    pytest.param([[frame(change="15.6")], [frame(change="-15.6")]], (None, "0", None, True), id="rise-and-fall-conflict"),
    pytest.param([[frame(share="35")], [frame(share="34.6")]], (None, None, "34.6", False), id="share-35-and-34.6-agree"),
    pytest.param([[frame(share="84.3")], [frame(share="85.3")]], (None, None, "84.8", True), id="share-84.3-and-85.3-conflict"),
    # bugs caught (issue 10): two figures of one article that disagree are a linking error, not a conflict
    pytest.param([[frame(value="25000000000"), frame(value="27500000000")]],
                 ("27500000000", None, None, False), id="one-article-25bn-and-27.5bn-is-no-conflict"),
    pytest.param([[frame(change="15.6"), frame(change="-15.6")]], (None, "0", None, False),
                 id="one-article-rise-and-fall-is-no-conflict"),
    pytest.param([[frame(share="84.3"), frame(share="15.7")], [frame(share="84.3")]], (None, None, "84.3", True),
                 id="one-article-disagreeing-with-itself-and-another-article-conflicts"),
    pytest.param([[frame(value="25000000000"), frame(value="27500000000")], [frame(value="25000000000")]],
                 ("25000000000", None, None, True), id="the-other-article-backs-one-figure-and-conflicts-with-the-other"),
]


@pytest.mark.parametrize(("articles", "expected"), AGREEMENT)
def test_consensus_agrees_within_rounding_and_flags_conflicts(con, articles, expected):
    land(con, *articles)
    [row] = rows(con, "fact_consensus")
    value, change, share, conflict = expected
    assert (row["value"], row["change_pct"], row["share_pct"], row["conflict"]) == (
        value and Decimal(value), change and Decimal(change), share and Decimal(share), conflict)
    assert row["n_articles"] == len(articles)
    assert row["n_facts"] == sum(map(len, articles))


def test_consensus_keeps_the_range_and_the_articles(con):
    land(con, [frame(value="74700000000", change="15.6")], [frame(value="74645000000", change="15.6")])
    [row] = rows(con, "fact_consensus")
    assert (row["value_min"], row["value_max"], row["currency"]) == (Decimal("74645000000"), Decimal("74700000000"), "USD")
    assert (row["change_pct_min"], row["change_pct_max"]) == (Decimal("15.6"), Decimal("15.6"))
    assert row["article_ids"] == [f"{0:064x}", f"{1:064x}"]


def test_frames_that_differ_in_sector_partner_or_period_are_rows_not_conflicts(con):
    land(con, [frame(value="12700000000", sector="agriculture"), frame(value="3600000000", sector="fishing")],
         [frame(value="11600000000", sector="agroindustry"), frame(value="25000000000", partner="CN"),
          frame(JAN_NOV_2024, value="60000000000"), frame(value="74700000000")])
    consensus = rows(con, "fact_consensus")
    assert {(r["sector"], r["partner"], r["period_end"]) for r in consensus} == {
        ("agriculture", None, date(2024, 12, 31)), ("fishing", None, date(2024, 12, 31)),
        ("agroindustry", None, date(2024, 12, 31)), (None, "CN", date(2024, 12, 31)),
        (None, None, date(2024, 11, 30)), (None, None, date(2024, 12, 31)),
    }
    assert not any(r["conflict"] for r in consensus)


def test_projections_and_frames_without_a_period_are_left_out(con):
    land(con, [frame(value="85000000000", projection=True), frame(None, share="1.5", sector="fishing"),
               frame(value="74700000000")])
    assert [(r["sector"], r["value"]) for r in rows(con, "fact_consensus")] == [(None, Decimal("74700000000"))]


def test_latest_facts_takes_the_latest_end_then_the_shortest_span_per_series(con):
    land(con, [frame(YEAR_2023, value="2411000000", flow_of="PE-JUN"), frame(YEAR_2024, value="2847761852", flow_of="PE-JUN"),
               frame(DEC_NOV_2025, share="9", flow_of="PE-JUN"), frame(JAN_NOV_2025, change="54", flow_of="PE-JUN"),
               frame(YEAR_2023, value="11000000", flow_of="PE-JUN", product="copper"),
               frame(YEAR_2024, value="59000000", flow_of="PE-JUN", product="copper"),
               frame(YEAR_2024, value="74700000000")])
    latest = {(r["flow_of"], r["product"]): (r["period_start"], r["period_end"], r["value"], r["change_pct"])
              for r in rows(con, "latest_facts")}
    assert latest == {
        ("PE-JUN", None): (*JAN_NOV_2025, None, Decimal("54")),
        ("PE-JUN", "copper"): (*YEAR_2024, Decimal("59000000"), None),
        ("PE", None): (*YEAR_2024, Decimal("74700000000"), None),
    }


# (frames of one article) -> (implied_value, stated_value, consistent) of the one row
CONSISTENCY = [
    pytest.param([frame(value="2847761852", flow_of="PE-JUN"), frame(change="18.1", flow_of="PE-JUN"),
                  frame(YEAR_2023, value="2411000000", flow_of="PE-JUN")],
                 (2411314015.24, Decimal("2411000000"), True), id="junin-2024-growth-implies-the-stated-2023"),
    pytest.param([frame(JAN_NOV_2025, value="68120000000", change="19.8", flow_of="interior-regions"),
                  frame(JAN_NOV_2024, value="56900000000", flow_of="interior-regions")],
                 (56861435726.21, Decimal("56900000000"), True), id="january-november-against-january-november"),
    pytest.param([frame(value="100000000", change="50"), frame(YEAR_2023, value="80000000")],
                 (66666666.67, Decimal("80000000"), False), id="growth-that-does-not-fit"),
    pytest.param([frame(value="25000000000", change="9.2", partner="CN")],
                 (22893772893.77, None, None), id="no-stated-previous-value"),
    pytest.param([frame(value="25000000000", change="9.2", partner="CN"),
                  frame(YEAR_2023, value="80000000000", currency="PEN", partner="CN")],
                 (22893772893.77, None, None), id="previous-value-in-another-currency-is-not-compared"),
]


@pytest.mark.parametrize(("facts", "expected"), CONSISTENCY)
def test_fact_consistency_compares_the_implied_previous_value(con, facts, expected):
    land(con, facts)
    [row] = rows(con, "fact_consistency")
    implied, stated, consistent = expected
    assert float(row["implied_value"]) == pytest.approx(implied, abs=0.01)
    assert (row["stated_value"], row["consistent"]) == (stated, consistent)
    assert (row["previous_period_start"].year, row["previous_period_end"].year) == (row["period_start"].year - 1, row["period_end"].year - 1)


def test_junin_gap_is_a_fraction_of_a_percent(con):
    land(con, [frame(value="2847761852", flow_of="PE-JUN"), frame(change="18.1", flow_of="PE-JUN"),
               frame(YEAR_2023, value="2411000000", flow_of="PE-JUN")])
    [row] = rows(con, "fact_consistency")
    assert row["relative_gap"] == pytest.approx(0.00013, abs=0.00001)


# view -> the (flow_of, flow_of_name, partner, partner_name, sector, product, product_name) it shows
EXPORTS_VIEWS = [
    pytest.param("exports_by_partner", {("PE", "Peru", "CN", "China", None, None, None)}, id="by-partner"),
    pytest.param("exports_by_region", {("PE-JUN", "Junín", None, None, None, None, None),
                                       ("PE-JUN", "Junín", None, None, None, "copper", "copper")}, id="by-region"),
    pytest.param("exports_by_product", {("PE-JUN", "Junín", None, None, None, "copper", "copper")}, id="by-product"),
    pytest.param("exports_by_sector", {("PE", "Peru", None, None, "mining", None, None),
                                       ("mipymes", None, None, None, "textile", None, None)}, id="by-sector"),
]


@pytest.mark.parametrize(("view", "expected"), EXPORTS_VIEWS)
def test_exports_views_select_their_dimension_with_names(con, view, expected):
    land(con, [frame(value="74700000000"), frame(value="25000000000", change="9.2", partner="CN"),
               frame(value="2847761852", flow_of="PE-JUN"), frame(value="1767000000", flow_of="PE-JUN", product="copper"),
               frame(value="47000000000", sector="mining"), frame(value="100000000", flow_of="mipymes", sector="textile"),
               frame(value="9000000000", metric="imports", partner="CN")])
    shown = rows(con, view)
    assert {(r["flow_of"], r["flow_of_name"], r["partner"], r["partner_name"], r["sector"], r["product"],
             r["product_name"]) for r in shown} == expected
    assert all(r["period_start"] == date(2024, 1, 1) and r["value"] is not None and r["conflict"] is False for r in shown)


# --- unit prices (issue 10): a price per unit is never an export flow ---

FLOW_KEY = {"flow_of": "PE-JUN", "partner": "CN", "sector": "agroindustry", "product": "blueberry"}
# every view that shows or aggregates figures; each would show an export of US$ 6.20 if the price counted as a flow
FIGURE_VIEWS = ["fact_consensus", "exports", "exports_by_partner", "exports_by_region", "exports_by_product",
                "exports_by_sector", "latest_facts", "fact_consistency"]
# how a unit price of the same frame arrives -> (its frames, landed through the model?)
UNIT_PRICES = [
    pytest.param([frame(value="6.2", unit_price=True, **{**FLOW_KEY, "metric": "price"})], True, id="linked-as-a-price"),
    pytest.param([frame(value="6.2", unit_price=True, **FLOW_KEY)], False, id="claiming-exports-past-the-model"),
]


@pytest.mark.parametrize(("unit_price", "validate"), UNIT_PRICES)
@pytest.mark.parametrize("view", FIGURE_VIEWS)
def test_a_unit_price_never_counts_as_an_export_flow(con, view, unit_price, validate):
    land(con, [frame(value="120000000", change="20", **FLOW_KEY), frame(YEAR_2023, value="100000000", **FLOW_KEY)],
         unit_price, validate=validate)
    flows = [r for r in rows(con, view) if r.get("metric", "exports") == "exports" and r["period_end"] == YEAR_2024[1]]
    assert [r["value"] for r in flows] == [Decimal("120000000")]
    assert all(r["conflict"] is False for r in flows if "conflict" in r)


def test_a_unit_price_lands_and_agrees_under_metric_price(con):
    """A unit price stays in fact_consensus as a price, where it meets the other price figures of its frame."""
    price = {**FLOW_KEY, "metric": "price"}
    land(con, [frame(value="6.2", change="12", unit_price=True, **price)], [frame(value="6.20", unit_price=True, **price)],
         [frame(change="12.0", **price)], [frame(value="120000000", **FLOW_KEY)])
    consensus = {r["metric"]: (r["value"], r["currency"], r["change_pct"], r["n_articles"], r["conflict"])
                 for r in rows(con, "fact_consensus")}
    assert consensus == {"price": (Decimal("6.2"), "USD", Decimal("12"), 3, False),
                         "exports": (Decimal("120000000"), "USD", None, 1, False)}


# --- facts_consistent_within_articles: what fact_consensus no longer calls a conflict, the check counts ---

def check(con, warehouse_path) -> dg.AssetCheckResult:
    """Run the asset check through Dagster on the test's warehouse (the writer connection closed first)."""
    con.close()
    return facts_consistent_within_articles(warehouse=WarehouseResource(path=str(warehouse_path)))


# (first figure, second figure) -> (conflict when two articles state them, flagged when one article does): one
# agreement rule, read by fact_consensus across articles and by the check within one
PAIRS = [
    pytest.param(frame(value="74700000000"), frame(value="74645000000"), False, False, id="74.7bn-and-74.645bn-agree"),
    pytest.param(frame(value="25000000000"), frame(value="27500000000"), True, True, id="25bn-and-27.5bn"),
    pytest.param(frame(value="3000000000"), frame(value="3300000000"), True, True, id="3bn-and-3.3bn-10pct-apart"),
    pytest.param(frame(change="16"), frame(change="15.6"), False, False, id="change-16-and-15.6-agree"),
    pytest.param(frame(change="15.6"), frame(change="15.7"), True, True, id="change-15.6-and-15.7"),
    pytest.param(frame(share="35"), frame(share="34.6"), False, False, id="share-35-and-34.6-agree"),
    pytest.param(frame(share="73"), frame(share="27"), True, True, id="share-73-and-27"),
    pytest.param(frame(value="1400000000", change="11.5"), frame(value="439000000", change="12.16"), True, True,
                 id="textile-1.4bn-and-439m"),
    pytest.param(frame(value="74700000000"), frame(value="280000000000", currency="PEN"), True, False,
                 id="dollars-and-soles-compared-only-across-articles"),
    pytest.param(frame(value="25000000000"), frame(value="85000000000", projection=True), False, False,
                 id="a-projection-is-not-compared"),
    pytest.param(frame(value="25000000000"), frame(None, value="27500000000"), False, False,
                 id="a-frame-without-a-period-is-not-compared"),
]


@pytest.mark.parametrize("one_article", [False, True], ids=["two-articles", "one-article"])
@pytest.mark.parametrize(("first", "second", "across", "within"), PAIRS)
def test_two_articles_conflict_one_article_is_a_linking_error(con, warehouse_path, first, second, across, within,
                                                              one_article):
    land(con, *([[first, second]] if one_article else [[first], [second]]))
    assert {r["conflict"] for r in rows(con, "fact_consensus")} == {across and not one_article}
    result = check(con, warehouse_path)
    flagged = within and one_article
    assert (result.passed, result.metadata["frames_disagreeing_within_article"].value) == (not flagged, 2 * flagged)
    assert result.metadata["article_ids"].value == ([article_id(0)] if flagged else [])


# (articles) -> (frames disagreeing within their article, articles holding them, the article ids shown)
CHECK_CASES = [
    pytest.param([[frame(value="74700000000"), frame(value="74645000000")], [frame(value="25000000000", partner="CN")]],
                 (0, 0, []), id="agreeing-figures-pass"),
    pytest.param([[frame(value="74700000000"), frame(value="74700000000"), frame(value="64990000000")]],
                 (3, 1, [0]), id="a-stray-figure-flags-every-frame-it-disagrees-with"),
    pytest.param([[frame(value="12700000000", sector="agriculture"), frame(value="11600000000", sector="agroindustry")],
                  [frame(value="74700000000"), frame(JAN_NOV_2024, value="60000000000")]],
                 (0, 0, []), id="other-sector-or-period-is-another-frame"),
    pytest.param([[frame(value="6.2", unit_price=True, metric="price", product="blueberry"),
                   frame(value="120000000", product="blueberry")]], (0, 0, []), id="a-unit-price-and-its-flow-are-two-frames"),
    pytest.param([[frame(share="73"), frame(share="27"), frame(value="1")]] * 7 + [[frame(share="73")]],
                 (14, 7, [0, 1, 2, 3, 4]), id="seven-articles-five-ids-shown"),
]


@pytest.mark.parametrize(("articles", "expected"), CHECK_CASES)
def test_facts_consistent_within_articles_counts_frames_and_names_articles(con, warehouse_path, articles, expected):
    land(con, *articles)
    assert not any(r["conflict"] for r in rows(con, "fact_consensus") if r["n_articles"] == 1)
    result = check(con, warehouse_path)
    frames, n_articles, ids = expected
    assert result.passed is (frames == 0)
    assert result.severity == dg.AssetCheckSeverity.WARN
    assert {k: v.value for k, v in result.metadata.items()} == {
        "frames_disagreeing_within_article": frames, "articles": n_articles, "article_ids": [article_id(n) for n in ids]}
