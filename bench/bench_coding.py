"""Statements per second of the default coder (rules, then the shipped model) and of the
rules alone, on one core.

Run: .venv/bin/python bench/bench_coding.py [count]
Targets: the default coder at least 3,000 statements per second on one core; the rules
alone at least 5,000, after warm-up.

The corpus is generated (bench/bench_coding_corpus.py): documents of every genre whose
statements are made up from templates and the lexicons, almost all of them unique; a third
of the documents come without a language, so code_document works it out first, as it does
for a file without metadata. The warm-up and each of the three timed runs code a corpus of
their own seed, so word caches are warm as on a real run and no statement is coded twice.
The rate is per second of CPU time of this process (wall time is printed beside it), so
that other work on the machine slows the figure down less.

Both coders are the product's own door, `pipeline.analyze` (one pause of the collector over
the rules and the model), timed as a batch runs it: after `pipeline.warm_up`, which freezes
what is loaded out of the collector's walks (gc.freeze), and with the batch's collection
threshold (`collector.fewer_collections`). At the default threshold a collection right after
each document walks the document just coded, which costs about a tenth more.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from bench_coding_corpus import corpus, pin_one_core

from planatlas import collector, pipeline
from planatlas.coding import model
from planatlas.records import Document

TARGETS = {"rules": 5000, "default": 3000}


def coders() -> dict[str, Callable[[Document], Document]]:
    """The product's one door into coding, `pipeline.analyze`, with the shipped model and
    without (PLANATLAS_MODEL unset: the default coder)."""
    if model.trained_model() is None:
        raise SystemExit("no trained model: PLANATLAS_MODEL=rules, or the shipped one is missing")
    return {
        "rules": lambda doc: pipeline.analyze(doc, use_model=False),
        "default": pipeline.analyze,
    }


def rate(code: Callable[[Document], Document], count: int, seeds: tuple[int, ...]) -> float:
    rates = []
    for seed in seeds:
        docs = corpus(count, seed=seed)
        wall, cpu = time.perf_counter(), time.process_time()
        with collector.fewer_collections():  # as a batch codes (batch.py)
            for doc in docs:
                code(doc)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        rates.append(count / cpu)
        print(
            f"  run {len(rates)}: {rates[-1]:,.0f} per CPU second, "
            f"{count / wall:,.0f} per wall second"
        )
    return max(rates)


def main(count: int) -> None:
    print(pin_one_core())
    found = coders()
    for code in found.values():
        for doc in corpus(2000, seed=3):  # warm-up: data files, the model, word caches
            code(doc)
    pipeline.warm_up()
    best = {}
    for n, (name, code) in enumerate(found.items()):
        print(name)
        best[name] = rate(code, count, (11 + 10 * n, 12 + 10 * n, 13 + 10 * n))
    for name, value in best.items():
        verdict = "ok" if value >= TARGETS[name] else "UNDER TARGET"
        print(
            f"{name}: {value:,.0f} statements/s on one core, best of 3 "
            f"(target {TARGETS[name]:,}: {verdict})"
        )
    print(f"the model costs {best['rules'] / best['default']:.2f}× the time of the rules alone")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
