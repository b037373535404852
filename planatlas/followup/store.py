"""Follow-up in the atlas: the one module that reads and writes follow-up items, their history,
evidence and carry-overs. Pure rules live beside it (status, progress, rollup, carry, report).

Every change is checked (status.check), stored with who and when, and guarded by the item's
version number: a change made against an older version than the stored one is refused with
the other person's change in the message, so that no update is lost without a word.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from planatlas.accounts import store as accounts
from planatlas.accounts.access import require
from planatlas.accounts.roles import Viewer
from planatlas.errors import BadParameter, Conflict, NotFound, StoreError
from planatlas.followup import status
from planatlas.followup.carry import CarryOutcome, carry
from planatlas.followup.progress import due_of
from planatlas.followup.records import Change, Event, Evidence, Item
from planatlas.followup.rollup import Rollup, rollup
from planatlas.followup.table import logged_text
from planatlas.labels import Labels
from planatlas.questions.diff import diff_statements
from planatlas.questions.snapshot import memo
from planatlas.records import Target
from planatlas.store import Atlas, StoredStatement
from planatlas.store import read as stored
from planatlas.store.schema import (
    CarryRow,
    DocumentAccessRow,
    EvidenceRow,
    FollowupEventRow,
    FollowupItemRow,
    StatementRow,
    VersionRow,
    utcnow,
)

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
_CARRY_LOCK = 727_311_100  # + document id: a PostgreSQL advisory lock while carrying over


@dataclass(frozen=True)
class Plan:
    document_id: int
    title: str
    actor: str | None
    period: str | None
    version: int
    owner: int | None  # the organisation that follows it up
    private: bool


@dataclass(frozen=True)
class CarryRecord:
    from_version: int
    to_version: int
    at: datetime
    outcome: dict[str, Any]
    texts: dict[int, str]  # statement id -> text, for every statement the outcome names


@dataclass(frozen=True)
class Board:
    plan: Plan
    items: list[Item]
    rollup: Rollup
    carry: CarryRecord | None
    can_edit: bool
    can_read_notes: bool


@dataclass(frozen=True)
class ItemView:
    plan: Plan
    item: Item
    events: list[Event]
    evidence: list[Evidence]
    can_edit: bool
    can_read_notes: bool


# --- reading


def plan(atlas: Atlas, ref: str | int, viewer: Viewer) -> Plan:
    """A stored document as a plan to follow up; a private one only for its organisation."""

    def run(conn: Connection) -> Plan:
        document_id = stored.resolve(conn, ref)
        v = stored.version_row(conn, document_id, None)
        private = conn.execute(
            select(DocumentAccessRow.private).where(DocumentAccessRow.document_id == document_id)
        ).scalar()
        owner = accounts.owner_in(conn, document_id)
        return Plan(document_id, v.title or v.source, v.name, v.period, v.version, owner,
                    bool(private))  # fmt: skip

    found = atlas.reading(run)
    if found.private:
        require("org_read", viewer, found.owner)
    return found


def board(atlas: Atlas, ref: str | int, viewer: Viewer) -> Board:
    """Every followed statement of the plan's latest version with its follow-up, rolled up."""
    found = plan(atlas, ref, viewer)
    carry_over(atlas, found.document_id)
    items = _items(atlas, found)
    notes = viewer.reads(found.owner)
    shown = items if notes else [replace(i, note="") for i in items]
    return Board(
        found, shown, rollup(found.title, items), last_carry(atlas, found.document_id),
        viewer.edits(found.owner), notes,
    )  # fmt: skip


def _items(atlas: Atlas, found: Plan) -> list[Item]:
    statements = [s for s in _statements(atlas, found) if status.followed(s.coding.kind)]
    stmt = select(FollowupItemRow).where(
        FollowupItemRow.document_id == found.document_id, FollowupItemRow.closed.is_(False)
    )
    rows = {r.statement_id: r for r in atlas.reading(lambda conn: conn.execute(stmt).all())}
    return [_item(s, rows.get(s.id), found.period) for s in statements]


def _statements(atlas: Atlas, found: Plan) -> list[StoredStatement]:
    """The plan's latest statements: remembered with the web app's snapshot, which holds every
    public statement already; a private plan's are read from the store each time."""
    if found.private:
        return atlas.statements(document=found.document_id)
    key = ("followup-statements", found.document_id)
    return memo(atlas, key, lambda: atlas.statements(document=found.document_id))


def _item(s: StoredStatement, row: Any, period: str | None) -> Item:
    kind = str(s.coding.kind)
    targets: tuple[Target, ...] = tuple(s.coding.targets)
    due = due_of(targets, period)
    if row is None:
        return Item(s.id, s.document_id, s.index, s.text, kind, s.section, targets,
                    status.default_status(kind), due)  # fmt: skip
    known = row.status in status.statuses(kind)
    return Item(
        s.id, s.document_id, s.index, s.text, kind, s.section, targets,
        row.status if known else status.default_status(kind), row.due or due,
        due_set=row.due is not None, responsible=row.responsible, logged=dict(row.progress or {}),
        note=row.note or "", answered_by=row.answered_by, weight=float(row.weight),
        version=int(row.version), updated_by=row.updated_by, updated_at=row.updated_at,
        item_id=int(row.id),
    )  # fmt: skip


def item(atlas: Atlas, statement_id: int, viewer: Viewer) -> ItemView:
    """One followed statement with its history (newest last) and evidence."""
    statement = atlas.statement(statement_id)
    if not status.followed(statement.coding.kind):
        raise NotFound(
            f"utsagn {statement_id} er ikke et tiltak, en aktivitet, et krav eller et mål"
        )
    found = plan(atlas, statement.document_id, viewer)
    carry_over(atlas, found.document_id)
    row = atlas.reading(
        lambda conn: conn.execute(
            select(FollowupItemRow).where(FollowupItemRow.statement_id == statement_id)
        ).first()
    )
    current = _item(statement, row, found.period)
    notes = viewer.reads(found.owner)
    events = _events(atlas, current.item_id) if current.item_id else []
    evidence = _evidence(atlas, current.item_id) if current.item_id and notes else []
    if not notes:
        current = replace(current, note="")
        events = [replace(e, changes={k: v for k, v in e.changes.items() if k != "note"})
                  for e in events]  # fmt: skip
    return ItemView(found, current, events, evidence, viewer.edits(found.owner), notes)


def _events(atlas: Atlas, item_id: int) -> list[Event]:
    stmt = (
        select(
            FollowupEventRow.id, FollowupEventRow.item_id, FollowupEventRow.version,
            FollowupEventRow.at, FollowupEventRow.author, FollowupEventRow.changes,
        )
        .where(FollowupEventRow.item_id == item_id)
        .order_by(FollowupEventRow.id)
    )  # fmt: skip
    return atlas.reading(lambda conn: [Event(*row) for row in conn.execute(stmt)])


def _evidence(atlas: Atlas, item_id: int) -> list[Evidence]:
    stmt = (
        select(
            EvidenceRow.id, EvidenceRow.item_id, EvidenceRow.title, EvidenceRow.url,
            EvidenceRow.filename, EvidenceRow.media_type, EvidenceRow.added_by,
            EvidenceRow.added_at,
        )
        .where(EvidenceRow.item_id == item_id)
        .order_by(EvidenceRow.id)
    )  # fmt: skip
    return atlas.reading(lambda conn: [Evidence(*row) for row in conn.execute(stmt)])


# --- writing


def update_item(
    atlas: Atlas, statement_id: int, change: Change, expected_version: int, viewer: Viewer
) -> Item:
    """Apply a person's change to an item, if no one else changed it since `expected_version`
    (0: it had no follow-up yet); Conflict, with the other's change, when someone did."""
    view = item(atlas, statement_id, viewer)
    require("org_write", viewer, view.plan.owner)
    status.check(view.item.kind, change)
    if "answered_by" in change.fields and change.answered_by is not None:
        atlas.statement(change.answered_by)  # NotFound for a statement that is not there
    author = viewer.username or ""
    try:
        atlas.writing(lambda conn: _write(conn, view, change, expected_version, author))
    except StoreError as error:  # someone made the item's first follow-up at the same moment
        if not isinstance(error.__cause__, IntegrityError):
            raise
        raise _conflict(atlas, statement_id, expected_version, change) from None
    except Conflict:
        raise _conflict(atlas, statement_id, expected_version, change) from None
    accounts.audit(atlas, author, "followup.update", str(statement_id), {"fields": change.fields})
    return item(atlas, statement_id, viewer).item


def _write(conn: Connection, view: ItemView, change: Change, expected: int, author: str) -> None:
    current = view.item
    old = {"status": current.status, "responsible": current.responsible,
           "due": current.due if current.due_set else None, "note": current.note,
           "logged": current.logged, "answered_by": current.answered_by,
           "weight": current.weight}  # fmt: skip
    new = {**old, **change.values()}
    changes = {k: [old[k], new[k]] for k in change.fields if old[k] != new[k]}
    values = {
        "status": new["status"], "responsible": new["responsible"] or None,
        "due": new["due"] or None,
        "note": new["note"] or "", "progress": new["logged"] or {},
        "answered_by": new["answered_by"], "weight": new["weight"],
        "updated_by": author, "updated_at": utcnow(),
    }  # fmt: skip
    if expected == 0:
        if current.version != 0:
            raise Conflict("endret")
        values.update(
            document_id=current.document_id, statement_id=current.statement_id,
            organisation_id=view.plan.owner, closed=False, version=1,
        )  # fmt: skip
        item_id = int(
            conn.execute(insert(FollowupItemRow).returning(FollowupItemRow.id), values).scalar_one()
        )
        version = 1
    else:
        done = conn.execute(
            update(FollowupItemRow)
            .where(
                FollowupItemRow.statement_id == current.statement_id,
                FollowupItemRow.version == expected,
            )
            .values(**values, version=FollowupItemRow.version + 1)
        )
        if done.rowcount != 1:
            raise Conflict("endret")
        item_id, version = int(current.item_id or 0), expected + 1
    conn.execute(
        insert(FollowupEventRow),
        {"item_id": item_id, "version": version, "author": author, "changes": changes},
    )


def _conflict(atlas: Atlas, statement_id: int, expected: int, mine: Change) -> Conflict:
    """The message for a change made against an older version: what the other person changed."""
    stmt = (
        select(FollowupEventRow.author, FollowupEventRow.at, FollowupEventRow.changes)
        .join(FollowupItemRow, FollowupItemRow.id == FollowupEventRow.item_id)
        .where(FollowupItemRow.statement_id == statement_id, FollowupEventRow.version > expected)
        .order_by(FollowupEventRow.id)
    )
    rows = atlas.reading(lambda conn: conn.execute(stmt).all())
    theirs = (
        "; ".join(
            f"{r.author} kl. {r.at:%H:%M}: "
            + (", ".join(_shown_change(k, v) for k, v in r.changes.items()) or "ingen endring")
            for r in rows
        )
        or "en annen endring"
    )
    wanted = ", ".join(f"{_label('field', k)} → {_shown(k, v)}" for k, v in mine.values().items())
    return Conflict(
        f"noen andre endret punktet mens du redigerte ({theirs}). Endringen din ({wanted}) er "
        "ikke lagret: se punktet slik det er nå, og gjør endringen på nytt om den fortsatt trengs"
    )


def _label(part: str, key: str) -> str:
    return Labels()(f"followup.{part}.{key}")


def _shown_change(name: str, pair: Any) -> str:
    if isinstance(pair, list) and len(pair) == 2:
        return f"{_label('field', name)} {_shown(name, pair[0])} → {_shown(name, pair[1])}"
    return _label("field", name)


def _shown(name: str, value: Any) -> str:
    if value in (None, "", {}):
        return "–"
    if name == "status":
        return _label("status", str(value))
    if name == "logged" and isinstance(value, dict):
        return logged_text(value)
    text_value = str(value)
    return text_value if len(text_value) <= 60 else text_value[:57] + "…"


def add_evidence(
    atlas: Atlas,
    statement_id: int,
    viewer: Viewer,
    *,
    title: str,
    url: str | None = None,
    filename: str | None = None,
    media_type: str | None = None,
    data: bytes | None = None,
) -> None:
    """A link or a file that shows what was done; the item gets its first follow-up if needed."""
    view = item(atlas, statement_id, viewer)
    require("org_write", viewer, view.plan.owner)
    if url and not url.startswith(("http://", "https://")):
        raise BadParameter("lenken må begynne med http:// eller https://")
    if not url and not data:
        raise BadParameter("legg ved en lenke eller en fil")
    if data is not None and len(data) > MAX_EVIDENCE_BYTES:
        raise BadParameter(f"filen er for stor (høyst {MAX_EVIDENCE_BYTES // 1048576} MB)")
    if view.item.item_id is None:
        update_item(atlas, statement_id, Change(fields=[]), 0, viewer)
        view = item(atlas, statement_id, viewer)
    values = {
        "item_id": view.item.item_id, "title": (title or filename or url or "").strip()[:500],
        "url": url, "filename": filename, "media_type": media_type, "data": data,
        "added_by": viewer.username or "",
    }  # fmt: skip
    atlas.writing(lambda conn: conn.execute(insert(EvidenceRow), values))
    accounts.audit(atlas, viewer.username or "", "followup.evidence", str(statement_id), {})


def evidence_file(atlas: Atlas, evidence_id: int, viewer: Viewer) -> tuple[str, str, bytes]:
    """(file name, media type, bytes) of an uploaded piece of evidence."""
    stmt = (
        select(EvidenceRow.filename, EvidenceRow.media_type, EvidenceRow.data,
               FollowupItemRow.document_id)
        .join(FollowupItemRow, FollowupItemRow.id == EvidenceRow.item_id)
        .where(EvidenceRow.id == evidence_id)
    )  # fmt: skip
    row = atlas.reading(lambda conn: conn.execute(stmt).first())
    if row is None or row.data is None:
        raise NotFound(f"fant ikke vedlegg {evidence_id}")
    require("org_read", viewer, plan(atlas, int(row.document_id), viewer).owner)
    return row.filename or "vedlegg", row.media_type or "application/octet-stream", row.data


# --- a new version of a plan


def carry_over(atlas: Atlas, document_id: int) -> CarryOutcome | None:
    """Carry follow-up from older versions of the plan to its latest; None when nothing to do."""
    latest = atlas.reading(lambda conn: stored.version_row(conn, document_id, None))
    pending = atlas.reading(lambda conn: _pending(conn, document_id, int(latest.id)))
    if not pending:
        return None
    outcome = CarryOutcome()
    for old_version in sorted(pending):
        found = _carry_one(atlas, document_id, old_version, int(latest.version))
        if found is not None:
            for name in vars(outcome):
                getattr(outcome, name).extend(getattr(found, name))
    return outcome


def _pending(conn: Connection, document_id: int, latest_version_id: int) -> set[int]:
    """The older versions that still have open follow-up items."""
    stmt = (
        select(VersionRow.version)
        .join(StatementRow, StatementRow.version_id == VersionRow.id)
        .join(FollowupItemRow, FollowupItemRow.statement_id == StatementRow.id)
        .where(
            FollowupItemRow.document_id == document_id,
            FollowupItemRow.closed.is_(False),
            VersionRow.id != latest_version_id,
        )
        .distinct()
    )
    return {int(v) for v in conn.execute(stmt).scalars()}


def _carry_one(atlas: Atlas, document_id: int, old_version: int, new_version: int) -> CarryOutcome:
    every = atlas.statements(document=document_id, all_versions=True)
    old = [s for s in every if s.version == old_version]
    new = [s for s in every if s.version == new_version]
    diff = diff_statements(list(old), list(new))
    rows = atlas.reading(
        lambda conn: conn.execute(
            select(FollowupItemRow).where(
                FollowupItemRow.statement_id.in_([s.id for s in old]),
                FollowupItemRow.closed.is_(False),
            )
        ).all()
    )
    by_id = {s.id: s for s in old}
    old_items = [_item(by_id[r.statement_id], r, None) for r in rows if r.statement_id in by_id]
    new_followed = [s for s in new if status.followed(s.coding.kind)]
    outcome = carry(
        old_items, diff, {s.index: s.id for s in old}, {s.index: s.id for s in new}, new_followed
    )
    texts = {s.id: s.text for s in (*old, *new)}
    named = {i for pair in outcome.carried for i in pair} | set(outcome.completed)
    named |= set(outcome.dropped) | set(outcome.new)

    def apply(conn: Connection) -> None:
        if conn.dialect.name == "postgresql":
            conn.execute(
                text("SELECT pg_advisory_xact_lock(:id)"), {"id": _CARRY_LOCK + document_id}
            )
        if old_version not in _pending(conn, document_id, _version_id(conn, document_id)):
            return  # another request carried it a moment ago
        for old_id, new_id in outcome.carried:
            item_id = conn.execute(
                update(FollowupItemRow)
                .where(FollowupItemRow.statement_id == old_id)
                .values(statement_id=new_id, version=FollowupItemRow.version + 1)
                .returning(FollowupItemRow.id, FollowupItemRow.version)
            ).first()
            if item_id is not None:
                carried = {"carried": [old_version, new_version], "from_statement": old_id}
                conn.execute(insert(FollowupEventRow), {
                    "item_id": item_id.id, "version": item_id.version, "author": "planatlas",
                    "changes": carried})  # fmt: skip
        left = [*outcome.completed, *outcome.dropped]
        left += [r.statement_id for r in rows if status.ended(r.status)]
        if left:
            conn.execute(
                update(FollowupItemRow)
                .where(FollowupItemRow.statement_id.in_(left))
                .values(closed=True)
            )
        conn.execute(insert(CarryRow), {
            "document_id": document_id, "from_version": old_version, "to_version": new_version,
            "outcome": {**outcome.as_dict(), "texts": {str(i): texts[i] for i in named}},
        })  # fmt: skip

    atlas.writing(apply)
    return outcome


def _version_id(conn: Connection, document_id: int) -> int:
    return int(stored.version_row(conn, document_id, None).id)


def last_carry(atlas: Atlas, document_id: int) -> CarryRecord | None:
    stmt = (
        select(CarryRow.from_version, CarryRow.to_version, CarryRow.at, CarryRow.outcome)
        .where(CarryRow.document_id == document_id)
        .order_by(CarryRow.id.desc())
        .limit(1)
    )
    row = atlas.reading(lambda conn: conn.execute(stmt).first())
    if row is None:
        return None
    outcome = dict(row.outcome)
    texts = {int(k): v for k, v in outcome.pop("texts", {}).items()}
    return CarryRecord(row.from_version, row.to_version, row.at, outcome, texts)


# --- an organisation's plans


@dataclass(frozen=True)
class PlanSummary:
    document_id: int
    title: str
    period: str | None
    private: bool
    items: int
    score: float


def plans_of(atlas: Atlas, organisation_id: int, viewer: Viewer) -> list[PlanSummary]:
    """The organisation's documents that have statements to follow up, with their progress."""
    found = []
    for d in atlas.documents():
        if accounts.owner_of(atlas, d.id) != organisation_id:
            continue
        private = accounts.is_private(atlas, d.id)
        if private and not viewer.reads(organisation_id):
            continue
        shown = board(atlas, d.id, viewer)
        if shown.items:
            found.append(PlanSummary(d.id, d.title or d.source, d.period, private,
                                     len(shown.items), shown.rollup.score))  # fmt: skip
    return found


# --- import


@dataclass
class ImportResult:
    updated: int = 0
    unchanged: int = 0
    conflicts: list[str] | None = None
    errors: list[str] | None = None


def import_rows(
    atlas: Atlas, ref: str | int, data: bytes, name: str, viewer: Viewer
) -> ImportResult:
    """Apply a CSV or Excel file with the export's columns to the plan's items, row by row; a
    row whose item changed since it was exported is a conflict and is not written."""
    from planatlas.followup.progress import main_target
    from planatlas.followup.table import change_of, read_rows

    shown = board(atlas, ref, viewer)
    require("org_write", viewer, shown.plan.owner)
    items = {i.statement_id: i for i in shown.items}
    result = ImportResult(conflicts=[], errors=[])
    for row in read_rows(data, name):
        found = items.get(row.statement_id)
        if found is None:
            result.errors.append(f"linje {row.line}: utsagn {row.statement_id} er ikke i planen")  # type: ignore[union-attr]
            continue
        target = main_target(found.targets)
        try:
            change = change_of(row, target.type if target else None)
            changed = [f for f in change.fields if _differs(found, f, change)]
            if not changed:
                result.unchanged += 1
                continue
            change.fields = changed
            update_item(atlas, row.statement_id, change, row.version, viewer)
            result.updated += 1
        except Conflict as error:
            result.conflicts.append(f"linje {row.line}: {error.message}")  # type: ignore[union-attr]
        except BadParameter as error:
            result.errors.append(f"linje {row.line}: {error.message}")  # type: ignore[union-attr]
    return result


def _differs(found: Item, name: str, change: Change) -> bool:
    current = {"due": found.due if found.due_set else None, "logged": found.logged}.get(
        name, getattr(found, name, None)
    )
    new = getattr(change, name)
    if name == "due" and new == found.due and not found.due_set:
        return False
    return bool(current != new and not (current in (None, "") and new in (None, "")))
