"""Comparison at scale: 200 actors, 30 issues, 100,000 statements.

Times, each on its own and best of three:
- position map + agreement of every pair + allies and opponents of one actor (target < 1 s);
- links for a new document of 60 statements against 100,000 stored ones (target < 2 s),
  the index over the stored statements being built once, as the web app keeps it.
The statements are generated (bench_coding_corpus), their positions drawn at random from the
taxonomy's issues so that actors share issues the way real ones do: a few salient issues
for everyone, a long tail for some.

    python bench/bench_compare.py [--statements 100000] [--actors 200]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

from bench_coding_corpus import corpus

from planatlas.coding.taxonomy import builtin_taxonomy
from planatlas.questions import positions as compare
from planatlas.questions.links import LinkIndex, LinkItem
from planatlas.questions.positions import Evidence

KINDS = ["demand", "measure", "goal", "fact", "challenge", "activity"]


def best_of(runs: int, work: Callable[[], Any]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def generated(statements: int, actors: int, seed: int = 3) -> tuple[list[LinkItem], list[Evidence]]:
    rng = random.Random(seed)
    issues = list(builtin_taxonomy().issues)[:30]
    weights = [1 / (rank + 1) for rank in range(len(issues))]  # a few issues everyone takes up
    leaning = {(a, i): rng.choice("+-~") for a in range(actors) for i in issues}
    texts = [s.text for doc in corpus(statements, seed=seed) for s in doc.statements]
    items, evidence = [], []
    for n, text in enumerate(texts[:statements]):
        actor = n % actors
        taken = rng.choices(issues, weights, k=rng.choice([0, 0, 1, 1, 2]))
        positions = tuple(
            (i, leaning[(actor, i)] if rng.random() < 0.85 else rng.choice("+-")) for i in taken
        )
        item = LinkItem(n, f"doc{n // 60}", f"aktør {actor}", text, rng.choice(KINDS), "nb",
                        (), positions)  # fmt: skip
        items.append(item)
        evidence += [
            Evidence(n, f"aktør {actor}", issue, direction, text, item.document)
            for issue, direction in positions
        ]
    return items, evidence


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=200)
    args = parser.parse_args()
    start = time.perf_counter()
    items, evidence = generated(args.statements, args.actors)
    print(f"{len(items):,} statements, {args.actors} actors, {len(evidence):,} positions "
          f"(generated in {time.perf_counter() - start:.1f} s)")  # fmt: skip

    def compare_all() -> None:
        pmap = compare.position_map(evidence)
        compare.agreements(pmap)
        compare.allies(pmap, "aktør 0")
        compare.opponents(pmap, "aktør 0")

    print(f"position map + agreement + allies/opponents: {best_of(3, compare_all):.3f} s")
    start = time.perf_counter()
    index = LinkIndex(items)
    print(
        f"link index over {len(items):,} statements built once: {time.perf_counter() - start:.1f} s"
    )
    new = [
        LinkItem(10**9 + n, "ny", "ny aktør", s.text, "demand", "nb", (), ())
        for n, s in enumerate(corpus(60, seed=99, size=60)[0].statements)
    ]
    took = best_of(3, lambda: index.links(new))
    print(f"links for a new document of {len(new)} statements: {took:.3f} s")


if __name__ == "__main__":
    main()
