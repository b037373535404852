"""Sentence splitting and tokenising, side by side with spaCy's blank Norwegian pipeline.

The same paragraphs for both: the running text of the demo corpus (examples/, read by the
product's readers) and generated paragraphs of five to ten statements each
(bench/corpus.py's pool: Bokmål and Nynorsk, abbreviations, numbers, dates).

- `planatlas`: reading/sentences.py's split_sentences, then the analysis's tokens
  (coding/normalize.py's word pattern) of each sentence;
- `spacy`: `spacy.blank("nb")` with its rule-based `sentencizer` (no model download), the
  sentences' tokens.

Figures: paragraphs per second, sentences found, peak memory; each in a process of its own.

    python bench/bench_text.py [--paragraphs 3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from rows import in_child, run_row  # noqa: E402


def paragraphs(count: int) -> list[str]:
    """The demo corpus's paragraphs and generated ones, `count` in all."""
    from corpus import example_statements

    from planatlas.batch import expand
    from planatlas.errors import PlanatlasError
    from planatlas.reading import readers

    found = []
    for path in expand([str(HERE.parent / "examples")]):
        try:
            raw, _ = readers.read_path(path)
        except PlanatlasError:
            continue
        found += [b.text for b in raw.blocks if len(b.text) > 80]
    texts = [s.text for s, _ in example_statements() if s.form == "sentence"]
    rng = random.Random(3)
    while len(found) < count:
        found.append(" ".join(rng.sample(texts, min(len(texts), rng.randint(5, 10)))))
    return found[:count]


def _timed(work: Any, items: list[str], runs: int) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        count = work(items)
        best = min(best, time.perf_counter() - started)
    return best, count


def row_planatlas(count: int, runs: int) -> dict[str, Any]:
    from planatlas.coding.normalize import _TOKEN
    from planatlas.reading.sentences import split_sentences

    items = paragraphs(count)

    def work(texts: list[str]) -> int:
        found = 0
        for text in texts:
            for sentence in split_sentences(text):
                _TOKEN.findall(sentence.lower())
                found += 1
        return found

    seconds, sentences = _timed(work, items, runs)
    return {"seconds": seconds, "per_s": len(items) / seconds, "sentences": sentences}


def row_spacy(count: int, runs: int) -> dict[str, Any]:
    import spacy

    nlp = spacy.blank("nb")
    nlp.add_pipe("sentencizer")
    items = paragraphs(count)

    def work(texts: list[str]) -> int:
        found = 0
        for doc in nlp.pipe(texts, batch_size=256):
            for sentence in doc.sents:
                [t.lower_ for t in sentence]
                found += 1
        return found

    seconds, sentences = _timed(work, items, runs)
    return {"seconds": seconds, "per_s": len(items) / seconds, "sentences": sentences}


ROWS = {"planatlas": row_planatlas, "spacy": row_spacy}


def measure(count: int, runs: int) -> dict[str, dict[str, Any]]:
    options = {"count": count, "runs": runs}
    return {name: in_child(Path(__file__), name, options, 1800) for name in ROWS}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--row", help=argparse.SUPPRESS)
    parser.add_argument("--options", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.row:
        run_row(ROWS, args.row, json.loads(args.options))
        return
    found = measure(args.paragraphs, args.runs)
    for name, row in found.items():
        print(name, row)


if __name__ == "__main__":
    main()
