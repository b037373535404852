"""Layout: turn lines of text (plain text, Markdown, PDF) into headings, paragraphs and items.

Real documents break lines anywhere: slide text wraps mid-sentence, PDF lines end at the
margin, copied web pages keep bullets as "  •   item". The rules here, in order:

1. Each line is parsed for indent, a list marker (•, -, *, –, 1., a), ...) or a Markdown heading.
2. Lines of one paragraph (no blank line between) join: a marker starts a new item, a line
   without one continues the item or text above it. Where the reader knows how far across the
   column a line runs (a PDF; text copied out of one, see wrapping.py), a line that stopped
   short ends its paragraph or item, and a line that filled the column is continued by the
   next, whatever case that starts in; a dash or a number opening a continued line is text,
   not a list marker.
3. A block that stops mid-sentence continues into the next paragraph when that one starts in
   lower case ("... står fritt til å endre" + blank + "forslaget såfremt ...").
4. Numbered lines in a run (1., 2., 3.) are a list; a lone numbered line followed by running
   text is a heading ("1. Utfordringer - felles definisjon ...").
5. A short line without closing punctuation is a heading when a list follows it or when it
   has no finite verb; otherwise it is a sentence that lost its full stop. Not so a line the
   reader marks as running text (a PDF that sets its headings apart by their type).

Each block keeps where its words came from (page and printed line number, see records.Mark).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache

from planatlas.reading import wrapping
from planatlas.reading.boilerplate import is_boilerplate, segmenting_data
from planatlas.records import Block, Mark

BULLET_CHARS = "•●◦▪▫■□‣⁃∙·○-–*+"
_GLYPH_BULLETS = "•●◦▪▫■□‣⁃∙·○"
_BULLET = re.compile(r"^(?P<marker>[•●◦▪▫■□‣⁃∙·○]|[-–*+](?=\s))\s*(?P<text>.*)$")
# "1 7." is 17. set with its digits spaced apart, as PDF text often comes out.
_NUMBER = re.compile(
    r"^(?P<marker>(?:\d{1,2}\.|\d \d\.)(?:\d{1,2}\.){0,2}|\d{1,2}\)|[a-zæøå][.)])\s+(?P<text>\S.*)$"
)
# "8. september 2025 er ..." opens a sentence with a date, not a numbered list.
_DATE = re.compile(
    r"(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b",
    re.I,
)
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(\S.*?\S|\S)\1")
_SETEXT = re.compile(r"^(=+|-{3,})\s*$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")

TERMINAL = (".", "!", "?", "»", "”", '"', ")")
ENDED = (*TERMINAL, ":", ";")
_UNIT_TAIL = re.compile(r"[%‰][\W_]*")  # a line of a unit sign and punctuation only
MAX_HEADING_WORDS = 14


@cache
def connectors() -> frozenset[str]:
    """Words that never end a heading or a sentence: a line ending in one goes on."""
    return frozenset(segmenting_data()["connectors"])


@cache
def hyphen_keepers() -> frozenset[str]:
    return frozenset(segmenting_data()["hyphen_keepers"])


@cache
def finite_verbs() -> frozenset[str]:
    """Finite verbs that tell a sentence from a heading when the full stop is missing."""
    return frozenset(segmenting_data()["finite_verbs"])


@dataclass(frozen=True)
class Line:
    """One line as a reader sees it; `heading` is set where the format marks a heading.

    `fill` says how far across its column the line runs (1: to the edge), where known;
    wrapping.py tells from it whether the width broke the line. `body` is set where the
    format shows its headings by their type and this line is set as running text: then no
    rule of words makes it a heading.
    """

    text: str
    page: int | None = None
    heading: int | None = None
    number: int | None = None  # the printed margin line number
    fill: float | None = None
    body: bool = False


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
    fill: float | None = None  # the fill of its last line
    last: str = ""  # its last line
    lines: int = 1
    marks: list[Mark] = field(default_factory=list)
    words: int = -1  # how many words its text has; -1: not counted yet
    body: bool = False  # its lines are set as running text (Line.body)

    def extend(self, text: str, line: Line) -> None:
        words = self.words if self.words >= 0 else len(self.text.split())
        joined = _join(self.text, text)
        glued = not joined.startswith(self.text + " ")  # a hyphenated word joined across
        added = text.count(" ") + 1
        self.marks.append(Mark(words - (1 if glued else 0), line.page, line.number))
        self.words = words + added - (1 if glued else 0)
        self.text = joined
        self.lines += 1


def clean_inline(text: str) -> str:
    """Fold whitespace and read Markdown links and emphasis as their text."""
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub(r"\2", text)
    if "  " in text or "\t" in text or not text.isascii():
        text = _SPACES.sub(" ", text)
    return text.strip()


def lines_from_text(text: str) -> list[Line]:
    """The lines of a text, with their fill where the text was wrapped at a fixed width."""
    texts = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fills = wrapping.fills(texts)
    return [Line(line, fill=fill) for line, fill in zip(texts, fills, strict=True)]


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


def _stripped(line: Line) -> str:
    text = line.text
    if "  " in text or "\t" in text or not text.isascii():
        text = _SPACES.sub(" ", text.replace("\u00a0", " "))
    return text.strip()


def _chunks(lines: list[Line]) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    paragraph = 0
    open_chunk: _Chunk | None = None  # the chunk a marker-less line continues
    lead_in_open = False  # a "Nettverket skal:" line: following plain lines are items
    texts = [_stripped(line) for line in lines]
    for i, line in enumerate(lines):
        raw = line.text.replace("\u00a0", " ")
        stripped = texts[i]
        if open_chunk is not None and _unit_tail(open_chunk, stripped, line):
            # "utgjør 50" + "%.": a unit wrapped onto a line of its own ends the number
            open_chunk.extend(stripped, line)
            open_chunk.fill, open_chunk.last = line.fill, stripped
            continue
        if not stripped or _is_furniture(stripped):
            paragraph += 1
            open_chunk, lead_in_open = None, False
            continue
        broken = raw.rstrip("\n") != raw.rstrip() or stripped.endswith("-")
        following = texts[i + 1] if i + 1 < len(texts) and texts[i + 1] else None
        chunk = _parse_line(stripped, raw, line, paragraph)
        if open_chunk is not None and _continues(open_chunk, chunk, stripped, line, following):
            open_chunk.extend(stripped, line)
            open_chunk.broken, open_chunk.fill, open_chunk.last = broken, line.fill, stripped
            continue
        if chunk is None and open_chunk is not None and not lead_in_open and line.fill is None:
            if _starts_new_block(open_chunk, stripped):
                chunk = _Chunk("plain", stripped, page=line.page, paragraph=paragraph)
            else:
                open_chunk.extend(stripped, line)
                open_chunk.broken = broken
                continue
        if chunk is None:
            kind = "item" if lead_in_open else "plain"
            chunk = _Chunk(kind, stripped, indent=_indent(raw), page=line.page, paragraph=paragraph)
            if lead_in_open:
                chunk.marker = ""
        chunk.broken, chunk.fill, chunk.last = broken, line.fill, stripped
        chunk.body = line.body
        chunk.marks = [Mark(0, line.page, line.number)]
        chunks.append(chunk)
        open_chunk = chunk if chunk.kind != "heading" else None
        opens_list = chunk.kind == "plain" and stripped.endswith(":") and not broken
        lead_in_open = opens_list or (lead_in_open and chunk.marker == "")
    return chunks


def _unit_tail(chunk: _Chunk, text: str, line: Line) -> bool:
    """Whether a line is the unit of the number the open chunk ends with ("50" + "%.")."""
    return (
        not line.heading
        and chunk.kind != "heading"
        and chunk.text.rstrip()[-1:].isdigit()
        and _UNIT_TAIL.fullmatch(text) is not None
    )


def _continues(
    chunk: _Chunk, parsed: _Chunk | None, text: str, line: Line, following: str | None
) -> bool:
    """Whether a line continues the open chunk, where the chunk's last line's fill is known."""
    if chunk.fill is None or chunk.kind == "heading" or line.heading:
        return False
    if parsed is not None and not _marker_in_text(parsed, chunk):
        return False
    ended = chunk.text.rstrip().endswith(ENDED)
    if _lower_start(text) and not ended:
        return True  # wrapped mid-sentence, however short the line above looks
    if goes_on(chunk.text):
        return True
    if wrapping.reach(chunk.fill, chunk.last, text) < wrapping.SHORT:
        return False  # the line above stopped short: its unit ended there
    if chunk.kind == "plain" and chunk.lines == 1 and not ended and chunk.fill < wrapping.OPEN:
        # a line on its own that left room, without a stop, before a new sentence (but not
        # where the format says it is running text: a heading would have had its type)
        return chunk.body
    if _heading_like_chunk(chunk):
        return False
    return not (_heading_line(text, line, following) and (ended or chunk.kind == "item"))


def _heading_like_chunk(chunk: _Chunk) -> bool:
    """A one-line chunk that did not fill the column and reads as a heading."""
    if chunk.body or chunk.kind != "plain" or chunk.lines > 1:
        return False
    if (chunk.fill or 0.0) >= wrapping.OPEN:
        return False
    return looks_like_heading(chunk.text, followed_by_list=False) and not goes_on(chunk.text)


def _marker_in_text(parsed: _Chunk, chunk: _Chunk) -> bool:
    """A dash or number opening a line that running text above ran into (or a number, that an
    item ran into) is text, not a marker ("... tilgjengelig" + "– ikke hvem som leverer",
    "• ... utlyse" + "26. runde")."""
    if parsed.kind == "heading" or (parsed.marker or "")[:1] in _GLYPH_BULLETS:
        return False
    if chunk.text.rstrip().endswith(ENDED):
        return False
    # under a bullet, a dash opens a sub-item; only a number can be the bullet's text
    if chunk.kind != "plain" and not (chunk.kind == "item" and parsed.kind == "numbered"):
        return False
    return wrapping.reach(chunk.fill or 0.0, chunk.last, parsed.text) >= wrapping.SHORT


def _lower_start(text: str) -> bool:
    first = text.lstrip("(«\"“'")[:1]
    return first.islower()


def goes_on(text: str) -> bool:
    """A line ending in a comma, a hyphen or a word like "og" is continued by the next one."""
    last = text.rstrip()
    return last.endswith((",", "-", "–")) or last.split()[-1].lower() in connectors()


def _heading_line(text: str, line: Line, following: str | None) -> bool:
    """A line on its own that names a part: short, unpunctuated, without a finite verb, and
    followed by the start of something new (or by nothing)."""
    if line.body or (line.fill is not None and line.fill >= wrapping.OPEN):
        return False
    if following is not None and _lower_start(following):
        return False
    return looks_like_heading(text, followed_by_list=False) and not goes_on(text)


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
    if (m := _NUMBER.match(stripped)) and not _DATE.match(m["text"]):
        return _Chunk("numbered", m["text"], indent, m["marker"], line.page, paragraph=paragraph)
    if _glyph_bullet(stripped):
        return _Chunk("item", stripped[2:].strip(), indent, "•", line.page, paragraph=paragraph)
    return None


def opens_with_bullet(text: str) -> bool:
    """A line that opens with a bullet ("• gi ..."): a list item. (A dash may open a
    subtitle: "– mer frihet".)"""
    text = text.lstrip()
    return len(text) > 2 and text[0] in _GLYPH_BULLETS and bool(text[1:].strip())


def _glyph_bullet(text: str) -> bool:
    """A symbol font's bullet that came out as some other character ("ƽ Ta Norge ...", ""):
    a lone symbol, private character or foreign letter opening the line."""
    if len(text) < 3 or text[1] != " " or not text[2:].strip():
        return False
    char = text[0]
    category = unicodedata.category(char)
    return category in ("So", "Sm", "Co", "Cn") or (category[0] == "L" and ord(char) >= 0x180)


def _starts_new_block(previous: _Chunk, line: str) -> bool:
    """A marker-less line starts anew when the line above ended a heading-like unit."""
    if previous.broken or previous.kind == "item":
        return False
    last = previous.text.rstrip()
    if goes_on(last):
        return False
    if not (line[:1].isupper() or line[:1].isdigit() or line[:1] in '«"“'):
        return False
    return not last.endswith((":", ";")) and len(last.split()) <= 12 and not has_finite_verb(last)


def _join(left: str, right: str) -> str:
    """Join a wrapped line: "spesialist-" + "helsetjenesten" drops the hyphen; before "og"
    it stays ("helse- og"), and before a capital or a digit it stays without a space
    ("Nord-" + "Norge")."""
    if left.endswith("-") and not left.endswith(" -") and right[:1].isalnum():
        first = right.split()[0].lower()
        if right[:1].islower() and first not in hyphen_keepers():
            return left[:-1] + right
        if right[:1].isupper() or right[:1].isdigit():
            return left + right
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
            _merge(prev, chunk)
            continue
        out.append(chunk)
    return out


def _merge(into: _Chunk, chunk: _Chunk) -> None:
    """Append a whole chunk to another, keeping where each word came from."""
    joined = _join(into.text, chunk.text)
    glued = not joined.startswith(into.text + " ")
    offset = len(into.text.split()) - (1 if glued else 0)
    into.marks += [replace(m, word=m.word + offset) for m in chunk.marks]
    into.text = joined
    into.words = -1
    into.lines += chunk.lines
    into.fill = chunk.fill


def _numeral(marker: str | None) -> int | None:
    if not marker or not marker[0].isdigit():
        return None
    return int(re.split(r"[.)]", marker.replace(" ", ""))[0])


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
            chunk.marks = [replace(m, word=m.word + 1 if m.word else 0) for m in chunk.marks]
    return chunks


def has_finite_verb(text: str) -> bool:
    """Whether the main clause has a finite verb: one in a clause that a subordinator opens
    ("hjelp når du trenger den") does not count, up to the next comma."""
    verbs, subordinators = finite_verbs(), frozenset(segmenting_data()["subordinators"])
    subordinate = False
    previous = ""
    for raw in text.split():
        word = raw.strip('.,;:!?«»"()').lower()
        if word in subordinators:
            subordinate = True
        elif word in verbs and previous != "å" and not subordinate:
            return True
        if raw.endswith((",", ";", ":")):
            subordinate = False
        previous = word
    return False


def looks_like_heading(text: str, followed_by_list: bool) -> bool:
    """A short unpunctuated line that names a part of the document rather than says something."""
    text = text.strip()
    if not text or text.endswith((".", "!", "?", ":", ";", ",")):
        return False
    if len(text.split()) > MAX_HEADING_WORDS or len(text) > 120:
        return False
    first = text.lstrip("«\"'(")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    return followed_by_list or not has_finite_verb(text)


def _to_blocks(chunks: list[_Chunk]) -> list[Block]:
    blocks: list[Block] = []
    seen_heading = False
    item_indents: list[int] = []
    for i, chunk in enumerate(chunks):
        text = clean_inline(chunk.text)
        if not text:
            continue
        nxt = chunks[i + 1] if i + 1 < len(chunks) else None
        marks = tuple(chunk.marks)
        if chunk.kind == "heading":
            blocks.append(Block("heading", text, chunk.level, page=chunk.page, marks=marks))
            seen_heading = True
            item_indents = []
        elif chunk.kind == "item":
            level = _item_level(item_indents, chunk.indent)
            blocks.append(Block("item", text, level, chunk.marker, chunk.page, marks))
        elif nxt is not None and _heading_chunk(chunk, text, nxt):
            level = 1 if not seen_heading and not blocks else 2
            blocks.append(Block("heading", text, level, page=chunk.page, marks=marks))
            seen_heading = True
            item_indents = []
        else:
            blocks.append(Block("paragraph", text, page=chunk.page, marks=marks))
            item_indents = []
    return blocks


def _heading_chunk(chunk: _Chunk, text: str, nxt: _Chunk) -> bool:
    """A plain chunk that is a heading: short and heading-like; a wrapped paragraph (several
    lines, the first full) never is; nor is running text where headings have a type."""
    if chunk.body or (chunk.fill is not None and chunk.lines > 2):
        return False
    return looks_like_heading(text, nxt.kind == "item")


def _item_level(indents: list[int], indent: int) -> int:
    """Nesting depth from indentation: deeper than the item above nests, shallower pops."""
    while indents and indent < indents[-1]:
        indents.pop()
    if not indents or indent > indents[-1] + 1:
        indents.append(indent)
    return len(indents) - 1
