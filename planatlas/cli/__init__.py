"""The command line: each command parses its input, calls one library function, renders it.

    documents.py   ingest, analyze, show, export, errors, overview
    questions.py   compare, map, allies, network, links, trace, diff, brief, search
    coding.py      code, recode, train, eval, taxonomy
    serve.py       serve
    accounts.py    user add|list|passwd|token
    followup.py    report, followup export|import, contacts, backup, restore

A library error (planatlas.errors) becomes one "Feil: ..." line and exit code 1 in one place,
`Group.invoke`; no command catches errors of its own.
"""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.text import Text

from planatlas import settings
from planatlas.errors import PlanatlasError
from planatlas.reading.metadata import Metadata

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def fail(error: PlanatlasError | str, code: int = 1) -> NoReturn:
    """The one place an error becomes a message for a person (never read as markup)."""
    err.print(Text.assemble(("Feil:", "bold red"), " ", str(error)), highlight=False)
    sys.exit(code)


class Group(click.Group):
    """A click group that turns every library error into one line and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlanatlasError as error:
            fail(error)


def open_atlas(ctx: click.Context) -> Any:
    """The atlas at --db (or PLANATLAS_DB, or the default)."""
    from planatlas.store import Atlas

    return Atlas(ctx.obj["db"])


def to_json(value: Any) -> None:
    """Any library record (dataclasses, lists of them) as JSON on stdout."""
    from planatlas.export.jsonable import jsonable

    json.dump(jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def wrote(path: str) -> None:
    err.print(Text(f"Skrev {path}"))


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
META_FIELDS = ("title", "actor", "actor_kind", "genre", "language", "period")


def with_meta(func: Any) -> Any:
    for option in reversed(meta_options):
        func = option(func)
    return func


def meta_from(options: dict[str, Any]) -> Metadata:
    return Metadata(**{k: options.get(k) for k in META_FIELDS})


json_option = click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
topic_option = click.option("--topic", default=None, help="Bare saker under dette temaet.")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
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


def _register() -> None:
    from planatlas.cli import accounts, coding, documents, followup, questions, serve

    for module in (documents, questions, coding, serve, accounts, followup):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
