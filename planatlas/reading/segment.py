"""Segment: blocks -> outline (sections) and statements, by the codebook's unit of coding.

- A heading opens a section; a heading that itself claims something ("Styrke læring- og
  mestringsvirksomheten") is also a statement.
- A list item is one statement, even with two sentences in it.
- Running text is split into sentences.
- A line that introduces a list ("Helsepartiet vil:") is a lead-in: not a statement, but its
  speaker and modal verb carry to every item under it.
- Page boilerplate ("top of page", "Publisert", "Les mer ...", bare links and years) is dropped.
- A speaker label running into a quote ("Siw Bratli– Vi ønsker ...") is cut off and kept as
  the statement's speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from planatlas.reading.boilerplate import is_boilerplate, segmenting_data
from planatlas.reading.sentences import split_sentences
from planatlas.records import Block, Section, Statement


@dataclass(frozen=True)
class Rules:
    lead_in: re.Pattern[str]
    modal: re.Pattern[str]
    claim_heading: re.Pattern[str]


@dataclass
class Outline:
    sections: list[Section] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


@dataclass
class _LeadIn:
    text: str
    actor: str | None
    modality: str | None
    level: int  # items at or below this list level inherit it


@cache
def rules() -> Rules:
    raw = segmenting_data()
    modals = "|".join(re.escape(m) for m in sorted(raw["modal_verbs"], key=len, reverse=True))
    verbs = "|".join(raw["claim_heading_verbs"])
    adjectives = "|".join(raw["claim_heading_adjectives"])
    return Rules(
        lead_in=re.compile(rf"^(?P<actor>[^.!?]{{1,80}}?)\s+(?P<modal>{modals})\b[^.!?]*:$", re.I),
        modal=re.compile(rf"\b(?P<modal>{modals})\b", re.I),
        claim_heading=re.compile(
            rf"^(?:(?:{verbs})\b|(?:(?:en|ei|et|eit)\s+)?(?:{adjectives})\s+\w)", re.I
        ),
    )


def segment(blocks: list[Block]) -> Outline:
    """The outline and statements of a document's blocks."""
    builder = _Builder()
    kept = [b for b in blocks if not is_boilerplate(b.text)]
    for i, block in enumerate(kept):
        following = kept[i + 1] if i + 1 < len(kept) else None
        if block.kind == "heading":
            builder.heading(block)
        elif block.kind == "item":
            builder.item(block, following)
        else:
            builder.paragraph(block, following)
    return builder.outline


_NUMBER_PREFIX = re.compile(r"^(?:\d{1,2}\.){1,3}\s+|^\d{1,2}\)\s+")
_SPEAKER_LABEL = re.compile(
    r"^(?P<name>[A-ZÆØÅ][\w.-]+(?:\s+[A-ZÆØÅ][\w.-]+){1,3})\s*[–—:]\s*(?=[«\"A-ZÆØÅ])"
)
_SAYS = re.compile(
    r"\b(?:sier|seier|mener|meiner|uttaler|skriv|skriver)\s+"
    r"(?P<who>(?:[\w-]+\s+){0,4}?[A-ZÆØÅ][\w.-]+(?:[ -][A-ZÆØÅ][\w.-]+)*)(?:,\s*(?P<role>[^.»]+))?"
)


class _Builder:
    def __init__(self) -> None:
        self.outline = Outline()
        self.path: list[tuple[int, str]] = []
        self.lead_in: _LeadIn | None = None

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(title for _, title in self.path)

    def heading(self, block: Block) -> None:
        while self.path and self.path[-1][0] >= block.level:
            self.path.pop()
        self.path.append((block.level, block.text))
        self.outline.sections.append(Section(block.text, block.level, self.section))
        self.lead_in = None
        claim = _NUMBER_PREFIX.sub("", block.text)
        if rules().claim_heading.match(claim):
            self.add(claim, form="heading", page=block.page)

    def item(self, block: Block, following: Block | None) -> None:
        if self.lead_in is not None and block.level < self.lead_in.level:
            self.lead_in = None
        if block.text.endswith(":") and following is not None and following.kind == "item":
            self.lead_in = _lead_in(block.text, level=following.level)
            return
        lead = self.lead_in
        self.add(
            block.text,
            form="item",
            page=block.page,
            lead_in=lead.text if lead else None,
            lead_in_actor=lead.actor if lead else None,
            modality=lead.modality if lead and lead.modality else _modality(block.text),
        )

    def paragraph(self, block: Block, following: Block | None) -> None:
        self.lead_in = None
        text, speaker = _split_speaker_label(block.text)
        sentences = [s for s in split_sentences(text) if not is_boilerplate(s)]
        if sentences and sentences[-1].endswith(":"):
            lead_text = sentences.pop()
            if following is not None and following.kind == "item":
                self.lead_in = _lead_in(lead_text, level=following.level)
        if speaker is None:
            speaker = _quoted_speaker(text)
        for sentence in sentences:
            self.add(
                sentence,
                form="sentence",
                page=block.page,
                speaker=speaker,
                modality=_modality(sentence),
            )

    def add(self, text: str, *, form: str, page: int | None, **extra: Any) -> None:
        index = len(self.outline.statements)
        statement = Statement(
            index=index, text=text, section=self.section, form=form, page=page, **extra
        )
        self.outline.statements.append(statement)
        if self.outline.sections:
            self.outline.sections[-1].statements.append(index)


def _lead_in(text: str, level: int) -> _LeadIn:
    match = rules().lead_in.match(text)
    if match is None:
        return _LeadIn(text, None, _modality(text), level)
    actor = match["actor"].strip()
    return _LeadIn(text, actor, match["modal"].lower(), level)


def _modality(text: str) -> str | None:
    match = rules().modal.search(text)
    return match["modal"].lower() if match else None


def _split_speaker_label(text: str) -> tuple[str, str | None]:
    """'Siw Bratli– Vi ønsker ...' -> ('Vi ønsker ...', 'Siw Bratli')."""
    match = _SPEAKER_LABEL.match(text)
    if match is None:
        return text, None
    return text[match.end() :], match["name"]


def _quoted_speaker(text: str) -> str | None:
    """The speaker a quote names: '«...» sier Mari Larsen, generalsekretær i LHL.'"""
    if "«" not in text and "–" not in text[:3]:
        return None
    match = _SAYS.search(text)
    if match is None:
        return None
    who = match["who"].strip().rstrip(".»")
    role = (match["role"] or "").strip()
    return f"{who} ({role})" if role else who
