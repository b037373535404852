"""Who a request is made as, and whether it may be made: sessions, CSRF tokens, API tokens and
the guard that checks every route against its rule (planatlas/accounts/access.py).

- A person logs in with a password (argon2) and gets a session: a cookie signed with
  itsdangerous by Starlette's SessionMiddleware, HttpOnly and SameSite=Lax (Secure with the
  `secure_cookies` setting), holding the user's id and their session epoch, which a new
  password moves on (so it ends their other sessions).
- A script sends `Authorization: Bearer <token>`; the token is looked up by its hash.
- Every state-changing request made with a session carries the session's CSRF token, as the
  form field `csrf` or the header `X-CSRF-Token` (compared in constant time). A request with a
  bearer token carries no cookie, so it cannot be forged across sites and needs none.
- The guard runs before every route: a route without a rule is refused; otherwise the viewer's
  role must fit the rule, and the route checks the organisation part (`require`).
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import Depends, FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import RedirectResponse, Response

from planatlas import settings
from planatlas.accounts import access
from planatlas.accounts import store as accounts
from planatlas.accounts.roles import ANONYMOUS, Viewer
from planatlas.errors import Forbidden, LoginRequired, PlanatlasError
from planatlas.store import Atlas

COOKIE = "planatlas_okt"
SESSION_HOURS = 12
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def install(app: FastAPI, atlas: Atlas) -> None:
    """Sessions, the guard before every route (call before including routers), and the login
    redirect for pages."""
    app.add_middleware(
        SessionMiddleware,
        secret_key=accounts.signing_secret(atlas),
        session_cookie=COOKIE,
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=bool(settings.get("secure_cookies")),
    )
    app.router.dependencies.append(Depends(guard))
    app.add_exception_handler(LoginRequired, _login_required)


async def guard(request: Request) -> None:
    """Refuse a route without an access rule, a viewer the rule keeps out, a missing CSRF token."""
    route = request.scope.get("route")
    rule = access.rule_of(request.method, getattr(route, "path", ""))
    if rule is None:
        raise Forbidden(f"{request.method} {request.url.path} har ingen tilgangsregel")
    viewer = _viewer(request)
    request.state.viewer = viewer
    closed = access.access_mode() == "closed"
    if not access.route_allows(rule, viewer, closed):
        access.require(rule, viewer)
    if request.method not in SAFE_METHODS and not viewer.via_token:
        await _check_csrf(request)


def viewer(request: Request) -> Viewer:
    """Whoever the request is made as (anonymous until the guard has run)."""
    found: Viewer = getattr(request.state, "viewer", ANONYMOUS)
    return found


def _atlas(request: Request) -> Atlas:
    found: Atlas = request.app.state.atlas
    return found


def _viewer(request: Request) -> Viewer:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return accounts.token_viewer(_atlas(request), token.strip())
    session = request.scope.get("session") or {}
    uid, epoch = session.get("uid"), session.get("epoch")
    if isinstance(uid, int) and isinstance(epoch, int):
        found = accounts.session_viewer(_atlas(request), uid, epoch)
        if found is not None:
            return found
        session.pop("uid", None)
    return ANONYMOUS


def log_in(request: Request, user: accounts.User) -> None:
    """Start a session for the user: a fresh session with a fresh CSRF token."""
    request.session.clear()
    request.session["uid"] = user.id
    request.session["epoch"] = accounts.session_epoch(_atlas(request), user.id)
    request.session[CSRF_FIELD] = secrets.token_urlsafe(32)


def log_out(request: Request) -> None:
    request.session.clear()


def csrf_token(request: Request) -> str:
    """The session's CSRF token for a form (made the first time a form needs one)."""
    session = request.scope.get("session")
    if session is None:
        return ""
    token = session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_FIELD] = token
    return token


async def _check_csrf(request: Request) -> None:
    expected = (request.scope.get("session") or {}).get(CSRF_FIELD)
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(FORMS):
        given = str((await request.form()).get(CSRF_FIELD) or "")
    if not (isinstance(expected, str) and given and secrets.compare_digest(expected, given)):
        raise Forbidden(
            "skjemaet er utløpt eller kommer ikke fra planatlas; last siden på nytt og prøv igjen"
        )


def require(request: Request, rule: str, owner: int | None = None) -> Viewer:
    """The viewer, when the rule lets them at a thing the organisation `owner` owns."""
    found = viewer(request)
    access.require(rule, found, owner)
    return found


async def _login_required(request: Request, error: Exception) -> Response:
    """A page asks the visitor to log in and come back; the API answers 401 in its one shape."""
    from planatlas.web.app import error_response, status_of

    assert isinstance(error, PlanatlasError)
    if request.method == "GET" and not request.url.path.startswith("/api/"):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(_login_url(target), status_code=303)
    return error_response(request, status_of(error), error.as_dict())


def _login_url(target: str) -> str:
    from urllib.parse import quote

    return f"/logg-inn?neste={quote(target, safe='')}"


def context(request: Request) -> dict[str, Any]:
    """What every template gets to know about the viewer."""
    return {"viewer": viewer(request), "csrf": lambda: csrf_token(request)}
