"""`make bench`: planatlas beside its peers and floors, one table of ratios from one run.

Every row is measured here and now, each side in a process of its own (so peak memory is
its own), on the same input:

- search: planatlas (its index beside the database) against a plain tantivy index and
  rank_bm25 over the same statement texts and queries (p95 of the word queries), and against
  the database's own full-text index (bench_search.py);
- sentences and tokens: against spaCy's blank Norwegian pipeline with its sentencizer
  (bench_text.py);
- PDF reading: against a bare pdfium text extraction, the physical floor (bench_pdf.py);
- ingest: on a local Dask cluster of 2 worker processes against 1 (bench/ingest.py).

A ratio above 1 means planatlas takes that many times as long as the peer (for the cluster,
the time of 1 worker over 2: the speed-up). The machine's load is printed with the table:
on a shared machine the absolute figures move, the ratios much less.

    python bench/peers.py [--statements 10000] [--ingest 2000] [--programmes 0] [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_pdf  # noqa: E402
import bench_search  # noqa: E402
import bench_text  # noqa: E402
import ingest  # noqa: E402

Line = tuple[str, str, str, float | None, str]


def _ms(row: dict[str, Any], key: str = "words") -> str:
    return f"{row[key]['p95']:.2f} ms" if "error" not in row else row["error"]


def _mb(*rows: dict[str, Any]) -> str:
    return " / ".join(f"{row.get('peak_mb', 0):.0f}" for row in rows)


def _ratio(mine: float, theirs: float) -> float | None:
    return mine / theirs if theirs > 0 else None


def search_lines(statements: int, runs: int) -> list[Line]:
    url = bench_search.atlas_for(statements, None)
    found = bench_search.measure(url, runs)
    me = found["planatlas"]
    lines: list[Line] = []
    for peer in ("tantivy", "rank_bm25", "planatlas-database"):
        other = found[peer]
        if "error" in me or "error" in other:
            lines.append((f"search p95 vs {peer}", _ms(me), _ms(other), None, ""))
            continue
        ratio = _ratio(me["words"]["p95"], other["words"]["p95"])
        lines.append((f"search p95 vs {peer}", _ms(me), _ms(other), ratio, _mb(me, other)))
    if "error" not in me:
        lines.append(("search p95, with filters", _ms(me, "all"), "", None, ""))
    return lines


def text_lines(paragraphs: int, runs: int) -> list[Line]:
    found = bench_text.measure(paragraphs, runs)
    me, spacy = found["planatlas"], found["spacy"]
    if "error" in me or "error" in spacy:
        return [("sentences+tokens vs spaCy", str(me), str(spacy), None, "")]
    return [("sentences+tokens vs spaCy", f"{me['per_s']:.0f} par/s", f"{spacy['per_s']:.0f} par/s",
             _ratio(me["seconds"], spacy["seconds"]), _mb(me, spacy))]  # fmt: skip


def pdf_lines(programmes: int, runs: int) -> list[Line]:
    found = bench_pdf.measure(programmes, runs)
    me, floor = found["planatlas"], found["pdfium"]
    if "error" in me or "error" in floor:
        return [("PDF reading vs pdfium", str(me), str(floor), None, "")]
    return [(f"PDF reading vs pdfium ({me['pages']} pages)", f"{me['per_s']:.1f} pages/s",
             f"{floor['per_s']:.1f} pages/s", _ratio(me["seconds"], floor["seconds"]),
             _mb(me, floor))]  # fmt: skip


def ingest_lines(statements: int) -> list[Line]:
    found = ingest.measure(statements)
    one, two, plain = found["1 worker"], found["2 workers"], found["plain"]
    if any("error" in row for row in (one, two, plain)):
        return [("ingest", str(plain), str(two), None, "")]
    return [
        (f"ingest, 2 workers vs 1 ({one['statements']} statements)",
         f"{two['per_s']:.0f} st/s", f"{one['per_s']:.0f} st/s",
         _ratio(one["seconds"], two["seconds"]), _mb(two, one)),
        ("ingest, 1 worker vs plain", f"{one['per_s']:.0f} st/s", f"{plain['per_s']:.0f} st/s",
         _ratio(one["seconds"], plain["seconds"]), _mb(one, plain)),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=10_000, help="atlas for search")
    parser.add_argument("--ingest", type=int, default=2000, help="statements to ingest")
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--programmes", type=int, default=0, help="party-programme PDFs too")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    started = time.perf_counter()
    load = os.getloadavg()
    lines = search_lines(args.statements, args.runs)
    lines += text_lines(args.paragraphs, max(1, args.runs // 5))
    lines += pdf_lines(args.programmes, max(1, args.runs // 5))
    lines += ingest_lines(args.ingest)
    print(f"\n{'row':<44} {'planatlas':>14} {'peer/floor':>14} {'ratio':>7}  peak MB (mine / peer)")
    for name, mine, theirs, ratio, memory in lines:
        shown = f"{ratio:7.2f}" if ratio is not None else "      -"
        print(f"{name:<44} {mine:>14} {theirs:>14} {shown}  {memory}")
    after = os.getloadavg()
    print(f"\n{os.cpu_count()} cores; load average {load[0]:.1f} at the start, {after[0]:.1f} at "
          f"the end; {time.perf_counter() - started:.0f} s in all")  # fmt: skip


if __name__ == "__main__":
    main()
