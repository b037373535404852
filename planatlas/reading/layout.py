"""Layout: turn lines of text (plain text, Markdown, PDF) into headings, paragraphs and items.

Real documents break lines anywhere: slide text wraps mid-sentence, PDF lines end at the
margin, copied web pages keep bullets as "  •   item". The rules here, in order:

1. Each line is parsed for indent, a list marker (•, -, *, –, 1., a), ...) or a Markdown heading.
2. Lines of one paragraph (no blank line between) join: a marker starts a new item, a line
   without one continues the item or text above it.
3. A block that stops mid-sentence continues into the next paragraph when that one starts in
   lower case ("... står fritt til å endre" + blank + "forslaget såfremt ...").
4. Numbered lines in a run (1., 2., 3.) are a list; a lone numbered line followed by running
   text is a heading ("1. Utfordringer - felles definisjon ...").
5. A short line without closing punctuation is a heading when a list follows it or when it
   has no finite verb; otherwise it is a sentence that lost its full stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from planatlas.reading.boilerplate import is_boilerplate
from planatlas.records import Block

BULLET_CHARS = "•●◦▪▫■□‣⁃∙·○-–*+"
_BULLET = re.compile(r"^(?P<marker>[•●◦▪▫■□‣⁃∙·○]|[-–*+](?=\s))\s*(?P<text>.*)$")
_NUMBER = re.compile(r"^(?P<marker>(?:\d{1,2}\.){1,3}|\d{1,2}\)|[a-zæøå][.)])\s+(?P<text>\S.*)$")
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(\S.*?\S|\S)\1")
_SETEXT = re.compile(r"^(=+|-{3,})\s*$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")

TERMINAL = (".", "!", "?", "»", "”", '"', ")")
CONNECTORS = {"og", "eller", "samt", "til", "i", "på", "av", "for", "med", "om", "fra", "frå", "at"}
# Finite verbs that tell a sentence from a heading when the full stop is missing.
FINITE_VERBS = frozenset(
    [
        "er",
        "var",
        "vil",
        "ville",
        "skal",
        "skulle",
        "må",
        "måtte",
        "bør",
        "burde",
        "kan",
        "kunne",
        "har",
        "hadde",
        "blir",
        "ble",
        "vart",
        "vert",
        "blei",
        "får",
        "fekk",
        "fikk",
        "gir",
        "gjev",
        "går",
        "kommer",
        "kjem",
        "mener",
        "meiner",
        "ønsker",
        "ønskjer",
        "sier",
        "seier",
        "trenger",
        "treng",
        "ser",
        "tar",
        "tek",
        "gjelder",
        "gjeld",
        "finnes",
        "fins",
        "står",
    ]
)


@dataclass(frozen=True)
class Line:
    """One line as a reader sees it; `heading` is set where the format marks a heading."""

    text: str
    page: int | None = None
    heading: int | None = None


@dataclass
class _Chunk:
    kind: str  # plain | item | heading | numbered
    text: str
    indent: int = 0
    marker: str | None = None
    page: int | None = None
    level: int = 0
    paragraph: int = 0  # which blank-line separated paragraph it started in
    broken: bool = False  # the last line ended with a space or hyphen: a wrapped line


def clean_inline(text: str) -> str:
    """Fold whitespace and read Markdown links and emphasis as their text."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _SPACES.sub(" ", text).strip()


def lines_from_text(text: str) -> list[Line]:
    return [Line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def blocks_from_text(text: str) -> list[Block]:
    """Blocks of a plain text or Markdown document."""
    return blocks_from_lines(lines_from_text(text))


def blocks_from_lines(lines: list[Line]) -> list[Block]:
    chunks = _chunks(_setext_to_atx(lines))
    chunks = _join_broken_paragraphs(chunks)
    chunks = _resolve_numbered(chunks)
    return _to_blocks(chunks)


def _setext_to_atx(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        if _SETEXT.match(line.text.strip()) and out and out[-1].text.strip():
            level = 1 if line.text.strip().startswith("=") else 2
            out[-1] = replace(out[-1], heading=level)
            continue
        out.append(line)
    return out


def _indent(raw: str) -> int:
    stripped = raw.replace("\t", "    ").replace("\u00a0", " ")
    return len(stripped) - len(stripped.lstrip(" "))


def _chunks(lines: list[Line]) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    paragraph = 0
    open_chunk: _Chunk | None = None  # the chunk a marker-less line continues
    lead_in_open = False  # a "Nettverket skal:" line: following plain lines are items
    for line in lines:
        raw = line.text.replace("\u00a0", " ")
        stripped = _SPACES.sub(" ", raw).strip()
        if not stripped or _is_furniture(stripped):
            paragraph += 1
            open_chunk, lead_in_open = None, False
            continue
        broken = raw.rstrip("\n") != raw.rstrip() or stripped.endswith("-")
        chunk = _parse_line(stripped, raw, line, paragraph)
        if chunk is None and open_chunk is not None and not lead_in_open:
            if _starts_new_block(open_chunk, stripped):
                chunk = _Chunk("plain", stripped, page=line.page, paragraph=paragraph)
            else:
                open_chunk.text = _join(open_chunk.text, stripped)
                open_chunk.broken = broken
                continue
        if chunk is None:
            kind = "item" if lead_in_open else "plain"
            chunk = _Chunk(kind, stripped, indent=_indent(raw), page=line.page, paragraph=paragraph)
            if lead_in_open:
                chunk.marker = ""
        chunk.broken = broken
        chunks.append(chunk)
        open_chunk = chunk if chunk.kind != "heading" else None
        opens_list = chunk.kind == "plain" and stripped.endswith(":") and not broken
        lead_in_open = opens_list or (lead_in_open and chunk.marker == "")
    return chunks


def _is_furniture(line: str) -> bool:
    """Boilerplate lines ("top of page", "• Publisert: 20. mars 2024.") act as blank lines."""
    if is_boilerplate(line):
        return True
    bullet = _BULLET.match(line)
    return bullet is not None and bool(bullet["text"]) and is_boilerplate(bullet["text"])


def _parse_line(stripped: str, raw: str, line: Line, paragraph: int) -> _Chunk | None:
    """A chunk when the line opens one (heading, bullet, number); None for a plain line."""
    if line.heading:
        return _Chunk("heading", stripped, page=line.page, level=line.heading, paragraph=paragraph)
    if m := _MD_HEADING.match(stripped):
        level = len(m["hashes"])
        return _Chunk("heading", m["text"], page=line.page, level=level, paragraph=paragraph)
    indent = _indent(raw)
    if m := _BULLET.match(stripped):
        if not m["text"]:
            return None
        return _Chunk("item", m["text"], indent, m["marker"], line.page, paragraph=paragraph)
    if m := _NUMBER.match(stripped):
        return _Chunk("numbered", m["text"], indent, m["marker"], line.page, paragraph=paragraph)
    return None


def _starts_new_block(previous: _Chunk, line: str) -> bool:
    """A marker-less line starts anew when the line above ended a heading-like unit."""
    if previous.broken or previous.kind == "item":
        return False
    last = previous.text.rstrip()
    if last.endswith((",", "-", "–")) or last.split()[-1].lower() in CONNECTORS:
        return False
    if not (line[:1].isupper() or line[:1].isdigit() or line[:1] in '«"“'):
        return False
    return not last.endswith((":", ";")) and len(last.split()) <= 12 and not _has_finite(last)


def _join(left: str, right: str) -> str:
    """Join a wrapped line: "spesialist-" + "helsetjenesten" drops the hyphen; before "og" not."""
    if left.endswith("-") and not left.endswith(" -") and right[:1].islower():
        first = right.split()[0].lower()
        if first not in CONNECTORS:
            return left[:-1] + right
    return f"{left} {right}"


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL) or text.rstrip().endswith(":")


def _join_broken_paragraphs(chunks: list[_Chunk]) -> list[_Chunk]:
    out: list[_Chunk] = []
    for chunk in chunks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and chunk.kind == "plain"
            and prev.kind in ("plain", "item", "numbered")
            and chunk.paragraph != prev.paragraph
            and chunk.text[:1].islower()
            and not _ends_sentence(prev.text)
        ):
            prev.text = _join(prev.text, chunk.text)
            continue
        out.append(chunk)
    return out


def _numeral(marker: str | None) -> int | None:
    if not marker or not marker[0].isdigit():
        return None
    return int(re.split(r"[.)]", marker)[0])


def _resolve_numbered(chunks: list[_Chunk]) -> list[_Chunk]:
    """Numbered lines in a run are list items; a lone numbered line is a heading."""
    for i, chunk in enumerate(chunks):
        if chunk.kind != "numbered":
            continue
        n = _numeral(chunk.marker)
        prev = chunks[i - 1] if i else None
        nxt = chunks[i + 1] if i + 1 < len(chunks) else None
        in_run = (
            nxt is not None
            and nxt.kind == "numbered"
            and n is not None
            and _numeral(nxt.marker) == n + 1
        ) or (
            prev is not None
            and prev.kind in ("numbered", "item")
            and prev.marker is not None
            and n is not None
            and _numeral(prev.marker) == n - 1
        )
        if chunk.marker and chunk.marker[0].isalpha():
            in_run = True
        if in_run or _ends_sentence(chunk.text) or len(chunk.text.split()) > 16:
            chunk.kind = "item"
        else:
            depth = (chunk.marker or "1.").count(".")
            chunk.kind, chunk.level = "heading", 1 + max(depth, 1)
            chunk.text = f"{chunk.marker} {chunk.text}"
    return chunks


def _has_finite(text: str) -> bool:
    words = [w.strip('.,;:!?«»"()').lower() for w in text.split()]
    return any(w in FINITE_VERBS and (i == 0 or words[i - 1] != "å") for i, w in enumerate(words))


def looks_like_heading(text: str, followed_by_list: bool) -> bool:
    """A short unpunctuated line that names a part of the document rather than says something."""
    text = text.strip()
    if not text or text.endswith((".", "!", "?", ":", ";", ",")):
        return False
    if len(text.split()) > 14 or len(text) > 120:
        return False
    first = text.lstrip("«\"'(")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    return followed_by_list or not _has_finite(text)


def _to_blocks(chunks: list[_Chunk]) -> list[Block]:
    blocks: list[Block] = []
    seen_heading = False
    item_indents: list[int] = []
    for i, chunk in enumerate(chunks):
        text = clean_inline(chunk.text)
        if not text:
            continue
        nxt = chunks[i + 1] if i + 1 < len(chunks) else None
        if chunk.kind == "heading":
            blocks.append(Block("heading", text, level=chunk.level, page=chunk.page))
            seen_heading = True
            item_indents = []
        elif chunk.kind == "item":
            level = _item_level(item_indents, chunk.indent)
            blocks.append(Block("item", text, level=level, marker=chunk.marker, page=chunk.page))
        elif nxt is not None and looks_like_heading(text, nxt.kind == "item"):
            level = 1 if not seen_heading and not blocks else 2
            blocks.append(Block("heading", text, level=level, page=chunk.page))
            seen_heading = True
            item_indents = []
        else:
            blocks.append(Block("paragraph", text, page=chunk.page))
            item_indents = []
    return blocks


def _item_level(indents: list[int], indent: int) -> int:
    """Nesting depth from indentation: deeper than the item above nests, shallower pops."""
    while indents and indent < indents[-1]:
        indents.pop()
    if not indents or indent > indents[-1] + 1:
        indents.append(indent)
    return len(indents) - 1
