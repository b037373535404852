"""Render library results for a terminal: outlines, tables, relations, traces, diffs, scores.

Every text from a document or a file name is printed as plain text (rich.text.Text or
markup=False), never read as Rich markup: a statement with "[/b]" in it prints as written.
Words come from the label catalogue (planatlas/labels.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from planatlas.evaluate import Score
from planatlas.export.contract import coding_summary, outline_events, place
from planatlas.labels import Labels
from planatlas.records import Document

LABELS = Labels()


def print_outline(doc: Document, console: Console) -> None:
    header = Text(doc.title or doc.source, style="bold")
    console.print(header)
    meta = " · ".join(v for v in (doc.actor, doc.genre, doc.language, doc.period) if v)
    if meta:
        console.print(Text(meta, style="dim"))
    console.print()
    for kind, value, level in outline_events(doc):
        indent = "  " * max(level - 1, 0)
        if kind == "heading":
            console.print(Text(f"{indent}{value}", style="bold blue"))
            continue
        line = Text(f"{indent}  [{value.index}] ", style="dim")
        line.append(value.text)
        where = place(value)
        if where:
            line.append(f"  {where}", style="dim")
        summary = coding_summary(value)
        if summary:
            line.append(f"  ({summary})", style="green")
        console.print(line)


def _f1(counts: Any) -> str:
    # Neither the gold nor the analysis has any: nothing to score (not zero).
    return f"{counts.f1:.3f}" if counts.tp + counts.fp + counts.fn else "–"


def score_table(scores: list[Score], overall: Score, totals: Sequence[Score] = ()) -> Table:
    """One row per document, then each gold folder's sum (where there are several), then
    all together."""
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
        "Kart F1",
        "Språk",
    )
    for column in columns:
        table.add_column(column, justify="left" if column == "Dokument" else "right")
    for score in [*scores, *totals, overall]:
        s = score.statements
        table.add_row(
            Text(score.name),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            f"{score.kind.value:.3f}",
            _f1(score.topics),
            _f1(score.positions),
            _f1(score.targets),
            _f1(score.map),
            # A "mixed" document says nothing about each statement's language: no score.
            f"{score.language.value:.3f}" if score.language.total else "–",
            style=_row_style(score, overall, totals),
        )
    return table


def _row_style(score: Score, overall: Score, totals: Sequence[Score]) -> str | None:
    if score is overall:
        return "bold"
    return "italic" if any(score is total for total in totals) else None


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
            Text(d.title or ""),
            Text(d.actor or ""),
            Text(d.genre or ""),
            Text(d.language or ""),
            Text(d.period or ""),
            str(d.version),
            str(d.statements),
        )
    console.print(table)


def _quote(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _direction(direction: str) -> str:
    return LABELS.direction(direction, "direction_short")


def _line(*parts: str | tuple[str, str]) -> Text:
    """Plain text with some parts styled: ("tekst", "bold")."""
    return Text.assemble(*parts)


def comparison_table(comparison: Any) -> Table:
    """Issues down, actors across: each actor's direction, the statements it rests on and
    its first quote."""
    table = Table(
        title="Standpunkter sak for sak, de omstridte først",
        caption=LABELS("compare.contested_first"),
        show_lines=True,
    )
    table.add_column("Sak")
    table.add_column("Strid")
    for actor in comparison.actors:
        table.add_column(Text(actor))
    for row in comparison.rows:
        cells = []
        for actor in comparison.actors:
            cell = row.cells.get(actor)
            if cell is None:
                cells.append(Text("–"))
                continue
            quote = _quote(cell.evidence[0].text, 70) if cell.evidence else ""
            support = support_label(row.support[actor].statements)
            cells.append(Text(f"{_direction(cell.direction)} ({support})\n«{quote}»"))
        table.add_row(Text(row.label), f"{row.contested:.2f}", *cells)
    return table


def support_label(statements: int) -> str:
    """ "ett utsagn", "3 utsagn": what a cell rests on."""
    if statements == 1:
        return LABELS("compare.one_statement")
    return LABELS("compare.statements", n=statements)


def agreement_table(pairs: list[Any]) -> Table:
    table = Table(
        title="Enighet mellom aktørene",
        caption="Vektet: de omstridte sakene teller mest. Uvektet: alle felles saker likt.",
    )
    columns = ("Aktør", "Aktør", "Enighet (vektet)", "Uvektet", "Felles saker", "Enige", "Uenige")
    for column in columns:
        table.add_column(column)
    for p in pairs:
        note = " (få saker)" if p.thin else ""
        weighted = f"{p.weighted:.2f}{note}" if p.weighted is not None else "–"
        table.add_row(
            Text(p.a), Text(p.b), weighted, f"{p.score:.2f}", str(p.shared), str(p.agree),
            str(p.disagree),
        )  # fmt: skip
    return table


def print_relations(
    title: str, relations: list[Any], labels: dict[str, str], console: Console
) -> None:
    """Allies or opponents, each with the quoted statement pairs behind the score."""
    console.print(Text(title, style="bold"))
    if not relations:
        console.print("  (ingen)")
    for r in relations:
        console.print(
            _line("  ", (r.actor, "bold"), f" – enighet {r.agreement.score:.2f} over "
                  f"{r.agreement.shared} felles saker")
        )  # fmt: skip
        for c in r.issues:
            mark = "=" if c.agrees else ("≠" if c.opposes else "~")
            console.print(
                f"    {mark} {labels.get(c.issue, c.issue)}: "
                f"{_direction(c.mine.direction)} / {_direction(c.theirs.direction)}",
                highlight=False,
                markup=False,
            )
            for e in c.mine.evidence[:1] + c.theirs.evidence[:1]:
                console.print(
                    f"        «{_quote(e.text)}» ({e.actor}, {e.document})",
                    highlight=False,
                    markup=False,
                )


def _degree(degree: str) -> str:
    return LABELS(f"status.{degree}")


def print_links(found: list[tuple[Any, list[Any]]], console: Console) -> None:
    for statement, links in found:
        if not links:
            continue
        console.print(_line((str(statement.index), "bold"), " ", _quote(statement.text)))
        for link in links:
            other = link.statement
            degree = f" ({_degree(link.degree)})" if link.degree else ""
            kind = LABELS(f"link.{link.type}").lower() + degree
            console.print(
                f"    {kind}, likhet {link.score:.2f}: «{_quote(other.text, 80)}» "
                f"({other.actor or '–'}, {other.title or other.source})",
                highlight=False,
                markup=False,
            )


def print_shared(shared: list[Any], console: Console) -> None:
    """Documents and organisations this document names that other documents name too."""
    if not shared:
        return
    console.print(Text(LABELS("document.shared"), style="bold"))
    for ref in shared:
        titles = "; ".join(title for _, title in ref.documents)
        label = LABELS(f"document.shared_{ref.type}")
        console.print(f"  {ref.name} ({label}): {titles}", highlight=False, markup=False)


ANSWERED = ("full", "partial", "none")


def print_trace(rows: list[Any], console: Console) -> None:
    counts = {s: sum(1 for r in rows if r.status == s) for s in ANSWERED}
    console.print(
        f"{len(rows)} krav og mål: "
        + ", ".join(f"{counts[s]} {LABELS(f'answered.{s}')}" for s in ANSWERED),
        highlight=False,
    )
    for row in rows:
        console.print(
            _line((LABELS(f"answered.{row.status}"), "bold"), "  ", _quote(row.demand.text))
        )
        for answer in row.answers:
            console.print(
                f"    {_degree(answer.degree)}, likhet {answer.score:.2f}: "
                f"«{_quote(answer.measure.text, 80)}»",
                highlight=False,
                markup=False,
            )


def print_goals(rows: list[Any], console: Console) -> None:
    missing = [r for r in rows if not r.has_measures]
    console.print(f"{len(rows)} mål, {len(missing)} uten tiltak", highlight=False)
    for row in rows:
        mark = "✓" if row.has_measures else "✗ uten tiltak"
        console.print(_line((mark, "bold"), "  ", _quote(row.goal.text)))
        for m in row.under:
            console.print(f"    under: «{_quote(m.text, 80)}»", highlight=False, markup=False)
        for a in row.linked:
            console.print(
                f"    svarer {_degree(a.degree)} på: «{_quote(a.measure.text, 80)}»",
                highlight=False,
                markup=False,
            )


CHANGES = ("added", "removed", "reworded", "moved", "unchanged")


def print_diff(plan_diff: Any, console: Console, *, unchanged: bool = False) -> None:
    summary = plan_diff.summary()
    console.print(
        " · ".join(f"{summary[s]} {LABELS(f'diff.{s}')}" for s in CHANGES), highlight=False
    )
    for change in plan_diff.changes:
        if change.status == "unchanged" and not unchanged:
            continue
        label = (LABELS(f"diff.{change.status}"), "bold")
        if change.status == "reworded":
            text = Text()
            for op in change.words:
                style = {"-": "red strike", "+": "green underline"}.get(op.op)
                text.append(op.text + " ", style=style)
            console.print(_line(label))
            console.print(Text("    ").append(text))
            continue
        statement = change.new or change.old
        console.print(_line(label, "  ", statement.text))


def training_table(scores: list[Any]) -> Table:
    """Held-out scores per field: the rules alone against the rules with the model."""
    table = Table(title="Kryssvalidert, ett dokument holdt ute om gangen")
    for column in ("Felt", "Eksempler", "Bare regler", "Regler + modell"):
        table.add_column(column)
    for s in scores:
        table.add_row(
            LABELS(f"training.{s.field}"), str(s.examples), f"{s.rules:.3f}", f"{s.model:.3f}"
        )
    return table


def print_search(found: Any, console: Console) -> None:
    """Hits with the matched words in bold, each with its source."""
    last = min(found.offset + len(found.hits), found.total)
    console.print(f"{found.total} treff (viser {found.offset + 1 if found.hits else 0}–{last})")
    for hit in found.hits:
        text = Text()
        for part in re.split(r"(<mark>.*?</mark>)", hit.highlighted):
            if part.startswith("<mark>"):
                text.append(html.unescape(part[6:-7]), style="bold yellow")
            else:
                text.append(html.unescape(part))
        s = hit.statement
        console.print(Text(f"[{s.id}] ", style="dim").append(text))
        console.print(
            f"      {s.actor or '–'} · {s.title or s.source} · {coding_summary(s)}",
            highlight=False,
            markup=False,
        )


def matrix_table(rows: list[dict[str, str]], columns: list[str]) -> Table:
    """Actors down, issues or topics across."""
    table = Table(show_lines=False)
    for column in columns:
        table.add_column(Text(column), overflow="fold")
    for row in rows:
        table.add_row(*(Text(row.get(c, "")) for c in columns))
    return table
