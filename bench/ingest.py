"""Ingest benchmark: pages and statements per second over a generated 2,000-page corpus.

Documents are generated (bench_coding_corpus: varied Bokmål and Nynorsk statements as
headings, list items under lead-ins and running text) and written in every format the
product reads: txt, md and html directly; docx, pptx, odt and pdf by the writers of
examples/build.py. A page is a PDF page, a slide, or 3,000 characters of a document without
pages. Reported: reading + coding (in memory), and with --store the same with storing into a
fresh SQLite file.

    python bench/ingest.py [--pages 2000] [--store]
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
import time
from pathlib import Path

from bench_coding_corpus import corpus

import planatlas
from planatlas.batch import ingest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples"))
import build as writers  # noqa: E402  (examples/build.py: the DOCX, PPTX, ODT and PDF writers)

FORMATS = (".txt", ".md", ".html", ".pdf", ".docx", ".pptx", ".odt")
CHARS_PER_PAGE = 3000
STATEMENTS_PER_DOCUMENT = 60


def pages_of(doc: planatlas.Document) -> int:
    if doc.format in ("pdf", "pptx"):
        return doc.pages
    return max(1, round(sum(len(s.text) for s in doc.statements) / CHARS_PER_PAGE))


def light_markdown(doc: planatlas.Document, number: int) -> str:
    """A generated document as the light Markdown examples/build.py reads."""
    lines = [f"# Generert plan {number}", ""]
    for s in doc.statements:
        if s.form == "heading":
            lines += ["", f"## {s.text}", ""]
        elif s.form == "item":
            lines.append(f"- {s.text}")
        else:
            lines += ["", s.text, ""]
    return "\n".join(lines) + "\n"


def as_html(source: str) -> str:
    body = []
    for block in writers.parse(source):
        tag = {"title": "h1", "heading": "h2", "bullet": "li", "number": "li"}.get(block.kind, "p")
        body.append(f"<{tag}>{html.escape(block.joined)}</{tag}>")
    return "<!doctype html><html lang=nb><body>" + "\n".join(body) + "</body></html>"


def write(source: str, target: Path) -> None:
    if target.suffix in (".txt", ".md"):
        target.write_text(source, encoding="utf-8")
    elif target.suffix == ".html":
        target.write_text(as_html(source), encoding="utf-8")
    else:
        blocks = writers.parse(source)
        writers.WRITERS[target.suffix](blocks, target, blocks[0].text)


def build_corpus(target_pages: int, folder: Path) -> tuple[list[Path], int]:
    files: list[Path] = []
    pages = 0
    number = 0
    while pages < target_pages:
        batch = corpus(STATEMENTS_PER_DOCUMENT * 50, seed=number + 1, size=STATEMENTS_PER_DOCUMENT)
        for doc in batch:
            suffix = FORMATS[number % len(FORMATS)]
            target = folder / f"generert-{number:05d}{suffix}"
            write(light_markdown(doc, number), target)
            files.append(target)
            pages += pages_of(planatlas.read(target))
            number += 1
            if pages >= target_pages:
                break
    return files, pages


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
