"""The access rules, as one table: every route of the web app and the API has a rule here.

A rule says who may call a route:

    open       anyone, also in a closed atlas (logging in, the language switch, health)
    read       anyone in a public atlas; in a closed atlas (setting `access`) logged-in users
    user       any logged-in user
    org_read   members and editors of the organisation that owns the thing; admins
    org_write  editors of the organisation that owns the thing; admins
    write      editors (for their own organisation) and admins
    admin      admins

The web app's guard (web/auth.py) refuses a route without a rule, and checks the role part of
the rule before the route runs; the route checks the organisation part once it knows what the
thing is (`allows`). A private document is read as `org_read`, whatever its route's rule.
"""

from __future__ import annotations

from planatlas import settings
from planatlas.accounts.roles import Viewer
from planatlas.errors import ConfigError, Forbidden, LoginRequired

RULES = ("open", "read", "user", "org_read", "org_write", "write", "admin")
ACCESS_MODES = ("public", "closed")

ACCESS: dict[tuple[str, str], str] = {
    # pages
    ("GET", "/"): "read",
    ("GET", "/dokument/{document}"): "read",
    ("POST", "/dokument/{document_id}/analyser"): "write",
    ("GET", "/notat"): "read",
    ("GET", "/utsagn/{statement_id}"): "read",
    ("POST", "/utsagn/{statement_id}"): "write",
    ("GET", "/sok"): "read",
    ("GET", "/last-opp"): "write",
    ("GET", "/sammenlign"): "read",
    ("GET", "/allierte"): "read",
    ("GET", "/sporing"): "read",
    ("GET", "/endringer"): "read",
    ("GET", "/feil"): "read",
    ("GET", "/sprak/{locale}"): "open",
    # accounts
    ("GET", "/logg-inn"): "open",
    ("POST", "/logg-inn"): "open",
    ("POST", "/logg-ut"): "user",
    ("GET", "/konto"): "user",
    ("POST", "/konto/passord"): "user",
    ("GET", "/brukere"): "admin",
    ("POST", "/brukere"): "admin",
    ("POST", "/organisasjoner"): "admin",
    ("POST", "/brukere/{user_id}/nokler"): "admin",
    ("POST", "/nokler/{token_id}/trekk-tilbake"): "admin",
    ("GET", "/organisasjon/{organisation_id}"): "read",
    # follow-up
    ("GET", "/oppfolging/{document_id}"): "read",
    ("GET", "/oppfolging/{document_id}/rapport"): "read",
    ("POST", "/oppfolging/{document_id}/import"): "org_write",
    ("GET", "/oppfolging/punkt/{statement_id}"): "read",
    ("POST", "/oppfolging/punkt/{statement_id}"): "org_write",
    ("POST", "/oppfolging/punkt/{statement_id}/bevis"): "org_write",
    ("GET", "/oppfolging/bevis/{evidence_id}"): "org_read",
    # contacts and the library
    ("GET", "/kontakter"): "org_read",
    ("POST", "/kontakter"): "org_write",
    ("POST", "/kontakter/import"): "org_write",
    ("GET", "/kontakter/{contact_id}"): "org_read",
    ("POST", "/kontakter/{contact_id}"): "org_write",
    ("POST", "/kontakter/{contact_id}/slett"): "org_write",
    ("GET", "/bibliotek"): "read",
    # the API
    ("GET", "/api/v1/openapi.json"): "open",
    ("GET", "/api/v1/docs"): "open",
    ("GET", "/api/v1/health"): "open",
    ("GET", "/api/v1/me"): "user",
    ("GET", "/api/v1/jobs/{job_id}"): "user",  # and only the job's own uploader (web/jobs.py)
    ("GET", "/api/v1/overview"): "read",
    ("GET", "/api/v1/actors"): "read",
    ("GET", "/api/v1/documents"): "read",
    ("GET", "/api/v1/documents/{document}"): "read",
    ("GET", "/api/v1/statements"): "read",
    ("GET", "/api/v1/statements/{statement_id}"): "read",
    ("GET", "/api/v1/statements/{statement_id}/links"): "read",
    ("POST", "/api/v1/statements/{statement_id}/corrections"): "write",
    ("GET", "/api/v1/compare"): "read",
    ("GET", "/api/v1/allies"): "read",
    ("GET", "/api/v1/network"): "read",
    ("GET", "/api/v1/trace"): "read",
    ("GET", "/api/v1/diff"): "read",
    ("GET", "/api/v1/search"): "read",
    ("POST", "/api/v1/upload"): "write",
    ("GET", "/api/v1/errors"): "read",
    ("GET", "/api/v1/followup/{document_id}"): "read",
    ("GET", "/api/v1/followup/{document_id}/report"): "read",
    ("GET", "/api/v1/followup/items/{statement_id}"): "read",
    ("PATCH", "/api/v1/followup/items/{statement_id}"): "org_write",
    ("GET", "/api/v1/contacts"): "org_read",
    ("POST", "/api/v1/contacts"): "org_write",
    ("DELETE", "/api/v1/contacts/{contact_id}"): "org_write",
    ("GET", "/api/v1/library"): "read",
}


def access_mode() -> str:
    mode = str(settings.get("access")).strip().lower()
    if mode not in ACCESS_MODES:
        raise ConfigError(f"PLANATLAS_ACCESS må være public eller closed, ikke «{mode}»")
    return mode


def rule_of(method: str, path: str) -> str | None:
    return ACCESS.get((method.upper(), path))


def route_allows(rule: str, viewer: Viewer, closed: bool) -> bool:
    """Whether the viewer's role lets them call a route with this rule at all."""
    if rule == "open":
        return True
    if rule == "read":
        return viewer.logged_in or not closed
    if rule in ("user", "org_read"):
        return viewer.logged_in
    if rule in ("org_write", "write"):
        return viewer.is_editor
    return viewer.is_admin


def allows(rule: str, viewer: Viewer, owner: int | None, closed: bool) -> bool:
    """Whether the viewer may call a route with this rule on a thing the organisation owns."""
    if rule == "org_read":
        return viewer.reads(owner)
    if rule == "org_write":
        return viewer.edits(owner)
    return route_allows(rule, viewer, closed)


def require(rule: str, viewer: Viewer, owner: int | None = None) -> None:
    """Raise LoginRequired or Forbidden unless the rule lets the viewer through."""
    closed = access_mode() == "closed"
    if allows(rule, viewer, owner, closed):
        return
    if not viewer.logged_in:
        raise LoginRequired("logg inn for å gjøre dette")
    raise Forbidden(refusal(rule))


def refusal(rule: str) -> str:
    return {
        "org_read": "bare medlemmer av organisasjonen kan se dette",
        "org_write": "bare redaktører i organisasjonen kan endre dette",
        "write": "bare redaktører og administratorer kan endre atlaset",
        "admin": "bare administratorer kan gjøre dette",
    }.get(rule, "du har ikke tilgang til dette")
