"""Build an atlas of 100,000 generated statements from 200 actors, for the scale benchmarks.

The documents come from bench_coding_corpus (varied Bokmål and Nynorsk statements in every
form), each given one of `--actors` actors, coded by the rules and stored as the product
stores them. Then it times what the views need first: loading every statement, building the
position map and the link index.

    python bench/big_atlas.py bench/corpus/big.db [--statements 100000] [--actors 200]
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from pathlib import Path

from bench_coding_corpus import corpus

from planatlas.coding import code_document
from planatlas.store import Atlas

KINDS = ["party", "organisation", "government", "directorate", "municipality", "health_trust"]


def build(path: Path, statements: int, actors: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    rng = random.Random(11)
    start = time.perf_counter()
    with Atlas(f"sqlite:///{path}") as atlas:
        for n, doc in enumerate(corpus(statements, seed=5, size=50)):
            actor = n % actors
            named = replace(
                doc,
                actor=f"Aktør {actor:03d}",
                actor_kind=KINDS[actor % len(KINDS)],
                title=f"Plan {n} for aktør {actor:03d}",
                period=f"{rng.randint(2020, 2026)}/{rng.randint(2027, 2030)}",
            )
            atlas.add(code_document(named))
        counts = atlas.overview()
    took = time.perf_counter() - start
    print(f"built {path}: {counts['statements']:,} statements, {counts['actors']} actors, "
          f"{counts['documents']:,} documents in {took:.0f} s")  # fmt: skip


def warm(path: Path) -> None:
    from planatlas.questions.allies import allies_of
    from planatlas.questions.compare import position_map_of
    from planatlas.questions.snapshot import snapshot

    with Atlas(f"sqlite:///{path}") as atlas:
        start = time.perf_counter()
        snap = snapshot(atlas)
        print(
            f"load every statement: {time.perf_counter() - start:.2f} s ({len(snap.statements):,})"
        )
        start = time.perf_counter()
        position_map_of(atlas)
        print(f"position map (first, with evidence): {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        _ = snap.salience
        print(f"salience: {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        _ = snap.link_index
        print(f"link index: {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        allies_of(atlas, "Aktør 000")
        print(f"allies (cached snapshot): {time.perf_counter() - start:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="Only time an existing atlas.")
    args = parser.parse_args()
    if not args.reuse:
        build(args.path, args.statements, args.actors)
    warm(args.path)


if __name__ == "__main__":
    main()
