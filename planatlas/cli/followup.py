"""Commands on follow-up: the status report, follow-up out to and in from CSV/Excel, backup.

Whoever runs a command has the database itself, so reading is done as an admin; a command that
writes follow-up is made as a named user (--user), with that user's role, and recorded so.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.text import Text

from planatlas.cli import err, fail, open_atlas, out, wrote

FORMATS = {"markdown": ".md", "docx": ".docx", "xlsx": ".xlsx"}


def operator() -> object:
    """The viewer a command reads as: the person at the database, with an admin's sight."""
    from planatlas.accounts.roles import Viewer

    return Viewer("planatlas", "planatlas", "admin")


@click.command()
@click.argument("plan")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="markdown",
              show_default=True)  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Filen (standard: Markdown på skjermen, ellers rapport.docx/xlsx).")  # fmt: skip
@click.option("--language", type=click.Choice(["nb", "en"]), default="nb", show_default=True)
@click.pass_context
def report(ctx: click.Context, plan: str, fmt: str, output: Path | None, language: str) -> None:
    """Statusrapporten for en plan: framdrift per område, hva som er gjort og ikke (og hvorfor)."""
    from planatlas.export import followup as writers
    from planatlas.export.tables import write
    from planatlas.followup import store as followups
    from planatlas.followup.report import build_report

    board = followups.board(open_atlas(ctx), _ref(plan), operator())  # type: ignore[arg-type]
    found = build_report(board, language)
    if fmt == "markdown" and output is None:
        out.print(writers.markdown(found), markup=False, highlight=False)
        return
    target = output or Path("rapport" + FORMATS[fmt])
    if fmt == "markdown":
        target.write_text(writers.markdown(found), encoding="utf-8")
    elif fmt == "docx":
        writers.write_docx(found, target)
    else:
        write(writers.report_table(found), "xlsx", target)
    wrote(str(target))


def _ref(plan: str) -> str | int:
    return int(plan) if plan.strip().isdigit() else plan


@click.group()
def followup() -> None:
    """Oppfølging: skriv en plans punkter til CSV/Excel, og les dem inn igjen."""


@followup.command(name="export")
@click.argument("plan")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="oppfolging.csv eller oppfolging.xlsx")  # fmt: skip
@click.pass_context
def export_followup(ctx: click.Context, plan: str, output: Path) -> None:
    """Skriv planens oppfølging (samme kolonner som «import» leser)."""
    from planatlas.export.tables import write
    from planatlas.followup import store as followups
    from planatlas.followup.table import items_table

    board = followups.board(open_atlas(ctx), _ref(plan), operator())  # type: ignore[arg-type]
    fmt = "xlsx" if output.suffix.lower() == ".xlsx" else "csv"
    write(items_table("oppfolging", board.items), fmt, output)
    wrote(str(output))


@followup.command(name="import")
@click.argument("plan")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "username", required=True, help="Hvem endringene gjøres som.")
@click.pass_context
def import_followup(ctx: click.Context, plan: str, path: Path, username: str) -> None:
    """Les inn oppfølging fra CSV/Excel; rader der punktet er endret siden, skrives ikke over."""
    from planatlas.accounts import store as accounts
    from planatlas.followup import store as followups

    atlas = open_atlas(ctx)
    viewer = accounts.viewer_of(accounts.user(atlas, username))
    result = followups.import_rows(atlas, _ref(plan), path.read_bytes(), path.name, viewer)
    for line in [*(result.conflicts or []), *(result.errors or [])]:
        err.print(Text.assemble(("Advarsel:", "yellow"), f" {line}"))
    out.print(Text(f"{result.updated} punkter endret, {result.unchanged} uendret"))
    if result.conflicts or result.errors:
        raise SystemExit(1)


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup(ctx: click.Context, path: Path) -> None:
    """Ta sikkerhetskopi av atlaset (SQLite) til en fil, også mens det er i bruk."""
    from planatlas.store.backup import backup as run_backup

    run_backup(open_atlas(ctx), path)
    wrote(str(path))


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Ikke spør før atlaset erstattes.")
@click.pass_context
def restore(ctx: click.Context, path: Path, yes: bool) -> None:
    """Erstatt atlaset (SQLite) med en sikkerhetskopi."""
    from planatlas.store.backup import restore as run_restore

    atlas = open_atlas(ctx)
    if not yes and not click.confirm(f"Erstatte {atlas.url} med {path}?"):
        fail("avbrutt")
    run_restore(atlas, path)
    err.print(Text(f"Gjenopprettet {atlas.url} fra {path}"))


COMMANDS = [report, followup, backup, restore]
