"""The route-side half of access: private documents, uploads that may only add versions of
the uploader's own documents, the author of a correction, and the audit log."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from planatlas.accounts import store as accounts
from planatlas.accounts.access import require
from planatlas.accounts.roles import Viewer
from planatlas.errors import Forbidden
from planatlas.records import Document
from planatlas.store import AddResult, Atlas
from planatlas.store import read as stored
from planatlas.web import auth
from planatlas.web.context import atlas_of


def readable_document(request: Request, ref: str | int) -> int:
    """The document's id, once the viewer may read it (a private one: its organisation)."""
    atlas = atlas_of(request)
    document_id = atlas.reading(lambda conn: stored.resolve(conn, ref))
    if accounts.is_private(atlas, document_id):
        require("org_read", auth.viewer(request), accounts.owner_of(atlas, document_id))
    return document_id


def readable_statement(request: Request, statement_id: int) -> None:
    readable_document(request, atlas_of(request).statement(statement_id).document_id)


def author_of(request: Request) -> str:
    """A correction's author: the account's name (and user name), never a typed name."""
    viewer = auth.viewer(request)
    if viewer.name and viewer.name != viewer.username:
        return f"{viewer.name} ({viewer.username})"
    return viewer.username or ""


def audit(request: Request, action: str, target: str, details: dict[str, Any]) -> None:
    viewer = auth.viewer(request)
    accounts.audit(atlas_of(request), viewer.username or "", action, target, details)


class OwnedStore:
    """The atlas as an upload sees it: a document of another organisation (or of none, unless
    the uploader is an admin) cannot get a new version; a new document is the uploader's."""

    def __init__(self, atlas: Atlas, viewer: Viewer, private: bool) -> None:
        self.atlas, self.viewer, self.private = atlas, viewer, private

    def add(self, doc: Document) -> AddResult:
        existing = accounts.existing_document(self.atlas, doc)
        if existing is not None and not self.viewer.edits(accounts.owner_of(self.atlas, existing)):
            raise Forbidden(
                f"«{doc.title or doc.source}» finnes fra før og hører ikke til din organisasjon; "
                "gi dokumentet en annen tittel, eller be en administrator laste det opp"
            )
        result = self.atlas.add(doc)
        if result.status == "new":
            accounts.set_owner(
                self.atlas, result.document_id, self.viewer.organisation_id,
                private=self.private, by=self.viewer.username,
            )  # fmt: skip
        return result

    def record_error(self, path: str, code: str, message: str) -> None:
        self.atlas.record_error(path, code, message)


def owned_store(request: Request, *, private: bool = False) -> OwnedStore:
    return OwnedStore(atlas_of(request), auth.viewer(request), private)
