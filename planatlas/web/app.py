"""The web app: pages and JSON API over one Atlas, with errors turned into one shape here.

An error from the library (planatlas.errors) becomes {"error": {"code", "message", "path"}}
under /api/ and an error page elsewhere; so does a bad parameter or an unknown address.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from planatlas import settings
from planatlas.errors import (
    BadParameter,
    Conflict,
    Forbidden,
    InputError,
    LoginRequired,
    NotFound,
    PlanatlasError,
    Throttled,
)
from planatlas.store import Atlas
from planatlas.web import accounts, api, auth, contacts, followup, followup_api, openapi, pages
from planatlas.web.context import HERE, render, templates
from planatlas.web.jobs import Jobs
from planatlas.web.limits import BodyLimit, BodyTooLarge, Hardened, OneLook, RateLimit

STATUS = (
    (NotFound, 404),
    (InputError, 422),
    (BadParameter, 400),
    (LoginRequired, 401),
    (Forbidden, 403),
    (Throttled, 429),
    (Conflict, 409),
)
HTTP_MESSAGES = {
    400: "forespørselen kunne ikke leses (et ødelagt skjema eller ugyldig JSON)",
    404: "fant ikke {path}",
    405: "metoden er ikke tillatt for {path}",
}
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.jobs.start()
    yield
    app.state.jobs.close()  # the upload workers finish what they hold, then stop


def create_app(db_url: str | None = None) -> FastAPI:
    """The planatlas web app over the atlas at db_url (default: the `db` setting)."""
    app = FastAPI(
        lifespan=lifespan,
        title="planatlas",
        version="1",
        description="Norske helsepolitiske dokumenter som kodede utsagn.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.atlas = Atlas(db_url)
    app.state.jobs = Jobs(db_url or str(settings.get("db")), app.state.atlas)
    app.state.templates = templates()
    # The big pages shrink tenfold; level 5 packs within 1% of level 9 (Starlette's default) in
    # a third of the time (a 2 MB page of document choices: 28 -> 11 ms).
    app.add_middleware(GZipMiddleware, minimum_size=2000, compresslevel=5)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    auth.install(app, app.state.atlas)  # sessions, CSRF and the access guard, before the routes
    for module in (api, followup_api, pages, accounts, followup, contacts):
        app.include_router(module.router)
    openapi.install(app)
    app.add_exception_handler(PlanatlasError, _library_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    for guard in (OneLook, BodyLimit, RateLimit, Hardened):  # the last is the outermost
        app.add_middleware(guard)
    return app


def status_of(error: PlanatlasError) -> int:
    return next((code for kind, code in STATUS if isinstance(error, kind)), 400)


def error_response(request: Request, status: int, body: dict[str, Any]) -> Response:
    """One JSON shape for the API; an error page, with the same message, for the pages."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": body}, status_code=status)
    return render(request, "error.html", status, code=status, message=body["message"])


async def _library_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, PlanatlasError)
    return error_response(request, status_of(error), error.as_dict())


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    if any(_out_of_range_id(e) for e in error.errors()):  # no row has such an id
        body = {"code": "not_found", "message": f"fant ikke {request.url.path}", "path": None}
        return error_response(request, 404, body)
    problems = [_problem(e) for e in error.errors()]
    body = {"code": "bad_parameter", "message": "; ".join(problems), "path": None}
    return error_response(request, 400 if not request.url.path.startswith("/api/") else 422, body)


def _out_of_range_id(error: Any) -> bool:
    return bool(error.get("loc", ("",))[0] == "path" and error.get("type") in RANGE_ERRORS)


RANGE_ERRORS = {"less_than_equal": "høyst", "greater_than_equal": "minst"}


def _problem(error: Any) -> str:
    where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "forespørselen"
    kind = error.get("type")
    most = (error.get("ctx") or {}).get("max_length")
    if kind == "missing":
        return f"«{where}» mangler"
    if kind in RANGE_ERRORS:
        bound = next(iter((error.get("ctx") or {}).values()), "")
        return f"«{where}» må være {RANGE_ERRORS[kind]} {bound}"
    if kind == "extra_forbidden":
        return f"«{where}» er ikke et kjent felt"
    if kind == "string_too_long":
        return f"«{where}» er for lang (høyst {most} tegn)"
    if kind == "too_long":
        return f"«{where}» har for mange verdier (høyst {most})"
    return f"ugyldig verdi for «{where}»"


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    message = HTTP_MESSAGES.get(error.status_code, "feil {status}").format(
        path=request.url.path, status=error.status_code
    )
    if isinstance(error, BodyTooLarge):
        message = str(error.detail)
    code = HTTP_CODES.get(error.status_code, "http")
    response = error_response(
        request, error.status_code, {"code": code, "message": message, "path": None}
    )
    if error.status_code == 405:
        response.headers["Allow"] = ", ".join(allowed(request))
    return response


def allowed(request: Request) -> list[str]:
    """Every method some route answers at this path (HEAD wherever GET is)."""
    from starlette.routing import Match

    found = {
        method
        for method in METHODS
        for route in request.app.router.routes
        if route.matches({**request.scope, "method": method})[0] == Match.FULL
    }
    if "GET" in found:
        found.add("HEAD")
    return sorted(found)


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
