"""A follow-up report (followup/report.py) as a file: Markdown, Word or Excel; and a plan's
follow-up items as the CSV/Excel table that `import` reads back."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from planatlas.export.tables import Table
from planatlas.followup.report import Report, ReportItem

REPORT_COLUMNS = ["area", "area_progress", "statement_id", "text", "status", "progress",
                  "responsible", "due", "why"]  # fmt: skip


def _pct(value: float) -> str:
    return f"{round(value * 100)} %"


def _line(r: ReportItem) -> str:
    extra = [x for x in (r.progress, r.responsible, r.due and f"frist {r.due}") if x]
    return f"{r.text} – {r.status_label}" + (f" ({', '.join(extra)})" if extra else "")


def markdown(report: Report) -> str:
    t = report.labels
    out = [f"# {t('report.title', plan=report.title)}", ""]
    facts = [report.actor, report.period and t("report.period", period=report.period),
             t("report.made", date=report.made)]  # fmt: skip
    out += [" · ".join(f for f in facts if f), "", t("report.overall", pct=_pct(report.score),
            items=report.items), ""]  # fmt: skip
    if report.carried:
        out += [f"## {t('report.carried_title', version=report.carried_from)}", ""]
        out += [f"- {t('report.carry.' + k)}: {v}" for k, v in report.carried.items()] + [""]
    for area in report.areas:
        out += [f"## {area.title} – {_pct(area.score)}", ""]
        if area.done:
            out += [f"**{t('report.done')}**", ""] + [f"- {_line(r)}" for r in area.done] + [""]
        if area.not_done:
            out += [f"**{t('report.not_done')}**", ""]
            for r in area.not_done:
                out.append(f"- {_line(r)}")
                if report.show_notes and r.note:
                    out.append(f"  - {t('report.why')}: {r.note}")
            out.append("")
        if area.ended:
            out += [f"**{t('report.ended')}**", ""] + [f"- {_line(r)}" for r in area.ended] + [""]
    return "\n".join(out).rstrip() + "\n"


def write_docx(report: Report, target: str | Path | BinaryIO) -> None:
    from docx import Document as Docx

    t = report.labels
    document = Docx()
    document.add_heading(t("report.title", plan=report.title), level=0)
    facts = [report.actor, report.period and t("report.period", period=report.period),
             t("report.made", date=report.made)]  # fmt: skip
    document.add_paragraph(" · ".join(f for f in facts if f))
    document.add_paragraph(t("report.overall", pct=_pct(report.score), items=report.items))
    if report.carried:
        document.add_heading(t("report.carried_title", version=report.carried_from), level=1)
        for key, value in report.carried.items():
            document.add_paragraph(f"{t('report.carry.' + key)}: {value}", style="List Bullet")
    table = document.add_table(rows=1, cols=3)
    table.style = "Light List"
    for cell, text in zip(table.rows[0].cells, (t("report.area"), t("followup.items"),
                                                 t("followup.progress")), strict=True):  # fmt: skip
        cell.text = text
    for area in report.areas:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = area.title, str(area.items), _pct(area.score)
    for area in report.areas:
        document.add_heading(f"{area.title} – {_pct(area.score)}", level=1)
        for key, rows in (("done", area.done), ("not_done", area.not_done), ("ended", area.ended)):
            if not rows:
                continue
            document.add_paragraph(t(f"report.{key}")).runs[0].bold = True
            for r in rows:
                document.add_paragraph(_line(r), style="List Bullet")
                if key == "not_done" and report.show_notes and r.note:
                    document.add_paragraph(f"{t('report.why')}: {r.note}", style="List Bullet 2")
    document.save(target)  # type: ignore[arg-type]


def report_table(report: Report) -> Table:
    rows = [
        [area.title, round(area.score, 3), r.statement_id, r.text, r.status_label, r.progress,
         r.responsible or "", r.due or "", r.note if report.show_notes else ""]
        for area in report.areas
        for r in (*area.done, *area.not_done, *area.ended)
    ]  # fmt: skip
    return Table("rapport", REPORT_COLUMNS, rows)
