"""What every template gets: the label catalogue in the page's language, and small helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from planatlas.labels import LOCALES, Labels, choose, direction_key
from planatlas.records import KINDS
from planatlas.store import Atlas
from planatlas.web import auth, charts, options

HERE = Path(__file__).parent
COOKIE = "sprak"  # the page language, set by the language switch (/sprak/en)
LOW_CONFIDENCE = 0.6  # a coding field below this is marked "sjekk"
DIRECTIONS = ("+", "-", "~")
NAV = (
    ("overview", "/"),
    ("search", "/sok"),
    ("compare", "/sammenlign"),
    ("allies", "/allierte"),
    ("trace", "/sporing"),
    ("diff", "/endringer"),
    ("library", "/bibliotek"),
    ("upload", "/last-opp"),
    ("api", "/api/v1/docs"),
)


def templates() -> Jinja2Templates:
    """The page templates, autoescaped (every .html), with the helpers as globals."""
    found = Jinja2Templates(directory=str(HERE / "templates"))
    found.env.autoescape = True
    found.env.globals.update(
        pct=pct,
        heat=charts.heat,
        low=low,
        KINDS=KINDS,
        DIRECTIONS=DIRECTIONS,
        NAV=NAV,
        LOCALES=LOCALES,
    )
    return found


def atlas_of(request: Request) -> Atlas:
    atlas: Atlas = request.app.state.atlas
    return atlas


def locale_of(request: Request) -> str:
    return choose(request.cookies.get(COOKIE))


def base_context(request: Request) -> dict[str, Any]:
    t = Labels(locale_of(request))
    return {
        "request": request,
        "t": t,
        "locale": t.locale,
        "topics": t.topics(),
        "issues": t.issues(),
        "kind_label": t.kind,
        "direction_label": t.direction,
        "direction_key": direction_key,
        "url_with": lambda **changes: url_with(request, **changes),
        "here": _here(request),
        "document_options": lambda selected: options.document_options(atlas_of(request), selected),
        "versioned_document_options": lambda selected: options.versioned_document_options(
            atlas_of(request), selected
        ),
        "actor_options": lambda selected: options.actor_options(atlas_of(request), selected),
        **auth.context(request),
    }


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    engine: Jinja2Templates = request.app.state.templates
    return engine.TemplateResponse(
        request, name, {**base_context(request), **context}, status_code=status
    )


def url_with(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters replaced (None removes one)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    for key, value in changes.items():
        if value is not None:
            params.append((key, str(value)))
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def _here(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def low(confidence: dict[str, float], name: str) -> bool:
    """Whether the coder was unsure of one field (a person's correction is never low)."""
    return confidence.get(name, 1.0) < LOW_CONFIDENCE


def pct(value: float) -> str:
    return f"{round(value * 100)} %"
