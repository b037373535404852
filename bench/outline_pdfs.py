"""The outline of whole programme PDFs: is each statement under the heading the gold names?

Per gold file that names a `source_pdf` and its `pages` (../shared/gold/programmes): the PDF
is read at those pages, its statements are matched to the gold ones (planatlas.evaluate.match)
and, of the matched, the share whose nearest section title equals the gold `section`
(both normalised) is reported; also how many of the gold's section titles are headings read.

Per programme PDF (../shared/corpus/programmes/pdf), read whole: the count of headings and of
those that look wrong: one with a margin line number in it, one that starts with a bullet, one
that ends in a contents page number, one longer than 12 words, and one that is a piece of a
sentence (it starts in lower case, ends in a comma or a word like "og", or closes a
parenthesis it did not open).

    python bench/outline_pdfs.py [--gold ../shared/gold/programmes] [--pdfs DIR] [--json]
        [--show ap-program-2025.pdf]   # print that PDF's headings, wrong ones marked
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from planatlas.evaluate import gold_files, load_gold, match, normalise
from planatlas.pipeline import read
from planatlas.reading.layout import goes_on
from planatlas.records import Document, PageRange

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
LONG = 12  # words: a heading longer than this is a sentence or a wrapped line taken as one

_LINE_NUMBER = re.compile(r"^\d{2,5}\s+[a-zæøå•●▪◦]|\b\d{2,5}\s+[•●▪◦]")
_BULLET = re.compile(r"^[•●▪◦■□‣⁃∙·○\-–*]\s")
_CHAPTER_WORD = re.compile(r"(?:kapittel|kap\.|del|nr\.?|punkt)\s+\d{1,3}$", re.IGNORECASE)
_CONTENTS_NUMBER = re.compile(r"(?:\.{2,}|…|\s)\s*\d{1,3}$")


def faults(title: str) -> list[str]:
    """What makes a heading look wrong, if anything."""
    found = []
    if _LINE_NUMBER.search(title):
        found.append("line_number")
    if _BULLET.match(title):
        found.append("bullet")
    if _CONTENTS_NUMBER.search(title) and not _CHAPTER_WORD.search(title):
        found.append("toc_number")
    if len(title.split()) > LONG:
        found.append("long")
    if title[:1].islower() or goes_on(title) or title.count(")") > title.count("("):
        found.append("fragment")
    return found


def nearest(section: tuple[str, ...]) -> str:
    return normalise(section[-1]) if section else ""


def section_accuracy(doc: Document, gold: list[dict[str, Any]]) -> dict[str, Any]:
    pairs = match([s.text for s in doc.statements], [g["text"] for g in gold])
    right = sum(
        1
        for p, g in pairs
        if nearest(doc.statements[p].section) == normalise(str(gold[g].get("section") or ""))
    )
    titles = {normalise(str(g.get("section") or "")) for g in gold} - {""}
    read_titles = {normalise(s.title) for s in doc.sections}
    return {
        "matched": len(pairs),
        "gold": len(gold),
        "section_right": right,
        "section_accuracy": round(right / len(pairs), 3) if pairs else 0.0,
        "gold_titles": len(titles),
        "gold_titles_read": len(titles & read_titles),
    }


def by_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for path in gold_files(gold_dir):
        gold = load_gold(path)
        if gold.source_pdf is None or gold.pages is None:
            continue
        doc = read(gold.source_pdf, pages=PageRange.parse(gold.pages))
        out[gold.source_pdf.name] = section_accuracy(doc, gold.statements)
    return out


def headings(doc: Document) -> dict[str, Any]:
    wrong: dict[str, int] = {}
    bad = 0
    for section in doc.sections:
        found = faults(section.title)
        bad += bool(found)
        for fault in found:
            wrong[fault] = wrong.get(fault, 0) + 1
    return {"headings": len(doc.sections), "wrong": bad, **wrong}


def show(path: Path) -> None:
    for section in read(path).sections:
        mark = ",".join(faults(section.title))
        wrong = f"\t<< {mark}" if mark else ""
        print(f"{section.level} p{section.page}\t{section.title}{wrong}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "programmes")
    parser.add_argument("--pdfs", type=Path, default=SHARED / "corpus" / "programmes" / "pdf")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", help="print the headings of this PDF (a name in --pdfs)")
    args = parser.parse_args()
    if args.show:
        show(args.pdfs / args.show)
        return
    sections = by_gold(args.gold)
    whole = {path.name: headings(read(path)) for path in sorted(args.pdfs.glob("*.pdf"))}
    if args.json:
        print(json.dumps({"sections": sections, "headings": whole}, indent=1))
        return
    print("section accuracy (gold pages)")
    for name, row in sections.items():
        print(
            f"  {name:40} {row['section_accuracy']:.3f}  ({row['section_right']}/{row['matched']}"
            f" matched of {row['gold']}; gold titles read {row['gold_titles_read']}"
            f"/{row['gold_titles']})"
        )
    right = sum(r["section_right"] for r in sections.values())
    matched = sum(r["matched"] for r in sections.values())
    print(f"  {'all':40} {right / max(matched, 1):.3f}  ({right}/{matched})")
    print("headings of whole PDFs (wrong-looking)")
    for name, row in whole.items():
        kinds = ", ".join(f"{k} {v}" for k, v in row.items() if k not in ("headings", "wrong"))
        print(f"  {name:40} {row['headings']:4} headings, {row['wrong']:3} wrong  {kinds}")


if __name__ == "__main__":
    main()
