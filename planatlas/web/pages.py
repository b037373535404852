"""The HTML pages. Each route parses its parameters, calls one library function, renders.

Every page that lists data also answers ?format=csv and ?format=xlsx with the same rows.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Template
from markupsafe import Markup, escape
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from planatlas import settings
from planatlas.batch import recode as recode_documents
from planatlas.coding import corrections
from planatlas.coding.corrections import Correction
from planatlas.errors import PlanatlasError
from planatlas.export import brief
from planatlas.export.tables import FORMATS, MEDIA, Table, to_bytes
from planatlas.labels import LOCALES, Labels
from planatlas.questions import allies as alliances
from planatlas.questions import compare as comparing
from planatlas.questions import documents, listing
from planatlas.questions import overview as overviews
from planatlas.questions.brief import briefing as brief_of
from planatlas.questions.diff import diff_view
from planatlas.questions.references import SHOWN_DOCUMENTS
from planatlas.questions.search import search
from planatlas.questions.snapshot import memo
from planatlas.questions.trace import trace_view
from planatlas.reading.readers import max_bytes
from planatlas.web import charts, tables
from planatlas.web.access import audit, author_of, readable_document, readable_statement
from planatlas.web.context import COOKIE, atlas_of, locale_of, render
from planatlas.web.params import (
    PAGE_SIZE,
    Id,
    filters,
    local_path,
    offset_of,
    opt,
    opt_int,
    opt_ref,
    ref,
)

router = APIRouter(include_in_schema=False)
Many = Annotated[list[str] | None, Query()]


def readable(request: Request, *refs: str | None) -> None:
    """Each document a page was asked about, once the viewer may read it."""
    for given in refs:
        if opt(given) is not None:
            readable_document(request, ref(str(given)))


Rows = Callable[[], Table | None]  # a page's rows as a table (None: the page has none)


def show(request: Request, template: str, rows: Rows, fmt: str | None, **context: Any) -> Response:
    """The page, or its rows as a download when ?format=csv|xlsx: made only then (a table of
    thousands of actors, or of a long document, is no part of the page)."""
    if fmt in FORMATS and (table := rows()) is not None:
        return download(table, fmt)
    return render(request, template, **context)


def no_rows() -> None:
    return None


def download(table: Table, fmt: str) -> Response:
    name = f"{table.name}.{fmt}"
    return Response(
        to_bytes(table, fmt),
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/")
def overview(request: Request, format: str | None = None) -> Response:
    atlas = atlas_of(request)
    view = overviews.overview(atlas)
    table = partial(tables.overview_table, view)
    rows = memo(atlas, ("heatmap rows",), partial(heatmap_rows, request, view))
    return show(request, "overview.html", table, format, view=view, heat_rows=rows)


def heatmap_rows(request: Request, view: overviews.Overview) -> Markup:
    """The heatmap's rows, the same in every language: rendered once per snapshot, as
    thousands of cells are."""
    top = charts.top_share(view.salience)
    return Markup(template(request, "_heatmap_rows.html").render(view=view, top=top))


def network_section(
    request: Request, drawn: charts.DrawnNetwork, topic: str | None, actor: str | None
) -> Markup:
    """The alliance network's section, drawn once per snapshot, topic and language (a node
    for each of thousands of actors), the chosen actor's node then marked."""
    locale = locale_of(request)

    def work() -> str:
        found = template(request, "_network.html").render(net=drawn, topic=topic, t=Labels(locale))
        return str(found)

    drawn_html = memo(atlas_of(request), ("network section", topic, locale), work)
    if actor is not None:
        node = f'class="node" data-id="{escape(actor)}"'
        drawn_html = drawn_html.replace(node, f'class="node chosen" data-id="{escape(actor)}"', 1)
    return Markup(drawn_html)


def template(request: Request, name: str) -> Template:
    engine: Jinja2Templates = request.app.state.templates
    return engine.get_template(name)


@router.get("/dokument/{document}")
def document(
    request: Request, document: str, versjon: str | None = None, format: str | None = None
) -> Response:
    readable_document(request, ref(document))
    view = documents.document_view(atlas_of(request), ref(document), opt_int(versjon, "versjon"))
    table = partial(tables.statements_table, f"dokument-{view.id}", view.statements)
    return show(request, "document.html", table, format, view=view, shown_shared=SHOWN_DOCUMENTS)


@router.post("/dokument/{document_id}/analyser")
def recode(request: Request, document_id: Id) -> Response:
    """Code the document again with the current coder; corrections stay in force."""
    done = recode_documents(atlas_of(request), document_id)
    audit(request, "recode", str(document_id), {"statements": done})
    return RedirectResponse(f"/dokument/{document_id}?analysert={done}", status_code=303)


@router.get("/notat")
def briefing(
    request: Request, aktor: str, plan: str | None = None, format: str = "docx"
) -> Response:
    """The one-page briefing on an actor, as Word, HTML or Markdown."""
    found = brief_of(atlas_of(request), aktor, plan=opt_ref(plan))
    name = "notat-" + "".join(ch if ch.isalnum() else "-" for ch in aktor).strip("-").lower()
    if format == "html":
        return Response(brief.to_html(found), media_type="text/html; charset=utf-8")
    if format == "md":
        return Response(
            brief.markdown(found),
            media_type="text/markdown; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.md"'},
        )
    buffer = io.BytesIO()
    brief.write_docx(found, buffer)
    return Response(
        buffer.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="{name}.docx"'},
    )


@router.get("/utsagn/{statement_id}")
def statement(request: Request, statement_id: Id, format: str | None = None) -> Response:
    readable_statement(request, statement_id)
    view = documents.statement_view(atlas_of(request), statement_id)
    table = partial(tables.links_table, view.links)
    return show(request, "statement.html", table, format, view=view)


@router.post("/utsagn/{statement_id}")
async def correct(request: Request, statement_id: Id) -> Response:
    form = await request.form()
    atlas = atlas_of(request)
    readable_statement(request, statement_id)
    try:
        done = corrections.correct(atlas, statement_id, correction_of(form, author_of(request)))
    except PlanatlasError as error:
        view = documents.statement_view(atlas, statement_id)
        return render(request, "statement.html", 422, view=view, error=error.message)
    audit(request, "correction", str(statement_id), {"fields": done})
    return RedirectResponse(f"/utsagn/{statement_id}?rettet=1", status_code=303)


def correction_of(form: FormData, author: str) -> Correction:
    """The correction form: kind, topic checkboxes, and rows of issue + direction."""
    rows = sorted(k for k in form if k.startswith("sak_"))
    positions = [
        {"issue": str(form[k]), "direction": str(form.get(f"retning_{k[4:]}", ""))}
        for k in rows
        if str(form[k]).strip()
    ]
    return Correction(
        author=author,
        kind=opt(str(form.get("type", ""))),
        topics=list(dict.fromkeys(str(v) for v in form.getlist("tema"))),
        positions=positions,
        fields=["kind", "topics", "positions"],
    )


@router.get("/sok")
def search_page(
    request: Request,
    q: str = "",
    aktor: str | None = None,
    tema: str | None = None,
    type: str | None = None,
    sak: str | None = None,
    retning: str | None = None,
    sprak: str | None = None,
    periode: str | None = None,
    side: str | None = None,
    format: str | None = None,
) -> Response:
    atlas = atlas_of(request)
    wanted = filters(
        actor=aktor, topic=tema, kind=type, issue=sak, direction=retning, language=sprak,
        period=periode,
    )  # fmt: skip
    found = search(atlas, q, wanted, limit=PAGE_SIZE, offset=offset_of(side))
    page = listing.Page(found.hits, found.total, found.limit, found.offset)
    choices = listing.choices(atlas)
    return show(
        request,
        "search.html",
        partial(tables.search_table, found),
        format,
        results=found,
        page=page,
        choices=choices,
    )


@router.get("/last-opp")
def upload(request: Request) -> Response:
    poll = int(settings.get("web_processes")) <= 1  # a job is known to its own process only
    return render(request, "upload.html", max_mb=max_bytes() // 1048576, poll=poll)


@router.get("/sammenlign")
def compare(
    request: Request, aktor: Many = None, tema: str | None = None, format: str | None = None
) -> Response:
    atlas = atlas_of(request)
    chosen = [a for a in (aktor or []) if a.strip()]
    view = comparing.compare_actors(atlas, chosen, topic=opt(tema)) if len(chosen) >= 2 else None
    table = partial(tables.compare_table, view) if view else no_rows
    return show(
        request,
        "compare.html",
        table,
        format,
        view=view,
        chosen=chosen,
        choices=listing.choices(atlas),
    )


@router.get("/allierte")
def allies(
    request: Request, aktor: str | None = None, tema: str | None = None, format: str | None = None
) -> Response:
    atlas = atlas_of(request)
    view = alliances.alliances_page(atlas, opt(aktor), topic=opt(tema))
    drawn = charts.drawn_network(atlas, view.network, view.topic)
    table = partial(tables.allies_table, view.alliances) if view.alliances else no_rows
    network = network_section(request, drawn, view.topic, view.actor)
    return show(
        request, "allies.html", table, format, view=view, network=network,
        choices=listing.choices(atlas),
    )  # fmt: skip


@router.get("/sporing")
def trace(
    request: Request, krav: str | None = None, plan: str | None = None, format: str | None = None
) -> Response:
    atlas = atlas_of(request)
    readable(request, krav, plan)
    view = trace_view(atlas, opt_ref(krav), opt_ref(plan))
    table = partial(tables.trace_table, view.rows, view.goals) if view.plan else no_rows
    return show(request, "trace.html", table, format, view=view)


@router.get("/endringer")
def diff(
    request: Request,
    dokument: str | None = None,
    fra: str | None = None,
    til: str | None = None,
    fra_versjon: str | None = None,
    til_versjon: str | None = None,
    format: str | None = None,
) -> Response:
    atlas = atlas_of(request)
    readable(request, dokument, fra, til)
    view = diff_view(
        atlas, opt_ref(dokument), opt_ref(fra), opt_ref(til),
        opt_int(fra_versjon, "fra_versjon"), opt_int(til_versjon, "til_versjon"),
    )  # fmt: skip
    table = partial(tables.diff_table, view.diff) if view.diff else no_rows
    return show(request, "diff.html", table, format, view=view)


@router.get("/feil")
def errors(request: Request, format: str | None = None) -> Response:
    found = atlas_of(request).errors()
    return show(request, "errors.html", partial(tables.errors_table, found), format, errors=found)


@router.get("/sprak/{locale}")
def switch_language(locale: str, neste: str = "/") -> Response:
    """Remember the chosen language in a cookie and go back to the page."""
    target = local_path(neste)
    response = RedirectResponse(target, status_code=303)
    if locale in LOCALES:
        response.set_cookie(COOKIE, locale, max_age=365 * 24 * 3600, samesite="lax")
    return response
