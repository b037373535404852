"""Search at scale, side by side with its peers: the same texts, the same queries, one run.

Rows, each in a process of its own (peak memory is the row's):
- `planatlas`: planatlas's search through its index beside the database (store/searchindex.py),
  every query with its filters, as the web app asks;
- `planatlas-database`: the same through the database's own full-text index
  (PLANATLAS_SEARCH=database: FTS5 on SQLite, tsvector on PostgreSQL);
- `tantivy`: a plain tantivy index over the same statement texts (its default tokenizer, every
  word of the query required), the queries' words without planatlas's Norwegian expansion;
- `rank_bm25`: BM25Okapi over the same texts split into words, the top 20 of each query.
The peers have no filters: their figures are over the queries with words, and so is the
planatlas row they are compared with (`words`). Every row also reports how many statements
each query found; planatlas's two engines must agree on every query.

The atlas is one of bench/corpus.py's (built when missing):

    python bench/bench_search.py [--statements 100000] [--db URL] [--runs 20]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from rows import in_child, percentiles, run_row, timed  # noqa: E402

# Rare and common words, Bokmål and Nynorsk, compounds, several words, and filters.
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("sykehus", {}),
    ("sjukehusa", {}),
    ("kommune", {}),
    ("styrke", {}),
    ("rammefinansiering", {}),
    ("helseføretak", {}),
    ("fastlege", {}),
    ("tannhelse", {}),
    ("Fjordvik", {}),
    ("Solumvåg", {}),
    ("psykisk helse", {}),
    ("ventetid sykehus", {}),
    ("fastlege i Nord-Norge", {}),
    ("legevakt Steinsund", {}),
    ("sykehus", {"topic": "hospitals"}),
    ("helse", {"kind": "demand", "period": "2026"}),
    ("sykehus", {"actor": "Regjeringen"}),
    ("kommune", {"language": "nn"}),
    ("foretak", {"issue": "hospital_trust_model", "direction": "-"}),
    ("", {"topic": "maternity"}),
    ("", {"actor": "Helsedirektoratet", "kind": "goal"}),
]
WORD_QUERIES = [q for q, f in QUERIES if q and not f]


def row_planatlas(url: str, runs: int, engine: str = "index") -> dict[str, Any]:
    """planatlas's search, every query with its filters."""
    os.environ["PLANATLAS_SEARCH"] = engine
    from planatlas.questions.search import search
    from planatlas.records import Filters
    from planatlas.store import Atlas

    with Atlas(url) as atlas:
        started = time.perf_counter()
        search(atlas, "sykehus")  # the index beside the database is built (or read) here
        ready = time.perf_counter() - started
        every, words, totals = [], [], []
        for query, filters in QUERIES:
            wanted = Filters(**filters)
            times = timed(lambda q=query, w=wanted: search(atlas, q, w), runs)
            every += times
            if query and not filters:
                words += times
            totals.append(search(atlas, query, wanted).total)
    return {"ready_s": round(ready, 2), "all": percentiles(every), "words": percentiles(words),
            "totals": totals}  # fmt: skip


def row_planatlas_database(url: str, runs: int) -> dict[str, Any]:
    return row_planatlas(url, runs, engine="database")


def _texts(url: str) -> list[str]:
    from planatlas.store import Atlas

    with Atlas(url) as atlas:
        return [s.text for s in atlas.statements()]


def row_tantivy(url: str, runs: int) -> dict[str, Any]:
    """A plain tantivy index over the texts: default tokenizer, every word required."""
    import tantivy

    texts = _texts(url)
    started = time.perf_counter()
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True)
    builder.add_text_field("text")
    schema = builder.build()
    index = tantivy.Index(schema)
    writer = index.writer(64_000_000, 1)
    for n, text in enumerate(texts):
        writer.add_document(tantivy.Document(id=n, text=text))
    writer.commit()
    index.reload()
    ready = time.perf_counter() - started
    searcher = index.searcher()

    def query(words: str) -> Any:
        terms = [t for t in words.lower().replace("-", " ").split() if t]
        must = [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "text", t)) for t in terms]
        found = searcher.search(tantivy.Query.boolean_query(must), 20, count=True)
        return [searcher.doc(address)["id"][0] for _, address in found.hits], found.count

    times: list[float] = []
    totals = []
    for words in WORD_QUERIES:
        times += timed(lambda w=words: query(w), runs)
        totals.append(query(words)[1])
    return {"ready_s": round(ready, 2), "words": percentiles(times), "totals": totals}


def row_rank_bm25(url: str, runs: int) -> dict[str, Any]:
    """BM25Okapi over the texts split into words; the top 20 of each query."""
    import numpy as np
    from rank_bm25 import BM25Okapi

    from planatlas.store.searchindex import tokens

    texts = _texts(url)
    started = time.perf_counter()
    bm25 = BM25Okapi([tokens(t) for t in texts])
    ready = time.perf_counter() - started

    def query(words: str) -> Any:
        scores = bm25.get_scores(tokens(words))
        top = np.argpartition(-scores, 20)[:20]
        return top[np.argsort(-scores[top])], int((scores > 0).sum())

    times: list[float] = []
    totals = []
    for words in WORD_QUERIES:
        times += timed(lambda w=words: query(w), max(1, runs // 4))
        totals.append(query(words)[1])
    return {"ready_s": round(ready, 2), "words": percentiles(times), "totals": totals}


ROWS = {
    "planatlas": row_planatlas,
    "planatlas-database": row_planatlas_database,
    "tantivy": row_tantivy,
    "rank_bm25": row_rank_bm25,
}


def measure(url: str, runs: int, timeout: float = 3600) -> dict[str, dict[str, Any]]:
    """Every row on the atlas at url, each in a process of its own."""
    return {name: in_child(Path(__file__), name, {"url": url, "runs": runs}, timeout)
            for name in ROWS}  # fmt: skip


def atlas_for(statements: int, db: str | None) -> str:
    """The atlas to measure: the given database, else bench/corpus/'s of that size (built once)."""
    from corpus import build, default_path

    if db:
        return db
    path = default_path(statements)
    url = f"sqlite:///{path}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build(url, statements, max(2000, min(40_000, statements // 10)), 2)
    return url


def report(found: dict[str, dict[str, Any]]) -> None:
    base = found["planatlas"]
    print(f"{'row':<20} {'ready s':>8} {'p50 ms':>8} {'p95 ms':>8} {'peak MB':>8}  (word queries)")
    for name, row in found.items():
        if "error" in row:
            print(f"{name:<20} {row['error']}")
            continue
        w = row["words"]
        print(f"{name:<20} {row['ready_s']:>8} {w['p50']:>8.2f} {w['p95']:>8.2f} "
              f"{row['peak_mb']:>8.0f}")  # fmt: skip
    if "error" not in base:
        print(f"planatlas, every query with its filters: p50 {base['all']['p50']:.2f} ms, "
              f"p95 {base['all']['p95']:.2f} ms")  # fmt: skip
        other = found["planatlas-database"]
        if "error" not in other:
            same = sum(a == b for a, b in zip(base["totals"], other["totals"], strict=True))
            print(f"index and database found the same number on {same} of {len(QUERIES)} queries")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--db", help="an atlas to measure (default: bench/corpus/'s)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--row", help=argparse.SUPPRESS)
    parser.add_argument("--options", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.row:
        run_row(ROWS, args.row, json.loads(args.options))
        return
    url = atlas_for(args.statements, args.db)
    print(f"atlas: {url}")
    report(measure(url, args.runs))


if __name__ == "__main__":
    main()
