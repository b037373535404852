"""The command that serves the web app and the JSON API."""

from __future__ import annotations

import click

from planatlas import settings
from planatlas.cli import err


@click.command()
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
    err.print(
        f"planatlas kjører på http://{host}:{port}/  (database: {db}; Ctrl+C stopper)",
        markup=False,
        highlight=False,
    )
    run_server(db, host=host, port=port, workers=workers)


COMMANDS = [serve]
