"""Statements outside the codebook's field: how many get a position or a topic.

Run: .venv/bin/python bench/out_of_field.py [gold folder, default ../shared/gold/programmes]
Target: on the pages of each programme PDF outside its gold `pages` (the chapters that are
not about health), at most 2% of the statements get a position.

Each gold file names its source_pdf and the pages of its health chapter. The whole PDF is
read; the statements on the other pages are coded by the rules alone and by the default
coder. Nothing was learned from those pages: the model is trained on the gold statements,
which all lie within `pages`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from planatlas.coding import model
from planatlas.evaluate import gold_files, load_gold
from planatlas.pipeline import analyze, read
from planatlas.records import PageRange, Statement

TARGET = 0.02


def shares(statements: list[Statement]) -> tuple[float, float]:
    """Share with a position, share with a topic."""
    n = len(statements) or 1
    with_position = sum(1 for s in statements if s.coding.positions)
    with_topic = sum(1 for s in statements if s.coding.topics)
    return with_position / n, with_topic / n


def main(gold_dir: Path) -> None:
    shipped = model.trained_model()
    totals = {"rules": [0, 0], "default": [0, 0]}
    for path in gold_files(gold_dir):
        gold = load_gold(path)
        if gold.source_pdf is None or gold.pages is None:
            continue
        health = PageRange.parse(gold.pages)
        rules = analyze(read(gold.source_pdf), use_model=False)
        coded = {"rules": rules, "default": model.apply(shipped, rules) if shipped else rules}
        line = [f"{gold.source_pdf.name:34}"]
        for name, doc in coded.items():
            outside = [s for s in doc.statements if s.page is not None and s.page not in health]
            position, topic = shares(outside)
            totals[name][0] += sum(1 for s in outside if s.coding.positions)
            totals[name][1] += len(outside)
            line.append(f"{name}: {len(outside)} utsagn, {position:.1%} posisjon, {topic:.1%} tema")
        print("  ".join(line))
    for name, (hits, n) in totals.items():
        share = hits / (n or 1)
        verdict = "ok" if share <= TARGET else "OVER TARGET"
        print(f"{name}: {share:.1%} of {n} out-of-field statements get a position ({verdict})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/gold/programmes"))
