"""What the web pages need that planatlas.views does not give in one call.

Each function takes an Atlas and plain parameters and returns plain records; the routes call
one of these (or one function of views/search) and render the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from planatlas import pipeline, settings, views
from planatlas.batch import FileResult
from planatlas.errors import FileTooLarge, PlanatlasError
from planatlas.questions.positions import IssueComparison, Relation
from planatlas.reading.metadata import Metadata
from planatlas.records import Coding, Document, Section
from planatlas.store import Atlas
from planatlas.store.records import (
    CorrectionRecord,
    DocumentSummary,
    StoredStatement,
    VersionSummary,
)
from planatlas.web.params import BadParameter

T = TypeVar("T")
LATEST = 8  # documents listed on the overview
LOW_CONFIDENCE = 0.6  # a coding field below this is marked "sjekk"


# --- labels


def labels(locale: str) -> tuple[dict[str, str], dict[str, str]]:
    """(topic id -> name, issue id -> name) in the page's language."""
    if locale == "nb":
        return views.topic_labels(), views.issue_labels()
    taxonomy = pipeline.active_taxonomy()
    return (
        {key: topic.en for key, topic in taxonomy.topics.items()},
        {key: issue.en for key, issue in taxonomy.issues.items()},
    )


# --- pagination


@dataclass(frozen=True)
class Page:
    """One page of a longer list: the items, how many there are in all, and where this starts."""

    items: list[Any]
    total: int
    limit: int
    offset: int

    @property
    def previous(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    @property
    def next(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


def page(items: list[Any], limit: int, offset: int) -> Page:
    limit, offset = max(0, limit), max(0, offset)
    return Page(items[offset : offset + limit], len(items), limit, offset)


# --- overview


@dataclass(frozen=True)
class Overview:
    counts: dict[str, int]
    salience: dict[str, dict[str, float]]  # actor -> topic -> share of its statements
    topics: list[str]  # heatmap columns: every topic some actor speaks of, in taxonomy order
    latest: list[DocumentSummary]


def overview(atlas: Atlas) -> Overview:
    """Counts, the actor × topic salience and the latest documents."""
    salience = views.salience_of(atlas)
    used = {t for row in salience.values() for t in row}
    topics = [t for t in views.topic_labels() if t in used]
    latest = sorted(views.documents_of(atlas), key=lambda d: -d.id)[:LATEST]
    return Overview(atlas.overview(), dict(sorted(salience.items())), topics, latest)


# --- a document


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
    shared: list[views.SharedReference] = field(default_factory=list)  # named elsewhere too


def document_view(atlas: Atlas, ref: str | int, version: int | None = None) -> DocumentView:
    """A stored document's outline with its stored statements (ids and effective coding)."""
    versions = atlas.versions(ref)
    chosen = version if version is not None else versions[-1].version
    doc = atlas.document(ref, chosen)
    stored = [s for s in atlas.statements(document=ref, all_versions=True) if s.version == chosen]
    stored.sort(key=lambda s: s.index)
    doc_id = stored[0].document_id if stored else _document_id(atlas, ref)
    shared = views.shared_references(atlas, doc_id) if doc_id else []
    return DocumentView(
        doc_id, doc, chosen, versions, outline(doc.sections, stored), stored, shared
    )


def _document_id(atlas: Atlas, ref: str | int) -> int:
    for d in views.documents_of(atlas):
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
    links: list[views.StatementLink]


def statement_view(atlas: Atlas, statement_id: int) -> StatementView:
    """A statement with who corrected what, and its links into other documents."""
    statement = atlas.statement(statement_id)
    corrections = atlas.corrections(statement_id)
    by = {c.field: c.author for c in corrections}
    return StatementView(statement, by, corrections, views.statement_links(atlas, statement_id))


@dataclass
class Correction:
    """A filled-in correction form: the fields to correct and who corrects them."""

    author: str
    kind: str | None = None
    topics: list[str] | None = None
    positions: list[dict[str, str]] | None = None
    fields: list[str] = field(default_factory=list)  # which of the above the form sends


def correct(atlas: Atlas, statement_id: int, correction: Correction) -> list[str]:
    """Store each changed field as a correction; returns the fields corrected."""
    if not correction.author.strip():
        raise BadParameter("skriv navnet ditt for å rette et utsagn")
    current = atlas.statement(statement_id).coding
    done = []
    for name in correction.fields:
        value = getattr(correction, name)
        if _changed(current, name, value):
            atlas.correct(statement_id, name, value, correction.author.strip())
            done.append(name)
    return done


def _changed(coding: Coding, name: str, value: Any) -> bool:
    if name == "positions":
        return bool([p.as_dict() for p in coding.positions] != value)
    if name == "topics":
        return sorted(coding.topics) != sorted(value or [])
    return bool(getattr(coding, name) != value)


# --- upload


def max_bytes() -> int:
    return int(settings.get("max_file_mb")) * 1024 * 1024


def too_large(name: str) -> FileTooLarge:
    limit = max_bytes() // 1048576
    return FileTooLarge(
        f"filen er over grensen på {limit} MB (endre med PLANATLAS_MAX_FILE_MB)", path=name
    )


async def read_upload(file: Any, chunk: int = 1 << 20) -> bytes:
    """An uploaded file's bytes, at most one byte past the size limit (enough to refuse it)."""
    limit = max_bytes()
    parts: list[bytes] = []
    size = 0
    while size <= limit and (part := await file.read(min(chunk, limit + 1 - size))):
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def ingest_upload(atlas: Atlas, data: bytes, name: str, meta: Metadata | None = None) -> FileResult:
    """Read, code and store one uploaded file; a bad file is recorded and reported, not raised."""
    try:
        if len(data) > max_bytes():
            raise too_large(name)
        doc = pipeline.analyze(pipeline.read_bytes(data, name, meta))
        added = atlas.add(doc)
    except PlanatlasError as error:
        return _failed(atlas, name, error.code, error.message)
    except Exception as error:  # a bug in one reader must not become a 500
        return _failed(atlas, name, "internal", f"uventet feil ({type(error).__name__})")
    return FileResult(
        name,
        added.status,
        statements=len(doc.statements),
        warnings=list(doc.warnings),
        document_id=added.document_id,
        version=added.version,
    )


def _failed(atlas: Atlas, name: str, code: str, message: str) -> FileResult:
    atlas.record_error(name, code, message)
    return FileResult(name, "error", error=message, error_code=code)


# --- statements and documents, filtered


def statements(
    atlas: Atlas,
    *,
    actor: str | None = None,
    document: str | int | None = None,
    kind: str | None = None,
    topic: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    found = views.statements_of(atlas, actor=actor, document=document, kind=kind, topic=topic)
    return page(found, limit, offset)


def low(confidence: dict[str, float], name: str) -> bool:
    """Whether the coder was unsure of one field (a person's correction is never low)."""
    return confidence.get(name, 1.0) < LOW_CONFIDENCE


# --- what the forms offer


@dataclass(frozen=True)
class Choices:
    actors: list[str]
    documents: list[DocumentSummary]

    @property
    def document_options(self) -> list[tuple[int, str]]:
        """(id, "Actor: Title (v2)") for a document select."""
        return [(d.id, _document_label(d)) for d in self.documents]


def _document_label(d: DocumentSummary) -> str:
    actor = f"{d.actor}: " if d.actor else ""
    version = f" (v{d.version})" if d.version > 1 else ""
    return f"{actor}{d.title or d.source}{version}"


def choices(atlas: Atlas) -> Choices:
    """The actors and documents a person can pick in the pages' forms."""
    return Choices(sorted(views.snapshot(atlas).actor_kinds), views.documents_of(atlas))


def _title(atlas: Atlas, ref: str | int | None) -> str | None:
    if ref is None:
        return None
    for d in views.documents_of(atlas):
        if ref in (d.id, d.title, d.source):
            return d.title or d.source
    return str(ref)


# --- allies, trace, diff


@dataclass(frozen=True)
class AlliancesView:
    actor: str | None
    topic: str | None
    alliances: views.Alliances | None  # every ally and opponent (for downloads)
    network: views.Network
    drawn: Any  # charts.DrawnNetwork
    shown: views.Alliances | None = None  # the strongest, with their clearest issues

    @property
    def totals(self) -> tuple[int, int]:
        found = self.alliances
        return (len(found.allies), len(found.opponents)) if found else (0, 0)


def alliances_view(atlas: Atlas, actor: str | None, *, topic: str | None = None) -> AlliancesView:
    """An actor's allies and opponents (when one is chosen) and the alliance network."""
    from planatlas.web.charts import draw_network

    found = views.allies_of(atlas, actor, topic=topic) if actor else None
    network = views.alliance_network(atlas, topic=topic)
    shown = _strongest(found) if found else None
    drawn = views.snapshot(atlas).remember(("drawn", topic), lambda: draw_network(network))
    return AlliancesView(actor, topic, found, network, drawn, shown)


SHOWN_RELATIONS = 12  # a page lists this many allies and opponents; downloads have them all
SHOWN_ISSUES = 4  # ... each with this many issues, the ones that make it an ally first


def _strongest(found: views.Alliances) -> views.Alliances:
    def trim(relation: Relation, agreeing: bool) -> Relation:
        def first(c: IssueComparison) -> bool:  # False sorts first
            return not (c.agrees or c.partly_agrees) if agreeing else not c.opposes

        issues = sorted(relation.issues, key=first)[:SHOWN_ISSUES]
        return Relation(relation.actor, relation.agreement, issues)

    return views.Alliances(
        found.actor,
        [trim(r, True) for r in found.allies[:SHOWN_RELATIONS]],
        [trim(r, False) for r in found.opponents[:SHOWN_RELATIONS]],
    )


@dataclass(frozen=True)
class TraceView:
    demands: str | int | None
    plan: str | int | None
    demands_title: str | None
    plan_title: str | None
    rows: list[Any]  # trace.TraceRow
    goals: list[Any]  # trace.GoalRow

    @property
    def goals_without_measures(self) -> list[Any]:
        return [g for g in self.goals if not g.has_measures]


def trace_view(atlas: Atlas, demands: str | int | None, plan: str | int | None) -> TraceView:
    """The demands of one document traced to a plan's measures, and the plan's bare goals."""
    rows = views.trace_documents(atlas, demands, plan) if demands is not None and plan else []
    goals = views.plan_goals(atlas, plan) if plan is not None else []
    return TraceView(demands, plan, _title(atlas, demands), _title(atlas, plan), rows, goals)


@dataclass(frozen=True)
class DiffView:
    old: str | int | None
    new: str | int | None
    old_title: str | None
    new_title: str | None
    old_version: int | None
    new_version: int | None
    diff: Any  # diff.PlanDiff | None


def diff_view(
    atlas: Atlas,
    document: str | int | None,
    old: str | int | None,
    new: str | int | None,
    old_version: int | None = None,
    new_version: int | None = None,
) -> DiffView:
    """Two documents, two versions of one, or a document's last two versions, compared."""
    if document is not None:
        old = new = document
        if old_version is None and new_version is None:
            versions = atlas.versions(document)
            if len(versions) >= 2:
                old_version, new_version = versions[-2].version, versions[-1].version
    if old is None or new is None:
        return DiffView(old, new, None, None, None, None, None)
    found = views.diff_documents(atlas, old, new, old_version=old_version, new_version=new_version)
    return DiffView(
        old, new, _title(atlas, old), _title(atlas, new), old_version, new_version, found
    )


def documents(
    atlas: Atlas,
    *,
    actor: str | None = None,
    genre: str | None = None,
    language: str | None = None,
) -> list[DocumentSummary]:
    """Documents in their latest version, filtered by actor, genre and language."""
    wanted = {"actor": actor, "genre": genre, "language": language}
    return [
        d
        for d in views.documents_of(atlas)
        if all(v is None or getattr(d, k) == v for k, v in wanted.items())
    ]


# --- the API's own documentation


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    summary: str
    parameters: list[dict[str, Any]]
    body: bool


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    """Every operation of an OpenAPI schema, for the offline docs page."""
    found = []
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "type": _type(p.get("schema", {})),
                }
                for p in op.get("parameters", [])
            ]
            found.append(
                Endpoint(method.upper(), path, op.get("summary", ""), params, "requestBody" in op)
            )
    return found


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"{_type(schema.get('items', {}))}[]"
    return str(schema.get("type", "string"))
