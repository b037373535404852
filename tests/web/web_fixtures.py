"""Helpers for the web tests: an atlas built from a few demo documents."""

from __future__ import annotations

from pathlib import Path

from places import EXAMPLES

from planatlas.batch import ingest
from planatlas.store import Atlas

DOCUMENTS = (
    "kystpartiet-helseprogram-2025-2029.docx",
    "framtidspartiet-helsepolitikk-2025-2029.txt",
    "helsearbeiderforbundet-handlingsplan-2025-2027.txt",
    "regjeringen-helse-og-samhandlingsplan-utdrag.pdf",
    "pasientforbundet-vest-handlingsplan-2025-2026-v1.md",
    "pasientforbundet-vest-handlingsplan-2025-2026-v2.md",
)
HOSTILE = """Testpartiet vil:

- fjerne <script>alert(1)</script> fra sykehusene
- styrke <b>x</b> i fastlegeordningen
"""


def build_atlas(folder: Path) -> str:
    """A SQLite atlas in `folder` with the demo documents and one document with markup in it."""
    url = f"sqlite:///{folder / 'atlas.db'}"
    hostile = folder / "testpartiet.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    with Atlas(url) as atlas:
        results = ingest([str(EXAMPLES / name) for name in DOCUMENTS] + [str(hostile)], atlas)
    assert not [r for r in results if r.failed], results
    add_users(url)
    return url


def document_id(atlas: Atlas, actor: str) -> int:
    """The id of an actor's (first) document."""
    return next(d.id for d in atlas.documents() if d.actor == actor)


PASSWORD = "passord-for-testene"
# user name -> (role, organisation, full name); Redaksjonen speaks as no actor of the demo
USERS = {
    "admin": ("admin", None, "Ada Admin"),
    "kari": ("editor", "Redaksjonen", "Kari Nordmann"),
    "mona": ("member", "Redaksjonen", "Mona Medlem"),
    "per": ("editor", "Kystpartiet", "Per Kyst"),
}


def add_users(url: str) -> None:
    """Test users: an admin, an editor and a member of one organisation, an editor of another."""
    from planatlas.accounts import store as accounts

    with Atlas(url) as atlas:
        for org in ("Redaksjonen", "Kystpartiet"):
            accounts.add_organisation(atlas, org)
        for username, (role, org, name) in USERS.items():
            accounts.add_user(atlas, username, PASSWORD, role, org, name)
        plan = document_id(atlas, "Pasientforbundet Vest")  # Redaksjonen follows this plan up
        accounts.set_owner(atlas, plan, accounts.organisation(atlas, "Redaksjonen").id)


def csrf_of(html: str) -> str:
    import re

    found = re.search(r'name="csrf" value="([^"]+)"', html) or re.search(
        r'name="csrf-token" content="([^"]+)"', html
    )
    assert found, "no CSRF token on the page"
    return found.group(1)


def log_in(client: object, username: str, password: str = PASSWORD) -> None:
    """Log the test client in through the login form; later requests send the CSRF header."""
    page = client.get("/logg-inn")  # type: ignore[attr-defined]
    response = client.post(  # type: ignore[attr-defined]
        "/logg-inn",
        data={
            "brukernavn": username,
            "passord": password,
            "csrf": csrf_of(page.text),
            "neste": "/",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    client.headers["X-CSRF-Token"] = csrf_of(client.get("/konto").text)  # type: ignore[attr-defined]
