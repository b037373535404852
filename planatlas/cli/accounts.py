"""Commands on accounts: users (the first admin is made here), their passwords and API tokens,
and organisations."""

from __future__ import annotations

import click
from rich.table import Table
from rich.text import Text

from planatlas.cli import err, open_atlas, out


@click.group()
def user() -> None:
    """Brukere: legg til, list, bytt passord, lag og trekk tilbake API-nøkler."""


password_option = click.option(
    "--password",
    prompt="Passord",
    hide_input=True,
    confirmation_prompt="Gjenta passordet",
    envvar="PLANATLAS_PASSWORD",
    help="Spørres om når det ikke er gitt (eller PLANATLAS_PASSWORD).",
)


@user.command(name="add")
@click.argument("username")
@click.option(
    "--role", type=click.Choice(["admin", "editor", "member"]), default="member", show_default=True
)
@click.option("--organisation", default=None, help="Organisasjonen (lages om den ikke finnes).")
@click.option(
    "--actor", default=None, help="Aktøren organisasjonen er i atlaset (ny organisasjon)."
)
@click.option("--name", default=None, help="Fullt navn (vises ved rettelser og endringer).")
@password_option
@click.pass_context
def add(
    ctx: click.Context,
    username: str,
    role: str,
    organisation: str | None,
    actor: str | None,
    name: str | None,
    password: str,
) -> None:
    """Legg til en bruker; den første administratoren lages slik."""
    from planatlas.accounts import store as accounts
    from planatlas.errors import NotFound

    atlas = open_atlas(ctx)
    if organisation:
        try:
            accounts.organisation(atlas, organisation)
        except NotFound:
            accounts.add_organisation(atlas, organisation, actor)
            err.print(Text(f"La til organisasjonen {organisation}"))
    found = accounts.add_user(atlas, username, password, role, organisation, name)
    where = f", {found.organisation}" if found.organisation else ""
    err.print(Text(f"La til {found.username} ({found.role}{where})"))


@user.command(name="list")
@click.pass_context
def list_users(ctx: click.Context) -> None:
    """List brukerne med rolle og organisasjon."""
    from planatlas.accounts import store as accounts

    table = Table(title="Brukere")
    for column in ("Brukernavn", "Navn", "Rolle", "Organisasjon", "Aktiv"):
        table.add_column(column)
    for u in accounts.users(open_atlas(ctx)):
        table.add_row(
            Text(u.username),
            Text(u.name or ""),
            u.role,
            Text(u.organisation or "–"),
            "ja" if u.active else "nei",
        )
    out.print(table)


@user.command()
@click.argument("username")
@password_option
@click.pass_context
def passwd(ctx: click.Context, username: str, password: str) -> None:
    """Gi en bruker nytt passord; brukerens andre økter avsluttes."""
    from planatlas.accounts import store as accounts

    accounts.set_password(open_atlas(ctx), username, password)
    err.print(Text(f"Nytt passord for {username}"))


@user.command()
@click.argument("username")
@click.option(
    "--name", "token_name", default="skript", show_default=True, help="Hva nøkkelen er til."
)
@click.option(
    "--organisation", default=None, help="For en administrator: bare denne organisasjonen."
)
@click.option("--revoke", type=int, default=None, help="Trekk tilbake nøkkelen med denne id-en.")
@click.option("--list", "listing", is_flag=True, help="List brukerens nøkler.")
@click.pass_context
def token(
    ctx: click.Context,
    username: str,
    token_name: str,
    organisation: str | None,
    revoke: int | None,
    listing: bool,
) -> None:
    """Lag en API-nøkkel (vises bare én gang), list nøklene eller trekk én tilbake."""
    from planatlas.accounts import store as accounts

    atlas = open_atlas(ctx)
    if revoke is not None:
        accounts.revoke_token(atlas, revoke, "planatlas")
        err.print(Text(f"Trakk tilbake nøkkel {revoke}"))
        return
    if listing:
        for t in accounts.tokens(atlas, username):
            state = "trukket tilbake" if t.revoked_at else "gyldig"
            out.print(Text(f"{t.id}  {t.prefix}…  {t.name}  {state}"))
        return
    secret, made = accounts.create_token(atlas, username, token_name, organisation)
    out.print(Text(secret))
    err.print(
        Text(f"Nøkkel {made.id} for {username}: send den som «Authorization: Bearer …». "
             "Den vises ikke igjen.")
    )  # fmt: skip


COMMANDS = [user]
