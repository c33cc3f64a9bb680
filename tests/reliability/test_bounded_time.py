"""Bounded time (issue 12, item 3): a FIFO in raw/, or one put in a file's place between the scan and the
read, is refused at once instead of blocking the run (and its locks) forever. Pathological text is covered
by tests/properties/test_pathological.py, and the per-file budget by test_truthful_ledger.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import store

CIFRAS = str(Path(sys.executable).parent / "cifras")


@pytest.mark.parametrize("reader", ["extractors.documents:read_bytes", "pipelines.discover:hash_file"])
def test_opening_a_fifo_never_blocks(tmp_path, reader):
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    module, function = reader.split(":")
    script = (f"from {module} import {function}\nfrom extractors.documents import DocumentError\n"
              f"try:\n    {function}({str(fifo)!r})\nexcept DocumentError as error:\n    print(error)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "not a regular file (a FIFO, device or socket)"


def test_a_fifo_in_raw_is_one_error_row_and_the_run_finishes(raw_dir, warehouse_path):
    os.mkfifo(raw_dir / "pipe.txt")
    done = subprocess.run([CIFRAS, "run", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    con = store.connect(warehouse_path, read_only=True)
    try:
        errors = con.execute("select path, stage, reason from ingest_errors").fetchall()
        articles = con.execute("select count(*) from articles").fetchone()[0]
    finally:
        con.close()
    assert errors == [("pipe.txt", "discover", "not a regular file")]
    assert articles == len(list(raw_dir.iterdir())) - 1
