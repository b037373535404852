"""Statements outside the codebook's field: how many get a position or a topic.

Run: .venv/bin/python bench/out_of_field.py [gold folder, default ../shared/gold/programmes]
Target: on the pages of each programme PDF outside its gold `pages` (the chapters that are
not about health), at most 2% of the statements get a position. The share that gets a topic
is printed beside it: such statements get none either, or they count in salience.

Each gold file names its source_pdf and the pages of its health chapter. Some programmes
have chapters within the codebook's field beside it (elderly care, drug care, alcohol,
global health): their pages, read off each PDF's table of contents (`ALSO_IN_FIELD`), are
neither inside nor outside and are left out of both counts. The whole PDF is
read and coded by the rules alone and by the default coder. The model learns what lies
outside the field from the other chapters of the programmes, so each PDF is coded by the
shipped file's fold for its gold document: trained without that programme's gold and
without its other chapters. Beside it, the share of the gold statements, as read from the
same PDF, that the model keeps in the field (that keep their topics), and their position F1
against the gold: a stricter field must not cost the health chapter its positions.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from planatlas.coding import model
from planatlas.evaluate import GoldDocument, gold_files, load_gold, match, score_document
from planatlas.pipeline import analyze, read
from planatlas.records import Document, PageRange, Statement

TARGET = 0.02

# PDF pages of chapters within the codebook's field outside the gold's pages, from each
# programme's table of contents (printed page + the PDF's offset).
ALSO_IN_FIELD: dict[str, tuple[str, ...]] = {
    "ap-program-2025.pdf": ("55-57", "110"),  # 13 Eldre og seniorer; 45 Global helse
    "krf-program-2025.pdf": ("24-27",),  # Rus og rusomsorg; Eldre
    "frp-program-2025.pdf": ("61",),  # Alkohol og tobakk
}


def outside_field(doc: Document, health: PageRange, pdf: str) -> list[Statement]:
    """The statements on pages of no chapter within the field."""
    also = [PageRange.parse(pages) for pages in ALSO_IN_FIELD.get(pdf, ())]
    return [
        s
        for s in doc.statements
        if s.page is not None and s.page not in health and not any(s.page in r for r in also)
    ]


def shares(statements: list[Statement]) -> tuple[float, float]:
    """Share with a position, share with a topic."""
    n = len(statements) or 1
    with_position = sum(1 for s in statements if s.coding.positions)
    with_topic = sum(1 for s in statements if s.coding.topics)
    return with_position / n, with_topic / n


def in_field(doc: Document, gold_texts: list[str]) -> list[Statement]:
    pairs = match([s.text for s in doc.statements], gold_texts)
    return [doc.statements[p] for p, _ in pairs]


def position_f1(doc: Document, inside: list[Statement], gold: GoldDocument) -> float:
    """Position F1 of the gold statements as read from the whole PDF."""
    return score_document(replace(doc, statements=inside), gold).positions.f1


def main(gold_dir: Path) -> None:
    found = model.model_file()
    totals = {"rules": [0, 0], "default": [0, 0]}
    for path in gold_files(gold_dir):
        gold = load_gold(path)
        if gold.source_pdf is None or gold.pages is None:
            continue
        health = PageRange.parse(gold.pages)
        rules = analyze(read(gold.source_pdf), use_model=False)
        fold = found.held_out_for(read(gold.document).content_hash) if found else None
        coded = {"rules": rules, "default": model.apply(fold, rules) if fold else rules}
        line = [f"{gold.source_pdf.name:30}"]
        for name, doc in coded.items():
            outside = outside_field(doc, health, gold.source_pdf.name)
            position, topic = shares(outside)
            inside = in_field(doc, [g["text"] for g in gold.statements])
            _, kept = shares(inside)
            f1 = position_f1(doc, inside, gold)
            totals[name][0] += sum(1 for s in outside if s.coding.positions)
            totals[name][1] += len(outside)
            line.append(
                f"{name}: {len(outside)} utenfor, {position:.1%} posisjon, {topic:.1%} tema; "
                f"{len(inside)} gullutsagn, {kept:.1%} med tema, posisjons-F1 {f1:.3f}"
            )
        print("  ".join(line))
    for name, (hits, n) in totals.items():
        share = hits / (n or 1)
        verdict = "ok" if share <= TARGET else "OVER TARGET"
        print(f"{name}: {share:.1%} ({hits}) of {n} out-of-field statements get a position", end="")
        print(f" ({verdict})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/gold/programmes"))
