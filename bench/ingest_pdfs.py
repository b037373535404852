"""Ingest of the ten programme PDFs against a bare pypdfium2 text extraction, side by side.

Run: .venv/bin/python bench/ingest_pdfs.py [--jobs 1,2,N] [--pdfs ../shared/corpus/programmes/pdf]
Target: a full ingest (read, code, store in a fresh SQLite file) at most 5 times the time of
a bare pypdfium2 text extraction of the same pages (open each file, get each page's text).

The bare extraction runs before and after the ingests and its mean is the baseline, so that a
slower spell of the (shared) machine counts against both. Reported per job count: wall
seconds, the ratio to the baseline, pages and statements per second; the CPU seconds of this
process and its workers together, against the baseline's CPU seconds (a ratio that other work
on the machine disturbs less); and the peak memory of this process and of its largest worker.
Reading, coding and storing are also timed one after the other in one process, to tell where
the time goes.
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


def cpu() -> float:
    """CPU seconds of this process and of its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare(files: list[Path]) -> tuple[float, float, int]:
    """Wall and CPU seconds to get every page's text with pypdfium2 alone, and the pages."""
    start, used = time.perf_counter(), cpu()
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
    return time.perf_counter() - start, cpu() - used, pages


def phases(files: list[Path]) -> tuple[float, float, float]:
    """Seconds to read every file, then to code them, then to store them, in this process."""
    start = time.perf_counter()
    docs = [pipeline.read(path) for path in files]
    read = time.perf_counter()
    coded = [pipeline.analyze(doc) for doc in docs]
    code = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, Atlas(f"sqlite:///{folder}/p.db") as atlas:
        stored = time.perf_counter()
        for doc in coded:
            atlas.add(doc)
        store = time.perf_counter() - stored
    return read - start, code - read, store


def full_ingest(files: list[Path], jobs: int) -> tuple[float, float, int]:
    """Wall and CPU seconds to read, code and store every file into a fresh SQLite file with
    `jobs` processes, and the statements stored."""
    with tempfile.TemporaryDirectory() as folder:
        atlas = Atlas(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            start, used = time.perf_counter(), cpu()
            results = ingest([str(f) for f in files], atlas, jobs=jobs)
            seconds, cpu_seconds = time.perf_counter() - start, cpu() - used
        finally:
            atlas.close()
    failed = [r for r in results if r.failed]
    if failed:
        sys.exit(f"ingest failed: {failed[0].path}: {failed[0].error}")
    return seconds, cpu_seconds, sum(r.statements for r in results)


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
    before, before_cpu, pages = bare(files)
    read_seconds, code_seconds, store_seconds = phases(files)
    runs = [(jobs, *full_ingest(files, jobs)) for jobs in counts]
    after, after_cpu, _ = bare(files)
    baseline, baseline_cpu = (before + after) / 2, (before_cpu + after_cpu) / 2
    print(f"{len(files)} PDFs, {pages} pages; {default_jobs()} cores")
    print(
        f"bare pypdfium2 text: {baseline:.2f} s ({before:.2f} before, {after:.2f} after), "
        f"{baseline_cpu:.2f} CPU s"
    )
    print(
        f"in one process: reading {read_seconds:.2f} s = {read_seconds / baseline:.2f}x bare, "
        f"coding {code_seconds:.2f} s, storing {store_seconds:.2f} s"
    )
    for jobs, seconds, cpu_seconds, statements in runs:
        ratio = seconds / baseline
        verdict = "ok" if ratio <= TARGET else f"over the {TARGET:g}x target"
        print(
            f"full ingest, {jobs} job(s): {seconds:.2f} s = {ratio:.2f}x bare ({verdict}); "
            f"{pages / seconds:.0f} pages/s, {statements / seconds:.0f} statements/s "
            f"({statements} statements); {cpu_seconds:.1f} CPU s = "
            f"{cpu_seconds / baseline_cpu:.2f}x bare's CPU"
        )
    print(
        f"peak memory: {megabytes(resource.RUSAGE_SELF):.0f} MB this process, "
        f"{megabytes(resource.RUSAGE_CHILDREN):.0f} MB the largest worker"
    )


if __name__ == "__main__":
    main()
