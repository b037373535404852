"""Render library results for a terminal or a text stream: outline, contract output, scores."""

from __future__ import annotations

import json
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from planatlas.contract import document_record, statement_record
from planatlas.evaluate import Score
from planatlas.records import Document, Statement

KIND_LABELS = {
    "goal": "mål",
    "challenge": "utfordring",
    "measure": "tiltak",
    "demand": "krav",
    "activity": "aktivitet",
    "principle": "prinsipp",
    "fact": "faktum",
    "opinion": "mening",
    "reference": "referanse",
}


def write_jsonl(doc: Document, stream: TextIO) -> None:
    for statement in doc.statements:
        stream.write(json.dumps(statement_record(doc, statement), ensure_ascii=False) + "\n")


def write_json(documents: list[Document], stream: TextIO) -> None:
    json.dump([document_record(d) for d in documents], stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def coding_summary(statement: Statement) -> str:
    """'krav · governance, hospitals · hospital_trust_model:- · count 3' for one statement."""
    c = statement.coding
    parts = []
    if c.kind:
        parts.append(KIND_LABELS.get(c.kind, c.kind))
    if c.topics:
        parts.append(", ".join(c.topics))
    if c.positions:
        parts.append(", ".join(f"{p.issue}:{p.direction}" for p in c.positions))
    if c.targets:
        parts.append(", ".join(f"{t.type} {t.value}" for t in c.targets))
    return " · ".join(parts)


def markdown(doc: Document) -> str:
    """The document as Markdown: metadata, headings, numbered statements with their coding."""
    lines = [f"# {doc.title or doc.source}", ""]
    for label, value in (
        ("Kilde", doc.source),
        ("Aktør", doc.actor),
        ("Sjanger", doc.genre),
        ("Språk", doc.language),
        ("Periode", doc.period),
    ):
        if value:
            lines.append(f"- **{label}:** {value}")
    lines.append("")
    for kind, value, level in _outline_events(doc):
        if kind == "heading":
            lines += [f"{'#' * min(level + 1, 6)} {value}", ""]
        else:
            assert isinstance(value, Statement)
            summary = coding_summary(value)
            lines.append(
                f"{value.index}. {value.text}" + (f"  \n   _{summary}_" if summary else "")
            )
    lines.append("")
    return "\n".join(lines) + "\n"


def _outline_events(doc: Document) -> list[tuple[str, Any, int]]:
    """Headings and statements in document order."""
    placed = {i for section in doc.sections for i in section.statements}
    events: list[tuple[str, Any, int]] = [
        ("statement", s, 0) for s in doc.statements if s.index not in placed
    ]
    for section in doc.sections:
        events.append(("heading", section.title, section.level))
        events.extend(("statement", doc.statements[i], section.level) for i in section.statements)
    return events


def print_outline(doc: Document, console: Console) -> None:
    header = Text(doc.title or doc.source, style="bold")
    console.print(header)
    meta = " · ".join(v for v in (doc.actor, doc.genre, doc.language, doc.period) if v)
    if meta:
        console.print(Text(meta, style="dim"))
    console.print()
    for kind, value, level in _outline_events(doc):
        indent = "  " * max(level - 1, 0)
        if kind == "heading":
            console.print(Text(f"{indent}{value}", style="bold blue"))
            continue
        line = Text(f"{indent}  [{value.index}] ", style="dim")
        line.append(value.text)
        summary = coding_summary(value)
        if summary:
            line.append(f"  ({summary})", style="green")
        console.print(line)


def score_table(scores: list[Score], overall: Score) -> Table:
    table = Table(title="Mot gullstandarden")
    columns = (
        "Dokument",
        "Utsagn P",
        "R",
        "F1",
        "Type",
        "Tema F1",
        "Posisjon F1",
        "Mål F1",
        "Språk",
    )
    for column in columns:
        table.add_column(column, justify="left" if column == "Dokument" else "right")
    for score in [*scores, overall]:
        s = score.statements
        table.add_row(
            score.name,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            f"{score.kind.value:.3f}",
            f"{score.topics.f1:.3f}",
            f"{score.positions.f1:.3f}",
            f"{score.targets.f1:.3f}",
            # A "mixed" document says nothing about each statement's language: no score.
            f"{score.language.value:.3f}" if score.language.total else "–",
            style="bold" if score is overall else None,
        )
    return table


def print_overview(atlas: Any, console: Console) -> None:
    counts = atlas.overview()
    console.print(Text("planatlas – oversikt", style="bold"))
    console.print(
        f"{counts.get('actors', 0)} aktører · {counts.get('documents', 0)} dokumenter · "
        f"{counts.get('versions', 0)} versjoner · {counts.get('statements', 0)} utsagn · "
        f"{counts.get('errors', 0)} innlesingsfeil"
    )
    table = Table(title="Dokumenter")
    for column in ("Id", "Tittel", "Aktør", "Sjanger", "Språk", "Periode", "Versjon", "Utsagn"):
        table.add_column(column)
    for d in atlas.documents():
        table.add_row(
            str(d.id),
            d.title or "",
            d.actor or "",
            d.genre or "",
            d.language or "",
            d.period or "",
            str(d.version),
            str(d.statements),
        )
    console.print(table)
