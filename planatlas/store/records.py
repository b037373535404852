"""The plain records the Atlas hands out: summaries of what is stored, and stored statements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from planatlas.records import Statement

AddStatus = Literal["new", "new_version", "unchanged"]


@dataclass(frozen=True)
class AddResult:
    """What `Atlas.add` did with a document."""

    status: AddStatus
    document_id: int
    version: int


@dataclass(frozen=True)
class DocumentSummary:
    """One stored document as it stands in its latest version."""

    id: int
    title: str | None
    actor: str | None
    source: str
    genre: str | None
    language: str | None
    period: str | None
    version: int  # the latest version number
    statements: int  # statements in the latest version


@dataclass(frozen=True)
class VersionSummary:
    """One stored version of a document."""

    version: int
    content_hash: str
    source: str
    format: str
    genre: str | None
    language: str | None
    period: str | None
    pages: int
    ingested_at: datetime
    statements: int


@dataclass(kw_only=True)
class StoredStatement(Statement):
    """A statement as stored: the Statement with its effective coding, and where it lives."""

    id: int
    document_id: int
    title: str | None  # the document's title
    source: str  # the document version's source path or URL
    actor: str | None
    version: int
    corrected: bool = False  # a person has corrected some of its coding


@dataclass(frozen=True)
class ActorSummary:
    """One actor and how many documents it has."""

    id: int
    name: str
    kind: str | None
    documents: int


@dataclass(frozen=True)
class IngestionErrorRecord:
    """A file that could not be read or stored, and why."""

    id: int
    path: str
    code: str
    message: str
    created_at: datetime


@dataclass(frozen=True)
class CorrectionRecord:
    """A person's correction of one coding field of one statement: who, what, when."""

    id: int
    statement_id: int
    field: str
    value: Any
    author: str
    created_at: datetime
