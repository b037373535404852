"""The JSON API under /api/v1: every endpoint, pagination, filters, errors of one shape."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fixtures import EXAMPLES, document_id

from planatlas.store import Atlas

EXPECTED_PATHS = {
    "/api/v1/overview",
    "/api/v1/actors",
    "/api/v1/documents",
    "/api/v1/documents/{document}",
    "/api/v1/statements",
    "/api/v1/statements/{statement_id}",
    "/api/v1/statements/{statement_id}/links",
    "/api/v1/statements/{statement_id}/corrections",
    "/api/v1/compare",
    "/api/v1/allies",
    "/api/v1/network",
    "/api/v1/trace",
    "/api/v1/diff",
    "/api/v1/search",
    "/api/v1/upload",
    "/api/v1/errors",
}


def assert_listing(body: dict[str, object]) -> None:
    assert set(body) >= {"items", "total", "limit", "offset"}


def assert_error(response: object, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body["error"]) == {"code", "message", "path"}
    assert body["error"]["code"] == code
    return body["error"]  # type: ignore[no-any-return]


def test_openapi_schema_lists_every_path(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= EXPECTED_PATHS


def test_docs_page_works_offline_from_the_schema(client: TestClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "/api/v1/statements/{statement_id}/links" in page.text
    assert "cdn" not in page.text.lower() and "swagger" not in page.text.lower()
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_overview(client: TestClient) -> None:
    body = client.get("/api/v1/overview").json()
    assert body["counts"]["documents"] == 6
    assert "Kystpartiet" in body["salience"]
    assert body["latest"]


def test_actors_are_paginated(client: TestClient) -> None:
    body = client.get("/api/v1/actors", params={"limit": 2, "offset": 1}).json()
    assert_listing(body)
    assert body["total"] == 6 and len(body["items"]) == 2 and body["offset"] == 1
    assert body["items"][0]["name"] == "Helsearbeiderforbundet"


def test_documents_filter_by_actor(client: TestClient) -> None:
    body = client.get("/api/v1/documents", params={"actor": "Kystpartiet"}).json()
    assert body["total"] == 1 and body["items"][0]["actor"] == "Kystpartiet"


def test_one_document_with_versions_and_outline(client: TestClient, atlas: Atlas) -> None:
    doc = document_id(atlas, "Pasientforbundet Vest")
    body = client.get(f"/api/v1/documents/{doc}").json()
    assert body["version"] == 2 and len(body["versions"]) == 2
    assert body["sections"] and body["statements"][0]["id"]
    first = client.get(f"/api/v1/documents/{doc}", params={"version": 1}).json()
    assert first["version"] == 1


def test_statements_filter_and_paginate(client: TestClient) -> None:
    body = client.get(
        "/api/v1/statements", params={"actor": "Kystpartiet", "kind": "demand", "limit": 5}
    ).json()
    assert_listing(body)
    assert body["total"] > 5 and len(body["items"]) == 5
    assert {s["coding"]["kind"] for s in body["items"]} == {"demand"}
    assert {s["actor"] for s in body["items"]} == {"Kystpartiet"}


def test_statement_and_its_links(client: TestClient, atlas: Atlas) -> None:
    statement = next(
        s
        for s in atlas.statements(actor="Kystpartiet")
        if "avvikle foretaksmodellen" in s.text.lower()
    )
    body = client.get(f"/api/v1/statements/{statement.id}").json()
    assert body["statement"]["text"] == statement.text
    links = client.get(f"/api/v1/statements/{statement.id}/links", params={"top": 3}).json()
    assert_listing(links)
    assert links["items"] and links["items"][0]["statement"]["actor"] != "Kystpartiet"


def test_a_correction_through_the_api(client: TestClient, atlas: Atlas) -> None:
    statement = atlas.statements(actor="Helsearbeiderforbundet")[4]
    body = {
        "topics": ["digital"],
        "positions": [{"issue": "waiting_times", "direction": "-"}],
    }
    response = client.post(f"/api/v1/statements/{statement.id}/corrections", json=body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["corrected"] == ["topics", "positions"]
    assert result["statement"]["coding"]["topics"] == ["digital"]
    assert result["statement"]["corrected"] is True
    authors = {c.author for c in atlas.corrections(statement.id)}
    assert authors == {"Kari Nordmann (kari)"}  # from the account, whatever a body might say


def test_a_correction_needs_an_account_and_a_valid_value(
    client: TestClient, anonymous: TestClient, atlas: Atlas
) -> None:
    statement = atlas.statements(actor="Helsearbeiderforbundet")[5]
    url = f"/api/v1/statements/{statement.id}/corrections"
    refused = anonymous.post(url, json={"kind": "goal"})
    assert "logg inn" in assert_error(refused, 401, "login_required")["message"]
    assert atlas.corrections(statement.id) == []
    bad = client.post(url, json={"kind": "wish"})
    assert "ukjent type «wish»" in assert_error(bad, 400, "bad_parameter")["message"]


def test_compare(client: TestClient) -> None:
    body = client.get(
        "/api/v1/compare", params=[("actor", "Kystpartiet"), ("actor", "Framtidspartiet")]
    ).json()
    assert body["actors"] == ["Kystpartiet", "Framtidspartiet"]
    assert body["rows"] and body["agreements"][0]["shared"] > 0


def test_allies_and_network(client: TestClient) -> None:
    allies = client.get("/api/v1/allies", params={"actor": "Kystpartiet"}).json()
    assert allies["allies"] and allies["allies"][0]["issues"]
    network = client.get("/api/v1/network", params={"topic": "governance"}).json()
    assert network["nodes"] and {"x", "y", "cluster"} <= set(network["nodes"][0])


def test_trace_and_goals(client: TestClient, atlas: Atlas) -> None:
    params = {
        "demands": document_id(atlas, "Kystpartiet"),
        "plan": document_id(atlas, "Regjeringen"),
        "limit": 3,
    }
    body = client.get("/api/v1/trace", params=params).json()
    assert_listing(body)
    assert len(body["items"]) == 3 and body["total"] > 3
    assert body["items"][0]["status"] in ("full", "partial", "none")
    assert "goals" in body


def test_diff_of_two_versions(client: TestClient, atlas: Atlas) -> None:
    body = client.get(
        "/api/v1/diff", params={"old": document_id(atlas, "Pasientforbundet Vest")}
    ).json()
    assert body["summary"]["reworded"] > 0 and body["summary"]["added"] > 0


def test_search_with_filters(client: TestClient) -> None:
    body = client.get(
        "/api/v1/search", params={"q": "sjukehusa", "language": "nb", "limit": 2}
    ).json()
    assert_listing(body)
    assert body["total"] > 2 and len(body["items"]) == 2
    assert all(hit["statement"]["coding"]["language"] == "nb" for hit in body["items"])
    assert "<mark>" in body["items"][0]["highlighted"]


def test_upload_a_file(client: TestClient) -> None:
    path = EXAMPLES / "sjoheim-kommune-nyheit-legevakt-2025.md"
    response = client.post("/api/v1/upload", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "new" and body["statements"] > 0 and body["document_id"]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("tom.txt", b"", "empty_file"),
        ("rot.pdf", b"%PDF-1.7\n\x00\x01 garbage", "corrupt_file"),
        ("bilde.bin", bytes(range(256)) * 8, "unknown_format"),
    ],
)
def test_a_bad_upload_gets_a_clear_error_and_is_recorded(
    client: TestClient, name: str, data: bytes, code: str
) -> None:
    response = client.post("/api/v1/upload", files={"file": (name, data)})
    error = assert_error(response, 422, response.json()["error"]["code"])
    assert error["path"] == name and error["message"]
    recorded = client.get("/api/v1/errors").json()
    assert any(e["path"] == name for e in recorded["items"])


def test_an_upload_over_the_size_limit(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANATLAS_MAX_FILE_MB", "1")
    response = client.post("/api/v1/upload", files={"file": ("stor.txt", b"a " * 600_000)})
    assert "1 MB" in assert_error(response, 422, "file_too_large")["message"]


def test_an_anonymous_upload_is_refused(anonymous: TestClient, atlas: Atlas) -> None:
    path = EXAMPLES / "sjoheim-kommune-nyheit-legevakt-2025.md"
    before = atlas.overview()["versions"]
    response = anonymous.post("/api/v1/upload", files={"file": (path.name, path.read_bytes())})
    assert_error(response, 401, "login_required")
    assert atlas.overview()["versions"] == before


def test_an_editor_cannot_add_a_version_to_another_organisations_document(
    client: TestClient, atlas: Atlas
) -> None:
    kyst = document_id(atlas, "Kystpartiet")
    title = atlas.document(kyst).title
    changed = f"# {title}\n\nKystpartiet vil:\n\n- legge ned alle sykehus\n".encode()
    before = atlas.versions(kyst)
    response = client.post(
        "/api/v1/upload", files={"file": ("kyst.md", changed)}, data={"actor": "Kystpartiet"}
    )
    assert_error(response, 422, "forbidden")
    assert atlas.versions(kyst) == before


def test_an_upload_without_a_file(client: TestClient) -> None:
    assert "file" in assert_error(client.post("/api/v1/upload"), 422, "bad_parameter")["message"]


def test_not_found_is_json_in_norwegian(client: TestClient) -> None:
    assert (
        "fant ikke"
        in assert_error(client.get("/api/v1/documents/9999"), 404, "not_found")["message"]
    )
    assert (
        "fant ikke"
        in assert_error(client.get("/api/v1/statements/999999"), 404, "not_found")["message"]
    )
    assert "fant ikke" in assert_error(client.get("/api/v1/nothing"), 404, "not_found")["message"]
    assert (
        "aktøren"
        in assert_error(client.get("/api/v1/allies", params={"actor": "Ingen"}), 404, "not_found")[
            "message"
        ]
    )


def test_bad_parameters_are_json(client: TestClient) -> None:
    error = assert_error(
        client.get("/api/v1/actors", params={"limit": "many"}), 422, "bad_parameter"
    )
    assert "limit" in error["message"]
    assert "actor" in assert_error(client.get("/api/v1/compare"), 422, "bad_parameter")["message"]


def test_health_says_whether_the_caches_are_built(client: TestClient):
    found = client.get("/api/v1/health").json()
    assert found["status"] == "ok" and found["warm"] in (True, False)


def test_a_private_upload_is_read_only_by_its_organisation(
    client: TestClient, anonymous: TestClient, atlas_url: str
) -> None:
    from web_fixtures import log_in

    from planatlas.web import create_app

    text = "# Internt notat om Fjellbygd\n\nRedaksjonen vil:\n\n- kreve ny fjellbygdlegevakt\n"
    response = client.post(
        "/api/v1/upload", files={"file": ("notat.md", text.encode())}, data={"private": "true"}
    )
    assert response.status_code == 200, response.text
    doc = response.json()["document_id"]
    assert client.get(f"/api/v1/documents/{doc}").status_code == 200
    assert anonymous.get(f"/api/v1/documents/{doc}").status_code == 401
    assert anonymous.get("/api/v1/search", params={"q": "fjellbygdlegevakt"}).json()["total"] == 0
    assert all(d["id"] != doc for d in anonymous.get("/api/v1/documents").json()["items"])
    with TestClient(create_app(atlas_url)) as member, TestClient(create_app(atlas_url)) as other:
        log_in(member, "mona")
        log_in(other, "per")
        assert member.get(f"/dokument/{doc}").status_code == 200
        assert other.get(f"/dokument/{doc}").status_code == 403
        assert other.get("/api/v1/statements", params={"document": doc}).status_code == 403


def test_scripts_follow_up_a_plan_with_a_bearer_token(anonymous: TestClient, atlas: Atlas) -> None:
    from planatlas.accounts import store as accounts

    schema = anonymous.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/followup/{document_id}", "/api/v1/followup/items/{statement_id}",
            "/api/v1/contacts", "/api/v1/library", "/api/v1/me"} <= set(schema)  # fmt: skip
    token, _ = accounts.create_token(atlas, "kari", "skript")
    bearer = {"Authorization": f"Bearer {token}"}
    assert anonymous.get("/api/v1/me", headers=bearer).json()["organisation"] == "Redaksjonen"
    plan = document_id(atlas, "Pasientforbundet Vest")
    board = anonymous.get(f"/api/v1/followup/{plan}", headers=bearer).json()
    assert board["can_edit"] is True and board["items"]
    item = board["items"][-1]
    url = f"/api/v1/followup/items/{item['statement_id']}"
    body = {"version": item["version"], "status": "postponed", "note": "Venter på budsjettet"}
    changed = anonymous.patch(url, json=body, headers=bearer)  # no cookie, so no CSRF token
    assert changed.status_code == 200, changed.text
    assert changed.json()["item"]["status"] == "postponed"
    stale = anonymous.patch(url, json={**body, "status": "done"}, headers=bearer)
    assert "kari" in assert_error(stale, 409, "conflict")["message"]
    assert anonymous.get(f"/api/v1/followup/{plan}").json()["items"][-1]["note"] == ""
    assert_error(anonymous.patch(url, json=body), 401, "login_required")
    bad = {"Authorization": "Bearer pa_feil"}
    assert_error(anonymous.get("/api/v1/me", headers=bad), 401, "login_required")
