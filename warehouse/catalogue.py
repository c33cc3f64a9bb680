"""The data catalogue (`cifras docs`): one HTML page of every table and view, built from the warehouse itself.

For each relation: its kind, grain and description (``COMMENT ON`` and its section of ``warehouse/README.md``), its
columns (type, NULL or not, comment), its row count, its lineage (the Dagster asset that writes a table, and what it
reads; the relations a view reads), and the README's example queries that use it. The page is self-contained
(CSS and a few lines of JavaScript inline): a filter box, also driven by ``#q=word`` in the address, hides the
relations whose name, description and columns do not match.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse import audit, store

# Tables a step writes besides the asset named after them (pipelines/batch.py): the articles step links
# near-duplicates and refreshes the search index; every step adds its counts to runs.
WRITTEN_BY = {
    "file_versions": "articles", "article_minhashes": "articles", "article_bands": "articles",
    "near_duplicates": "articles", "search_documents": "articles", "search_postings": "articles",
    "runs": "every step (its counts)",
}
_SECTION = re.compile(r"^###\s+((?:`[a-z_]+`(?:,\s*|\s+and\s+)?)+)(?:\s+—\s+(.*))?$")


@dataclass
class Relation:
    """One table or view as the catalogue shows it."""

    name: str
    kind: str
    comment: str
    grain: str
    readme: str
    rows: int
    columns: list[dict] = field(default_factory=list)
    written_by: str | None = None
    reads: list[str] = field(default_factory=list)
    read_by: list[str] = field(default_factory=list)
    examples: list[tuple[str, str]] = field(default_factory=list)


def build(con: duckdb.DuckDBPyConnection, readme: str, assets: Mapping[str, Sequence[str]]) -> list[Relation]:
    """The catalogue of the warehouse behind ``con``. ``readme`` is warehouse/README.md; ``assets`` maps each
    Dagster asset key to the keys it depends on (``asset_lineage``)."""
    sections = readme_sections(readme)
    examples = example_queries(readme)
    comments = dict(con.execute(
        "select table_name, comment from duckdb_tables() where database_name = current_database() "
        "union all select view_name, comment from duckdb_views() where database_name = current_database() "
        "and not internal").fetchall())
    view_sql = dict(con.execute(
        "select view_name, sql from duckdb_views() where database_name = current_database() and not internal"
    ).fetchall())
    names = [*audit.TABLES, *audit.VIEWS]
    relations = []
    for name in names:
        kind = "view" if name in audit.VIEWS else "table"
        grain, text = sections.get(name, ("", ""))
        columns = [{"name": column, "type": kind_, "nullable": nullable, "comment": comment or ""}
                   for column, kind_, nullable, comment in con.execute(
                       "select column_name, data_type, is_nullable, comment from duckdb_columns() "
                       "where database_name = current_database() and table_name = ? order by column_index",
                       [name]).fetchall()]
        relation = Relation(name, kind, comments.get(name) or "", grain, text, audit.row_count(con, name),
                            columns)
        if kind == "table":
            relation.written_by = name if name in assets else WRITTEN_BY.get(name)
            relation.reads = list(assets.get(relation.written_by or "", ()))
        else:
            relation.reads = store.relations_named(view_sql.get(name, ""), names, name)
        relation.examples = [(title, sql) for title, sql in examples if store.relations_named(sql, [name])]
        relations.append(relation)
    by_name = {r.name: r for r in relations}
    for relation in relations:
        if relation.kind == "view":
            for source in relation.reads:
                if source in by_name:
                    by_name[source].read_by.append(relation.name)
    return relations


def asset_lineage() -> dict[str, list[str]]:
    """Each Dagster asset of the project and the assets it depends on (imports the definitions)."""
    from pipelines.definitions import defs

    return {spec.key.to_user_string(): sorted(dep.asset_key.to_user_string() for dep in spec.deps)
            for spec in defs.resolve_all_asset_specs()}


def readme_sections(readme: str) -> dict[str, tuple[str, str]]:
    """``### `name` — grain`` sections of warehouse/README.md (one heading may name several relations): name →
    (grain, the section's Markdown)."""
    found: dict[str, tuple[str, str]] = {}
    names: list[str] = []
    grain, body = "", []
    for line in [*readme.splitlines(), "## end"]:
        heading = _SECTION.match(line)
        if heading or line.startswith(("## ", "### ", "#### ")):
            for name in names:
                found.setdefault(name, (grain, "\n".join(body).strip()))
            names = re.findall(r"`([a-z_]+)`", heading.group(1)) if heading else []
            grain, body = (heading.group(2) or "") if heading else "", []
            continue
        if names:
            body.append(line)
    return found


def example_queries(readme: str) -> list[tuple[str, str]]:
    """The ``#### question`` + ```sql``` pairs of the README's example questions."""
    return [(title.strip(), sql.strip())
            for title, sql in re.findall(r"^####\s+(.+?)\n```sql\n(.*?)```", readme, flags=re.M | re.S)]


def render(relations: Sequence[Relation], title: str = "cifras warehouse catalogue") -> str:
    """The self-contained HTML page."""
    index = json.dumps([{"name": r.name, "text": " ".join([r.name, r.kind, r.grain, r.comment,
                                                            *(c["name"] for c in r.columns)]).lower()}
                        for r in relations])
    toc = "".join(f'<li data-name="{r.name}"><a href="#{r.name}">{r.name}</a> <span class="kind">{r.kind}</span></li>'
                  for r in relations)
    body = "".join(_render_relation(r) for r in relations)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{_STYLE}</style></head>
<body>
<header><h1>{html.escape(title)}</h1>
<p>{len([r for r in relations if r.kind == "table"])} tables and {len([r for r in relations if r.kind == "view"])}
views, generated from the warehouse's own comments and <code>warehouse/README.md</code>.
Query them with <code>cifras query "SQL"</code>.</p>
<label>Filter <input id="filter" type="search" placeholder="a table, a column, a word" autocomplete="off"></label>
<span id="shown"></span></header>
<nav><ul id="toc">{toc}</ul></nav>
<main>{body}</main>
<script>const INDEX = {index};
{_SCRIPT}</script>
</body></html>
"""


def _render_relation(r: Relation) -> str:
    columns = "".join(
        f"<tr><td><code>{html.escape(c['name'])}</code></td><td>{html.escape(c['type'].lower())}</td>"
        f"<td>{'' if c['nullable'] else 'not null'}</td><td>{html.escape(c['comment'])}</td></tr>"
        for c in r.columns)
    lineage = []
    if r.written_by:
        lineage.append(f"written by the Dagster asset <code>{html.escape(r.written_by)}</code>")
    if r.reads:
        lineage.append("reads " + ", ".join(f'<a href="#{n}">{n}</a>' if n in _ANCHORS else f"<code>{n}</code>"
                                            for n in r.reads))
    if r.read_by:
        lineage.append("read by " + ", ".join(f'<a href="#{n}">{n}</a>' for n in r.read_by))
    examples = "".join(f"<figure><figcaption>{html.escape(t)}</figcaption><pre><code>{html.escape(sql)}</code></pre>"
                       f"</figure>" for t, sql in r.examples)
    return f"""<section class="relation" id="{r.name}" data-name="{r.name}">
<h2>{r.name} <span class="kind">{r.kind}</span> <span class="rows">{r.rows:,} rows</span></h2>
<p class="grain">{html.escape(r.grain)}</p>
<p class="comment">{html.escape(r.comment)}</p>
{markdown(r.readme)}
<p class="lineage">{'; '.join(lineage) or 'no lineage recorded'}</p>
<table class="columns"><thead><tr><th>column</th><th>type</th><th></th><th>comment</th></tr></thead>
<tbody>{columns}</tbody></table>
{('<h3>Example queries</h3>' + examples) if examples else ''}
</section>
"""


_ANCHORS = frozenset([*audit.TABLES, *audit.VIEWS])


def markdown(text: str) -> str:
    """The little Markdown warehouse/README.md uses: paragraphs, ``- `` lists, pipe tables, `code`, **bold**,
    [links](url) (as their text)."""
    blocks, out = re.split(r"\n\s*\n", text.strip()) if text.strip() else [], []
    for block in blocks:
        lines = block.splitlines()
        if all(line.lstrip().startswith("|") for line in lines):
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines
                    if not re.fullmatch(r"[\s|:-]+", line)]
            head, *rest = rows or [[]]
            out.append("<table class='readme'><thead><tr>" + "".join(f"<th>{_inline(c)}</th>" for c in head)
                       + "</tr></thead><tbody>" + "".join(
                           "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>" for row in rest)
                       + "</tbody></table>")
        elif all(line.lstrip().startswith(("- ", "  ")) for line in lines) and lines[0].lstrip().startswith("- "):
            items = re.split(r"\n(?=\s*- )", block)
            out.append("<ul>" + "".join(f"<li>{_inline(item.strip()[2:])}</li>" for item in items) + "</ul>")
        else:
            out.append(f"<p>{_inline(' '.join(line.strip() for line in lines))}</p>")
    return "\n".join(out)


def _inline(text: str) -> str:
    parts = re.split(r"(`[^`]+`)", text)
    rendered = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            rendered.append(f"<code>{html.escape(part[1:-1])}</code>")
        else:
            escaped = html.escape(part)
            escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
            escaped = re.sub(r"(?<![\w*])\*(\S[^*]*?)\*(?![\w*])", r"<em>\1</em>", escaped)
            escaped = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", escaped)
            rendered.append(escaped)
    return "".join(rendered)


def write(con: duckdb.DuckDBPyConnection, out: str | Path, readme: str | None = None) -> Path:
    """Write ``out/index.html``; return its path."""
    readme = readme if readme is not None else readme_text()
    page = render(build(con, readme, asset_lineage()))
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "index.html"
    target.write_text(page, "utf-8")
    return target


def readme_text() -> str:
    """warehouse/README.md as shipped beside this module (empty when the package is installed without it)."""
    path = Path(store.__file__).with_name("README.md")
    return path.read_text("utf-8") if path.exists() else ""


_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1d2327; margin: 0; display: grid;
       grid-template-columns: 16rem 1fr; grid-template-areas: "head head" "nav main"; }
header { grid-area: head; padding: 1rem 1.5rem; border-bottom: 1px solid #ddd; }
nav { grid-area: nav; padding: 1rem; border-right: 1px solid #eee; position: sticky; top: 0; align-self: start;
      max-height: 100vh; overflow: auto; }
nav ul { list-style: none; padding: 0; margin: 0; } nav li { margin: .15rem 0; }
main { grid-area: main; padding: 0 1.5rem 3rem; max-width: 70rem; }
h1 { font-size: 1.5rem; margin: 0 0 .3rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
.kind, .rows { font-size: .75rem; font-weight: normal; color: #555; background: #f1f1ec; padding: .1rem .4rem;
               border-radius: .3rem; } .grain { font-weight: 600; } .lineage { color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: .6rem 0; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
pre { background: #f6f6f2; padding: .6rem; overflow: auto; } figure { margin: .6rem 0; }
input { font: inherit; padding: .2rem .4rem; width: 18rem; } .hidden { display: none; }
"""

_SCRIPT = """
const input = document.getElementById('filter');
function apply(query) {
  const words = query.toLowerCase().split(/\\s+/).filter(Boolean);
  let shown = 0;
  for (const entry of INDEX) {
    const match = words.every(w => entry.text.includes(w));
    shown += match;
    for (const el of document.querySelectorAll(`[data-name="${entry.name}"]`)) el.classList.toggle('hidden', !match);
  }
  document.getElementById('shown').textContent = `${shown} of ${INDEX.length} shown`;
}
input.addEventListener('input', () => apply(input.value));
const fromHash = new URLSearchParams(location.hash.slice(1)).get('q');
if (fromHash) input.value = fromHash;
apply(input.value);
"""
