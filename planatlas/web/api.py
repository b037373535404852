"""The JSON API under /api/v1: every resource and view of the pages, paginated where it lists.

Records are the library's own dataclasses turned into JSON by planatlas.export.jsonable; a list
comes as {"items": [...], "total": n, "limit": l, "offset": o}. Errors have one shape, made in
app.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.responses import HTMLResponse, JSONResponse

from planatlas.coding import corrections
from planatlas.export.jsonable import jsonable
from planatlas.pipeline import FileResult
from planatlas.questions import compare as comparing
from planatlas.questions import documents as documented
from planatlas.questions import listing
from planatlas.questions.allies import allies_of
from planatlas.questions.diff import stored_diff
from planatlas.questions.network import alliance_network
from planatlas.questions.overview import overview as overview_of
from planatlas.questions.search import search as search_atlas
from planatlas.questions.trace import trace_view
from planatlas.reading.metadata import Metadata
from planatlas.store.read import MAX_ID
from planatlas.web import auth
from planatlas.web.access import (
    audit,
    author_of,
    readable_document,
    readable_statement,
)
from planatlas.web.context import atlas_of, render
from planatlas.web.jobs import Job, Jobs
from planatlas.web.pages import readable
from planatlas.web.params import Id, Version, filters, opt, opt_ref, ref
from planatlas.web.upload import oversized, read_upload

router = APIRouter(prefix="/api/v1")
Limit = Annotated[int, Query(ge=0, le=1000)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]
Json = dict[str, Any]
MAX_VALUES = 50  # topics or positions in one correction


def as_json(value: Any) -> Json:
    """A library record as a JSON object."""
    found: Json = jsonable(value)
    return found


def listed(page: listing.Page) -> Json:
    return {
        "items": jsonable(page.items),
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


@router.get("/health", summary="Om tjenesten svarer, og om mellomlagrene er bygget")
def health(request: Request) -> Json:
    return {"status": "ok", "warm": bool(getattr(request.app.state, "warm", False))}


@router.get("/overview", summary="Antall, salience (aktør × tema) og siste dokumenter")
def overview(request: Request) -> Json:
    return as_json(overview_of(atlas_of(request)))


@router.get("/actors", summary="Aktører med antall dokumenter")
def actors(request: Request, limit: Limit = 100, offset: Offset = 0) -> Json:
    return listed(listing.page(atlas_of(request).actors(), limit, offset))


@router.get("/documents", summary="Dokumenter i siste versjon")
def documents(
    request: Request,
    actor: str | None = None,
    genre: str | None = None,
    language: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Json:
    found = listing.documents(
        atlas_of(request), actor=opt(actor), genre=opt(genre), language=opt(language)
    )
    return listed(listing.page(found, limit, offset))


@router.get(
    "/documents/{document}", summary="Ett dokument: metadata, versjoner, disposisjon, utsagn"
)
def document(request: Request, document: str, version: Version = None) -> Json:
    readable_document(request, ref(document))
    return as_json(documented.document_view(atlas_of(request), ref(document), version))


@router.get("/statements", summary="Utsagn, filtrert på aktør, dokument, type og tema")
def statements(
    request: Request,
    actor: str | None = None,
    document: str | None = None,
    kind: str | None = None,
    topic: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Json:
    readable(request, document)
    wanted = filters(actor=actor, document=document, kind=kind, topic=topic)
    return listed(listing.statement_page(atlas_of(request), wanted, limit, offset))


@router.get("/statements/{statement_id}", summary="Ett utsagn med koding og rettelser")
def statement(request: Request, statement_id: Id) -> Json:
    readable_statement(request, statement_id)
    view = documented.statement_view(atlas_of(request), statement_id)
    found = {"statement": view.statement, "corrected_by": view.corrected_by}
    return as_json({**found, "corrections": view.corrections})


@router.get("/statements/{statement_id}/links", summary="Lenker til utsagn i andre dokumenter")
def links(request: Request, statement_id: Id, top: Annotated[int, Query(ge=1, le=50)] = 5) -> Json:
    found = documented.statement_links(atlas_of(request), statement_id, top=top)
    return listed(listing.page(found, len(found), 0))


Name = Annotated[str, StringConstraints(max_length=100)]


class PositionIn(BaseModel):
    """One position: an issue of the taxonomy and a direction (+, - or ~)."""

    model_config = ConfigDict(extra="forbid")
    issue: Name
    direction: Annotated[str, StringConstraints(max_length=1)]


class CorrectionIn(BaseModel):
    """The fields to set (leave out what should stay); the author is the account's. Every
    value must be one the codebook knows; nothing is stored unless all of them are."""

    kind: Annotated[str, StringConstraints(max_length=40)] | None = None
    topics: Annotated[list[Name], Field(max_length=MAX_VALUES)] | None = None
    positions: Annotated[list[PositionIn], Field(max_length=MAX_VALUES)] | None = None


@router.post("/statements/{statement_id}/corrections", summary="Rett kodingen av et utsagn")
def correct(request: Request, statement_id: Id, body: CorrectionIn) -> Json:
    fields = ("kind", "topics", "positions")
    given: list[str] = [name for name in fields if name in body.model_fields_set]
    readable_statement(request, statement_id)
    topics = list(dict.fromkeys(body.topics or []))  # null: none (as an empty list)
    positions = [p.model_dump() for p in body.positions or []]
    correction = corrections.Correction(
        author_of(request), body.kind, topics, positions, fields=given
    )
    done = corrections.correct(atlas_of(request), statement_id, correction)
    audit(request, "correction", str(statement_id), {"fields": done})
    statement = atlas_of(request).statement(statement_id)
    return as_json({"corrected": done, "statement": statement})


@router.get("/compare", summary="Aktører side om side, sak for sak, med enighet per par")
def compare(
    request: Request, actor: Annotated[list[str], Query()], topic: str | None = None
) -> Json:
    return as_json(comparing.compare_actors(atlas_of(request), actor, topic=opt(topic)))


@router.get("/allies", summary="Allierte og motstandere av en aktør, med sitater")
def allies(
    request: Request, actor: str, topic: str | None = None, issue: str | None = None
) -> Json:
    found = allies_of(atlas_of(request), actor, topic=opt(topic), issue=opt(issue))
    return as_json(found)


@router.get("/network", summary="Alliansenettverket: aktører, kanter, klynger, plassering")
def network(request: Request, topic: str | None = None) -> Json:
    return as_json(alliance_network(atlas_of(request), topic=opt(topic)))


@router.get("/trace", summary="Krav sporet til planens tiltak; planens mål uten tiltak")
def trace(
    request: Request,
    plan: str,
    demands: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Json:
    readable(request, demands, plan)
    view = trace_view(atlas_of(request), opt_ref(demands), ref(plan))
    rows = [{**jsonable(r), "status": r.status} for r in view.rows]
    goals = [{**jsonable(g), "has_measures": g.has_measures} for g in view.goals]
    return {**listed(listing.page(rows, limit, offset)), "goals": goals}


@router.get("/diff", summary="Endringer mellom to dokumenter eller to versjoner")
def diff(
    request: Request,
    old: str,
    new: str | None = None,
    old_version: Version = None,
    new_version: Version = None,
) -> Json:
    readable(request, old, new)
    found = stored_diff(
        atlas_of(request),
        ref(old),
        ref(new or old),
        old_version=old_version,
        new_version=new_version,
    )
    return {"summary": found.summary(), "changes": jsonable(found.changes)}


@router.get("/search", summary="Fritekstsøk i utsagn, med filtre")
def search(
    request: Request,
    q: str = "",
    actor: str | None = None,
    topic: str | None = None,
    kind: str | None = None,
    issue: str | None = None,
    direction: str | None = None,
    language: str | None = None,
    period: str | None = None,
    document: str | None = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Json:
    wanted = filters(
        actor=actor, topic=topic, kind=kind, issue=issue, direction=direction,
        language=language, period=period, document=document,
    )  # fmt: skip
    found = search_atlas(atlas_of(request), q, wanted, limit=limit, offset=offset)
    return {
        **listed(listing.Page(found.hits, found.total, found.limit, found.offset)),
        "query": found.query,
    }


@router.post(
    "/upload",
    summary="Last opp én fil: les, kod og lagre den (i en arbeidsprosess)",
    description="Med wait=false svarer den straks 202 med jobben; følg den på /api/v1/jobs/{id}.",
)
async def upload(
    request: Request,
    file: Annotated[UploadFile, File(description="dokumentet")],
    actor: Annotated[str | None, Form(max_length=200)] = None,
    private: Annotated[bool, Form(description="bare for organisasjonen")] = False,
    wait: Annotated[bool, Query(description="vent på resultatet (false: 202 og en jobb)")] = True,
) -> JSONResponse:
    data = await read_upload(file)
    meta = Metadata(actor=opt(actor))
    name = file.filename or "opplasting"
    refused = oversized(atlas_of(request), data, name)
    if refused is not None:
        return failed_upload(refused)
    job, future = jobs_of(request).submit(data, name, meta, auth.viewer(request), private)
    if not wait:
        return JSONResponse(
            job.as_dict(), status_code=202, headers={"Location": job.as_dict()["url"]}
        )
    await jobs_of(request).wait(future)
    return finished(job)


def finished(job: Job) -> JSONResponse:
    """A finished upload as before jobs: the result, or the file's error as 422."""
    if job.error is not None:  # the worker failed: a bug or a killed process, not the file
        return JSONResponse({"error": job.error}, status_code=500)
    result = job.result
    assert result is not None
    return failed_upload(result) if result.failed else JSONResponse(jsonable(result))


def failed_upload(result: FileResult) -> JSONResponse:
    error = {"code": result.error_code, "message": result.error, "path": result.path}
    return JSONResponse({"error": error, "result": jsonable(result)}, status_code=422)


@router.get("/jobs/{job_id}", summary="En opplastings jobb: i kø, leses, ferdig (med resultatet)")
def job(request: Request, job_id: Annotated[str, Path(max_length=64)]) -> Json:
    return jobs_of(request).get(job_id, auth.viewer(request)).as_dict()


def jobs_of(request: Request) -> Jobs:
    found: Jobs = request.app.state.jobs
    return found


@router.get("/errors", summary="Filer som ikke kunne leses")
def errors(request: Request, limit: Limit = 100, offset: Offset = 0) -> Json:
    return listed(listing.page(atlas_of(request).errors(), limit, offset))


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    """The API's documentation, drawn from the OpenAPI schema (works offline)."""
    schema = request.app.openapi()
    return render(request, "api_docs.html", endpoints=endpoints(schema))  # type: ignore[return-value]


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
