"""Ingest of the ten programme PDFs against a bare pypdfium2 text extraction, side by side.

Run: .venv/bin/python bench/ingest_pdfs.py [--jobs 1,2,N] [--pdfs ../shared/corpus/programmes/pdf]
Target: a full ingest (read, code, store in a fresh SQLite file) at most 5 times the time of
a bare pypdfium2 text extraction of the same pages (open each file, get each page's text).

The bare extraction runs before and after the ingests and its mean is the baseline, so that a
slower spell of the (shared) machine counts against both. Reported per job count: wall
seconds, the ratio to the baseline, pages and statements per second; and the peak memory of
this process and of its largest worker. Reading alone (one process) is timed too, to tell
reading from coding.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from planatlas import pipeline
from planatlas.batch import default_jobs, ingest
from planatlas.store import Atlas

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT.parent / "shared" / "corpus" / "programmes" / "pdf"
TARGET = 5.0


def bare(files: list[Path]) -> tuple[float, int]:
    """Seconds to get every page's text with pypdfium2 alone, and the page count."""
    start = time.perf_counter()
    pages = 0
    for path in files:
        pdf = pdfium.PdfDocument(path)
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pages += len(pdf)
        pdf.close()
    return time.perf_counter() - start, pages


def read_only(files: list[Path]) -> tuple[float, int]:
    """Seconds to read (not code) every file in this process, and the statements found."""
    start = time.perf_counter()
    statements = sum(len(pipeline.read(path).statements) for path in files)
    return time.perf_counter() - start, statements


def full_ingest(files: list[Path], jobs: int) -> tuple[float, int]:
    """Seconds to read, code and store every file into a fresh SQLite file with `jobs`."""
    with tempfile.TemporaryDirectory() as folder:
        atlas = Atlas(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            start = time.perf_counter()
            results = ingest([str(f) for f in files], atlas, jobs=jobs)
            seconds = time.perf_counter() - start
        finally:
            atlas.close()
    failed = [r for r in results if r.failed]
    if failed:
        sys.exit(f"ingest failed: {failed[0].path}: {failed[0].error}")
    return seconds, sum(r.statements for r in results)


def megabytes(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pdfs", type=Path, default=PDFS)
    parser.add_argument("--jobs", default=f"1,2,{default_jobs()}")
    args = parser.parse_args()
    files = sorted(args.pdfs.glob("*.pdf"))
    counts = sorted({int(j) for j in args.jobs.split(",")})
    pipeline.warm_up()  # load dictionaries and data once, as a long-running ingest has
    before, pages = bare(files)
    read_seconds, _ = read_only(files)
    runs = [(jobs, *full_ingest(files, jobs)) for jobs in counts]
    after, _ = bare(files)
    baseline = (before + after) / 2
    print(f"{len(files)} PDFs, {pages} pages; {default_jobs()} cores")
    print(f"bare pypdfium2 text: {baseline:.2f} s ({before:.2f} before, {after:.2f} after)")
    print(f"reading alone, 1 process: {read_seconds:.2f} s = {read_seconds / baseline:.2f}x bare")
    for jobs, seconds, statements in runs:
        ratio = seconds / baseline
        verdict = "ok" if ratio <= TARGET else f"over the {TARGET:g}x target"
        print(
            f"full ingest, {jobs} job(s): {seconds:.2f} s = {ratio:.2f}x bare ({verdict}); "
            f"{pages / seconds:.0f} pages/s, {statements / seconds:.0f} statements/s "
            f"({statements} statements)"
        )
    print(
        f"peak memory: {megabytes(resource.RUSAGE_SELF):.0f} MB this process, "
        f"{megabytes(resource.RUSAGE_CHILDREN):.0f} MB the largest worker"
    )


if __name__ == "__main__":
    main()
