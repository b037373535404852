"""Pages for an organisation's contacts (members only; editors change them) and the library."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse, Response

from planatlas.errors import BadParameter, PlanatlasError
from planatlas.export.tables import FORMATS
from planatlas.followup import contacts
from planatlas.questions.library import GENRES, library
from planatlas.web import auth
from planatlas.web.context import atlas_of, render
from planatlas.web.pages import download
from planatlas.web.params import Id, opt, opt_int

router = APIRouter(include_in_schema=False)


def person_of(form: FormData) -> contacts.ContactIn:
    return contacts.ContactIn(
        name=str(form.get("navn", "")),
        role=opt(str(form.get("rolle", ""))),
        body=opt(str(form.get("organ", ""))),
        place=opt(str(form.get("sted", ""))),
        party=opt(str(form.get("parti", ""))),
        topics=[str(t) for t in form.getlist("tema")],
        email=opt(str(form.get("epost", ""))),
        phone=opt(str(form.get("telefon", ""))),
        consent=form.get("samtykke") == "ja",
        consent_note=str(form.get("samtykke_notat", "")).strip(),
    )


def _list(request: Request, status: int = 200, **extra: object) -> Response:
    found = contacts.contacts_of(atlas_of(request), auth.viewer(request), _chosen(request))
    return render(request, "contacts.html", status, people=found, roles=contacts.ROLES,
                  bodies=contacts.BODIES, **extra)  # fmt: skip


@router.get("/kontakter")
def contacts_page(request: Request, format: str | None = None) -> Response:
    if format in FORMATS:
        found = contacts.contacts_of(atlas_of(request), auth.viewer(request), _chosen(request))
        return download(contacts.contacts_table(found), format)
    return _list(request)


def _chosen(request: Request) -> int | None:
    """The organisation an admin chose (?organisasjon=), else the viewer's own."""
    return opt_int(request.query_params.get("organisasjon"), "organisasjon")


@router.post("/kontakter")
async def add_contact(request: Request) -> Response:
    form = await request.form()
    try:
        contacts.add_contact(
            atlas_of(request), auth.viewer(request), person_of(form), _chosen(request)
        )
    except BadParameter as error:
        return _list(request, 400, error=error.message)
    return RedirectResponse("/kontakter?lagret=1", status_code=303)


@router.post("/kontakter/import")
async def import_contacts(request: Request) -> Response:
    org = contacts.editable(auth.viewer(request), _chosen(request))
    form = await request.form()
    upload = form.get("fil")
    if not isinstance(upload, UploadFile):
        return _list(request, 400, error="velg en CSV-fil")
    try:
        n = contacts.import_contacts(
            atlas_of(request), auth.viewer(request), await upload.read(), org
        )
    except BadParameter as error:
        return _list(request, 400, error=error.message)
    return RedirectResponse(f"/kontakter?lest={n}", status_code=303)


@router.get("/kontakter/{contact_id}")
def contact_page(request: Request, contact_id: Id) -> Response:
    found = contacts.contact(atlas_of(request), auth.viewer(request), contact_id)
    return render(request, "contact.html", person=found, roles=contacts.ROLES,
                  bodies=contacts.BODIES, relations=contacts.RELATIONS)  # fmt: skip


@router.post("/kontakter/{contact_id}")
async def update_contact(request: Request, contact_id: Id) -> Response:
    form = await request.form()
    atlas, viewer = atlas_of(request), auth.viewer(request)
    try:
        document = opt_int(str(form.get("dokument", "")), "dokument")
        if document is not None:
            contacts.link_document(atlas, viewer, contact_id, document, str(form.get("relasjon")))
        else:
            version = opt_int(str(form.get("versjon", "")), "versjon") or 0
            contacts.update_contact(atlas, viewer, contact_id, person_of(form), version)
    except PlanatlasError as error:
        if error.code not in ("bad_parameter", "conflict", "not_found"):
            raise
        found = contacts.contact(atlas, viewer, contact_id)
        return render(request, "contact.html", 409 if error.code == "conflict" else 400,
                      person=found, roles=contacts.ROLES, bodies=contacts.BODIES,
                      relations=contacts.RELATIONS, error=error.message)  # fmt: skip
    return RedirectResponse(f"/kontakter/{contact_id}?lagret=1", status_code=303)


@router.post("/kontakter/{contact_id}/slett")
def delete_contact(request: Request, contact_id: Id) -> Response:
    contacts.delete_contact(atlas_of(request), auth.viewer(request), contact_id)
    return RedirectResponse("/kontakter?slettet=1", status_code=303)


@router.get("/bibliotek")
def library_page(
    request: Request,
    q: str | None = None,
    tema: str | None = None,
    organ: str | None = None,
    ar: str | None = None,
) -> Response:
    found = library(atlas_of(request), auth.viewer(request), topic=opt(tema), body=opt(organ),
                    year=opt(ar), query=opt(q))  # fmt: skip
    return render(request, "library.html", entries=found, genres=GENRES, bodies=contacts.BODIES)
