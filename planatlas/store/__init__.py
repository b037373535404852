"""The store: documents, versions, statements and codings in SQLite or PostgreSQL."""

from planatlas.store.atlas import Atlas
from planatlas.store.codings import effective_coding
from planatlas.store.records import (
    ActorSummary,
    AddResult,
    DocumentSummary,
    IngestionErrorRecord,
    StoredStatement,
    VersionSummary,
)

__all__ = [
    "ActorSummary",
    "AddResult",
    "Atlas",
    "DocumentSummary",
    "IngestionErrorRecord",
    "StoredStatement",
    "VersionSummary",
    "effective_coding",
]
