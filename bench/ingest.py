"""Ingest: statements per second, plainly and on a local Dask cluster of 1 and 2 workers.

The files are bench/corpus.py's documents written in every format the product reads (txt,
md, html, docx, pdf, pptx, odt; kept under bench/corpus/files-N/). Each row ingests them all
into a fresh SQLite file, in a process of its own:

- `plain`: `planatlas.batch.ingest`, one process;
- `1 worker`, `2 workers`: `planatlas.cluster.ingest` on a `LocalCluster` of worker
  processes, this process storing; the cluster is started and every worker has read one file
  before the clock starts, as a running cluster would have.

Peak memory is the storing process's (the workers' own is not in it).

    python bench/ingest.py [--statements 5000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from rows import in_child, run_row  # noqa: E402


def files_for(statements: int) -> list[str]:
    """The benchmark's files (written once, kept under bench/corpus/)."""
    from corpus import CORPUS, write_files

    folder = CORPUS / f"files-{statements}"
    if not folder.is_dir() or not any(folder.iterdir()):
        write_files(folder, statements, max(2000, statements // 2))
    return sorted(str(p) for p in folder.iterdir() if p.is_file())


def _timed_ingest(run: Any, files: list[str]) -> dict[str, Any]:
    from planatlas.store import Atlas

    with tempfile.TemporaryDirectory() as tmp, Atlas(f"sqlite:///{tmp}/bench.db") as atlas:
        started = time.perf_counter()
        results = run(files, atlas)
        seconds = time.perf_counter() - started
    stored = sum(r.statements for r in results)
    return {"seconds": seconds, "files": len(results), "statements": stored,
            "per_s": stored / seconds, "failed": sum(r.failed for r in results)}  # fmt: skip


def row_plain(statements: int) -> dict[str, Any]:
    import planatlas
    from planatlas.batch import ingest

    files = files_for(statements)
    planatlas.analyze(files[0])  # lexicons and models loaded outside the timing
    return _timed_ingest(ingest, files)


def row_workers(statements: int, workers: int) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    from planatlas import cluster

    files = files_for(statements)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as local, Client(local) as client:  # fmt: skip
        client.run(lambda: __import__("planatlas").analyze(files[0]))  # warm every worker

        def run(paths: list[str], atlas: Any) -> Any:
            return cluster.ingest(paths, atlas, client=client)

        return _timed_ingest(run, files)


ROWS = {
    "plain": row_plain,
    "1 worker": lambda statements: row_workers(statements, 1),
    "2 workers": lambda statements: row_workers(statements, 2),
}


def measure(statements: int) -> dict[str, dict[str, Any]]:
    files_for(statements)
    return {name: in_child(Path(__file__), name, {"statements": statements}, 3600)
            for name in ROWS}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--row", help=argparse.SUPPRESS)
    parser.add_argument("--options", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.row:
        run_row(ROWS, args.row, json.loads(args.options))
        return
    for name, row in measure(args.statements).items():
        print(name, row)


if __name__ == "__main__":
    main()
