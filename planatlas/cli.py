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
from planatlas.metadata import Metadata

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
    from planatlas.ingest import FileResult, expand
    from planatlas.ingest import ingest as run_ingest

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
    from planatlas.ingest import expand
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
    from planatlas.export import export_rows, write_export

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
    from planatlas.learn import held_out_analyzer
    from planatlas.pipeline import analyze as run_analyze

    try:
        analyzer = held_out_analyzer(gold_dir) if coder == "held-out" else run_analyze
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


if __name__ == "__main__":
    main()
