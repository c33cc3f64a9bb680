"""Damaged input the other tests do not reach (issue 6, item 6): a file over the size cap is refused without
being opened (peak memory of the run stays far below its size), paths named in front matter or markup are
never opened, and a truncated HTML page gives the text before the cut.

One `cifras run` in a child process reads a raw/ folder holding all of them; the child records every
Python-level `open` of the files it must not touch through ``sys.addaudithook``, and the parent reads the
child's peak resident memory from ``os.wait4``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import extractors
from warehouse import store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "raw").glob("0*_*.txt"))
MiB = 1024 * 1024
HUGE = 2048 * MiB  # sparse: the size is there, the bytes are not (until something reads them)
MAX_BYTES = 20 * MiB

# The child: record opens of the watched paths, run `cifras`, print what was opened as the last line.
WATCHED_RUN = """
import json, os, sys
watched = set(json.loads(sys.argv[1]))
opened = []
def hook(event, args):
    if event == "open" and args:
        path = args[0]
        if isinstance(path, (str, bytes, os.PathLike)) and os.path.abspath(os.fsdecode(path)) in watched:
            opened.append(os.fsdecode(path))
sys.addaudithook(hook)
from pipelines.cli import main
code = main(sys.argv[2:])
print("OPENED " + json.dumps(opened), flush=True)
sys.exit(code)
"""

PAGE = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Exportaciones de cobre | Diario</title>
<script>var tracking = "x";</script></head>
<body><nav><a href="/">Inicio</a></nav>
<article><h1>Índice: exportaciones de cobre crecen</h1>
<p>Las exportaciones de cobre a China sumaron US$ 1 200 millones en 2024 (Área andina).</p>
<p>El zinc sum&oacute; US$ 300 millones, 5 % m&aacute;s que en 2023, seg&uacute;n <a href="https://example.org/sni">la SNI</a>.</p>
<p class="nota">La plata cayó 3 % por la menor demanda de Estados Unidos.</p>
<!-- fin -->
<script>window.x = "y";</script>
</article><footer>Contacto</footer></body></html>
"""
SENTENCES = ["Índice: exportaciones de cobre crecen", "Las exportaciones de cobre a China sumaron US$ 1 200 millones en 2024 (Área andina).",
             "El zinc sumó US$ 300 millones, 5 % más que en 2023, según la SNI.",
             "La plata cayó 3 % por la menor demanda de Estados Unidos."]
_NOTE = PAGE.index('<p class="nota">')
# cut name -> (byte offset of the cut, the text a reader sees before it, beyond the complete sentences)
CUTS = {
    "mid-text": (PAGE.encode().index(b"por la menor"), "La plata cay\u00f3 3 %"),
    "mid-open-tag": (len(PAGE[:_NOTE].encode()) + len('<p cla'), None),
    "mid-close-tag": (PAGE.encode().index(b"</p>", len(PAGE[:_NOTE].encode())) + 3, SENTENCES[3]),
    "mid-comment": (PAGE.encode().index(b"<!-- fin") + 6, SENTENCES[3]),
    "mid-script": (PAGE.encode().index(b'window.x = "') + 10, SENTENCES[3]),
    "mid-attribute": (PAGE.encode().index(b"https://example.org") + 12, "El zinc sum\u00f3 US$ 300 millones, 5 % m\u00e1s "
                                                                         "que en 2023, seg\u00fan"),
    "mid-utf8-character": (PAGE.encode().index("cayó".encode()) + 4, "La plata cay"),
}
KNOWN_BUGS: dict[str, str] = {}  # strict xfails for cuts the reader gets wrong (none left)


def complete_before(cut: int) -> list[str]:
    """The sentences that end before byte ``cut`` of PAGE."""
    text = PAGE.encode()[:cut].decode("utf-8", errors="ignore")
    text = re.sub(r"<[^>]*>", "", text.replace("&oacute;", "ó").replace("&aacute;", "á").replace("&uacute;", "ú"))
    return [s for s in SENTENCES if s in " ".join(text.split())]


def hostile_front_matter(targets: dict[str, Path]) -> dict[str, str]:
    """Files whose front matter or markup names paths outside raw/ (file name -> text)."""
    return {
        "yaml.md": f"---\ntitle: Exportaciones\nimage: ../../warehouse/x\ninclude: /etc/passwd\n"
                   f"layout: {targets['secret']}\n---\n\nLas exportaciones sumaron US$ 5 millones.\n",
        "toml.md": '+++\ntitle = "Exports"\ninclude = "/etc/passwd"\nimage = "../../warehouse/x"\n+++\n\n'
                   "Exports reached US$ 7 million in 2024.\n",
        "markup.md": "---\ntitle: Enlaces\n---\n\n![foto](../../warehouse/x)\n\n{% include '/etc/passwd' %}\n\n"
                     "[secreto](../../secret.txt) Las exportaciones crecieron 5 %.\n",
        "page.html": '<html><head><link rel="import" href="/etc/passwd"><title>T</title></head><body><article>'
                     '<h1>Exportaciones</h1><img src="../../warehouse/x"><iframe src="/etc/passwd"></iframe>'
                     '<p>Las exportaciones sumaron US$ 9 millones.</p></article></body></html>',
    }


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    root = tmp_path_factory.mktemp("damaged")
    raw, database = root / "raw", root / "cifras.duckdb"
    (raw / "sub").mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    with (raw / "huge.txt").open("wb") as handle:
        handle.truncate(HUGE)
    (root / "warehouse").mkdir()
    targets = {"x": root / "warehouse" / "x", "secret": root / "secret.txt"}
    for target in targets.values():
        target.write_text("Exportaciones secretas de US$ 666 millones.\n", "utf-8")
    # in raw/sub/, also the child's working directory: ../../warehouse/x is root/warehouse/x either way
    for name, text in hostile_front_matter(targets).items():
        (raw / "sub" / name).write_text(text, "utf-8")
    for name, (cut, _) in CUTS.items():
        (raw / f"cut-{name}.html").write_bytes(PAGE.encode()[:cut])
    watched = [str(raw.resolve() / "huge.txt"), "/etc/passwd", *(str(t.resolve()) for t in targets.values())]

    with (root / "out").open("w") as out, (root / "err").open("w") as err:
        child = subprocess.Popen(
            [sys.executable, "-c", WATCHED_RUN, json.dumps(watched), "run", "--max-bytes", str(MAX_BYTES),
             "--raw", str(raw), "--warehouse", str(database)], stdout=out, stderr=err, cwd=raw / "sub")
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    stdout = (root / "out").read_text("utf-8")
    assert child.returncode == 0, (root / "err").read_text("utf-8")[-3000:]
    con = store.connect(database, read_only=True)
    try:
        articles = {path: body for path, body in con.execute("select path, body from articles").fetchall()}
        errors = {row[0]: row[1:] for row in con.execute("select path, stage, sha256, bytes from ingest_errors").fetchall()}
    finally:
        con.close()
    return {
        "opened": json.loads(stdout.rsplit("OPENED ", 1)[1]),
        "peak_rss": usage.ru_maxrss * 1024,  # Linux reports KiB
        "articles": articles, "errors": errors,
    }


def test_an_oversized_file_is_recorded_without_being_opened(outcome):
    assert outcome["errors"]["huge.txt"] == ("discover", None, HUGE)
    assert "huge.txt" not in outcome["articles"]
    assert not [path for path in outcome["opened"] if path.endswith("huge.txt")]


def test_the_run_beside_an_oversized_file_stays_far_below_its_size(outcome):
    print(f"peak RSS of the run beside a {HUGE // MiB} MiB file: {outcome['peak_rss'] / MiB:.0f} MiB")
    assert outcome["peak_rss"] < HUGE / 2


def test_paths_named_in_front_matter_or_markup_are_never_opened(outcome):
    assert outcome["opened"] == []
    for name in ("yaml.md", "toml.md", "markup.md", "page.html"):
        body = outcome["articles"][f"sub/{name}"]
        assert "666" not in body and "root:" not in body


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name])) if name in KNOWN_BUGS else name
    for name in CUTS
])
def test_truncated_html_gives_the_text_before_the_cut(outcome, name):
    cut, partial = CUTS[name]
    body = outcome["articles"][f"cut-{name}.html"]
    assert complete_before(cut), "the cut leaves whole sentences before it"
    for sentence in complete_before(cut):
        assert sentence in body
    if partial:
        assert partial in body
    assert not re.search(r"<[A-Za-z!/]", body), "no markup in the body"


def test_front_matter_is_read_without_opening_anything_else(tmp_path):
    """The reader alone, in a fresh process: reading a document opens that document and nothing else."""
    targets = {"x": tmp_path / "warehouse" / "x", "secret": tmp_path / "secret.txt"}
    folder = tmp_path / "raw" / "sub"
    folder.mkdir(parents=True)
    documents = []
    for name, text in hostile_front_matter(targets).items():
        (folder / name).write_text(text, "utf-8")
        documents.append(str(folder / name))
    (folder / "warm.md").write_text("---\ntitle: T\ndate: 2024-01-02\n---\n\nExports rose 5% in 2024.\n", "utf-8")
    (folder / "warm.html").write_text("<html><body><article><h1>T</h1><p>Exports rose 5% in 2024 and more words "
                                      "follow here.</p></article></body></html>", "utf-8")
    script = """
import json, os, sys
from extractors.documents import read_document
read_document(sys.argv[1])  # warm up: lazy data files and modules (the HTML main-text detector) load here
read_document(sys.argv[1].replace(".md", ".html"))
opened = []
sys.addaudithook(lambda event, args: opened.append(os.fsdecode(args[0])) if event == "open" and args
                 and isinstance(args[0], (str, bytes, os.PathLike)) else None)
for path in sys.argv[2:]:
    read_document(path)
print(json.dumps(opened))
"""
    done = subprocess.run([sys.executable, "-c", script, str(folder / "warm.md"), *documents],
                          capture_output=True, text=True, check=True, cwd=folder)
    opened = json.loads(done.stdout)
    package_data = Path(extractors.__file__).resolve().parent / "data"
    assert [path for path in opened if not Path(path).resolve().is_relative_to(package_data)] == documents
