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
