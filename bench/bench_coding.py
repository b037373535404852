"""Statements per second of the whole coder (code_document), on one core.

Run: .venv/bin/python bench/bench_coding.py [count]
Target: at least 5,000 statements per second on one core, after warm-up.

The corpus is generated (bench/bench_coding_corpus.py): documents of every genre whose
statements are made up from templates and the lexicons, almost all of them unique; a third
of the documents come without a language, so code_document works it out first, as it does
for a file without metadata. The warm-up and each of the three timed runs code a corpus of
their own seed, so word caches are warm as on a real run and no statement is coded twice.
The rate is per second of CPU time of this process (wall time is printed beside it), so
that other work on the machine slows the figure down less.
"""

from __future__ import annotations

import sys
import time

from bench_coding_corpus import corpus, pin_one_core

from planatlas.coding import code_document


def main(count: int) -> None:
    print(pin_one_core())
    for doc in corpus(2000, seed=3):  # warm-up: load data files, models and word caches
        code_document(doc)
    rates = []
    for seed in (11, 12, 13):
        docs = corpus(count, seed=seed)
        texts = {s.text for d in docs for s in d.statements}
        wall, cpu = time.perf_counter(), time.process_time()
        for doc in docs:
            code_document(doc)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        rates.append(count / cpu)
        print(
            f"run {len(rates)}: {rates[-1]:,.0f} statements per CPU second, "
            f"{count / wall:,.0f} per wall second ({len(texts)} unique texts)"
        )
    print(f"{count} statements, best of 3 runs: {max(rates):,.0f} statements/s on one core")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
