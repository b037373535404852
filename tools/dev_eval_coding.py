"""Dev check of the coder against the gold: kind accuracy, topic and position micro-F1.

Reads each seed through the real reader and segmenter (for forms, lead-ins, speakers),
pairs the statements with the gold ones, takes actor and genre from the gold file, runs
code_statement, and prints per-document and overall scores and the misses.

Run: .venv/bin/python tools/dev_eval_coding.py [-v]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from planatlas.coding import code_statement
from planatlas.evaluate import load_gold, match
from planatlas.pipeline import read
from planatlas.records import Document, Statement

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


@dataclass
class F1:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[Any], gold: set[Any]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def f1(self) -> float:
        if not (self.tp or self.fp or self.fn):
            return 1.0  # nothing to find and nothing found
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


@dataclass
class Scores:
    kind_ok: int = 0
    n: int = 0
    topics: F1 | None = None
    positions: F1 | None = None

    def __post_init__(self) -> None:
        self.topics, self.positions = F1(), F1()

    def line(self, name: str) -> str:
        assert self.topics and self.positions
        return (
            f"{name:55s} n={self.n:3d} kind={self.kind_ok / max(1, self.n):.3f} "
            f"topics={self.topics.f1:.3f} positions={self.positions.f1:.3f}"
        )


def statements_for(gold_path: Path) -> tuple[Document, list[tuple[Statement, dict[str, Any]]]]:
    gold = load_gold(gold_path)
    raw = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    doc = read(gold.document)
    doc = replace(doc, actor=raw.get("actor"), genre=raw.get("genre"))
    pairs = match([s.text for s in doc.statements], [g["text"] for g in gold.statements])
    by_gold = {gi: doc.statements[pi] for pi, gi in pairs}
    out = []
    for gi, g in enumerate(gold.statements):
        st = by_gold.get(gi) or Statement(index=gi, text=g["text"], section=(g["section"],))
        out.append((st, g))
    return doc, out


def main(verbose: bool) -> None:
    total = Scores()
    for path in sorted(GOLD.glob("*.yaml")):
        doc, pairs = statements_for(path)
        score = Scores()
        for st, g in pairs:
            c = code_statement(st, doc)
            ok = c.kind == g["kind"]
            pt = set(c.topics)
            gt = set(g.get("topics") or [])
            pp = {(p.issue, p.direction) for p in c.positions}
            gp = {(p["issue"], str(p["direction"])) for p in g.get("positions") or []}
            for s in (score, total):
                s.n += 1
                s.kind_ok += ok
                assert s.topics and s.positions
                s.topics.add(pt, gt)
                s.positions.add(pp, gp)
            if verbose and (not ok or pt != gt or pp != gp):
                print(f"  {st.text[:90]}")
                if not ok:
                    print(f"     kind {c.kind} != {g['kind']}")
                if pt != gt:
                    print(f"     topics {sorted(pt)} != {sorted(gt)}")
                if pp != gp:
                    print(f"     positions {sorted(pp)} != {sorted(gp)}")
        print(score.line(path.stem))
    print(total.line("ALL"))


if __name__ == "__main__":
    main("-v" in sys.argv)
