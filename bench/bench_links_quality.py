"""Link quality on the seed corpus: precision of the top-3 links per statement.

There are no gold links, but every seed statement has gold coding, so each proposed link is
judged by what the gold says of its two statements:
- same_position: the gold gives both the same issue and direction;
- opposite_position: the gold gives both the same issue with opposite directions;
- answers: the gold makes one a demand or goal and the other a measure, and they share an
  issue without opposing each other (full), or share an issue or a topic (partial);
- similar: the gold gives both at least one topic in common.
Links are made from the analysis's own coding (rules only), as in the product.

    python bench/bench_links_quality.py [../shared/gold]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from planatlas.evaluate import load_gold, match
from planatlas.pipeline import analyze
from planatlas.questions.links import (
    DEMAND_KINDS,
    MEASURE_KINDS,
    OPPOSITE,
    Link,
    LinkIndex,
    LinkItem,
)

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def load(gold_dir: Path) -> tuple[list[LinkItem], dict[int, dict]]:
    items: list[LinkItem] = []
    gold_of: dict[int, dict] = {}
    for path in sorted(gold_dir.glob("*.yaml")):
        gold = load_gold(path)
        doc = analyze(gold.document, use_model=False)
        pairs = match([s.text for s in doc.statements], [g["text"] for g in gold.statements])
        for pi, gi in pairs:
            s = doc.statements[pi]
            item = LinkItem(
                id=len(items),
                document=path.stem,
                actor=doc.actor,
                text=s.text,
                kind=s.coding.kind,
                language=s.coding.language,
                topics=tuple(s.coding.topics),
                positions=tuple((p.issue, p.direction) for p in s.coding.positions),
                section=s.section,
            )
            items.append(item)
            gold_of[item.id] = gold.statements[gi]
    return items, gold_of


def positions(g: dict) -> set[tuple[str, str]]:
    return {(p["issue"], str(p["direction"])) for p in g.get("positions") or ()}


def correct(link: Link, a: dict, b: dict) -> bool:
    pa, pb = positions(a), positions(b)
    issues = {i for i, _ in pa} & {i for i, _ in pb}
    opposed = {i for i, d in pa for j, e in pb if i == j and (d, e) in OPPOSITE}
    topics = set(a.get("topics") or ()) & set(b.get("topics") or ())
    if link.type == "same_position":
        return bool(pa & pb)
    if link.type == "opposite_position":
        return bool(opposed)
    if link.type == "answers":
        kinds = {a.get("kind"), b.get("kind")}
        roles = bool(kinds & set(DEMAND_KINDS)) and bool(kinds & set(MEASURE_KINDS))
        if link.degree == "full":
            return roles and bool(issues - opposed)
        return roles and bool((issues - opposed) or topics)
    return bool(topics)


def main() -> None:
    gold_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD
    items, gold_of = load(gold_dir)
    links = LinkIndex(items).links(items, top=3)
    judged = Counter()
    right = Counter()
    for link in links:
        judged[link.type] += 1
        right[link.type] += correct(link, gold_of[link.source], gold_of[link.target])
    linked = len({link.source for link in links})
    print(f"{len(items)} statements, {linked} with at least one link, {len(links)} links (top 3)")
    for kind in sorted(judged):
        share = right[kind] / judged[kind]
        print(f"  {kind:18} {right[kind]:4} / {judged[kind]:4}  precision {share:.3f}")
    total = sum(judged.values())
    hits = sum(right.values())
    print(f"  {'all':18} {hits:4} / {total:4}  precision {hits / total:.3f}")


if __name__ == "__main__":
    main()
