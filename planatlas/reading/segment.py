"""Segment: blocks -> outline (sections) and statements, by the codebook's unit of coding.

- A heading opens a section; a heading that itself claims something ("Styrke læring- og
  mestringsvirksomheten") is also a statement.
- A list item is one statement, even with two sentences in it.
- Running text is split into sentences.
- A line that introduces a list ("Helsepartiet vil:", or "SV vil" without its colon) is a
  lead-in: not a statement, but its speaker and modal verb carry to every item under it,
  across page breaks and wrapped lines. A sentence ending in a colon is never a statement.
- Page boilerplate ("top of page", "Publisert", "Les mer ...", bare links and years) is dropped.
- A speaker label running into a quote ("Siw Bratli– Vi ønsker ...") is cut off and kept as
  the statement's speaker.
- Each statement keeps the page it starts on and, where the page prints line numbers in its
  margin, the first and last of its lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from planatlas.reading.boilerplate import is_boilerplate, segmenting_data
from planatlas.reading.layout import has_finite_verb
from planatlas.reading.sentences import split_sentences
from planatlas.records import Block, Mark, Section, Statement


@dataclass(frozen=True)
class Rules:
    lead_in: re.Pattern[str]
    bare_lead_in: re.Pattern[str]  # "SV vil": a lead-in without its colon
    modal: re.Pattern[str]
    claim_heading: re.Pattern[str]
    claim_verb: re.Pattern[str]


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
        bare_lead_in=re.compile(
            rf"^(?P<actor>[^.!?,;]{{1,60}}?)\s+(?P<modal>{modals})(?:\s+[^\s.!?,;]+){{0,3}}$", re.I
        ),
        modal=re.compile(rf"\b(?P<modal>{modals})\b", re.I),
        claim_heading=re.compile(
            rf"^(?:(?:{verbs})\b|(?:(?:en|ei|et|eit)\s+)?(?:{adjectives})\s+\w)", re.I
        ),
        claim_verb=re.compile(rf"^(?:{verbs})\b", re.I),
    )


def segment(blocks: list[Block]) -> Outline:
    """The outline and statements of a document's blocks."""
    builder = _Builder()
    kept = [b for b in blocks if not is_boilerplate(b.text)]
    for i, block in enumerate(kept):
        following = kept[i + 1] if i + 1 < len(kept) else None
        if block.kind == "heading":
            builder.heading(block, following)
        elif block.kind == "item":
            builder.item(block, following)
        else:
            builder.paragraph(block, following)
    return builder.outline


_NUMBER_PREFIX = re.compile(r"^(?:\d{1,2}\.){1,3}\s+|^\d{1,2}\)\s+")
_SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\S")


def _section_number(title: str) -> str | None:
    """The number a heading opens with ("2.3.1 Folkehelse": "2.3.1"), if any."""
    match = _SECTION_NUMBER.match(title)
    return match[1] if match else None


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
        self.section: tuple[str, ...] = ()  # the titles of the path, which every statement keeps
        self.lead_in: _LeadIn | None = None

    def heading(self, block: Block, following: Block | None) -> None:
        if _introduces_list(block.text, following):
            # "SV vil" set in bold over a list: a lead-in, not a part of the document
            assert following is not None
            self.lead_in = _lead_in(block.text, level=following.level)
            return
        level = self._numbered_level(block.text, block.level)
        while self.path and self.path[-1][0] >= level:
            self.path.pop()
        self.path.append((level, block.text))
        self.section = tuple(title for _, title in self.path)
        section = Section(block.text, level, self.section, page=block.page)
        self.outline.sections.append(section)
        self.lead_in = None
        claim = _claim(_NUMBER_PREFIX.sub("", block.text), following)
        if claim is not None:
            self.add(claim, block, form="heading")

    def _numbered_level(self, title: str, level: int) -> int:
        """A numbered heading sits under the one its number extends ("8.3" over "8.3.1") and
        beside the one it follows ("8.3.1", "8.3.2"), whatever type each is set in."""
        number = _section_number(title)
        if number is None:
            return level
        parent = number.rpartition(".")[0]
        for above, other in reversed(self.path):
            found = _section_number(other)
            if found is None:
                continue
            if found == parent:
                return max(level, above + 1)
            if found.rpartition(".")[0] == parent:
                return above
        return level

    def item(self, block: Block, following: Block | None) -> None:
        if self.lead_in is not None and block.level < self.lead_in.level:
            self.lead_in = None
        if block.text.endswith(":") and following is not None and following.kind == "item":
            self.lead_in = _lead_in(block.text, level=following.level)
            return
        lead = self.lead_in
        self.add(
            block.text,
            block,
            form="item",
            lead_in=lead.text if lead else None,
            lead_in_actor=lead.actor if lead else None,
            modality=lead.modality if lead and lead.modality else _modality(block.text),
        )

    def paragraph(self, block: Block, following: Block | None) -> None:
        self.lead_in = None
        text, speaker, skipped = _split_speaker_label(block.text)
        sentences = [
            (o, s) for o, s in _located(split_sentences(text), text) if not is_boilerplate(s)
        ]
        last = sentences[-1][1] if sentences else ""
        if last.endswith(":") or _introduces_list(last, following):
            sentences.pop()
            if following is not None and following.kind == "item":
                self.lead_in = _lead_in(last, level=following.level)
        if speaker is None:
            speaker = _quoted_speaker(text)
        for offset, sentence in sentences:
            first = skipped + len(text[:offset].split())
            self.add(
                sentence,
                block,
                words=(first, first + len(sentence.split()) - 1),
                form="sentence",
                speaker=speaker,
                modality=_modality(sentence),
            )

    def add(
        self, text: str, block: Block, *, words: tuple[int, int] | None = None, **extra: Any
    ) -> None:
        index = len(self.outline.statements)
        page, lines = provenance(block, words or (0, len(block.text.split()) - 1))
        statement = Statement(
            index=index, text=text, section=self.section, page=page, lines=lines, **extra
        )
        self.outline.statements.append(statement)
        if self.outline.sections:
            self.outline.sections[-1].statements.append(index)


def provenance(block: Block, words: tuple[int, int]) -> tuple[int | None, tuple[int, int] | None]:
    """The page that words first..last (inclusive) of a block start on, and the first and
    last printed line numbers they lie on."""
    first, last = words
    marks = block.marks
    if not marks:
        return block.page, None
    # the mark a word lies under is the last one that starts at or before it (searched in
    # place: a long paragraph has many marks and many sentences)
    low = max(bisect_right(marks, first, key=_word) - 1, 0)
    high = max(bisect_right(marks, last, key=_word), low + 1)
    covering: list[Mark] = list(marks[low:high])
    page = next((m.page for m in covering if m.page is not None), block.page)
    numbers = [m.line for m in covering if m.line is not None]
    return page, (min(numbers), max(numbers)) if numbers else None


def _word(mark: Mark) -> int:
    return mark.word


def _located(sentences: list[str], text: str) -> list[tuple[int, str]]:
    """Each sentence with the offset in `text` where it starts."""
    out = []
    position = 0
    for sentence in sentences:
        found = text.find(sentence, position)
        offset = found if found >= 0 else position
        out.append((offset, sentence))
        position = offset + len(sentence)
    return out


def _introduces_list(text: str, following: Block | None) -> bool:
    """A lead-in without its colon ("SV vil", "Vi vil derfor") right before a list."""
    if following is None or following.kind != "item":
        return False
    return text.endswith(":") or rules().bare_lead_in.match(text) is not None


def _claim(heading: str, following: Block | None) -> str | None:
    """The heading as a statement, where it claims something: "Styrke fastlegeordningen",
    "Kvinnehelse: fjerne kjønnsforskjeller" (a topic, then the claim), or a whole sentence
    ("Folkehelse er vinn-vinn"; not a question, nor one that introduces the list under it)."""
    if rules().claim_heading.match(heading):
        return heading
    over_list = following is not None and following.kind == "item"
    if has_finite_verb(heading) and not heading.rstrip().endswith("?") and not over_list:
        return heading
    topic, colon, rest = heading.partition(": ")
    if colon and len(topic.split()) <= 3 and rules().claim_verb.match(rest):
        return heading
    return None


def _lead_in(text: str, level: int) -> _LeadIn:
    match = rules().lead_in.match(text) or rules().bare_lead_in.match(text)
    if match is None:
        return _LeadIn(text, None, _modality(text), level)
    actor = match["actor"].strip()
    if len(actor.split()) > MAX_ACTOR_WORDS:
        # a clause before the verb puts the subject after it: "For å ..., vil INP gå inn for:"
        after = _SUBJECT_AFTER.match(text, match.end("modal"))
        actor = after["subject"] if after else actor
    return _LeadIn(text, actor, match["modal"].lower(), level)


MAX_ACTOR_WORDS = 5
_SUBJECT_AFTER = re.compile(r"\s+(?P<subject>[A-ZÆØÅ][\w-]*(?:\s+[A-ZÆØÅ][\w-]*){0,3}|vi|me)\b")


def _modality(text: str) -> str | None:
    match = rules().modal.search(text)
    return match["modal"].lower() if match else None


def _split_speaker_label(text: str) -> tuple[str, str | None, int]:
    """'Siw Bratli– Vi ønsker ...' -> ('Vi ønsker ...', 'Siw Bratli', 2 words cut off)."""
    match = _SPEAKER_LABEL.match(text)
    if match is None:
        return text, None, 0
    return text[match.end() :], match["name"], len(text[: match.end()].split())


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
