"""The command line: each command parses its input, calls one library function, renders it."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from planatlas import settings
from planatlas.errors import NotFound, PlanatlasError
from planatlas.reading.metadata import Metadata

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

STATUS_LABELS = {
    "new": "ny",
    "new_version": "ny versjon",
    "unchanged": "uendret",
    "error": "feil",
}


def fail(error: PlanatlasError | str, code: int = 1) -> NoReturn:
    """The one place an error becomes a message for a person."""
    err.print(f"[bold red]Feil:[/] {error}", highlight=False, markup=True)
    sys.exit(code)


def open_atlas(db: str | None) -> Any:
    from planatlas.store import Atlas

    try:
        return Atlas(db)
    except PlanatlasError as error:
        fail(error)


meta_options = [
    click.option(
        "--actor", help="Hvem som står bak dokumentet (overstyrer det som finnes i teksten)."
    ),
    click.option("--actor-kind", help="party, organisation, government, directorate, ..."),
    click.option("--genre", help="programme, action_plan, government_plan, news, slides, ..."),
    click.option("--title", help="Dokumentets tittel."),
    click.option("--period", help="Perioden dokumentet gjelder, f.eks. 2024/2027."),
    click.option("--language", type=click.Choice(["nb", "nn", "en", "mixed"])),
]


def with_meta(func: Any) -> Any:
    for option in reversed(meta_options):
        func = option(func)
    return func


def meta_from(options: dict[str, Any]) -> Metadata:
    return Metadata(
        **{
            k: options.get(k)
            for k in ("title", "actor", "actor_kind", "genre", "language", "period")
        }
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="planatlas")
@click.option(
    "--db",
    envvar="PLANATLAS_DB",
    default=None,
    help=f"Database-URL (standard: {settings.get('db')}).",
)
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """planatlas: les helsepolitiske dokumenter og se dem side om side."""
    ctx.obj = {"db": db}


@main.command()
@click.argument("paths", nargs=-1, required=True)
@with_meta
@click.pass_context
def ingest(ctx: click.Context, /, paths: tuple[str, ...], **options: Any) -> None:
    """Les, analyser og lagre filer, mapper eller mønstre (*.pdf)."""
    from planatlas.batch import FileResult, expand
    from planatlas.batch import ingest as run_ingest

    atlas = open_atlas(ctx.obj["db"])
    files = list(expand(paths))
    if not files:
        fail("fant ingen filer å lese i " + ", ".join(paths))
    results: list[FileResult] = []
    with _progress() as progress:
        task = progress.add_task("Leser", total=len(files), statements=0)

        def advance(result: FileResult) -> None:
            results.append(result)
            if result.failed:
                progress.console.print(
                    f"[red]Feil:[/] {result.path}: {result.error}", highlight=False
                )
            total = sum(r.statements for r in results)
            progress.update(task, advance=1, statements=total, description=Path(result.path).name)

        run_ingest([str(f) for f in files], atlas, meta_from(options), progress=advance)
    out.print(_summary_table(results))
    failed = sum(1 for r in results if r.failed)
    out.print(
        f"{len(results) - failed} filer lest, {failed} med feil, "
        f"{sum(r.statements for r in results)} utsagn. Database: {atlas.url}"
    )
    if failed:
        sys.exit(1)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description:<40.40}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("filer · {task.fields[statements]} utsagn"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


def _summary_table(results: list[Any]) -> Table:
    table = Table(title="Resultat", show_lines=False)
    for column, justify in (
        ("Fil", "left"),
        ("Status", "left"),
        ("Utsagn", "right"),
        ("Advarsler", "right"),
        ("Feil", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for r in results:
        style = "red" if r.failed else None
        table.add_row(
            r.path,
            STATUS_LABELS.get(r.status, r.status),
            str(r.statements),
            str(len(r.warnings)),
            r.error or "",
            style=style,
        )
    return table


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "markdown"]),
    default="jsonl",
    show_default=True,
)
@with_meta
def analyze(paths: tuple[str, ...], fmt: str, **options: Any) -> None:
    """Analyser filer uten å lagre dem, og skriv resultatet (kontraktformatet)."""
    from planatlas import render
    from planatlas.batch import expand
    from planatlas.pipeline import analyze as run_analyze

    failed = 0
    documents = []
    for path in _given_or_expanded(paths, expand):
        try:
            doc = run_analyze(path, meta_from(options))
        except PlanatlasError as error:
            err.print(f"[red]Feil:[/] {error}", highlight=False)
            failed += 1
            continue
        documents.append(doc)
        if fmt == "jsonl":
            render.write_jsonl(doc, sys.stdout)
    if fmt == "json":
        render.write_json(documents, sys.stdout)
    elif fmt == "markdown":
        for doc in documents:
            sys.stdout.write(render.markdown(doc))
    if failed:
        sys.exit(1)


def _given_or_expanded(paths: tuple[str, ...], expand: Any) -> Iterator[str]:
    """Keep the path as the user wrote it (the contract's `document`) where it names a file."""
    for given in paths:
        if Path(given).is_file() or not Path(given).exists() and not any(c in given for c in "*?["):
            yield given
        else:
            yield from (str(p) for p in expand([given]))


@main.command()
@click.argument("document")
@click.option("--version", "version", type=int, default=None, help="Vis en bestemt versjon.")
@click.pass_context
def show(ctx: click.Context, document: str, version: int | None) -> None:
    """Vis dokumentets disposisjon: overskrifter og utsagn med nummer."""
    from planatlas import render

    doc = None
    if not Path(document).is_file() or ctx.obj["db"]:
        try:
            doc = open_atlas(ctx.obj["db"]).document(document, version=version)
        except NotFound as error:
            if not Path(document).is_file():
                fail(error)
    if doc is None:
        from planatlas.pipeline import analyze as run_analyze

        try:
            doc = run_analyze(document)
        except PlanatlasError as error:
            fail(error)
    render.print_outline(doc, out)


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="Fil å skrive til (standard: skjermen; påkrevd for xlsx).",
)
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Skriv alle utsagn med koding som CSV, JSONL eller Excel."""
    from planatlas.export.statements import export_rows, write_export

    if fmt == "xlsx" and output is None:
        fail("xlsx må skrives til en fil: bruk --output utsagn.xlsx")
    atlas = open_atlas(ctx.obj["db"])
    rows = export_rows(atlas)
    if output is None:
        write_export(rows, fmt, sys.stdout)
    else:
        write_export(rows, fmt, output)
        err.print(f"Skrev {output}")


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.option("--details", is_flag=True, help="Vis utsagn som ikke ble funnet, og ekstra utsagn.")
@click.option(
    "--coder",
    type=click.Choice(["held-out", "rules"]),
    default="rules",
    show_default=True,
    help="held-out: reglene pluss modellen trent på de andre gulldokumentene; rules: bare reglene.",
)
def eval_command(gold_dir: Path, as_json: bool, details: bool, coder: str) -> None:
    """Mål analysen mot gullstandarden (../shared/gold)."""
    from planatlas import render
    from planatlas.evaluate import evaluate
    from planatlas.pipeline import analyze as run_analyze
    from planatlas.training import held_out_analyzer

    try:
        analyzer = (
            held_out_analyzer(gold_dir)
            if coder == "held-out"
            else lambda path: run_analyze(path, use_model=False)
        )
        scores, overall = evaluate(gold_dir, analyzer)
    except PlanatlasError as error:
        fail(error)
    if as_json:
        payload = {"documents": [s.as_dict() for s in scores], "overall": overall.as_dict()}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    out.print(render.score_table(scores, overall))
    if details:
        for score in scores:
            for text in score.misses:
                out.print(f"[yellow]mangler[/] {score.name}: {text}", highlight=False)
            for text in score.extras:
                out.print(f"[cyan]ekstra[/]   {score.name}: {text}", highlight=False)


@main.command()
@click.pass_context
def overview(ctx: click.Context) -> None:
    """Oversikt over atlaset: aktører, dokumenter, utsagn og feil."""
    from planatlas import render

    atlas = open_atlas(ctx.obj["db"])
    render.print_overview(atlas, out)


@main.command()
@click.pass_context
def errors(ctx: click.Context) -> None:
    """Vis filer som ikke kunne leses, med grunnen."""
    atlas = open_atlas(ctx.obj["db"])
    found = atlas.errors()
    out.print(f"Innlesingsfeil: {len(found)}")
    for e in found:
        out.print(
            f"{str(e.created_at)[:19]}  {e.path}  [{e.code}]  {e.message}",
            highlight=False,
            markup=False,
        )


def to_json(value: Any) -> None:
    """Any library record (dataclasses, lists of them) as JSON on stdout."""
    from planatlas.export.jsonable import jsonable

    json.dump(jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


json_option = click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
topic_option = click.option("--topic", default=None, help="Bare saker under dette temaet.")


@main.command(name="compare")
@click.argument("actors", nargs=-1)
@topic_option
@json_option
@click.pass_context
def compare_command(
    ctx: click.Context, actors: tuple[str, ...], topic: str | None, as_json: bool
) -> None:
    """Sammenlign aktører sak for sak, med sitater og enighet (ingen aktører: alle par)."""
    from planatlas import render, views
    from planatlas.questions import positions as compare

    atlas = open_atlas(ctx.obj["db"])
    try:
        if len(actors) == 1:
            fail("oppgi minst to aktører, eller ingen for å se alle par")
        if not actors:
            pairs = compare.agreements(views.position_map_of(atlas, topic=topic))
            to_json(pairs) if as_json else out.print(render.agreement_table(pairs))
            return
        comparison = views.compare_actors(atlas, actors, topic=topic)
    except PlanatlasError as error:
        fail(error)
    if as_json:
        to_json(comparison)
        return
    out.print(render.comparison_table(comparison))
    out.print(render.agreement_table(comparison.agreements))


@main.command(name="map")
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
    from planatlas import render, views

    atlas = open_atlas(ctx.obj["db"])
    try:
        if salience:
            rows = views.salience_rows(views.salience_of(atlas))
        else:
            rows = views.position_rows(views.position_map_of(atlas, topic=topic))
    except PlanatlasError as error:
        fail(error)
    columns = ["aktør", *sorted({k for row in rows for k in row} - {"aktør"})]
    if output is None:
        out.print(render.matrix_table(rows, columns))
        return
    import csv

    with open(output, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    err.print(f"Skrev {output}")


@main.command()
@click.argument("actor")
@topic_option
@click.option("--issue", default=None, help="Bare denne saken (id fra taksonomien).")
@json_option
@click.pass_context
def allies(
    ctx: click.Context, actor: str, topic: str | None, issue: str | None, as_json: bool
) -> None:
    """Aktørens allierte og motparter, med utsagnene som viser det."""
    from planatlas import render, views

    try:
        found = views.allies_of(open_atlas(ctx.obj["db"]), actor, topic=topic, issue=issue)
    except PlanatlasError as error:
        fail(error)
    if as_json:
        to_json(found)
        return
    labels = views.issue_labels()
    render.print_relations(f"Allierte av {actor}", found.allies, labels, out)
    render.print_relations(f"Motparter av {actor}", found.opponents, labels, out)


@main.command()
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
    from planatlas import views

    try:
        found = views.alliance_network(open_atlas(ctx.obj["db"]), topic=topic)
        views.write_network(found, output, mode=mode)
    except PlanatlasError as error:
        fail(error)
    clusters = len({n.cluster for n in found.nodes})
    err.print(
        f"Skrev {output}: {len(found.nodes)} aktører, {len(found.edges)} enighetskanter, "
        f"{clusters} klynger"
    )


@main.command()
@click.argument("document")
@click.option("--top", type=int, default=3, show_default=True, help="Lenker per utsagn.")
@json_option
@click.pass_context
def links(ctx: click.Context, document: str, top: int, as_json: bool) -> None:
    """Lenker fra dokumentets utsagn til andre dokumenter: ligner, samme/motsatt, svarer på."""
    from planatlas import render, views

    atlas = open_atlas(ctx.obj["db"])
    try:
        found = views.document_links(atlas, document, top=top)
        shared = views.shared_references(atlas, document)
    except PlanatlasError as error:
        fail(error)
    if as_json:
        statements = [{"statement": s, "links": found_links} for s, found_links in found]
        to_json({"statements": statements, "shared_references": shared})
        return
    render.print_links(found, out)
    render.print_shared(shared, out)


@main.command(name="trace")
@click.argument("document")
@click.option("--against", "plan", default=None, help="Planen kravene spores mot.")
@json_option
@click.pass_context
def trace_command(ctx: click.Context, document: str, plan: str | None, as_json: bool) -> None:
    """Krav mot en plans tiltak (--against PLAN), eller en plans mål og tiltakene deres."""
    from planatlas import render, views

    atlas = open_atlas(ctx.obj["db"])
    try:
        if plan is None:
            rows = views.plan_goals(atlas, document)
            to_json(rows) if as_json else render.print_goals(rows, out)
            return
        traced = views.trace_documents(atlas, document, plan)
    except PlanatlasError as error:
        fail(error)
    to_json(traced) if as_json else render.print_trace(traced, out)


@main.command(name="diff")
@click.argument("old")
@click.argument("new", required=False)
@click.option("--unchanged", is_flag=True, help="Vis også uendrede utsagn.")
@json_option
@click.pass_context
def diff_command(
    ctx: click.Context, old: str, new: str | None, unchanged: bool, as_json: bool
) -> None:
    """Endringer mellom to versjoner av en plan (to dokumenter, eller ett dokuments to siste)."""
    from planatlas import render

    try:
        found = _diff(ctx.obj["db"], old, new or old)
    except PlanatlasError as error:
        fail(error)
    if as_json:
        to_json({"summary": found.summary(), "changes": found.changes})
        return
    render.print_diff(found, out, unchanged=unchanged)


def _diff(db: str | None, old: str, new: str) -> Any:
    """Stored documents by reference, or files read on the spot when not stored."""
    from planatlas import views
    from planatlas.pipeline import analyze as run_analyze
    from planatlas.questions.diff import diff_documents

    if Path(old).is_file() and Path(new).is_file() and old != new:
        return diff_documents(run_analyze(old), run_analyze(new))
    return views.diff_documents(open_atlas(db), old, new)


@main.command()
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
    from planatlas import views
    from planatlas.questions import brief as briefs

    if fmt == "docx" and output is None:
        fail("docx må skrives til en fil: bruk --output notat.docx")
    try:
        found = views.briefing(open_atlas(ctx.obj["db"]), actor, plan=plan)
    except PlanatlasError as error:
        fail(error)
    if fmt == "docx":
        briefs.write_docx(found, str(output))
        err.print(f"Skrev {output}")
        return
    text = briefs.markdown(found) if fmt == "markdown" else briefs.to_html(found)
    if output is None:
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
        err.print(f"Skrev {output}")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False), required=False)
def taxonomy(path: str | None) -> None:
    """Sjekk en taksonomifil (eller den som er i bruk) og vis temaer og saker."""
    from planatlas.coding.taxonomy import load_taxonomy
    from planatlas.pipeline import active_taxonomy

    try:
        found = load_taxonomy(path) if path else active_taxonomy()
    except PlanatlasError as error:
        fail(error)
    out.print(
        f"{found.source}: {len(found.topics)} temaer, {len(found.issues)} saker – i orden",
        highlight=False,
    )
    for key, topic in found.topics.items():
        issues = [i for i, issue in found.issues.items() if key in issue.topics]
        out.print(f"  {key} ({topic.nb}): {', '.join(issues) or '–'}", highlight=False)


@main.command()
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
    from planatlas import render
    from planatlas.questions.search import search as run_search

    try:
        found = run_search(
            open_atlas(ctx.obj["db"]), " ".join(query), limit=limit, offset=offset, **filters
        )
    except PlanatlasError as error:
        fail(error)
    if as_json:
        to_json(found)
        return
    render.print_search(found, out)


@main.command()
@click.argument("statement", type=int)
@click.option("--kind", default=None, help="Ny type (goal, measure, demand, ...).")
@click.option("--topics", default=None, help="Nye temaer, kommaseparert: governance,hospitals.")
@click.option(
    "--position",
    "positions",
    multiple=True,
    help="Standpunkt sak:retning, f.eks. hospital_trust_model:- (kan gjentas; «none» tømmer).",
)
@click.option("--language", default=None, type=click.Choice(["nb", "nn", "en", "other"]))
@click.option("--author", required=True, help="Hvem som retter (lagres med rettelsen).")
@click.pass_context
def code(
    ctx: click.Context,
    statement: int,
    kind: str | None,
    topics: str | None,
    positions: tuple[str, ...],
    language: str | None,
    author: str,
) -> None:
    """Rett kodingen av et utsagn; rettelsen overlever ny analyse."""
    from planatlas import render

    changes = _corrections(kind, topics, positions, language)
    if not changes:
        fail("oppgi minst én av --kind, --topics, --position, --language")
    atlas = open_atlas(ctx.obj["db"])
    try:
        for field_name, value in changes.items():
            atlas.correct(statement, field_name, value, author)
        stored = atlas.statement(statement)
    except PlanatlasError as error:
        fail(error)
    out.print(f"Rettet utsagn {statement}: {render.coding_summary(stored)}", highlight=False)


def _corrections(
    kind: str | None, topics: str | None, positions: tuple[str, ...], language: str | None
) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if kind is not None:
        changes["kind"] = kind
    if topics is not None:
        changes["topics"] = [t.strip() for t in topics.split(",") if t.strip()]
    if positions:
        parsed = []
        for given in positions:
            if given.strip().lower() == "none":
                continue
            issue, sep, direction = given.rpartition(":")
            if not sep or not issue:
                fail(f"standpunkt må skrives sak:retning, f.eks. hospital_trust_model:- ({given})")
            parsed.append({"issue": issue.strip(), "direction": direction.strip()})
        changes["positions"] = parsed
    if language is not None:
        changes["language"] = language
    return changes


@main.command()
@click.argument("document", required=False)
@click.pass_context
def recode(ctx: click.Context, document: str | None) -> None:
    """Analyser lagrede dokumenter på nytt (alle, eller ett); rettelser beholdes."""
    from planatlas import views

    try:
        done = views.recode(open_atlas(ctx.obj["db"]), document)
    except PlanatlasError as error:
        fail(error)
    err.print(f"Kodet {done} utsagn på nytt; rettelser er beholdt.")


@main.command()
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Gullstandard å lære av i tillegg til rettelsene i atlaset (f.eks. ../shared/gold).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Modellfilen (standard: PLANATLAS_MODEL, ellers planatlas-model.joblib).",
)
@click.pass_context
def train(ctx: click.Context, gold_dir: Path | None, output: Path | None) -> None:
    """Lær av gullstandarden og rettelsene; vis kryssvaliderte tall og lagre modellen."""
    from planatlas import render
    from planatlas import training as learn

    try:
        examples = learn.examples_from_atlas(open_atlas(ctx.obj["db"]))
        if gold_dir is not None:
            examples += learn.examples_from_gold(gold_dir)
        scores = learn.cross_validate(examples) if len({e.group for e in examples}) > 1 else []
        model = learn.train(examples)
    except PlanatlasError as error:
        fail(error)
    target = output or learn.model_path() or Path("planatlas-model.joblib")
    model.save(target)
    if scores:
        out.print(render.training_table(scores))
    err.print(
        f"Lærte av {len(examples)} kodede utsagn; lagret {target}. "
        f"Sett PLANATLAS_MODEL={target} for å bruke modellen."
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--workers", type=int, default=1, show_default=True, help="Prosesser (for flere brukere)."
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Start nettappen (og JSON-API-et) over atlaset."""
    from planatlas.web import serve as run_server

    db = ctx.obj["db"] or str(settings.get("db"))
    err.print(f"planatlas kjører på http://{host}:{port}/  (database: {db}; Ctrl+C stopper)")
    run_server(db, host=host, port=port, workers=workers)


if __name__ == "__main__":
    main()
