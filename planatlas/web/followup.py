"""Follow-up pages: a plan's board (filter by status, responsible, area), an item with its
history and evidence, the report (page, Word, Markdown, Excel), import and export of the board.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse, Response

from planatlas.accounts.access import require
from planatlas.errors import BadParameter, PlanatlasError
from planatlas.export import followup as writers
from planatlas.export.tables import FORMATS
from planatlas.followup import status
from planatlas.followup import store as followups
from planatlas.followup.progress import main_target, progress_of
from planatlas.followup.records import Change, Item
from planatlas.followup.report import build_report
from planatlas.followup.table import items_table, parse_logged
from planatlas.questions.documents import statement_links
from planatlas.web import auth
from planatlas.web.context import atlas_of, locale_of, render
from planatlas.web.pages import download
from planatlas.web.params import Id, opt, opt_int

router = APIRouter(include_in_schema=False)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
AMOUNT_ROWS = 3  # empty recipient rows the item form offers


def chosen(items: list[Item], wanted_status: str | None, responsible: str | None,
           area: str | None) -> list[Item]:  # fmt: skip
    """The board's items a person filtered to."""
    return [
        i for i in items
        if wanted_status in (None, i.status)
        and (responsible is None or (i.responsible or "").casefold() == responsible.casefold())
        and area in (None, i.area)
    ]  # fmt: skip


@router.get("/oppfolging/{document_id}")
def board_page(
    request: Request,
    document_id: Id,
    status: str | None = None,
    ansvarlig: str | None = None,
    omrade: str | None = None,
    format: str | None = None,
) -> Response:
    board = followups.board(atlas_of(request), document_id, auth.viewer(request))
    shown = chosen(board.items, opt(status), opt(ansvarlig), opt(omrade))
    if format in FORMATS:
        return download(items_table(f"oppfolging-{document_id}", shown), format)
    return render(request, "board.html", board=board, items=shown, progress_of=progress_of,
                  areas=[s.title for s in board.rollup.sections],
                  responsibles=sorted({i.responsible for i in board.items if i.responsible}),
                  statuses=_statuses(board.items))  # fmt: skip


def _statuses(items: list[Item]) -> list[str]:
    found: list[str] = []
    for kind in ("measure", "demand"):
        if any(status.statuses(i.kind) == status.statuses(kind) for i in items):
            found += status.statuses(kind)
    return found


@router.post("/oppfolging/{document_id}/import")
async def import_board(request: Request, document_id: Id) -> Response:
    atlas = atlas_of(request)
    viewer = auth.viewer(request)
    require("org_write", viewer, followups.plan(atlas, document_id, viewer).owner)
    form = await request.form()
    upload = form.get("fil")
    if not isinstance(upload, UploadFile):
        raise BadParameter("velg en CSV- eller Excel-fil å lese inn")
    data = await upload.read()
    result = followups.import_rows(atlas, document_id, data, upload.filename or "", viewer)
    board = followups.board(atlas, document_id, viewer)
    return render(request, "board.html", board=board, items=board.items, progress_of=progress_of,
                  areas=[s.title for s in board.rollup.sections], imported=result,
                  responsibles=sorted({i.responsible for i in board.items if i.responsible}),
                  statuses=_statuses(board.items))  # fmt: skip


@router.get("/oppfolging/{document_id}/rapport")
def report_page(request: Request, document_id: Id, format: str | None = None) -> Response:
    board = followups.board(atlas_of(request), document_id, auth.viewer(request))
    report = build_report(board, locale_of(request))
    name = f"rapport-{document_id}"
    if format == "docx":
        buffer = io.BytesIO()
        writers.write_docx(report, buffer)
        return attachment(buffer.getvalue(), DOCX, f"{name}.docx")
    if format == "md":
        return attachment(writers.markdown(report), "text/markdown; charset=utf-8", f"{name}.md")
    if format in FORMATS:
        return download(replace(writers.report_table(report), name=name), format)
    return render(request, "report.html", board=board, report=report)


def attachment(body: bytes | str, media: str, name: str) -> Response:
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/oppfolging/punkt/{statement_id}")
def item_page(request: Request, statement_id: Id) -> Response:
    return _item(request, statement_id)


def _item(request: Request, statement_id: Id, status_code: int = 200, **extra: Any) -> Response:
    atlas = atlas_of(request)
    view = followups.item(atlas, statement_id, auth.viewer(request))
    answers = []
    if view.item.kind == "demand" and view.can_edit:
        answers = [link for link in statement_links(atlas, statement_id, top=8)
                   if link.type == "answers"]  # fmt: skip
    target = main_target(view.item.targets)
    return render(request, "item.html", status_code, view=view, answers=answers,
                  progress=progress_of(view.item.targets, view.item.logged),
                  target_type=target.type if target else None, amount_rows=AMOUNT_ROWS,
                  statuses=status.statuses(view.item.kind), **extra)  # fmt: skip


@router.post("/oppfolging/punkt/{statement_id}")
async def update_item(request: Request, statement_id: Id) -> Response:
    form = await request.form()
    atlas = atlas_of(request)
    viewer = auth.viewer(request)
    try:
        view = followups.item(atlas, statement_id, viewer)
        target = main_target(view.item.targets)
        change = change_of(form, target.type if target else None)
        version = opt_int(str(form.get("versjon", "")), "versjon") or 0
        followups.update_item(atlas, statement_id, change, version, viewer)
    except PlanatlasError as error:
        code = 409 if error.code == "conflict" else 400 if error.code == "bad_parameter" else None
        if code is None:
            raise
        return _item(request, statement_id, code, error=error.message,
                     conflict=error.code == "conflict")  # fmt: skip
    return RedirectResponse(f"/oppfolging/punkt/{statement_id}?lagret=1", status_code=303)


def change_of(form: FormData, target_type: str | None) -> Change:
    """The item form: status, responsible, due date, note, weight, logged progress, answer."""
    change = Change()
    for field, name in (("status", "status"), ("responsible", "ansvarlig"), ("due", "frist")):
        if name in form:
            setattr(change, field, opt(str(form[name])))
            change.fields.append(field)
    if "notat" in form:
        change.note = str(form["notat"]).strip()
        change.fields.append("note")
    if "vekt" in form and opt(str(form["vekt"])):
        change.weight = _number(str(form["vekt"]), "vekt")
        change.fields.append("weight")
    if "svar" in form or "svar_id" in form:
        answer = opt(str(form.get("svar_id", ""))) or opt(str(form.get("svar", "")))
        change.answered_by = opt_int(answer, "svar")
        change.fields.append("answered_by")
    logged = _logged(form, target_type)
    if logged is not None:
        change.logged = logged
        change.fields.append("logged")
    if "status" in change.fields and not change.status:
        change.fields.remove("status")
    return change


def _logged(form: FormData, target_type: str | None) -> dict[str, Any] | None:
    if target_type == "amount":
        names = sorted(k for k in form if k.startswith("mottaker_"))
        if not names:
            return None
        parts = []
        for key in names:
            n = key.removeprefix("mottaker_")
            who = str(form[key]).strip()
            if who:
                parts.append(
                    f"{who}={form.get(f'tildelt_{n}', '')}/{form.get(f'rapportert_{n}', '')}"
                )
        return parse_logged("; ".join(parts), "amount") if parts else {}
    if "logget" in form:
        return parse_logged(str(form["logget"]), target_type)
    return None


def _number(text: str, name: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError as error:
        raise BadParameter(f"«{name}» må være et tall") from error


@router.post("/oppfolging/punkt/{statement_id}/bevis")
async def add_evidence(request: Request, statement_id: Id) -> Response:
    form = await request.form()
    upload = form.get("fil")
    data = filename = media = None
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(followups.MAX_EVIDENCE_BYTES + 1)
        filename, media = upload.filename, upload.content_type
    try:
        followups.add_evidence(
            atlas_of(request), statement_id, auth.viewer(request),
            title=str(form.get("tittel", "")), url=opt(str(form.get("lenke", ""))),
            filename=filename, media_type=media, data=data,
        )  # fmt: skip
    except BadParameter as error:
        return _item(request, statement_id, 400, error=error.message)
    return RedirectResponse(f"/oppfolging/punkt/{statement_id}?lagret=1", status_code=303)


@router.get("/oppfolging/bevis/{evidence_id}")
def evidence(request: Request, evidence_id: Id) -> Response:
    name, media, data = followups.evidence_file(
        atlas_of(request), evidence_id, auth.viewer(request)
    )
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{safe}"'})  # fmt: skip
