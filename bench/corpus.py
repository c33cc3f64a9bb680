"""Generate a benchmark raw/ folder: the seed (and, when present, dev) articles repeated with a unique line each."""

from __future__ import annotations

import argparse
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "raw", ROOT.parent / "shared" / "corpus" / "dev" / "raw"]


def source_files() -> list[Path]:
    """The articles the generated corpus is made of."""
    return sorted(p for folder in SOURCES if folder.is_dir() for p in folder.iterdir() if p.is_file())


def generate(target: Path, n_files: int) -> list[Path]:
    """Write ``n_files`` distinct articles into ``target`` (the same bytes for the same n)."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for i, source in enumerate(islice(cycle(source_files()), n_files)):
        data = source.read_bytes()
        marker = f"\n\nBenchmark copy {i}.\n" if source.suffix != ".html" else f"<!-- copy {i} -->"
        path = target / f"{i:06d}_{source.name}"
        path.write_bytes(data + marker.encode("ascii"))
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("-n", type=int, default=1000)
    args = parser.parse_args()
    print(f"wrote {len(generate(args.target, args.n))} files to {args.target}")


if __name__ == "__main__":
    main()
