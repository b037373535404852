"""Build the demo corpus in examples/ from the hand-written sources in examples/src/.

Run: python examples/build.py            (writes the files, then reads each one back)
     python examples/build.py --check    (builds into a temporary folder and fails if the
                                          result differs from the files kept in examples/)

Each source is light Markdown: `# title`, `## heading`, `### subheading`, `- bullet`
(two spaces of indent per level), `1. numbered item`, an indented line continuing the
item above it (a line break inside the item), and any other line a paragraph of its own.
In a slide source `##` starts a new slide. `.md`, `.txt` and `.html` sources that are
not converted are copied byte for byte.

The output is deterministic: document properties carry fixed dates and authors, every
zip member gets the same timestamp, and reportlab runs in invariant mode, so building
twice gives identical bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
FIXED_TIME = dt.datetime(2025, 1, 1, 12, 0, 0)
ZIP_TIME = (2025, 1, 1, 12, 0, 0)
AUTHOR = "planatlas examples"


# --- the light Markdown the sources are written in --------------------------------------


@dataclass
class Block:
    """One heading, list item or paragraph of a source."""

    kind: str  # title | heading | bullet | number | para
    text: str
    level: int = 0  # heading level 1-2, or list depth from 0
    label: str = ""  # "3." for numbered items
    breaks: list[str] = field(default_factory=list)  # continuation lines

    @property
    def lines(self) -> list[str]:
        return [self.text, *self.breaks]

    @property
    def joined(self) -> str:
        return " ".join(self.lines)


def parse(source: str) -> list[Block]:
    """Blocks of a light-Markdown source, in order."""
    blocks: list[Block] = []
    for raw in source.splitlines():
        line = raw.rstrip()
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if not stripped:
            continue
        block = _block(stripped, indent)
        if block is None and indent and blocks and blocks[-1].kind in ("bullet", "number"):
            blocks[-1].breaks.append(stripped)
        else:
            blocks.append(block or Block("para", stripped))
    return blocks


def _block(stripped: str, indent: int) -> Block | None:
    if stripped.startswith("# "):
        return Block("title", stripped[2:])
    if stripped.startswith("## "):
        return Block("heading", stripped[3:], level=1)
    if stripped.startswith("### "):
        return Block("heading", stripped[4:], level=2)
    if stripped.startswith("- "):
        return Block("bullet", stripped[2:], level=indent // 2)
    label, _, rest = stripped.partition(" ")
    if rest and label.endswith(".") and label[:-1].isdigit():
        return Block("number", rest, level=indent // 2, label=label)
    return None


def slides(blocks: list[Block]) -> Iterator[tuple[Block, list[Block]]]:
    """(title block, body blocks) per slide; `#` and `##` both start a slide."""
    current: tuple[Block, list[Block]] | None = None
    for block in blocks:
        if block.kind in ("title", "heading"):
            if current:
                yield current
            current = (block, [])
        elif current:
            current[1].append(block)
    if current:
        yield current


# --- writers -------------------------------------------------------------------------------


def write_docx(blocks: list[Block], target: Path, title: str) -> None:
    from docx import Document

    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, AUTHOR, AUTHOR
    props.created = props.modified = FIXED_TIME
    props.revision, props.language = 1, "nb-NO"
    for block in blocks:
        if block.kind == "title":
            doc.add_heading(block.text, 0)
        elif block.kind == "heading":
            doc.add_heading(block.text, block.level)
        elif block.kind == "bullet":
            doc.add_paragraph(block.joined, style=_list_style("List Bullet", block.level))
        elif block.kind == "number":
            doc.add_paragraph(block.joined, style=_list_style("List Number", block.level))
        else:
            doc.add_paragraph(block.text)
    doc.save(str(target))


def _list_style(base: str, level: int) -> str:
    return base if level == 0 else f"{base} {min(level + 1, 3)}"


def write_pptx(blocks: list[Block], target: Path, title: str) -> None:
    from pptx import Presentation

    prs = Presentation()
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = title, AUTHOR, AUTHOR
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    for number, (head, body) in enumerate(slides(blocks)):
        if number == 0:
            slide = prs.slides.add_slide(prs.slide_layouts[0])
            slide.shapes.title.text = head.text
            slide.placeholders[1].text = "\n".join(b.text for b in body)
            continue
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = head.text
        frame = slide.placeholders[1].text_frame
        for index, block in enumerate(body):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            label = f"{block.label} " if block.kind == "number" else ""
            # a vertical tab becomes a line break: the slide line breaks mid-sentence
            paragraph.text = label + "\v".join(block.lines)
            paragraph.level = block.level
    prs.save(str(target))


def write_odt(blocks: list[Block], target: Path, title: str) -> None:
    from odf import dc, meta, text
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties

    doc = OpenDocumentText()
    doc.meta.addElement(dc.Title(text=title))
    doc.meta.addElement(dc.Creator(text=AUTHOR))
    doc.meta.addElement(meta.CreationDate(text=FIXED_TIME.isoformat()))
    doc.meta.addElement(dc.Date(text=FIXED_TIME.isoformat()))
    sizes = {1: "20pt", 2: "15pt", 3: "12.5pt"}
    heading_styles = {}
    for level, size in sizes.items():
        style = Style(name=f"Heading_20_{level}", displayname=f"Heading {level}")
        style.setAttribute("family", "paragraph")
        style.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.15cm"))
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        doc.styles.addElement(style)
        heading_styles[level] = style
    lists: list[tuple[int, Any]] = []  # open lists, innermost last
    for block in blocks:
        if block.kind not in ("bullet", "number"):
            lists.clear()
        if block.kind in ("title", "heading"):
            level = 1 if block.kind == "title" else block.level + 1
            heading = text.H(outlinelevel=level, stylename=heading_styles[level])
            heading.addText(block.text)
            doc.text.addElement(heading)
        elif block.kind in ("bullet", "number"):
            _odt_list_item(doc, lists, block)
        else:
            doc.text.addElement(text.P(text=block.text))
    doc.save(str(target))


def _odt_list_item(doc: Any, lists: list[tuple[int, Any]], block: Block) -> None:
    from odf import text

    while lists and lists[-1][0] > block.level:
        lists.pop()
    if not lists or lists[-1][0] < block.level:
        new_list = text.List()
        if lists:  # nest under the previous item
            lists[-1][1].lastChild.addElement(new_list)
        else:
            doc.text.addElement(new_list)
        lists.append((block.level, new_list))
    item = text.ListItem()
    label = f"{block.label} " if block.kind == "number" else ""
    item.addElement(text.P(text=label + block.joined))
    lists[-1][1].addElement(item)


def write_pdf(blocks: list[Block], target: Path, title: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    sheet = getSampleStyleSheet()
    styles = {"title": sheet["Title"], 1: sheet["Heading1"], 2: sheet["Heading2"]}
    body = sheet["BodyText"]
    body.fontSize, body.leading = 10, 13
    running = _running_header(blocks, title)

    def decorate(canvas: Any, document: Any) -> None:
        # the running header and the page number, on every page
        width, height = A4
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, height - 1.3 * cm, running)
        canvas.line(2 * cm, height - 1.45 * cm, width - 2 * cm, height - 1.45 * cm)
        canvas.drawRightString(width - 2 * cm, 1.2 * cm, f"Side {document.page}")
        canvas.restoreState()

    story: list[Any] = []
    for block in blocks:
        words = escape(block.joined)
        if block.kind == "title":
            story.append(Paragraph(words, styles["title"]))
        elif block.kind == "heading":
            story.append(Paragraph(words, styles[block.level]))
        elif block.kind in ("bullet", "number"):
            bullet = block.label or "•"
            indent = 0.6 * cm * (block.level + 1)
            story.append(Paragraph(words, _indented(body, indent), bulletText=bullet))
        else:
            story.append(Paragraph(words, body))
            story.append(Spacer(1, 2))
    document = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        topMargin=2.2 * cm,
        bottomMargin=2 * cm,
        title=title,
        author=AUTHOR,
        creator=AUTHOR,
        invariant=1,
    )
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)


def _running_header(blocks: list[Block], title: str) -> str:
    actor = next((b.text for b in blocks if b.kind == "para"), "")
    return f"{title}  |  {actor}" if actor else title


def _indented(base: Any, indent: float) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        f"list{indent:.0f}",
        parent=base,
        leftIndent=indent + 10,
        bulletIndent=indent - 4,
        spaceBefore=1,
    )


def copy_as_is(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)


# --- the corpus ----------------------------------------------------------------------------

Writer = Callable[[list[Block], Path, str], None]
WRITERS: dict[str, Writer] = {
    ".docx": write_docx,
    ".pptx": write_pptx,
    ".odt": write_odt,
    ".pdf": write_pdf,
}

# source in examples/src -> file in examples/
CORPUS: dict[str, str] = {
    "kystpartiet-helseprogram-2025-2029.md": "kystpartiet-helseprogram-2025-2029.docx",
    "framtidspartiet-helsepolitikk-2025-2029.txt": "framtidspartiet-helsepolitikk-2025-2029.txt",
    "pasientforbundet-vest-handlingsplan-2025-2026-v1.md": (
        "pasientforbundet-vest-handlingsplan-2025-2026-v1.md"
    ),
    "pasientforbundet-vest-handlingsplan-2025-2026-v2.md": (
        "pasientforbundet-vest-handlingsplan-2025-2026-v2.md"
    ),
    "regjeringen-helse-og-samhandlingsplan-utdrag.md": (
        "regjeringen-helse-og-samhandlingsplan-utdrag.pdf"
    ),
    "helse-fjordvik-utviklingsplan-lysark-2025-02-11.md": (
        "helse-fjordvik-utviklingsplan-lysark-2025-02-11.pptx"
    ),
    "sjoheim-kommune-helse-og-omsorgsplan-2025-2028.md": (
        "sjoheim-kommune-helse-og-omsorgsplan-2025-2028.odt"
    ),
    "helsearbeiderforbundet-handlingsplan-2025-2027.txt": (
        "helsearbeiderforbundet-handlingsplan-2025-2027.txt"
    ),
    "fastlegeforum-horingssvar-egenandeler-2025.md": (
        "fastlegeforum-horingssvar-egenandeler-2025.docx"
    ),
    "samhandlingsdirektoratet-nyhet-helsefellesskap-2025.html": (
        "samhandlingsdirektoratet-nyhet-helsefellesskap-2025.html"
    ),
    "sjoheim-kommune-nyheit-legevakt-2025.md": "sjoheim-kommune-nyheit-legevakt-2025.md",
}


def build_one(source: Path, target: Path) -> None:
    writer = WRITERS.get(target.suffix)
    if writer is None:
        copy_as_is(source, target)
        return
    blocks = parse(source.read_text(encoding="utf-8"))
    title = next(b.text for b in blocks if b.kind == "title")
    writer(blocks, target, title)
    if zipfile.is_zipfile(target):
        fix_zip_times(target)


def fix_zip_times(path: Path) -> None:
    """Rewrite a zip with one fixed timestamp per member, keeping order and compression."""
    with zipfile.ZipFile(path) as old:
        members = [(info, old.read(info.filename)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w") as new:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.create_system = 3
            fixed.external_attr = 0o644 << 16
            new.writestr(fixed, data)


def build(out: Path) -> list[Path]:
    """Write every file of the corpus into `out`; the paths written."""
    written = []
    for source_name, target_name in CORPUS.items():
        target = out / target_name
        build_one(SRC / source_name, target)
        written.append(target)
    return written


# --- reading the files back ----------------------------------------------------------------


def read_back(path: Path) -> str:
    """A short description of what the format's own library finds in the file."""
    suffix = path.suffix
    if suffix in (".docx", ".pptx", ".odt"):
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            if bad:
                raise ValueError(f"{path.name}: corrupt zip member {bad}")
    if suffix == ".docx":
        from docx import Document

        doc = Document(str(path))
        headings = sum(p.style.name.startswith(("Heading", "Title")) for p in doc.paragraphs)
        bullets = sum(p.style.name.startswith("List") for p in doc.paragraphs)
        return f"{len(doc.paragraphs)} paragraphs, {headings} headings, {bullets} list items"
    if suffix == ".pptx":
        from pptx import Presentation

        prs = Presentation(str(path))
        return f"{len(prs.slides)} slides"
    if suffix == ".odt":
        from odf import text
        from odf.opendocument import load

        doc = load(str(path))
        headings = len(doc.getElementsByType(text.H))
        items = len(doc.getElementsByType(text.ListItem))
        return f"{headings} headings, {items} list items"
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        pages = [pdf[n].get_textpage().get_text_range() for n in range(len(pdf))]
        pdf.close()
        if not all(f"Side {n}" in page for n, page in enumerate(pages, start=1)):
            raise ValueError(f"{path.name}: a page lacks its page number")
        return f"{len(pages)} pages, {sum(len(p) for p in pages)} characters"
    content = path.read_text(encoding="utf-8")
    return f"{len(content.splitlines())} lines of text"


def check_against_kept() -> int:
    """Build into a temporary folder; 1 if any kept file differs from a fresh build."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = build(Path(tmp))
        stale = [p.name for p in fresh if not filecmp.cmp(p, HERE / p.name, shallow=False)]
    for name in stale:
        print(f"differs from a fresh build: examples/{name}", file=sys.stderr)
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the kept files")
    args = parser.parse_args(argv)
    if args.check:
        return check_against_kept()
    for path in build(HERE):
        print(f"{path.relative_to(HERE.parent)}: {read_back(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
