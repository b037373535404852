"""Plain typed records that flow through the pipeline.

reader -> RawDocument (blocks) -> segment -> Document (outline + statements) -> code -> Coding

Every step takes records and returns new ones; nothing here does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from planatlas.errors import BadParameter

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_PAGES = re.compile(r"(?P<first>\d{1,5})\s*(?:(?P<dash>[-–])\s*(?P<last>\d{1,5})?)?")

_Record = TypeVar("_Record")


def shallow_copy(record: _Record) -> _Record:
    """`copy.copy` of a record (a dataclass without slots) at half the cost: copy's general
    path asks the class how to take it apart and build it again, per statement."""
    copied = object.__new__(type(record))
    copied.__dict__.update(record.__dict__)
    return copied


BlockKind = Literal["heading", "paragraph", "item"]
Direction = Literal["+", "-", "~"]

KINDS = (
    "goal",
    "challenge",
    "measure",
    "demand",
    "activity",
    "principle",
    "fact",
    "opinion",
    "reference",
)
GENRES = (
    "action_plan",
    "programme",
    "government_plan",
    "news",
    "slides",
    "hearing_response",
    "interpellation",
    "letter",
    "article",
    "other",
)


@dataclass(frozen=True)
class Mark:
    """Where a block's text came from: from word `word` on, page `page`, printed line `line`."""

    word: int  # index of the first word of a source line in the block's text
    page: int | None = None  # 1-based page
    line: int | None = None  # the line number printed in the margin, where the page has them


@dataclass(frozen=True)
class Block:
    """One structural unit a reader found: a heading, a paragraph or a list item."""

    kind: BlockKind
    text: str
    level: int = 0  # heading level (1 = title) or list nesting depth (0 = top)
    marker: str | None = None  # the bullet or number that opened a list item ("•", "1.", "a)")
    page: int | None = None  # 1-based page or slide number, where the format has pages
    marks: tuple[Mark, ...] = ()  # where its words came from, in order, where known


@dataclass(frozen=True)
class PageRange:
    """Pages to read from a file, 1-based and inclusive ("22-27"); `last` None: to the end."""

    first: int
    last: int | None = None

    @classmethod
    def parse(cls, text: str) -> PageRange:
        """ "22-27", "22–27", "22" (that page) or "22-" (from it to the end)."""
        match = _PAGES.fullmatch(text.strip())
        if match is None:
            raise BadParameter(f"ugyldig sideutvalg «{text}»: skriv f.eks. 22-27, 22 eller 22-")
        first = int(match["first"])
        last = int(match["last"]) if match["last"] else None if match["dash"] else first
        if first < 1 or (last is not None and last < first):
            raise BadParameter(
                f"ugyldig sideutvalg «{text}»: første side må være 1 eller mer, og ikke etter siste"
            )
        return cls(first, last)

    def __contains__(self, page: object) -> bool:
        return (
            isinstance(page, int)
            and page >= self.first
            and (self.last is None or page <= self.last)
        )

    def __str__(self) -> str:
        if self.last == self.first:
            return str(self.first)
        return f"{self.first}-{self.last or ''}"


@dataclass
class RawDocument:
    """What a reader returns: the blocks in reading order and what the file itself says."""

    source: str
    format: str
    blocks: list[Block]
    title: str | None = None  # from file properties (DOCX core title, HTML <title>, ...)
    pages: int = 1
    published: str | None = None  # ISO date a web page or news item says it was published
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Target:
    """A number, amount, share, period or date a statement is about (codebook section 4)."""

    type: str  # count | percent | amount | period | date
    value: Any
    unit: str | None = None
    comparator: str | None = None  # "=", ">=", "<=", ">", "<" or None

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "value": self.value,
            "unit": self.unit,
            "comparator": self.comparator,
        }


@dataclass(frozen=True)
class Position:
    """Which way a statement pushes on a codebook issue."""

    issue: str
    direction: Direction

    def as_dict(self) -> dict[str, str]:
        return {"issue": self.issue, "direction": self.direction}


@dataclass
class Coding:
    """What the codebook says about one statement. Empty until the coder fills it."""

    kind: str | None = None
    language: str | None = None
    topics: list[str] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)


@dataclass
class Statement:
    """One bullet item, one sentence of running text, or one joined slide line."""

    index: int
    text: str
    section: tuple[str, ...] = ()  # heading texts from the top
    lead_in: str | None = None  # the "Helsepartiet vil:" line that introduced a list item
    lead_in_actor: str | None = None  # who the lead-in says speaks ("Helsepartiet")
    modality: str | None = None  # vil, skal, må, bør ... from the statement or its lead-in
    form: str = "sentence"  # sentence | item | heading
    speaker: str | None = None  # a quoted speaker, where the text names one
    page: int | None = None  # the 1-based page it starts on
    lines: tuple[int, int] | None = None  # first and last printed line number, where printed
    coding: Coding = field(default_factory=Coding)


@dataclass
class Section:
    """A heading in the outline, with the statements under it (by index)."""

    title: str
    level: int
    path: tuple[str, ...]
    statements: list[int] = field(default_factory=list)
    page: int | None = None  # the page it starts on, where the format has pages


@dataclass
class Document:
    """A read document: metadata, outline and statements."""

    source: str
    format: str
    content_hash: str
    title: str | None = None
    actor: str | None = None
    actor_kind: str | None = None  # party | organisation | government | directorate | ...
    genre: str | None = None
    language: str | None = None
    period: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date, where the document states one
    pages: int = 1
    sections: list[Section] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def statement_count(self) -> int:
        return len(self.statements)

    @property
    def year(self) -> int | None:
        """The year the document speaks from, for dates without one ("1. mars")."""
        for value in (self.published, self.period, self.title):
            if value and (found := _YEAR.search(value)):
                return int(found[0])
        return None


@dataclass(frozen=True)
class Filters:
    """What a search or a listing of statements is narrowed to; None is no filter.

    The coding fields are checked against the effective coding (a person's correction wins).
    `period` is a year or a range ("2026", "2025-2028") that the document's period overlaps.
    """

    actor: str | None = None
    document: str | int | None = None
    period: str | int | None = None
    kind: str | None = None
    topic: str | None = None
    issue: str | None = None
    direction: str | None = None
    language: str | None = None

    def on_coding(self) -> bool:
        """Whether any filter looks at the coding, which a person's correction may change."""
        fields = (self.kind, self.topic, self.issue, self.direction, self.language)
        return any(value is not None for value in fields)

    def passes(self, coding: Coding, document_language: str | None = None) -> bool:
        """Whether a coding passes the coding filters (issue and direction on one position)."""
        on_position = self.issue is not None or self.direction is not None
        return (
            self.kind in (None, coding.kind)
            and self.language in (None, coding.language or document_language)
            and (self.topic is None or self.topic in coding.topics)
            and (
                not on_position
                or any(
                    self.issue in (None, p.issue) and self.direction in (None, p.direction)
                    for p in coding.positions
                )
            )
        )
