"""PDF reading against its physical floor: a bare pdfium text extraction of the same pages.

- `planatlas`: the product's PDF reader (planatlas/reading/readers/pdf.py: words with their
  boxes, lines, columns, headers and footers, headings), i.e. `readers.read_path`;
- `pdfium`: pypdfium2 opening each file and taking each page's text, nothing else: no layout,
  no reading order, no words. No reader of PDFs can take less than this.

The PDFs: the demo corpus's (examples/) and, where ../shared is beside the project, the first
`--programmes` party programmes there (real layout, tens of pages each). Figures: pages per
second, best of `--runs`, and peak memory, each in a process of its own.

    python bench/bench_pdf.py [--programmes 2] [--runs 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from rows import in_child, run_row  # noqa: E402

PROGRAMMES = HERE.parent.parent / "shared" / "corpus" / "programmes" / "pdf"


def pdfs(programmes: int) -> list[Path]:
    found = sorted((HERE.parent / "examples").glob("*.pdf"))
    if PROGRAMMES.is_dir():
        found += sorted(PROGRAMMES.glob("*.pdf"))[:programmes]
    return found


def _best(work: Any, runs: int) -> tuple[float, int]:
    best, pages = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        pages = work()
        best = min(best, time.perf_counter() - started)
    return best, pages


def row_planatlas(programmes: int, runs: int) -> dict[str, Any]:
    from planatlas.reading import readers

    files = pdfs(programmes)
    readers.read_path(files[0])  # the readers' registry and fonts, outside the timing

    def work() -> int:
        return sum(readers.read_path(path)[0].pages for path in files)

    seconds, pages = _best(work, runs)
    return {"seconds": seconds, "pages": pages, "per_s": pages / seconds}


def row_pdfium(programmes: int, runs: int) -> dict[str, Any]:
    import pypdfium2

    files = pdfs(programmes)

    def work() -> int:
        pages = 0
        for path in files:
            document = pypdfium2.PdfDocument(str(path))
            for page in document:
                page.get_textpage().get_text_range()
                pages += 1
            document.close()
        return pages

    seconds, pages = _best(work, runs)
    return {"seconds": seconds, "pages": pages, "per_s": pages / seconds}


ROWS = {"planatlas": row_planatlas, "pdfium": row_pdfium}


def measure(programmes: int, runs: int) -> dict[str, dict[str, Any]]:
    options = {"programmes": programmes, "runs": runs}
    return {name: in_child(Path(__file__), name, options, 1800) for name in ROWS}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programmes", type=int, default=2)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--row", help=argparse.SUPPRESS)
    parser.add_argument("--options", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.row:
        run_row(ROWS, args.row, json.loads(args.options))
        return
    for name, row in measure(args.programmes, args.runs).items():
        print(name, row)


if __name__ == "__main__":
    main()
