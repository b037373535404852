"""Fixtures for the web tests: an atlas built from a few demo documents, and an app over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_fixtures import build_atlas, log_in

from planatlas.store import Atlas
from planatlas.web import create_app


@pytest.fixture(scope="module")
def atlas_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_atlas(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(atlas_url: str) -> Iterator[TestClient]:
    """The app, logged in as an editor (Kari Nordmann, of Redaksjonen)."""
    with TestClient(create_app(atlas_url)) as found:
        log_in(found, "kari")
        yield found


@pytest.fixture(scope="module")
def anonymous(atlas_url: str) -> Iterator[TestClient]:
    """The app, not logged in."""
    with TestClient(create_app(atlas_url)) as found:
        yield found


@pytest.fixture(scope="module")
def atlas(atlas_url: str) -> Iterator[Atlas]:
    with Atlas(atlas_url) as found:
        yield found


@pytest.fixture(scope="module")
def admin(atlas_url: str) -> Iterator[TestClient]:
    """The app, logged in as an admin, answering a crash as a 500 (not an exception)."""
    with TestClient(create_app(atlas_url), raise_server_exceptions=False) as found:
        log_in(found, "admin")
        yield found
