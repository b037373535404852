"""Commands on documents: read them in, analyse without storing, show, export, list errors."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from planatlas.cli import err, fail, meta_from, open_atlas, out, render, with_meta, wrote
from planatlas.errors import NotFound, PlanatlasError
from planatlas.labels import Labels


def _page_range(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    from planatlas.records import PageRange

    if value is None:
        return None
    try:
        return PageRange.parse(value)
    except PlanatlasError as error:
        raise click.BadParameter(error.message) from error


pages_option = click.option(
    "--pages",
    default=None,
    callback=_page_range,
    help="Bare disse sidene av en PDF (eller lysbildene i en presentasjon): 22-27, 22 eller 22-.",
)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@pages_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Hvor mange filer som leses og analyseres samtidig (standard: maskinens kjerner).",
)
@with_meta
@click.option(
    "--cluster",
    "cluster",
    default=None,
    metavar="ADRESSE",
    help="Les og analyser på Dask-klyngen med denne planleggeren (tcp://vert:8786).",
)
@click.option(
    "--workers",
    "workers",
    type=click.IntRange(min=1),
    default=None,
    help="Les og analyser på en lokal Dask-klynge med så mange prosesser.",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    /,
    paths: tuple[str, ...],
    pages: Any,
    jobs: int | None,
    cluster: str | None,
    workers: int | None,
    **options: Any,
) -> None:
    """Les, analyser og lagre filer, mapper eller mønstre (*.pdf)."""
    from functools import partial

    from planatlas.batch import expand
    from planatlas.batch import ingest as run_ingest
    from planatlas.pipeline import FileResult

    if cluster or workers:
        from planatlas import cluster as on_cluster

        run_ingest = partial(on_cluster.ingest, address=cluster, workers=workers)  # not --jobs

    atlas = open_atlas(ctx)
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
                    Text.assemble(("Feil:", "red"), f" {result.path}: {result.error}")
                )
            total = sum(r.statements for r in results)
            progress.update(task, advance=1, statements=total, description=Path(result.path).name)

        run_ingest(
            [str(f) for f in files],
            atlas,
            meta_from(options),
            progress=advance,
            jobs=jobs,
            pages=pages,
        )
    out.print(_summary_table(results))
    failed = sum(1 for r in results if r.failed)
    out.print(
        f"{len(results) - failed} filer lest, {failed} med feil, "
        f"{sum(r.statements for r in results)} utsagn. Database: {atlas.url}",
        markup=False,
        highlight=False,
    )
    if failed:
        sys.exit(1)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description:<40.40}", style="bold", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("filer · {task.fields[statements]} utsagn"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


def _summary_table(results: list[Any]) -> Table:
    labels = Labels()
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
        table.add_row(
            Text(r.path),
            labels(f"ingest.{r.status}"),
            str(r.statements),
            str(len(r.warnings)),
            Text(r.error or ""),
            style="red" if r.failed else None,
        )
    return table


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "markdown"]),
    default="jsonl",
    show_default=True,
)
@pages_option
@with_meta
def analyze(paths: tuple[str, ...], fmt: str, pages: Any, **options: Any) -> None:
    """Analyser filer uten å lagre dem, og skriv resultatet (kontraktformatet)."""
    from planatlas.batch import expand
    from planatlas.export import contract
    from planatlas.pipeline import analyze as run_analyze
    from planatlas.pipeline import read

    failed = 0
    documents = []
    for path in _given_or_expanded(paths, expand):
        meta = meta_from(options)
        try:
            doc = run_analyze(read(path, meta, pages=pages), meta)
        except PlanatlasError as error:  # one bad file is reported; the rest go on
            err.print(Text.assemble(("Feil:", "red"), f" {error}"))
            failed += 1
            continue
        documents.append(doc)
        if fmt == "jsonl":
            contract.write_jsonl(doc, sys.stdout)
    if fmt == "json":
        contract.write_json(documents, sys.stdout)
    elif fmt == "markdown":
        for doc in documents:
            sys.stdout.write(contract.markdown(doc))
    if failed:
        sys.exit(1)


def _given_or_expanded(paths: tuple[str, ...], expand: Any) -> Iterator[str]:
    """Keep the path as the user wrote it (the contract's `document`) where it names a file."""
    for given in paths:
        if Path(given).is_file() or not Path(given).exists() and not any(c in given for c in "*?["):
            yield given
        else:
            yield from (str(p) for p in expand([given]))


@click.command()
@click.argument("document")
@click.option("--version", "version", type=int, default=None, help="Vis en bestemt versjon.")
@click.pass_context
def show(ctx: click.Context, document: str, version: int | None) -> None:
    """Vis dokumentets disposisjon: overskrifter og utsagn med nummer."""
    from planatlas.pipeline import analyze as run_analyze

    doc = None
    if not Path(document).is_file() or ctx.obj["db"]:
        try:
            doc = open_atlas(ctx).document(document, version=version)
        except NotFound:
            if not Path(document).is_file():
                raise
    render.print_outline(doc or run_analyze(document), out)


@click.command()
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
    rows = export_rows(open_atlas(ctx))
    write_export(rows, fmt, output if output is not None else sys.stdout)
    if output is not None:
        wrote(output)


@click.command()
@click.pass_context
def overview(ctx: click.Context) -> None:
    """Oversikt over atlaset: aktører, dokumenter, utsagn og feil."""
    render.print_overview(open_atlas(ctx), out)


@click.command()
@click.pass_context
def errors(ctx: click.Context) -> None:
    """Vis filer som ikke kunne leses, med grunnen."""
    found = open_atlas(ctx).errors()
    out.print(f"Innlesingsfeil: {len(found)}")
    for e in found:
        out.print(
            f"{str(e.created_at)[:19]}  {e.path}  [{e.code}]  {e.message}",
            highlight=False,
            markup=False,
        )


COMMANDS = [ingest, analyze, show, export, overview, errors]
