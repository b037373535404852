"""The follow-up records: pure data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from planatlas.records import Target

CHANGEABLE = ("status", "responsible", "due", "note", "logged", "answered_by", "weight")


@dataclass(frozen=True)
class Item:
    """A followed statement of a plan's latest version, with its follow-up (version 0: none yet)."""

    statement_id: int
    document_id: int
    index: int
    text: str
    kind: str
    section: tuple[str, ...]
    targets: tuple[Target, ...]
    status: str
    due: str | None  # the date it is due: as set, else from the statement or the plan's period
    due_set: bool = False
    responsible: str | None = None
    logged: dict[str, Any] = field(default_factory=dict)  # what was done, against the target
    note: str = ""
    answered_by: int | None = None  # for a demand: the statement that answered it
    weight: float = 1.0
    version: int = 0
    updated_by: str | None = None
    updated_at: datetime | None = None
    item_id: int | None = None

    @property
    def area(self) -> str:
        """The heading the item stands under (its section in the roll-up)."""
        return self.section[-1] if self.section else ""


@dataclass
class Change:
    """What a person changes on an item; `fields` names those given."""

    status: str | None = None
    responsible: str | None = None
    due: str | None = None
    note: str | None = None
    logged: dict[str, Any] | None = None
    answered_by: int | None = None
    weight: float | None = None
    fields: list[str] = field(default_factory=list)

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.fields}


@dataclass(frozen=True)
class Event:
    """One change of an item: who, when, and each field's old and new value."""

    id: int
    item_id: int
    version: int
    at: datetime
    author: str
    changes: dict[str, Any]


@dataclass(frozen=True)
class Evidence:
    """A link or an uploaded file that shows what was done."""

    id: int
    item_id: int
    title: str
    url: str | None
    filename: str | None
    media_type: str | None
    added_by: str
    added_at: datetime
