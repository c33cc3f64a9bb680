"""The house's import boundaries: dagster only in pipelines/defs, duckdb never in extractors or schemas."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DAGSTER_ALLOWED = {ROOT / "pipelines" / "definitions.py", *(ROOT / "pipelines" / "defs").glob("*.py")}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


SOURCES = sorted(p for pkg in ("extractors", "schemas", "warehouse", "pipelines") for p in (ROOT / pkg).rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_pipeline_defs_import_dagster(path):
    if path not in DAGSTER_ALLOWED:
        assert "dagster" not in imported_roots(path)


@pytest.mark.parametrize("path", [p for p in SOURCES if p.parts[-2] in ("extractors", "schemas") or "extractors" in p.parts],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_extractors_and_schemas_do_not_touch_the_warehouse(path):
    assert not {"duckdb", "dagster", "warehouse", "pipelines"} & imported_roots(path)
