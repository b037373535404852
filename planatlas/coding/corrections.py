"""A person's correction of a statement's coding, checked the same way wherever it comes from.

The web form, the JSON API and `planatlas code` all build a `Correction` and call `correct`:
the author must be named, every value must be one the codebook knows (kinds, the taxonomy's
topics and issues, directions, languages), only the fields that really change are stored,
and they are stored together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from planatlas.coding.taxonomy import active_taxonomy
from planatlas.errors import BadParameter
from planatlas.records import KINDS, Coding

DIRECTIONS = ("+", "-", "~")
LANGUAGES = ("nb", "nn", "en", "other")
MAX_AUTHOR = 200  # characters of an author's name


@dataclass
class Correction:
    """The fields to correct and who corrects them; `fields` names those given."""

    author: str
    kind: str | None = None
    topics: list[str] | None = None
    positions: list[dict[str, str]] | None = None
    language: str | None = None
    fields: list[str] = field(default_factory=list)


class _Store(Protocol):
    def statement(self, statement_id: int) -> Any: ...

    def correct(self, statement_id: int, changes: dict[str, Any], author: str) -> None: ...


def correct(atlas: _Store, statement_id: int, correction: Correction) -> list[str]:
    """Store each changed field as a correction; returns the fields corrected."""
    author = check(correction)
    current = atlas.statement(statement_id).coding
    changes = {
        name: getattr(correction, name)
        for name in correction.fields
        if _changed(current, name, getattr(correction, name))
    }
    atlas.correct(statement_id, changes, author)
    return list(changes)


def check(correction: Correction) -> str:
    """The author's name, trimmed, once every field is known to the codebook."""
    author = correction.author.strip()
    if not author:
        raise BadParameter("skriv navnet ditt for å rette et utsagn")
    if len(author) > MAX_AUTHOR:
        raise BadParameter(f"navnet er for langt (høyst {MAX_AUTHOR} tegn)")
    taxonomy = active_taxonomy()
    if "kind" in correction.fields:
        _one_of("type", correction.kind, KINDS, optional=True)
    if "language" in correction.fields:
        _one_of("språk", correction.language, LANGUAGES, optional=True)
    if "topics" in correction.fields:
        for topic in correction.topics or ():
            _one_of("tema", topic, tuple(taxonomy.topics))
    if "positions" in correction.fields:
        for position in correction.positions or ():
            _one_of("sak", position.get("issue"), tuple(taxonomy.issues))
            _one_of("retning", position.get("direction"), DIRECTIONS)
    return author


def _one_of(name: str, value: Any, known: tuple[str, ...], *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if value not in known:
        shown = ", ".join(known[:12]) + (" …" if len(known) > 12 else "")
        raise BadParameter(f"ukjent {name} «{value}»: bruk en av {shown}")


def _changed(coding: Coding, name: str, value: Any) -> bool:
    if name == "positions":
        return bool([p.as_dict() for p in coding.positions] != value)
    if name == "topics":
        return sorted(coding.topics) != sorted(value or [])
    return bool(getattr(coding, name) != value)
