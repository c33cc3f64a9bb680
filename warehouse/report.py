"""The HTML report: charts and tables from the export views, one self-contained page (no dagster).

``write_report`` writes ``report.html`` (CSS inline, charts as base64 PNG) and the PNG files beside
it. Every text from the warehouse is HTML-escaped; a view with no rows gives a section that says
there is nothing to show yet. Charts are drawn by matplotlib's Agg canvas, without pyplot.
"""

from __future__ import annotations

import base64
import html
import io
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
from matplotlib.figure import Figure

from warehouse import store

TOP_SERIES = 8  # series drawn per chart over time; the table lists them all
TOP_PRODUCTS = 15
_TABLE_ROWS = 60
_POSITIVE, _NEGATIVE = "#2b7a78", "#c0392b"
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1d2327; max-width: 1100px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
.meta, .caption { color: #555; } .empty { background: #f6f6f2; padding: .8rem 1rem; border-left: 4px solid #bbb; }
img { max-width: 100%; height: auto; display: block; margin: .6rem 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: .6rem 0; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.conflict td { background: #fff4f2; }
"""


@dataclass(frozen=True)
class Section:
    """One part of the page: a heading, a caption, an optional chart and the rows behind it."""

    key: str
    title: str
    caption: str
    empty: str
    table: pd.DataFrame
    chart: bytes | None = None


def write_report(con: duckdb.DuckDBPyConnection, out: str | Path) -> list[Path]:
    """Write ``out/report.html`` and its chart PNGs; return the files written, the page first."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    sections = build_sections(con)
    written = [out / "report.html"]
    for section in sections:
        png = out / f"{section.key}.png"
        if section.chart is None:
            png.unlink(missing_ok=True)  # a chart from an earlier report would no longer match the page
        else:
            png.write_bytes(section.chart)
            written.append(png)
    counts = store.fetch_frame(con, "select_report_counts").iloc[0].to_dict()
    written[0].write_text(render_page(counts, sections), encoding="utf-8")
    return written


def build_sections(con: duckdb.DuckDBPyConnection) -> list[Section]:
    """The report's four sections, from the views."""
    partners = store.fetch_frame(con, "select_exports_to_partners")
    regions = store.fetch_frame(con, "select_exports_of_regions")
    products = store.fetch_frame(con, "select_top_products_by_growth", {"limit": TOP_PRODUCTS})
    conflicts = store.fetch_frame(con, "select_fact_conflicts")
    return [
        Section(
            "exports_by_partner", "Exports by partner over time",
            f"Export totals to each destination (no sector or product), {_currency(partners)} by period; "
            f"the {TOP_SERIES} largest series are drawn over {_drawn_kind(partners)} only, the table lists all. "
            "Source: exports_by_partner.",
            "Nothing to show yet: no export figure names a partner with an amount.",
            _series_table(partners), _chart_over_time(partners, "Exports by partner"),
        ),
        Section(
            "exports_by_region", "Exports by region over time",
            f"Export totals of Peru's regions (no partner, sector or product), {_currency(regions)} by period; "
            f"{_drawn_kind(regions)} are drawn, other periods and rows with only a growth rate are listed. "
            "Source: exports_by_region.",
            "Nothing to show yet: no export figure of a Peruvian region.",
            _series_table(regions), _chart_over_time(regions, "Exports by region"),
        ),
        Section(
            "top_products_by_growth", "Top products by growth",
            f"The latest period of each product's exports, up to {TOP_PRODUCTS}, by growth in percent, "
            f"over {_drawn_kind(products, growth=True)} only: the stated rate, else (marked *) computed from the "
            "amount stated for the same period a year earlier. Source: fact_growth, exports_by_product.",
            "Nothing to show yet: no product export figure with a growth rate.",
            _growth_table(products), _growth_chart(products),
        ),
        Section(
            "conflicts", "Conflicts",
            "Fact frames whose articles state figures that disagree beyond rounding (fact_consensus where "
            "conflict): the spread of each figure and the articles behind it.",
            "Nothing to show yet: no two articles disagree on a figure.",
            _conflicts_table(conflicts),
        ),
    ]


def period_label(start: date, end: date) -> str:
    """A period as people write it.

    >>> period_label(date(2024, 1, 1), date(2024, 12, 31))
    '2024'
    >>> period_label(date(2025, 1, 1), date(2025, 11, 30))
    'Jan–Nov 2025'
    >>> period_label(date(2024, 3, 1), date(2024, 3, 31))
    'Mar 2024'
    >>> period_label(date(2024, 3, 5), date(2025, 2, 10))
    '2024-03-05 – 2025-02-10'
    """
    whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1 and start.year == end.year
    if not whole_months:
        return f"{start.isoformat()} – {end.isoformat()}"
    if start.month == 1 and end.month == 12:
        return str(start.year)
    if start.month == end.month:
        return f"{_MONTHS[start.month - 1]} {start.year}"
    return f"{_MONTHS[start.month - 1]}–{_MONTHS[end.month - 1]} {start.year}"


def format_amount(value: float | None, currency: str | None = None) -> str:
    """An amount in millions or billions, as in the news.

    >>> format_amount(74_700_000_000, "USD")
    'USD 74.70 bn'
    >>> format_amount(2_847_761_852)
    '2.85 bn'
    >>> format_amount(57_000_000, "USD"), format_amount(None)
    ('USD 57.0 M', '')
    """
    if _missing(value):
        return ""
    value = float(value)
    if abs(value) >= 1e9:
        text = f"{value / 1e9:,.2f} bn"
    elif abs(value) >= 1e6:
        text = f"{value / 1e6:,.1f} M"
    else:
        text = f"{value:,.0f}"
    return f"{currency} {text}" if currency else text


def _shorten(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _missing(value: object) -> bool:
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def _percent(value: object, signed: bool = True) -> str:
    return "" if _missing(value) else f"{float(value):{'+' if signed else ''}.1f} %"


def _period(row: pd.Series) -> str:
    return period_label(pd.Timestamp(row["period_start"]).date(), pd.Timestamp(row["period_end"]).date())


def _currency(frame: pd.DataFrame) -> str:
    currencies = frame["currency"].dropna().unique()
    return f"amounts in {currencies[0]}" if len(currencies) else "amounts"


def _drawn_kind(frame: pd.DataFrame, growth: bool = False) -> str:
    """The caption's name for the one kind of period a chart shows."""
    if frame.empty:
        return "one kind of period"
    if growth:  # the ranking's rows are all of one kind already (select_top_products_by_growth)
        return period_kind_name(frame["period_kind"].iloc[0], int(frame["period_months"].iloc[0]))
    chosen = chart_period(frame)
    return period_kind_name(*chosen) if chosen else "one kind of period"


def _series_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "series": frame["series"],
        "period": [_period(row) for _, row in frame.iterrows()],
        "kind": frame["period_kind"],
        "amount": [format_amount(v, c) for v, c in zip(frame["value"], frame["currency"])],
        "change": [_percent(v) for v in frame["change_pct"]],
        "articles": frame["n_articles"],
        "conflict": frame["conflict"],
    })


def _growth_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "series": frame["series"],
        "period": [_period(row) for _, row in frame.iterrows()],
        "growth": [_percent(v) + (" *" if computed else "") for v, computed in
                   zip(frame["growth_pct"], frame["growth_computed"])],
        "amount": [format_amount(v, c) for v, c in zip(frame["value"], frame["currency"])],
        "articles": frame["n_articles"],
        "conflict": frame["conflict"],
    })


def _conflicts_table(frame: pd.DataFrame) -> pd.DataFrame:
    def spread(low: object, high: object, show) -> str:
        if _missing(low):
            return ""
        return show(low) if low == high else f"{show(low)} to {show(high)}"

    return pd.DataFrame({
        "frame": [" · ".join(str(row[c]) for c in ("metric", "flow_of", "partner", "sector", "product")
                             if not _missing(row[c])) for _, row in frame.iterrows()],
        "period": [_period(row) for _, row in frame.iterrows()],
        "amounts": [spread(row["value_min"], row["value_max"], lambda v, c=row["currency"]: format_amount(v, c))
                    for _, row in frame.iterrows()],
        "change": [spread(lo, hi, _percent) for lo, hi in zip(frame["change_pct_min"], frame["change_pct_max"])],
        "share": [spread(lo, hi, lambda v: _percent(v, signed=False))
                  for lo, hi in zip(frame["share_pct_min"], frame["share_pct_max"])],
        "facts": frame["n_facts"],
        "articles": [[] if names is None else [_shorten(name) for name in names] for names in frame["articles"]],
        "conflict": True,
    })


# The kinds of period a chart may draw, in the order a tie is broken (fact_consensus.period_kind); a `span` (twelve
# months from another month, several years, days) is listed in the table, never drawn.
CHART_KINDS = ("year", "half", "quarter", "month", "year_to_date")
_KIND_NAMES = {"year": "full years", "half": "half years", "quarter": "quarters", "month": "single months"}


def chart_period(frame: pd.DataFrame) -> tuple[str, int] | None:
    """The one kind and length of period a chart over time draws (issue 15: never a month beside a year): the
    commonest among the rows with an amount, full years first on a tie."""
    rows = frame[frame["value"].notna() & frame["period_kind"].isin(CHART_KINDS)]
    if rows.empty:
        return None
    counts = rows.groupby(["period_kind", "period_months"]).size().reset_index(name="n")
    counts["order"] = counts["period_kind"].map(CHART_KINDS.index)
    best = counts.sort_values(["n", "order", "period_months"], ascending=[False, True, False]).iloc[0]
    return str(best["period_kind"]), int(best["period_months"])


def period_kind_name(kind: str, months: int) -> str:
    """How a caption names a kind of period: 'full years', 'quarters', 'January to November of each year'."""
    if kind == "year_to_date":
        return f"Jan–{_MONTHS[months - 1]} of each year"
    return _KIND_NAMES.get(kind, kind)


def drawable(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows a chart over time draws: the amounts of one kind and length of period (``chart_period``). A total
    over several years ("US$63,366 millones since 2009") or a single month beside full years is listed in the
    table, never drawn."""
    chosen = chart_period(frame)
    if chosen is None:
        return frame.iloc[0:0]
    kind, months = chosen
    return frame[frame["value"].notna() & (frame["period_kind"] == kind) & (frame["period_months"] == months)]


def _chart_over_time(frame: pd.DataFrame, title: str) -> bytes | None:
    """Grouped bars: one group per period, one bar per series (the largest ``TOP_SERIES``)."""
    drawn = drawable(frame)
    if drawn.empty:
        return None
    kind, months = chart_period(frame)
    title = f"{title}, {period_kind_name(kind, months)}"
    top = drawn.groupby("series")["value"].max().sort_values(ascending=False).index[:TOP_SERIES]
    drawn = drawn[drawn["series"].isin(top)].sort_values(["period_start", "period_end"])
    periods = list(dict.fromkeys(_period(row) for _, row in drawn.iterrows()))
    scale, unit = (1e9, "billion") if drawn["value"].max() >= 1e9 else (1e6, "million")
    fig = Figure(figsize=(9, 4.6), dpi=100, layout="constrained")
    ax = fig.subplots()
    width = min(0.8 / len(top), 0.3)
    for i, series in enumerate(top):
        rows = drawn[drawn["series"] == series]
        by_period = {_period(row): float(row["value"]) / scale for _, row in rows.iterrows()}
        xs = [p + (i - (len(top) - 1) / 2) * width for p in range(len(periods))]
        ax.bar(xs, [by_period.get(p, math.nan) for p in periods], width, label=series)
    ax.set_xticks(range(len(periods)), periods)
    ax.set_ylabel(f"{drawn['currency'].iloc[0]} {unit}")
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return _png(fig)


def _growth_chart(frame: pd.DataFrame) -> bytes | None:
    """Horizontal bars of growth in percent, the highest on top."""
    if frame.empty:
        return None
    labels = [f"{row['series']} {_period(row)}" + (" *" if row["growth_computed"] else "")
              for _, row in frame.iterrows()][::-1]
    values = [float(v) for v in frame["growth_pct"]][::-1]
    fig = Figure(figsize=(9, 0.9 + 0.38 * len(values)), dpi=100, layout="constrained")
    ax = fig.subplots()
    ax.barh(labels, values, color=[_POSITIVE if v >= 0 else _NEGATIVE for v in values])
    ax.axvline(0, color="#333", linewidth=0.8)
    ax.set_xlabel(f"growth, % (latest period; {period_kind_name(frame['period_kind'].iloc[0], int(frame['period_months'].iloc[0]))})")
    ax.set_title("Top products by growth")
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def render_page(counts: dict, sections: Sequence[Section]) -> str:
    """The whole page as a string; every value from the warehouse is escaped."""
    last_run = "no run yet" if _missing(counts["last_run"]) else f"last run {counts['last_run']:%Y-%m-%d %H:%M} UTC"
    meta = (f"{counts['articles']} articles · {counts['facts']} facts · {counts['frames']} fact frames · "
            f"{counts['conflicts']} in conflict · {last_run}")
    notice = "" if counts["frames"] else (
        '<p class="empty">Nothing to show yet: the warehouse holds no fact frames. '
        "Run <code>cifras run</code> on articles that state export figures.</p>")
    body = "\n".join(_render_section(section) for section in sections)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>cifras report</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>cifras: exports in the news</h1>\n<p class=\"meta\">{_esc(meta)}</p>\n{notice}\n{body}\n"
        "</body>\n</html>\n"
    )


def _render_section(section: Section) -> str:
    parts = [f'<section id="{section.key}">', f"<h2>{_esc(section.title)}</h2>"]
    if section.table.empty:
        parts.append(f'<p class="empty">{_esc(section.empty)}</p>')
    else:
        parts.append(f'<p class="caption">{_esc(section.caption)}</p>')
        if section.chart is not None:
            data = base64.b64encode(section.chart).decode("ascii")
            parts.append(f'<img src="data:image/png;base64,{data}" alt="{_esc(section.title)}">')
        parts.append(_render_table(section.table))
    parts.append("</section>")
    return "\n".join(parts)


def _render_table(frame: pd.DataFrame) -> str:
    columns = [c for c in frame.columns if c != "conflict"]
    head = "".join(f"<th>{_esc(c)}</th>" for c in columns)
    rows = []
    for _, row in frame.head(_TABLE_ROWS).iterrows():
        cells = "".join(_render_cell(row[c]) for c in columns)
        rows.append(f'<tr class="conflict">{cells}</tr>' if bool(row.get("conflict")) else f"<tr>{cells}</tr>")
    more = (f'<p class="caption">… and {len(frame) - _TABLE_ROWS} more rows (see <code>cifras export</code>).</p>'
            if len(frame) > _TABLE_ROWS else "")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>" + more


def _render_cell(value: object) -> str:
    if isinstance(value, list):
        return "<td>" + "<br>".join(_esc(item) for item in value) + "</td>"
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return f'<td class="num">{_esc(value)}</td>'
    return f"<td>{_esc(value)}</td>"


def _esc(value: object) -> str:
    return html.escape("" if _missing(value) else str(value), quote=True)
