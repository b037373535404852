"""What an attacker or a careless user sends: huge ids, odd numbers, big bodies, markup, SQL.

Each test here failed on the code before its fix (issue 12): a bare 500, a stored 5 MB name,
a missing header.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

HUGE = "99999999999999999999"  # past SQLite's 64 bits
WIDE = "3000000000"  # past PostgreSQL's INTEGER

# Every route that takes an id, in its path or as a document reference in its query.
ID_URLS = [
    "/api/v1/statements/{id}",
    "/api/v1/statements/{id}/links",
    "/api/v1/documents/{id}",
    "/api/v1/statements?document={id}",
    "/api/v1/search?q=sykehus&document={id}",
    "/api/v1/trace?plan={id}",
    "/api/v1/trace?plan=1&demands={id}",
    "/api/v1/diff?old={id}",
    "/api/v1/followup/{id}",
    "/api/v1/followup/{id}/report",
    "/api/v1/followup/items/{id}",
    "/dokument/{id}",
    "/utsagn/{id}",
    "/sporing?plan={id}",
    "/sporing?krav={id}",
    "/endringer?dokument={id}",
    "/endringer?fra={id}&til=1",
    "/notat?aktor=Kystpartiet&plan={id}",
    "/oppfolging/{id}",
    "/oppfolging/{id}/rapport",
    "/oppfolging/punkt/{id}",
    "/oppfolging/bevis/{id}",
    "/kontakter/{id}",
    "/organisasjon/{id}",
]
# Numbers given as a number (a version, an offset, a page): a clear 400/422 when too large.
NUMBER_URLS = [
    "/api/v1/documents/1?version={id}",
    "/api/v1/diff?old=1&old_version={id}",
    "/api/v1/actors?offset={id}",
    "/api/v1/search?q=a&offset={id}",
    "/api/v1/contacts?organisation={id}",
    "/dokument/1?versjon={id}",
    "/endringer?dokument=1&fra_versjon={id}",
    "/kontakter?organisasjon={id}",
    "/sok?side={id}",
]


def _message(response: object) -> str:
    if response.headers["content-type"].startswith("application/json"):  # type: ignore[attr-defined]
        return str(response.json()["error"]["message"])  # type: ignore[attr-defined]
    return str(response.text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("number", [HUGE, WIDE])
@pytest.mark.parametrize("url", ID_URLS)
def test_a_huge_id_is_not_found_not_a_crash(admin: TestClient, url: str, number: str) -> None:
    response = admin.get(url.format(id=number))
    assert response.status_code == 404, response.text[:300]
    assert "fant ikke" in _message(response)


@pytest.mark.parametrize("url", NUMBER_URLS)
def test_a_huge_number_is_a_bad_parameter(admin: TestClient, url: str) -> None:
    response = admin.get(url.format(id=HUGE))
    assert response.status_code in (400, 422), response.text[:300]
    assert "2147483647" in _message(response) or "for stort" in _message(response)


@pytest.mark.parametrize("url", ["/dokument/²", "/api/v1/documents/٣٣", "/sok?side=²"])
def test_digits_that_are_not_ascii_are_no_crash(admin: TestClient, url: str) -> None:
    assert admin.get(url).status_code in (400, 404)


def test_a_huge_id_in_a_write_is_not_found(admin: TestClient) -> None:
    response = admin.post(f"/api/v1/statements/{HUGE}/corrections", json={"kind": "goal"})
    assert response.status_code == 404
    assert admin.delete(f"/api/v1/contacts/{HUGE}").status_code == 404
    changed = admin.patch("/api/v1/followup/items/1", json={"version": int(HUGE)})
    assert changed.status_code == 422 and "version" in _message(changed)


# --- headers, HEAD, 405, body cap, rate limit

SECURITY_HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
)


@pytest.mark.parametrize(
    "url", ["/", "/sok?q=sykehus", "/api/v1/health", "/static/app.css", "/nothing", "/api/v1/x"]
)
def test_every_response_has_the_security_headers(anonymous: TestClient, url: str) -> None:
    response = anonymous.get(url)
    assert set(SECURITY_HEADERS) <= set(response.headers), url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/api/v1/health", "/api/v1/statements?limit=2"])
def test_head_is_answered_like_get_without_a_body(anonymous: TestClient, url: str) -> None:
    got = anonymous.get(url)
    head = anonymous.head(url)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_a_wrong_method_says_which_are_allowed(anonymous: TestClient) -> None:
    refused = anonymous.delete("/api/v1/health")
    assert refused.status_code == 405
    assert refused.headers["allow"] == "GET, HEAD"
    assert refused.json()["error"]["message"].startswith("metoden er ikke tillatt")
    assert anonymous.put("/utsagn/1").headers["allow"] == "GET, HEAD, POST"


def test_a_body_past_the_cap_is_refused_by_its_length_before_it_is_read(
    client: TestClient,
) -> None:
    declared = {"content-type": "multipart/form-data; boundary=x", "content-length": "10" * 6}
    response = client.post("/api/v1/upload", content=b"--x--", headers=declared)
    assert response.status_code == 413
    assert "for stor" in response.json()["error"]["message"]


def test_a_streamed_body_is_counted_and_cut_off(client: TestClient) -> None:
    read = 0

    def chunks():  # no Content-Length: the server must count
        nonlocal read
        for _ in range(200):
            read += 1
            yield b"a" * (1 << 20)

    response = client.post(
        "/api/v1/upload",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert response.status_code == 413 and "MB" in response.json()["error"]["message"]
    json_body = client.post(
        "/api/v1/statements/1/corrections",
        content=(b" " * (1 << 16) for _ in range(40)),
        headers={"content-type": "application/json"},
    )
    assert json_body.status_code == 413


def test_a_flood_from_one_address_gets_429_with_retry_after(
    atlas_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from planatlas.web import create_app

    monkeypatch.setenv("PLANATLAS_RATE_LIMIT", "6")  # a burst of 6, then one in 10 s
    with TestClient(create_app(atlas_url)) as flooding:
        started = time.monotonic()
        codes = [flooding.get("/api/v1/health").status_code for _ in range(40)]
        refilled = (time.monotonic() - started) / 10
        assert codes[:6] == [200] * 6 and codes.count(200) <= 6 + refilled + 1
        assert codes.count(429) >= 40 - 6 - refilled - 1
        refused = flooding.get("/api/v1/health")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert "for mange forespørsler" in refused.json()["error"]["message"]
        assert flooding.get("/static/app.css").status_code == 200  # a page's assets do not count
        page = flooding.get("/")
        assert page.status_code == 429 and "for mange forespørsler" in page.text
    monkeypatch.setenv("PLANATLAS_RATE_LIMIT", "0")
    with TestClient(create_app(atlas_url)) as unlimited:
        assert {unlimited.get("/api/v1/health").status_code for _ in range(100)} == {200}


# --- uploads as jobs, read in a worker process


def _follow(client: TestClient, url: str) -> dict[str, object]:
    import time

    for _ in range(600):
        job = client.get(url)
        assert job.status_code == 200, job.text
        found: dict[str, object] = job.json()
        if found["status"] not in ("queued", "running"):
            return found
        time.sleep(0.1)
    raise AssertionError("the upload job did not finish in 60 s")


def test_an_upload_answers_at_once_with_a_job_to_follow(client: TestClient) -> None:
    text = "# Jobbprøve\n\nJobbpartiet vil:\n\n- bygge et nytt sykehus i Jobbdal\n".encode()
    response = client.post(
        "/api/v1/upload", params={"wait": "false"}, files={"file": ("jobb.md", text)}
    )
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["status"] in ("queued", "running") and job["file"] == "jobb.md"
    assert response.headers["location"] == job["url"] == f"/api/v1/jobs/{job['id']}"
    done = _follow(client, job["url"])
    assert done["status"] == "done"
    result = done["result"]
    assert isinstance(result, dict) and result["status"] == "new" and result["statements"] > 0
    shown = client.get(f"/api/v1/documents/{result['document_id']}")
    assert shown.status_code == 200


def test_a_bad_file_as_a_job_carries_its_error(client: TestClient) -> None:
    response = client.post(
        "/api/v1/upload", params={"wait": "false"}, files={"file": ("tom.txt", b"")}
    )
    done = _follow(client, response.json()["url"])
    result = done["result"]
    assert isinstance(result, dict) and result["status"] == "error"
    assert result["error_code"] == "empty_file" and result["error"]


def test_a_job_is_shown_only_to_its_uploader(
    client: TestClient, anonymous: TestClient, atlas_url: str
) -> None:
    from web_fixtures import log_in

    from planatlas.web import create_app

    text = b"# Hemmelig jobb\n\nRedaksjonen vil:\n\n- kreve noe\n"
    url = client.post(
        "/api/v1/upload", params={"wait": "false"}, files={"file": ("h.md", text)}
    ).json()["url"]
    _follow(client, url)
    assert anonymous.get(url).status_code == 401
    with TestClient(create_app(atlas_url)) as other:
        log_in(other, "per")
        refused = other.get(url)
        assert refused.status_code == 404 and "jobben" in refused.json()["error"]["message"]
    assert client.get("/api/v1/jobs/ingen-slik-jobb").status_code == 404


# --- corrections: all or nothing, only known values, capped


def _corrections_url(atlas: object, n: int) -> tuple[str, int]:
    statement = atlas.statements(actor="Helsearbeiderforbundet")[n]  # type: ignore[attr-defined]
    return f"/api/v1/statements/{statement.id}/corrections", statement.id


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"topics": ["digital"], "positions": [{"issue": "waiting_times", "direction": "?"}]},
         400, "ukjent retning"),
        ({"topics": ["digital"], "positions": [{"issue": "ingen_sak", "direction": "+"}]},
         400, "ukjent sak"),
        ({"kind": "goal", "topics": ["digital", "ikke_et_tema"]}, 400, "ukjent tema"),
        ({"topics": ["digital"] * 5000}, 422, "for mange"),
        ({"kind": "x" * 100_000}, 422, "for lang"),
        ({"positions": [{"issue": "waiting_times", "direction": "+", "extra": "y" * 999}]},
         422, "ikke et kjent felt"),
        ({"kind": "goal", "note": "x" * 5_000_000}, 413, "for stor"),
    ],
)  # fmt: skip
def test_a_bad_correction_stores_nothing(
    client: TestClient, atlas: object, body: dict[str, object], status: int, words: str
) -> None:
    url, statement_id = _corrections_url(atlas, 6)
    response = client.post(url, json=body)
    assert response.status_code == status, response.text[:300]
    assert words in response.json()["error"]["message"]
    assert len(response.json()["error"]["message"]) < 1000  # a long value is not echoed back
    assert atlas.corrections(statement_id) == []  # type: ignore[attr-defined]


def test_the_correction_form_stores_nothing_when_one_field_is_wrong(
    client: TestClient, atlas: object
) -> None:
    _, statement_id = _corrections_url(atlas, 7)
    form = {"type": "goal", "tema": ["digital", "ikke_et_tema"], "sak_0": "waiting_times",
            "retning_0": "+", "csrf": client.headers["X-CSRF-Token"]}  # fmt: skip
    response = client.post(f"/utsagn/{statement_id}", data=form)
    assert response.status_code == 422 and "ukjent tema" in response.text
    assert atlas.corrections(statement_id) == []  # type: ignore[attr-defined]


def test_a_follow_up_note_and_a_contact_are_capped(client: TestClient) -> None:
    note = client.patch("/api/v1/followup/items/1", json={"version": 0, "note": "x" * 30_000})
    assert note.status_code == 422 and "for lang" in note.json()["error"]["message"]
    contact = client.post("/api/v1/contacts", json={"name": "n" * 1000, "consent": True})
    assert contact.status_code == 422 and "name" in contact.json()["error"]["message"]


# --- user text in every page is escaped; filters reach SQL only as parameters

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def marked(client: TestClient) -> dict[str, int]:
    """A document whose title, actor and file name are markup, and an unreadable file so named."""
    text = f"# {MARKUP} plan\n\nMarkeringspartiet vil:\n\n- {MARKUP} styrke sykehusene\n"
    response = client.post(
        "/api/v1/upload",
        files={"file": (f"{MARKUP}.md", text.encode())},
        data={"actor": f"{MARKUP} aktør"},
    )
    assert response.status_code == 200, response.text
    refused = client.post("/api/v1/upload", files={"file": (f"{MARKUP}.txt", b"")})
    assert refused.status_code == 422
    body = response.json()
    return {"document": body["document_id"]}


def _assert_escaped(html: str, where: str) -> None:
    assert "<script>alert" not in html, where
    assert "<img src=x onerror" not in html, where


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/dokument/{document}",
        "/sok?q=styrke+sykehusene",
        f"/sok?q={MARKUP}",
        "/feil",
        "/allierte?aktor=" + MARKUP,
        "/sammenlign?aktor=" + MARKUP + "&aktor=Kystpartiet",
        "/sporing?plan={document}",
        "/endringer?dokument={document}",
        "/bibliotek?q=" + MARKUP,
        "/logg-inn?neste=" + MARKUP,
        "/api/v1/docs",
        "/notat?aktor=" + MARKUP + "%20akt%C3%B8r&format=html",
    ],
)
def test_user_text_is_escaped_in_every_page(
    client: TestClient, marked: dict[str, int], url: str
) -> None:
    response = client.get(url.format(**marked))
    assert response.status_code in (200, 400, 404), response.text[:300]
    _assert_escaped(response.text, url)


def test_the_markup_is_shown_as_text(client: TestClient, marked: dict[str, int]) -> None:
    page = client.get(f"/dokument/{marked['document']}").text
    assert "&lt;script&gt;alert(" in page
    assert "&lt;script&gt;" in client.get("/feil").text  # the refused file's name


def test_an_authors_name_is_escaped_on_the_statement_page(atlas_url: str, atlas: object) -> None:
    from web_fixtures import PASSWORD, log_in

    from planatlas.accounts import store as accounts
    from planatlas.web import create_app

    accounts.add_user(atlas, "merket", PASSWORD, "editor", "Redaksjonen", MARKUP)  # type: ignore[arg-type]
    _, statement_id = _corrections_url(atlas, 8)
    with TestClient(create_app(atlas_url)) as marker:
        log_in(marker, "merket")
        url = f"/api/v1/statements/{statement_id}/corrections"
        assert marker.post(url, json={"kind": "goal"}).status_code == 200
        page = marker.get(f"/utsagn/{statement_id}").text
    _assert_escaped(page, "statement page")
    assert "&lt;script&gt;" in page


INJECTIONS = ["' OR '1'='1", '" OR 1=1 --', "1; DROP TABLE statements; --", "%' --", "\\'; --"]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_filters_reach_sql_only_as_parameters(client: TestClient, atlas: object, evil: str) -> None:
    before = atlas.overview()["statements"]  # type: ignore[attr-defined]
    for name in ("actor", "topic", "kind", "issue", "direction", "language", "period"):
        found = client.get("/api/v1/search", params={"q": "sykehus", name: evil})
        assert found.status_code in (200, 400, 404, 422), (name, found.text[:200])
        if found.status_code == 200:
            assert found.json()["total"] == 0, name  # the text matched, not a widened filter
    for url, params in (
        ("/api/v1/statements", {"actor": evil}),
        ("/api/v1/documents", {"actor": evil, "genre": evil, "language": evil}),
        ("/api/v1/search", {"q": evil}),
        ("/api/v1/statements", {"document": evil}),
        ("/sok", {"q": evil, "aktor": evil, "tema": evil}),
        ("/bibliotek", {"q": evil, "tema": evil}),
    ):
        response = client.get(url, params=params)
        assert response.status_code in (200, 400, 404, 422), (url, response.text[:200])
        if url == "/api/v1/statements" and response.status_code == 200:
            assert response.json()["total"] == 0
    assert atlas.overview()["statements"] == before  # type: ignore[attr-defined]


def test_the_server_follows_what_another_process_stores(tmp_path: object) -> None:
    """warm_app's thread keeps the search index in step: a search never catches up itself,
    yet finds a document another process stored within a few seconds."""
    import time
    from pathlib import Path

    from web_fixtures import build_atlas

    from planatlas.pipeline import ingest_bytes
    from planatlas.store import Atlas
    from planatlas.web import warm_app

    url = build_atlas(Path(str(tmp_path)))
    with TestClient(warm_app(url)) as served:
        for _ in range(600):
            if served.get("/api/v1/health").json()["warm"]:
                break
            time.sleep(0.1)
        assert served.app.state.atlas.search_index().followed  # type: ignore[attr-defined]
        text = b"# Fjernplan\n\nFjernpartiet vil:\n\n- bygge fjernsykehuset i Langtvekkdal\n"
        with Atlas(url) as elsewhere:
            assert not ingest_bytes(text, "fjern.md", elsewhere).failed
        for _ in range(300):
            found = served.get("/api/v1/search", params={"q": "Langtvekkdal"}).json()
            if found["total"]:
                break
            time.sleep(0.1)
        assert found["total"] == 1


def test_the_upload_page_polls_only_where_one_process_knows_the_job(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert 'data-poll="true"' in client.get("/last-opp").text
    monkeypatch.setenv("PLANATLAS_WEB_PROCESSES", "4")
    assert 'data-poll="false"' in client.get("/last-opp").text


@pytest.mark.parametrize(
    "target", ["//evil.example/", "/\\evil.example/", "https://evil.example/", "/\t/evil.example"]
)
def test_no_redirect_leads_to_another_site(anonymous: TestClient, target: str) -> None:
    switched = anonymous.get("/sprak/nb", params={"neste": target}, follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/"
    page = anonymous.get("/logg-inn", params={"neste": target})
    assert 'name="neste" value="/"' in page.text


@pytest.mark.parametrize("version", ["abc", "²", HUGE])
def test_a_bad_version_in_a_form_is_a_clear_400(
    client: TestClient, atlas: object, version: str
) -> None:
    from web_fixtures import document_id

    from planatlas.followup.status import followed

    plan = document_id(atlas, "Pasientforbundet Vest")  # type: ignore[arg-type]
    statements = atlas.statements(document=plan)  # type: ignore[attr-defined]
    item = next(s.id for s in statements if followed(s.coding.kind))
    form = {"versjon": version, "notat": "prøve", "csrf": client.headers["X-CSRF-Token"]}
    response = client.post(f"/oppfolging/punkt/{item}", data=form)
    assert response.status_code == 400, response.text[:300]
    assert "versjon" in response.text
