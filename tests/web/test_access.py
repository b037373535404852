"""Every route of the web app and the API against its access rule: a table of role x route.

A route without a rule in planatlas/accounts/access.py fails here (and is refused by the app).
Each route is called as an anonymous visitor, a member and an editor of the organisation that
owns the plan (Redaksjonen), an editor of another organisation, and an admin; the outcome must
be what the rule says, and for the routes that matter most, what this file says by hand too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Route
from web_fixtures import document_id, log_in

from planatlas.accounts import store as accounts
from planatlas.accounts.access import ACCESS, allows
from planatlas.accounts.roles import ANONYMOUS, Viewer
from planatlas.followup.status import followed
from planatlas.store import Atlas
from planatlas.web import create_app

PERSONAS = {  # name -> the user to log in as (None: anonymous)
    "anonymous": None,
    "member": "mona",
    "editor": "kari",
    "other_editor": "per",
    "admin": "admin",
}
# Written by hand, not read from the rules: who may do the things the issue names.
BY_HAND = {
    ("POST", "/api/v1/upload"): {"editor", "other_editor", "admin"},
    ("GET", "/last-opp"): {"editor", "other_editor", "admin"},
    ("POST", "/utsagn/{statement_id}"): {"editor", "other_editor", "admin"},
    ("POST", "/oppfolging/punkt/{statement_id}"): {"editor", "admin"},
    ("PATCH", "/api/v1/followup/items/{statement_id}"): {"editor", "admin"},
    ("GET", "/oppfolging/bevis/{evidence_id}"): {"member", "editor", "admin"},
    ("GET", "/kontakter"): {"member", "editor", "admin"},
    ("POST", "/kontakter/{contact_id}/slett"): {"editor", "admin"},
    ("GET", "/brukere"): {"admin"},
    ("GET", "/"): set(PERSONAS),
}
# Lists of the organisation's own things: name the organisation that owns them (Redaksjonen).
QUERY = {
    ("GET", "/kontakter"): "?organisasjon={organisation_id}",
    ("POST", "/kontakter"): "?organisasjon={organisation_id}",
    ("POST", "/kontakter/import"): "?organisasjon={organisation_id}",
    ("GET", "/api/v1/contacts"): "?organisation={organisation_id}",
    ("POST", "/api/v1/contacts"): "?organisation={organisation_id}",
}
# A body that passes the guard and changes nothing the other calls need.
FORMS = {
    ("POST", "/utsagn/{statement_id}"): {"type": "{kind}"},
    ("POST", "/api/v1/contacts"): {"name": "Test Testesen"},
}
NOT_FOUND_EXPECTED = {
    ("POST", "/nokler/{token_id}/trekk-tilbake"),  # no such token: 404
    ("GET", "/api/v1/jobs/{job_id}"),  # no such job (and another's job is not shown): 404
}
SKIPPED = {("POST", "/logg-inn"), ("POST", "/logg-ut")}  # tested in test_accounts_web.py


def routes(app: object) -> list[tuple[str, str]]:
    """(method, path) of every route the app answers, including its routers' routes."""
    found = []
    for route in app.routes:  # type: ignore[attr-defined]
        # FastAPI includes routers lazily; their routes come out of effective_route_contexts
        inner = (
            list(route.effective_route_contexts())
            if hasattr(route, "effective_route_contexts")
            else [route]
        )
        for r in inner:
            if isinstance(r, APIRoute | Route) or hasattr(r, "methods") and r.methods:
                found += [(m, r.path) for m in sorted(r.methods or ()) if m != "HEAD"]
    return found


def test_the_matrix_sees_every_route(atlas_url: str) -> None:
    assert len(routes(create_app(atlas_url))) == len(ACCESS) > 60


def test_every_route_has_an_access_rule(atlas_url: str) -> None:
    every = routes(create_app(atlas_url))
    missing = [r for r in every if r not in ACCESS]
    assert missing == [], "routes without an access rule in accounts/access.py"
    stale = [r for r in ACCESS if r not in every]
    assert stale == [], "rules for routes that do not exist"


@pytest.fixture(scope="module")
def things(atlas_url: str) -> dict[str, int]:
    """Real ids of things Redaksjonen owns, for the routes' path parameters."""
    from planatlas.followup import store as followups

    with Atlas(atlas_url) as atlas:
        plan = document_id(atlas, "Pasientforbundet Vest")
        item = next(s.id for s in atlas.statements(document=plan) if followed(s.coding.kind))
        kari = accounts.viewer_of(accounts.user(atlas, "kari"))
        followups.add_evidence(
            atlas,
            item,
            kari,
            title="Referat",
            filename="referat.txt",
            data=b"Referat fra styremoetet",
        )
        evidence = followups.item(atlas, item, kari).evidence[-1].id
        return {
            "document": plan,
            "document_id": plan,
            "statement_id": item,
            "user_id": accounts.user(atlas, "mona").id,
            "token_id": 999_999,
            "organisation_id": accounts.organisation(atlas, "Redaksjonen").id,
            "evidence_id": evidence,
            "kind": atlas.statement(item).coding.kind,
        }


def new_contact(atlas_url: str) -> int:
    from planatlas.followup import contacts

    with Atlas(atlas_url) as atlas:
        kari = accounts.viewer_of(accounts.user(atlas, "kari"))
        return contacts.add_contact(atlas, kari, contacts.ContactIn(name="Test Testesen")).id


@pytest.fixture(scope="module")
def clients(atlas_url: str) -> Iterator[dict[str, TestClient]]:
    opened = {}
    for persona, username in PERSONAS.items():
        client = TestClient(create_app(atlas_url))
        client.__enter__()
        if username:
            log_in(client, username)
        opened[persona] = client
    yield opened
    for client in opened.values():
        client.__exit__(None, None, None)


def viewer_for(atlas_url: str, persona: str) -> Viewer:
    username = PERSONAS[persona]
    if username is None:
        return ANONYMOUS
    with Atlas(atlas_url) as atlas:
        return accounts.viewer_of(accounts.user(atlas, username))


def refused(response: object) -> bool:
    status = response.status_code  # type: ignore[attr-defined]
    location = response.headers.get("location", "")  # type: ignore[attr-defined]
    return status in (401, 403) or (status == 303 and location.startswith("/logg-inn"))


def call(client: TestClient, method: str, path: str, form: dict[str, str]) -> object:
    if method == "GET":
        return client.get(path, follow_redirects=False)
    if path.startswith("/api/"):
        body = form or {"version": 999_999}
        return client.request(method, path, json=body, follow_redirects=False)
    token = client.headers.get("X-CSRF-Token", "")
    return client.request(method, path, data={**form, "csrf": token}, follow_redirects=False)


def test_each_role_gets_what_the_rule_says(
    atlas_url: str, clients: dict[str, TestClient], things: dict[str, int]
) -> None:
    with Atlas(atlas_url) as atlas:
        owner = accounts.organisation(atlas, "Redaksjonen").id
    viewers = {p: viewer_for(atlas_url, p) for p in PERSONAS}
    wrong = []
    for method, template in routes(create_app(atlas_url)):
        if (method, template) in SKIPPED:
            continue
        rule = ACCESS[(method, template)]
        for persona, client in clients.items():
            values = {**things, "contact_id": new_contact(atlas_url), "locale": "nb", "job_id": 1}
            filled = template + QUERY.get((method, template), "")
            path = re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), filled)  # noqa: B023
            form = {k: v.format(**values) for k, v in FORMS.get((method, template), {}).items()}
            expected = allows(rule, viewers[persona], owner, closed=False)
            if (method, template) in BY_HAND:
                assert expected == (persona in BY_HAND[(method, template)]), (method, template)
            response: Any = call(client, method, path, form)
            code = response.status_code
            lost = code == 404 and (method, template) not in NOT_FOUND_EXPECTED
            if lost or refused(response) == expected:
                wrong.append(f"{persona} {method} {path} ({rule}): {code}")
    assert wrong == [], "\n".join(wrong)


def test_a_closed_atlas_lets_only_logged_in_users_read(
    atlas_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANATLAS_ACCESS", "closed")
    with TestClient(create_app(atlas_url)) as anonymous:
        page = anonymous.get("/sok?q=sykehus", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/logg-inn")
        assert anonymous.get("/api/v1/overview").status_code == 401
        assert anonymous.get("/logg-inn").status_code == 200
        log_in(anonymous, "mona")
        assert anonymous.get("/sok?q=sykehus").status_code == 200
