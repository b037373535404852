"""Commands that ask questions of a stored atlas: compare, map, allies, network, links, trace,
diff, brief and search. Each calls one function of planatlas.questions and renders it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from planatlas.cli import (
    err,
    fail,
    json_option,
    open_atlas,
    out,
    render,
    to_json,
    topic_option,
    wrote,
)
from planatlas.labels import Labels
from planatlas.records import Filters


@click.command(name="compare")
@click.argument("actors", nargs=-1)
@topic_option
@json_option
@click.pass_context
def compare_command(
    ctx: click.Context, actors: tuple[str, ...], topic: str | None, as_json: bool
) -> None:
    """Sammenlign aktører sak for sak, med sitater og enighet (ingen aktører: alle par)."""
    from planatlas.questions import compare

    if len(actors) == 1:
        fail("oppgi minst to aktører, eller ingen for å se alle par")
    atlas = open_atlas(ctx)
    if not actors:
        pairs = compare.agreement_of(atlas, topic=topic)
        to_json(pairs) if as_json else out.print(render.agreement_table(pairs))
        return
    comparison = compare.compare_actors(atlas, actors, topic=topic)
    if as_json:
        to_json(comparison)
        return
    out.print(render.comparison_table(comparison))
    out.print(render.agreement_table(comparison.agreements))


@click.command(name="map")
@topic_option
@click.option(
    "--salience", is_flag=True, help="Aktør × tema: andel av aktørens utsagn per tema (%)."
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), default=None, help="Skriv CSV til fil."
)
@click.pass_context
def map_command(ctx: click.Context, topic: str | None, salience: bool, output: str | None) -> None:
    """Standpunktkartet: aktør × sak med retning (+ for, - mot, ~ endre), eller aktør × tema."""
    from planatlas.export.tables import csv_text
    from planatlas.questions import compare

    atlas = open_atlas(ctx)
    if salience:
        rows = compare.salience_rows(compare.salience_of(atlas))
    else:
        rows = compare.position_rows(compare.position_map_of(atlas, topic=topic))
    columns = ["aktør", *sorted({k for row in rows for k in row} - {"aktør"})]
    if output is None:
        out.print(render.matrix_table(rows, columns))
        return
    text = csv_text(columns, ([row.get(c, "") for c in columns] for row in rows))
    Path(output).write_text(text, encoding="utf-8")
    wrote(output)


@click.command()
@click.argument("actor")
@topic_option
@click.option("--issue", default=None, help="Bare denne saken (id fra taksonomien).")
@json_option
@click.pass_context
def allies(
    ctx: click.Context, actor: str, topic: str | None, issue: str | None, as_json: bool
) -> None:
    """Aktørens allierte og motparter, med utsagnene som viser det."""
    from planatlas.questions.allies import allies_of

    found = allies_of(open_atlas(ctx), actor, topic=topic, issue=issue)
    if as_json:
        to_json(found)
        return
    labels = Labels().issues()
    render.print_relations(f"Allierte av {actor}", found.allies, labels, out)
    render.print_relations(f"Motparter av {actor}", found.opponents, labels, out)


@click.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    required=True,
    help="nettverk.graphml (GraphML) eller nettverk.csv (kantliste).",
)
@click.option(
    "--mode",
    type=click.Choice(["actors", "issues"]),
    default="actors",
    show_default=True,
    help="actors: aktør × aktør (enighet, klynger); issues: aktør × sak (tomodusnettverk).",
)
@topic_option
@click.pass_context
def network(ctx: click.Context, output: str, mode: str, topic: str | None) -> None:
    """Skriv allianse-nettverket (med klynger) som GraphML eller CSV."""
    from planatlas.export.network import write_network
    from planatlas.questions.network import alliance_network

    found = alliance_network(open_atlas(ctx), topic=topic)
    write_network(found, output, mode=mode)
    clusters = len({n.cluster for n in found.nodes})
    err.print(
        f"Skrev {output}: {len(found.nodes)} aktører, {len(found.edges)} enighetskanter, "
        f"{clusters} klynger",
        markup=False,
        highlight=False,
    )


@click.command()
@click.argument("document")
@click.option("--top", type=int, default=3, show_default=True, help="Lenker per utsagn.")
@json_option
@click.pass_context
def links(ctx: click.Context, document: str, top: int, as_json: bool) -> None:
    """Lenker fra dokumentets utsagn til andre dokumenter: ligner, samme/motsatt, svarer på."""
    from planatlas.questions.documents import document_links
    from planatlas.questions.references import shared_references

    atlas = open_atlas(ctx)
    found = document_links(atlas, document, top=top)
    shared = shared_references(atlas, document)
    if as_json:
        statements = [{"statement": s, "links": found_links} for s, found_links in found]
        to_json({"statements": statements, "shared_references": shared})
        return
    render.print_links(found, out)
    render.print_shared(shared, out)


@click.command(name="trace")
@click.argument("document")
@click.option("--against", "plan", default=None, help="Planen kravene spores mot.")
@json_option
@click.pass_context
def trace_command(ctx: click.Context, document: str, plan: str | None, as_json: bool) -> None:
    """Krav mot en plans tiltak (--against PLAN), eller en plans mål og tiltakene deres."""
    from planatlas.questions.trace import plan_goals, trace_documents

    atlas = open_atlas(ctx)
    if plan is None:
        rows = plan_goals(atlas, document)
        to_json(rows) if as_json else render.print_goals(rows, out)
        return
    traced = trace_documents(atlas, document, plan)
    to_json(traced) if as_json else render.print_trace(traced, out)


@click.command(name="diff")
@click.argument("old")
@click.argument("new", required=False)
@click.option("--unchanged", is_flag=True, help="Vis også uendrede utsagn.")
@json_option
@click.pass_context
def diff_command(
    ctx: click.Context, old: str, new: str | None, unchanged: bool, as_json: bool
) -> None:
    """Endringer mellom to versjoner av en plan (to dokumenter, eller ett dokuments to siste)."""
    found = _diff(ctx, old, new or old)
    if as_json:
        to_json({"summary": found.summary(), "changes": found.changes})
        return
    render.print_diff(found, out, unchanged=unchanged)


def _diff(ctx: click.Context, old: str, new: str) -> Any:
    """Stored documents by reference, or files read on the spot when not stored."""
    from planatlas.pipeline import analyze
    from planatlas.questions.diff import diff_documents, stored_diff

    if Path(old).is_file() and Path(new).is_file() and old != new:
        return diff_documents(analyze(old), analyze(new))
    return stored_diff(open_atlas(ctx), old, new)


@click.command()
@click.argument("actor")
@click.option("--plan", default=None, help="Planen kravene spores mot (standard: regjeringens).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html", "docx"]),
    default="markdown",
    show_default=True,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None)
@click.pass_context
def brief(ctx: click.Context, actor: str, plan: str | None, fmt: str, output: str | None) -> None:
    """Et notat på én side om aktøren: standpunkter, allierte, konflikter, hva planen svarer på."""
    from planatlas.export import brief as briefs
    from planatlas.questions.brief import briefing

    if fmt == "docx" and output is None:
        fail("docx må skrives til en fil: bruk --output notat.docx")
    found = briefing(open_atlas(ctx), actor, plan=plan)
    if fmt == "docx":
        briefs.write_docx(found, str(output))
        wrote(str(output))
        return
    text = briefs.markdown(found) if fmt == "markdown" else briefs.to_html(found)
    if output is None:
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
        wrote(output)


@click.command()
@click.argument("query", nargs=-1)
@click.option("--actor", default=None, help="Bare denne aktøren.")
@click.option("--document", default=None, help="Bare dette dokumentet (id, tittel eller sti).")
@click.option("--topic", default=None, help="Bare dette temaet (id).")
@click.option("--kind", default=None, help="Bare denne utsagnstypen (demand, measure, ...).")
@click.option("--issue", default=None, help="Bare standpunkter i denne saken (id).")
@click.option("--direction", type=click.Choice(["+", "-", "~"]), default=None)
@click.option("--language", type=click.Choice(["nb", "nn", "en", "other"]), default=None)
@click.option("--period", default=None, help="År eller periode, f.eks. 2026 eller 2025-2028.")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@json_option
@click.pass_context
def search(
    ctx: click.Context,
    /,
    query: tuple[str, ...],
    limit: int,
    offset: int,
    as_json: bool,
    **filters: Any,
) -> None:
    """Søk i utsagnene; nynorsk finner bokmål og omvendt, sammensatte ord finner delene."""
    from planatlas.questions.search import search as run_search

    found = run_search(
        open_atlas(ctx), " ".join(query), Filters(**filters), limit=limit, offset=offset
    )
    to_json(found) if as_json else render.print_search(found, out)


@click.command("index")
@click.option(
    "--check", is_flag=True, help="Sammenlign indeksen med databasen, dokument for dokument."
)
@click.option("--rebuild", is_flag=True, help="Bygg indeksen på nytt fra databasen.")
@click.pass_context
def index_command(ctx: click.Context, check: bool, rebuild: bool) -> None:
    """Søkeindeksen ved siden av databasen: bring den à jour, sjekk den eller bygg den på nytt."""
    atlas = open_atlas(ctx)
    if rebuild:
        out.print(f"Søkeindeksen bygd på nytt: {atlas.rebuild_search_index()} utsagn.")
    problems = atlas.check_search_index() if check or not rebuild else []
    for p in problems:
        out.print(
            f"Dokument {p.document_id}: {p.in_database} utsagn i databasen, {p.in_index} i indeksen"
        )
    if problems:
        fail(f"søkeindeksen avviker fra databasen i {len(problems)} dokumenter: bruk --rebuild")
    if not rebuild:
        out.print(f"Søkeindeksen stemmer med databasen ({atlas.url}).", markup=False)


COMMANDS = [
    index_command,
    compare_command,
    map_command,
    allies,
    network,
    links,
    trace_command,
    diff_command,
    brief,
    search,
]
