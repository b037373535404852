"""Follow-up, contacts and the library under /api/v1, for scripts with an API token
(`Authorization: Bearer ...`); the same library functions as the pages, the same rules."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, StringConstraints

from planatlas.export.jsonable import jsonable
from planatlas.followup import contacts
from planatlas.followup import store as followups
from planatlas.followup.records import CHANGEABLE, Change
from planatlas.followup.report import build_report
from planatlas.followup.rollup import item_score
from planatlas.questions.library import library
from planatlas.store.read import MAX_ID
from planatlas.web import auth
from planatlas.web.context import atlas_of
from planatlas.web.params import Id, OptId, opt

router = APIRouter(prefix="/api/v1")
Json = dict[str, Any]
# What a person types, capped: a short code or date, a line (a name), a note.
Short = Annotated[str, StringConstraints(max_length=40)]
Line = Annotated[str, StringConstraints(max_length=300)]
Text = Annotated[str, StringConstraints(max_length=20_000)]


@router.get("/me", summary="Hvem nøkkelen eller økten hører til: bruker, rolle, organisasjon")
def me(request: Request) -> Json:
    viewer = auth.viewer(request)
    return {
        "username": viewer.username, "name": viewer.name, "role": viewer.role,
        "organisation_id": viewer.organisation_id, "organisation": viewer.organisation,
    }  # fmt: skip


@router.get("/followup/{document_id}", summary="En plans oppfølging: punkter og sammendrag")
def board(request: Request, document_id: Id) -> Json:
    found = followups.board(atlas_of(request), document_id, auth.viewer(request))
    items = [{**jsonable(i), "score": item_score(i)} for i in found.items]
    return {
        "plan": jsonable(found.plan), "rollup": jsonable(found.rollup), "items": items,
        "carry": jsonable(found.carry), "can_edit": found.can_edit,
    }  # fmt: skip


@router.get("/followup/{document_id}/report", summary="Statusrapporten for en plan")
def report(request: Request, document_id: Id) -> Json:
    found = build_report(followups.board(atlas_of(request), document_id, auth.viewer(request)))
    body: Json = jsonable({k: v for k, v in vars(found).items() if k != "labels"})
    return body


@router.get("/followup/items/{statement_id}", summary="Ett punkt med historikk og dokumentasjon")
def item(request: Request, statement_id: Id) -> Json:
    view = followups.item(atlas_of(request), statement_id, auth.viewer(request))
    body: Json = jsonable({"item": view.item, "events": view.events, "evidence": view.evidence})
    return body


class ItemChange(BaseModel):
    """The fields to change, and the item's version they were read at (0: no follow-up yet)."""

    version: int = Field(ge=0, le=MAX_ID)
    status: Short | None = None
    responsible: Line | None = None
    due: Short | None = None
    note: Text | None = None
    logged: dict[str, Any] | None = None
    answered_by: int | None = Field(default=None, ge=0, le=MAX_ID)
    weight: float | None = None


@router.patch(
    "/followup/items/{statement_id}",
    summary="Endre et punkt (409 med den andres endring når versjonen er gammel)",
)
def update(request: Request, statement_id: Id, body: ItemChange) -> Json:
    given = [name for name in CHANGEABLE if name in body.model_fields_set]
    change = Change(**{name: getattr(body, name) for name in given}, fields=given)
    found = followups.update_item(
        atlas_of(request), statement_id, change, body.version, auth.viewer(request)
    )
    return {"item": jsonable(found)}


class ContactBody(BaseModel):
    """A contact (personal data: record the person's consent)."""

    name: Annotated[str, StringConstraints(max_length=200, pattern=r"\S")]
    role: Line | None = None
    body: Line | None = None
    place: Line | None = None
    party: Line | None = None
    topics: Annotated[list[Line], Field(max_length=50)] = []
    email: Annotated[str, StringConstraints(max_length=300, pattern="@")] | None = None
    phone: Short | None = None
    consent: bool = False
    consent_note: Text = ""


@router.get("/contacts", summary="Organisasjonens kontakter (bare for medlemmene)")
def contacts_list(request: Request, organisation: OptId = None) -> Json:
    found = contacts.contacts_of(atlas_of(request), auth.viewer(request), organisation)
    return {"items": jsonable(found), "total": len(found), "limit": len(found), "offset": 0}


@router.post("/contacts", summary="Legg til en kontakt")
def contacts_add(request: Request, body: ContactBody, organisation: OptId = None) -> Json:
    person = contacts.ContactIn(**body.model_dump())
    found: Json = jsonable(
        contacts.add_contact(atlas_of(request), auth.viewer(request), person, organisation)
    )
    return found


@router.delete("/contacts/{contact_id}", summary="Slett en person helt (med alle koblinger)")
def contacts_delete(request: Request, contact_id: Id) -> Json:
    contacts.delete_contact(atlas_of(request), auth.viewer(request), contact_id)
    return {"deleted": contact_id}


@router.get("/library", summary="Biblioteket: interpellasjoner, høringssvar, brev og artikler")
def library_list(
    request: Request,
    q: str | None = None,
    topic: str | None = None,
    body: str | None = None,
    year: str | None = None,
) -> Json:
    found = library(atlas_of(request), auth.viewer(request), topic=opt(topic), body=opt(body),
                    year=opt(year), query=opt(q))  # fmt: skip
    return {"items": jsonable(found), "total": len(found), "limit": len(found), "offset": 0}
