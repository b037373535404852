"""Ingest benchmark: pages and statements per second over a mixed-format corpus of 2,000+ pages.

The corpus is the demo corpus (examples/: txt, md, html, pdf, docx, pptx, odt), copied into a
temporary folder until it holds at least --pages pages. A page is a PDF page, a slide, or 3,000
characters of a document without pages. Each copy gets its own line of text where the format
allows (txt, md), so the store sees new content. Reported: reading + coding (in memory), and
the same with storing into a fresh SQLite file.

    python bench/ingest.py [--pages 2000] [--store]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import planatlas
from planatlas.ingest import ingest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FORMATS = (".txt", ".md", ".html", ".pdf", ".docx", ".pptx", ".odt")
CHARS_PER_PAGE = 3000


def pages_of(doc: planatlas.Document) -> int:
    if doc.format in ("pdf", "pptx"):
        return doc.pages
    return max(1, round(sum(len(s.text) for s in doc.statements) / CHARS_PER_PAGE))


def build_corpus(target_pages: int, folder: Path) -> tuple[list[Path], int]:
    sources = sorted(p for p in EXAMPLES.iterdir() if p.suffix in FORMATS and p.name != "README.md")
    per_round = sum(pages_of(planatlas.read(p)) for p in sources)
    rounds = -(-target_pages // per_round)
    files = []
    for r in range(rounds):
        for source in sources:
            copy = folder / f"{r:04d}-{source.name}"
            shutil.copy(source, copy)
            if source.suffix in (".txt", ".md"):
                with copy.open("a", encoding="utf-8") as f:
                    f.write(f"\nKopi nummer {r} av dokumentet.\n")
            files.append(copy)
    return files, per_round * rounds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--store", action="store_true", help="also store into SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files, pages = build_corpus(args.pages, Path(tmp))
        planatlas.analyze(files[0])  # load lexicons and models once, outside the timing
        start = time.perf_counter()
        statements = sum(len(planatlas.analyze(f).statements) for f in files)
        seconds = time.perf_counter() - start
        print(
            f"read+code: {len(files)} files, {pages} pages, {statements} statements "
            f"in {seconds:.1f} s: {pages / seconds:.1f} pages/s, "
            f"{statements / seconds:.0f} statements/s"
        )
        if args.store:
            atlas = planatlas.Atlas(f"sqlite:///{tmp}/bench.db")
            start = time.perf_counter()
            results = ingest([str(f) for f in files], atlas)
            seconds = time.perf_counter() - start
            stored = sum(r.statements for r in results)
            print(
                f"ingest into SQLite: {pages / seconds:.1f} pages/s, "
                f"{stored / seconds:.0f} statements/s"
            )


if __name__ == "__main__":
    main()
