"""Microseconds per statement of each step of the coder, on one core.

Run: .venv/bin/python bench/bench_coding_parts.py [count]

The steps run in the order code_document runs them (the document's language first, where
the document does not state it), over the generated corpus of bench/bench_coding_corpus.py
after a warm-up on another seed. Each step is timed on its own, in CPU time.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from bench_coding_corpus import corpus, pin_one_core

from planatlas.coding import (
    code_document,
    document_language,
    kinds,
    language,
    positions,
    references,
    targets,
    topics,
)
from planatlas.coding.taxonomy import builtin_taxonomy
from planatlas.records import Document, Statement

Step = tuple[str, Callable[[], Any]]


def timed(count: int, seed: int) -> dict[str, float]:
    """CPU seconds per step over a fresh corpus."""
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    for doc in corpus(count, seed=seed):
        start = clock()
        lang = doc.language or document_language(doc)
        spent["document_language"] += clock() - start
        doc = replace(doc, language=lang)
        for statement in doc.statements:
            for name, call in _steps(statement, doc):
                start = clock()
                call()
                spent[name] += clock() - start
    return spent


def _steps(statement: Statement, doc: Document) -> list[Step]:
    """The steps of code_statement for one statement; each leaves what the next needs."""
    tax = builtin_taxonomy()
    text = statement.text
    state: dict[str, Any] = {}

    def detect() -> None:
        found = language.detect(text, doc.language)[0]
        state["fold"] = found if found in ("nb", "nn") else "nb"

    def topic() -> None:
        state["topics"] = [t for t, _ in topics.topics(text, state["fold"], tax)]

    def kind() -> None:
        state["kind"] = kinds.kind(statement, doc, state["topics"])[0]

    return [
        ("language.detect", detect),
        ("topics.topics", topic),
        ("kinds.kind", kind),
        (
            "positions.positions",
            lambda: positions.positions(text, state["fold"], tax, state["kind"]),
        ),
        ("targets.extract", lambda: targets.extract(text, doc.year)),
        ("references", lambda: references.references(text)),
        ("organisations", lambda: references.organisations(text)),
    ]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    print(pin_one_core())
    started = time.perf_counter()
    for doc in corpus(2000, seed=3):  # warm-up: data files, lingua, word caches
        code_document(doc)
    print(f"load and warm-up: {time.perf_counter() - started:.2f} s")
    spent = timed(count, seed=11)
    total = sum(spent.values())
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"{name:22} {seconds / count * 1e6:7.1f} µs per statement")
    print(f"{'all steps':22} {total / count * 1e6:7.1f} µs: {count / total:,.0f} statements/s")


if __name__ == "__main__":
    main()
