"""References shared between documents: the reports, laws and organisations two documents name.

A shared reference is a link a reader can follow: both documents cite "NOU 2023:8", or both
name "Helse Nord RHF".
"""

from __future__ import annotations

from dataclasses import dataclass

from planatlas.questions.snapshot import Snapshot, snapshot
from planatlas.store import Atlas
from planatlas.store.records import StoredStatement

SHOWN_DOCUMENTS = 20  # a page names this many of the other documents; the API has them all


@dataclass(frozen=True)
class SharedReference:
    """A document or organisation that two or more documents name: a link between them."""

    name: str
    type: str  # reference | organisation
    documents: list[tuple[int, str]]  # (document id, title) of the other documents naming it


def shared_references(
    atlas: Atlas, document: str | int, latest: list[StoredStatement] | None = None
) -> list[SharedReference]:
    """What one document cites or names that other documents cite or name too (`latest`:
    its latest version's statements, where the caller has read them already)."""
    names = named_in(atlas)
    mine = latest if latest is not None else atlas.statements(document=document)
    if not mine:
        return []
    own_id = mine[0].document_id
    found = []
    for key in sorted({key for s in mine for key in _names(s)}):
        others = sorted((i, t) for i, t in names.get(key, {}).items() if i != own_id)
        if others:
            found.append(SharedReference(key[1], key[0], others))
    return found


def _names(statement: StoredStatement) -> list[tuple[str, str]]:
    """(type, name) of every document reference and organisation a statement names."""
    return [("reference", r) for r in statement.coding.references] + [
        ("organisation", o) for o in statement.coding.organisations
    ]


def named_in(atlas: Atlas) -> dict[tuple[str, str], dict[int, str]]:
    """(type, name) -> the documents (id -> title) whose statements name it."""
    snap = snapshot(atlas)
    return snap.remember(("named_in",), lambda: _named_in(snap))


def _named_in(snap: Snapshot) -> dict[tuple[str, str], dict[int, str]]:
    found: dict[tuple[str, str], dict[int, str]] = {}
    for s in snap.statements:
        for key in _names(s):
            found.setdefault(key, {})[s.document_id] = s.title or s.source
    return found
