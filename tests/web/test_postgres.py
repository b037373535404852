"""The web app and the views on the PostgreSQL backend: the same answers as on SQLite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from places import EXAMPLES
from store_fixtures import postgres_database

from planatlas.batch import ingest
from planatlas.questions.compare import position_map_of
from planatlas.store import Atlas
from planatlas.web import create_app

EXAMPLES = EXAMPLES
FILES = [
    "kystpartiet-helseprogram-2025-2029.docx",
    "framtidspartiet-helsepolitikk-2025-2029.txt",
    "regjeringen-helse-og-samhandlingsplan-utdrag.pdf",
]

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    yield from postgres_database()


@pytest.fixture(scope="module")
def client(pg_url: str) -> Iterator[TestClient]:
    with Atlas(pg_url) as atlas:
        assert not [r for r in ingest([str(EXAMPLES / f) for f in FILES], atlas) if r.failed]
    with TestClient(create_app(pg_url)) as found:
        yield found


def test_pages_and_api_answer_on_postgres(client: TestClient):
    assert client.get("/").status_code == 200
    found = client.get("/api/v1/search", params={"q": "sjukehusa"}).json()
    assert found["total"] >= 1
    pair = client.get("/sammenlign", params={"aktor": ["Kystpartiet", "Framtidspartiet"]})
    assert pair.status_code == 200 and "Kystpartiet" in pair.text
    assert client.get("/allierte", params={"aktor": "Kystpartiet"}).status_code == 200


def test_a_correction_on_postgres_shows_in_the_views(client: TestClient, pg_url: str):
    with Atlas(pg_url) as atlas:
        statement = next(s for s in atlas.statements(actor="Kystpartiet") if s.coding.positions)
        atlas.correct(statement.id, {"positions": [{"issue": "user_fees", "direction": "-"}]}, "pg")
        cell = position_map_of(atlas).cell("Kystpartiet", "user_fees")
        assert cell is not None and statement.id in [e.statement_id for e in cell.evidence]


@pytest.mark.parametrize("number", ["3000000000", "99999999999999999999"])
def test_an_id_past_integer_is_not_found_on_postgres(client: TestClient, number: str):
    for url in (f"/api/v1/statements/{number}", f"/api/v1/documents/{number}",
                f"/api/v1/statements?document={number}", f"/dokument/{number}",
                f"/sporing?plan={number}", f"/endringer?dokument={number}"):  # fmt: skip
        assert client.get(url).status_code == 404, url
