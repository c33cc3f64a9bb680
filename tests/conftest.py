"""Shared fixtures: a raw/ folder with the seed articles and a real DuckDB file, both in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "raw").glob("0*_*.txt"))
SHARED = ROOT.parent / "shared"


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A raw/ folder holding copies of the five seed articles."""
    folder = tmp_path / "raw"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    return folder


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    """Where the test's warehouse file goes (created by the first connection)."""
    return tmp_path / "warehouse" / "cifras.duckdb"
