"""Fixtures for the store tests: a fresh Atlas on SQLite (file, memory) and on PostgreSQL.

Each PostgreSQL test gets its own freshly created database, dropped afterwards, so the tests can
run again and side by side. They are skipped, with the reason, only if the server is unreachable.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from planatlas.records import Coding, Document, Position, Section, Statement, Target
from planatlas.store import Atlas

PG_URL = os.environ.get("PLANATLAS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

BACKENDS = [
    pytest.param("sqlite-file", id="sqlite-file"),
    pytest.param("sqlite-memory", id="sqlite-memory"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@cache
def postgres_unreachable() -> str | None:
    """Why the test server cannot be used, or None when it can."""
    engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        first = str(error).strip().splitlines()[0]
        return f"PostgreSQL på {make_url(PG_URL).render_as_string()} svarer ikke: {first}"
    finally:
        engine.dispose()
    return None


def postgres_database() -> Iterator[str]:
    """Create an empty database for one test, yield its URL, and drop it afterwards."""
    if (why := postgres_unreachable()) is not None:
        pytest.skip(why)
    name = f"planatlas_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def atlas_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database on each backend."""
    if request.param == "sqlite-file":
        yield f"sqlite:///{tmp_path / 'atlas.db'}"
    elif request.param == "sqlite-memory":
        yield "sqlite://"
    else:
        yield from postgres_database()


@pytest.fixture
def fresh_atlas(atlas_url: str) -> Iterator[Atlas]:
    """A freshly migrated, empty Atlas on each backend."""
    atlas = Atlas(atlas_url)
    yield atlas
    atlas.close()


@pytest.fixture
def memory_atlas() -> Iterator[Atlas]:
    """A freshly migrated, empty Atlas in memory: the cheapest one."""
    atlas = Atlas("sqlite://")
    yield atlas
    atlas.close()


def statement(index: int, text: str, section: tuple[str, ...], **coding: object) -> Statement:
    return Statement(index=index, text=text, section=section, form="item", coding=Coding(**coding))  # type: ignore[arg-type]


def plan(
    content_hash: str = "sha256:en",
    *,
    title: str | None = "Handlingsplan for bedre helse i Nord-Norge",
    actor: str | None = "Helsepartiet",
    source: str = "planer/handlingsplan.docx",
    extra: str | None = None,
) -> Document:
    """A small Norwegian action plan: two sections, four coded statements (five with extra)."""
    goals = ("Mål for helsetjenesten",)
    measures = ("Mål for helsetjenesten", "Tiltak i kommunene")
    statements = [
        statement(
            0,
            "Ventetidene i psykisk helsevern skal ned til under 40 dager innen 2027.",
            goals,
            kind="goal",
            language="nb",
            topics=["psykisk_helse", "ventetider"],
            positions=[Position("ventetider", "-")],
            targets=[Target("count", 40, "dager", "<"), Target("date", "2027")],
            confidence={"kind": 0.91},
        ),
        statement(
            1,
            "Fastlegeordningen må styrkes i små kommuner på Helgeland og i Troms.",
            goals,
            kind="demand",
            language="nb",
            topics=["fastlege"],
            positions=[Position("fastlegeordningen", "+")],
            confidence={"kind": 0.72},
        ),
        statement(
            2,
            "Kommunane skal få øyremerkte midlar til jordmødrer og helsesjukepleiarar.",
            measures,
            kind="measure",
            language="nn",
            topics=["jordmor", "helsestasjon"],
            targets=[Target("amount", 150_000_000, "NOK", "=")],
        ),
        statement(3, "Sjukehuset i Tromsø får nye sengeplassar.", measures, kind="fact"),
    ]
    if extra is not None:
        statements.append(statement(4, extra, measures, kind="opinion", language="nb"))
    sections = [
        Section(goals[0], 1, goals, [0, 1]),
        Section(measures[1], 2, measures, [s.index for s in statements[2:]]),
    ]
    return Document(
        source=source,
        format="docx",
        content_hash=content_hash,
        title=title,
        actor=actor,
        actor_kind="party" if actor else None,
        genre="action_plan",
        language="nb",
        period="2024–2027",
        published="2024-03-01",
        pages=3,
        sections=sections,
        statements=statements,
        warnings=["side 2 er et skannet bilde"],
    )


def big_plan(n: int, content_hash: str = "sha256:stor") -> Document:
    """A plan with n statements under ten sections, for the speed test."""
    sections = [Section(f"Kapittel {i}", 1, (f"Kapittel {i}",)) for i in range(10)]
    statements = []
    for i in range(n):
        section = sections[i % 10]
        section.statements.append(i)
        statements.append(
            statement(
                i,
                f"Tiltak {i}: kommunen skal øke bemanningen i hjemmetjenesten med {i} årsverk.",
                section.path,
                kind="measure",
                language="nb",
                topics=["eldreomsorg"],
                targets=[Target("count", i, "årsverk", "=")],
                confidence={"kind": 0.8},
            )
        )
    return Document(
        source="planer/stor.pdf",
        format="pdf",
        content_hash=content_hash,
        title="Stor plan for eldreomsorgen",
        actor="Øvre Ås kommune",
        actor_kind="municipality",
        sections=sections,
        statements=statements,
    )
