"""One document and one statement as a reader sees them: the outline with its stored
statements, versions, shared references, and each statement's links into other documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from planatlas.questions.links import link_item
from planatlas.questions.references import SharedReference, shared_references
from planatlas.questions.snapshot import documents_of, snapshot
from planatlas.records import Document, Section
from planatlas.store import Atlas
from planatlas.store.records import CorrectionRecord, StoredStatement, VersionSummary


@dataclass(frozen=True)
class StatementLink:
    type: str  # answers | same_position | opposite_position | similar
    score: float
    degree: str | None
    issue: str | None
    statement: StoredStatement


def statement_links(atlas: Atlas, statement_id: int, *, top: int = 5) -> list[StatementLink]:
    """The statements of other documents that one statement links to, strongest first."""
    snap = snapshot(atlas)
    stored = snap.by_id.get(statement_id) or atlas.statement(statement_id)
    found = snap.link_index.links([link_item(stored)], top=top)
    return [
        StatementLink(
            link.type, round(link.score, 3), link.degree, link.issue, snap.by_id[link.target]
        )
        for link in found
    ]


def document_links(
    atlas: Atlas, document: str | int, *, top: int = 3
) -> list[tuple[StoredStatement, list[StatementLink]]]:
    """Each statement of a document with its best links into the rest of the atlas."""
    snap = snapshot(atlas)
    mine = atlas.statements(document=document)
    found = snap.link_index.links([link_item(s) for s in mine], top=top)
    by_source: dict[int, list[StatementLink]] = {}
    for link in found:
        by_source.setdefault(link.source, []).append(
            StatementLink(
                link.type, round(link.score, 3), link.degree, link.issue, snap.by_id[link.target]
            )
        )
    return [(s, by_source.get(s.id, [])) for s in mine]


@dataclass(frozen=True)
class OutlineSection:
    title: str | None  # None: statements before the first heading
    level: int
    statements: list[StoredStatement]


@dataclass(frozen=True)
class DocumentView:
    id: int
    document: Document
    version: int
    versions: list[VersionSummary]
    sections: list[OutlineSection]
    statements: list[StoredStatement]  # in reading order
    shared: list[SharedReference] = field(default_factory=list)  # named elsewhere too


def document_view(atlas: Atlas, ref: str | int, version: int | None = None) -> DocumentView:
    """A stored document's outline with its stored statements (ids and effective coding)."""
    versions = atlas.versions(ref)
    chosen = version if version is not None else versions[-1].version
    doc = atlas.document(ref, chosen)
    stored = atlas.statements(document=ref, version=chosen)  # that version's only, by index
    doc_id = stored[0].document_id if stored else _document_id(atlas, ref)
    latest = stored if chosen == versions[-1].version else None  # what `shared` reads
    shared = shared_references(atlas, doc_id, latest) if doc_id else []
    return DocumentView(
        doc_id, doc, chosen, versions, outline(doc.sections, stored), stored, shared
    )


def _document_id(atlas: Atlas, ref: str | int) -> int:
    for d in documents_of(atlas):
        if ref in (d.id, d.title, d.source, str(d.id)):
            return d.id
    return 0


def outline(sections: list[Section], statements: list[StoredStatement]) -> list[OutlineSection]:
    """The sections in order, each with its statements; orphans first, untitled."""
    by_index = {s.index: s for s in statements}
    placed = {i for sec in sections for i in sec.statements}
    out = []
    orphans = [s for s in statements if s.index not in placed]
    if orphans:
        out.append(OutlineSection(None, 1, orphans))
    for sec in sections:
        found = [by_index[i] for i in sec.statements if i in by_index]
        out.append(OutlineSection(sec.title, sec.level, found))
    return out


# --- a statement


@dataclass(frozen=True)
class StatementView:
    statement: StoredStatement
    corrected_by: dict[str, str]  # field -> who corrected it last
    corrections: list[CorrectionRecord]
    links: list[StatementLink]


def statement_view(atlas: Atlas, statement_id: int) -> StatementView:
    """A statement with who corrected what, and its links into other documents."""
    statement = atlas.statement(statement_id)
    corrections = atlas.corrections(statement_id)
    by = {c.field: c.author for c in corrections}
    return StatementView(statement, by, corrections, statement_links(atlas, statement_id))
