"""Pages for accounts: log in and out, one's own account (password), users, organisations and
API tokens for admins, and an organisation's page with its plans."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from planatlas.accounts import store as accounts
from planatlas.errors import PlanatlasError
from planatlas.followup import store as followups
from planatlas.web import auth
from planatlas.web.context import atlas_of, render
from planatlas.web.params import Id, local_path, opt

router = APIRouter(include_in_schema=False)


def _next(target: str | None) -> str:
    """Where to go after logging in: a path on this site, never another site."""
    return local_path(target)


@router.get("/logg-inn")
def login_page(request: Request, neste: str | None = None) -> Response:
    return render(request, "login.html", neste=_next(neste))


@router.post("/logg-inn")
async def login(request: Request) -> Response:
    form = await request.form()
    target = _next(str(form.get("neste", "")))
    address = request.client.host if request.client else ""
    try:
        user = accounts.authenticate(
            atlas_of(request), str(form.get("brukernavn", "")), str(form.get("passord", "")),
            address,
        )  # fmt: skip
    except PlanatlasError as error:
        status = 429 if error.code == "throttled" else 401
        return render(request, "login.html", status, neste=target, error=error.message)
    auth.log_in(request, user)
    return RedirectResponse(target, status_code=303)


@router.post("/logg-ut")
def logout(request: Request) -> Response:
    auth.log_out(request)
    return RedirectResponse("/", status_code=303)


@router.get("/konto")
def account(request: Request) -> Response:
    viewer = auth.viewer(request)
    mine = accounts.tokens(atlas_of(request), viewer.username)
    return render(request, "account.html", tokens=mine)


@router.post("/konto/passord")
async def change_password(request: Request) -> Response:
    form = await request.form()
    viewer = auth.viewer(request)
    atlas = atlas_of(request)
    assert viewer.username is not None
    try:
        accounts.authenticate(atlas, viewer.username, str(form.get("gammelt", "")))
        accounts.set_password(atlas, viewer.username, str(form.get("nytt", "")))
    except PlanatlasError as error:
        tokens = accounts.tokens(atlas, viewer.username)
        return render(request, "account.html", 400, tokens=tokens, error=error.message)
    auth.log_in(request, accounts.user(atlas, viewer.username))
    return RedirectResponse("/konto?lagret=1", status_code=303)


@router.get("/brukere")
def users_page(request: Request, ny_nokkel: str | None = None) -> Response:
    atlas = atlas_of(request)
    return render(
        request, "users.html", users=accounts.users(atlas),
        organisations=accounts.organisations(atlas), tokens=accounts.tokens(atlas),
        new_token=request.session.pop("new_token", None),
    )  # fmt: skip


@router.post("/brukere")
async def add_user(request: Request) -> Response:
    form = await request.form()
    atlas = atlas_of(request)
    try:
        accounts.add_user(
            atlas, str(form.get("brukernavn", "")), str(form.get("passord", "")),
            str(form.get("rolle", "member")), opt(str(form.get("organisasjon", ""))),
            opt(str(form.get("navn", ""))),
        )  # fmt: skip
    except PlanatlasError as error:
        return _users_with_error(request, error)
    return RedirectResponse("/brukere?lagret=1", status_code=303)


@router.post("/organisasjoner")
async def add_organisation(request: Request) -> Response:
    form = await request.form()
    try:
        accounts.add_organisation(
            atlas_of(request), str(form.get("navn", "")), opt(str(form.get("aktor", "")))
        )
    except PlanatlasError as error:
        return _users_with_error(request, error)
    return RedirectResponse("/brukere?lagret=1", status_code=303)


@router.post("/brukere/{user_id}/nokler")
async def add_token(request: Request, user_id: Id) -> Response:
    form = await request.form()
    atlas = atlas_of(request)
    found = accounts.user(atlas, user_id)
    token, _ = accounts.create_token(atlas, found.username, str(form.get("navn", "")))
    request.session["new_token"] = token  # shown once, on the next page
    return RedirectResponse("/brukere", status_code=303)


@router.post("/nokler/{token_id}/trekk-tilbake")
def revoke_token(request: Request, token_id: Id) -> Response:
    viewer = auth.viewer(request)
    accounts.revoke_token(atlas_of(request), token_id, viewer.username or "")
    return RedirectResponse("/brukere", status_code=303)


def _users_with_error(request: Request, error: PlanatlasError) -> Response:
    atlas = atlas_of(request)
    return render(
        request, "users.html", 400, users=accounts.users(atlas),
        organisations=accounts.organisations(atlas), tokens=accounts.tokens(atlas),
        error=error.message, new_token=None,
    )  # fmt: skip


@router.get("/organisasjon/{organisation_id}")
def organisation_page(request: Request, organisation_id: Id) -> Response:
    atlas = atlas_of(request)
    found = accounts.organisation(atlas, organisation_id)
    plans = followups.plans_of(atlas, found.id, auth.viewer(request))
    return render(request, "organisation.html", organisation=found, plans=plans)
