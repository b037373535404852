"""Full-text search over stored statements, on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from store_fixtures import postgres_database

from planatlas.questions.search import MAX_WORDS, query_words, search
from planatlas.records import Coding, Document, Filters, Position, Statement
from planatlas.store import Atlas
from planatlas.store.engine import alembic_config
from planatlas.store.fulltext import period_matches

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'atlas.db'}"
    else:
        yield from postgres_database()


@pytest.fixture
def atlas(url: str) -> Iterator[Atlas]:
    """An atlas with a Bokmål programme, a Nynorsk plan and a plan about waiting times."""
    with Atlas(url) as atlas:
        atlas.add(helsepartiet())
        atlas.add(kystpartiet())
        atlas.add(ventetider())
        yield atlas


def said(
    index: int,
    text: str,
    kind: str,
    language: str = "nb",
    topics: tuple[str, ...] = (),
    positions: tuple[str, ...] = (),
) -> Statement:
    """A coded statement; positions as "issue:direction"."""
    coding = Coding(
        kind=kind,
        language=language,
        topics=list(topics),
        positions=[Position(*p.split(":")) for p in positions],  # type: ignore[arg-type]
    )
    return Statement(index=index, text=text, form="item", coding=coding)


def document(
    title: str, actor: str, language: str, period: str, *statements: Statement
) -> Document:
    return Document(
        source=f"planer/{title.lower().replace(' ', '-')}.txt",
        format="txt",
        content_hash=f"sha256:{title}",
        title=title,
        actor=actor,
        language=language,
        period=period,
        statements=list(statements),
    )


def helsepartiet(content_hash: str = "") -> Document:
    doc = document(
        "Helsepartiets program",
        "Helsepartiet",
        "nb",
        "2024–2027",
        said(0, "Sykehusene i Nord-Norge må få mer penger.", "demand", topics=("hospitals",),
             positions=("hospital_funding:+",)),
        said(1, "Helseforetakene skal legges ned.", "demand", topics=("governance",),
             positions=("hospital_trust_model:-",)),
        said(2, "Rammefinansieringen av sykehusene skal økes.", "goal", topics=("financing",)),
        said(3, "Vi vil ha en ny ramme for finansiering av fastleger.", "demand", topics=("gp",)),
        said(4, "<script>alert('x')</script> Sykehus & sånt", "opinion"),
    )  # fmt: skip
    if content_hash:
        doc.content_hash = content_hash
    return doc


def kystpartiet() -> Document:
    return document(
        "Kystpartiets helseplan",
        "Kystpartiet",
        "nn",
        "2025/2029",
        said(0, "Tenestene i kommunane skal styrkjast.", "goal", "nn", ("municipalities",)),
        said(1, "Sjukehusa treng fleire tilsette.", "challenge", "nn", ("hospitals",),
             ("hospital_funding:+",)),
        said(2, "Helseføretaka skal avviklast.", "demand", "nn", ("governance",),
             ("hospital_trust_model:-",)),
    )  # fmt: skip


LONG = (
    "Regjeringen vil i planperioden se på organiseringen av helsetjenesten i distriktene, "
    "rekrutteringen av fastleger, samarbeidet mellom kommuner og sykehus, digitaliseringen "
    "av journaler, rehabilitering etter sykdom og ventetider i psykisk helsevern."
)


def ventetider() -> Document:
    return document(
        "Plan om ventetider",
        "Regjeringen",
        "nb",
        "2030",
        said(0, LONG, "goal", topics=("waiting_times",)),
        said(
            1, "Ventetider, ventetider og atter ventetider.", "opinion", topics=("waiting_times",)
        ),
    )


def texts(results: object) -> list[str]:
    return [h.statement.text for h in results.hits]  # type: ignore[attr-defined]


# --- Nynorsk and Bokmål, compounds


def test_nynorsk_query_finds_bokmal_statements(atlas: Atlas) -> None:
    assert "Sykehusene i Nord-Norge må få mer penger." in texts(search(atlas, "sjukehusa"))
    found = texts(search(atlas, "helseføretak"))
    assert set(found) == {"Helseforetakene skal legges ned.", "Helseføretaka skal avviklast."}


def test_bokmal_query_finds_nynorsk_statements(atlas: Atlas) -> None:
    found = texts(search(atlas, "tjenestene i kommunene"))
    assert found[0] == "Tenestene i kommunane skal styrkjast."
    assert found[1:] == [LONG]  # "helsetjenesten i ... kommuner": a compound's part
    assert "Sjukehusa treng fleire tilsette." in texts(search(atlas, "sykehusene"))


def test_compound_query_finds_its_parts(atlas: Atlas) -> None:
    found = texts(search(atlas, "rammefinansiering"))
    assert set(found) == {
        "Rammefinansieringen av sykehusene skal økes.",
        "Vi vil ha en ny ramme for finansiering av fastleger.",
    }
    assert found[0] == "Rammefinansieringen av sykehusene skal økes."  # the whole word ranks first
    assert "Helseforetakene skal legges ned." in texts(search(atlas, "foretak"))


def test_every_word_must_match(atlas: Atlas) -> None:
    assert texts(search(atlas, "sykehus Nord-Norge")) == [
        "Sykehusene i Nord-Norge må få mer penger."
    ]
    assert search(atlas, "sykehus tannhelse").total == 0


# --- ranking


def test_a_short_text_with_the_word_twice_ranks_above_a_long_one(atlas: Atlas) -> None:
    results = search(atlas, "ventetid")
    assert texts(results) == ["Ventetider, ventetider og atter ventetider.", LONG]
    assert results.hits[0].score > results.hits[1].score > 0


# --- filters


@pytest.mark.parametrize(
    ("query", "filters", "expected"),
    [
        ("sykehus", {"actor": "Kystpartiet"}, {"Sjukehusa treng fleire tilsette."}),
        ("", {"topic": "governance"}, {"Helseforetakene skal legges ned.",
                                       "Helseføretaka skal avviklast."}),
        ("sykehus", {"kind": "goal"}, {"Rammefinansieringen av sykehusene skal økes.", LONG}),
        ("", {"issue": "hospital_trust_model"}, {"Helseforetakene skal legges ned.",
                                                 "Helseføretaka skal avviklast."}),
        ("sykehus", {"direction": "+"}, {"Sykehusene i Nord-Norge må få mer penger.",
                                         "Sjukehusa treng fleire tilsette."}),
        ("", {"issue": "hospital_funding", "direction": "-"}, set()),
        ("helseforetak", {"language": "nn"}, {"Helseføretaka skal avviklast."}),
        ("sykehus", {"period": "2028"}, {"Sjukehusa treng fleire tilsette."}),
        ("ventetider", {"period": 2030}, {LONG, "Ventetider, ventetider og atter ventetider."}),
        ("helseforetak", {"period": "2024"}, {"Helseforetakene skal legges ned."}),
        ("helseforetak", {"period": "2026-2031"}, {"Helseforetakene skal legges ned.",
                                                   "Helseføretaka skal avviklast."}),
        ("", {"document": "Kystpartiets helseplan", "kind": "goal"},
         {"Tenestene i kommunane skal styrkjast."}),
        ("sykehus", {"actor": "Ingen slik aktør"}, set()),
    ],
)  # fmt: skip
def test_filters(atlas: Atlas, query: str, filters: dict[str, object], expected: set[str]) -> None:
    results = search(atlas, query, Filters(**filters))  # type: ignore[arg-type]
    assert set(texts(results)) == expected
    assert results.total == len(expected)


def test_period_matching() -> None:
    assert period_matches("2024–2027", "2026")
    assert period_matches("2024-03/2025-03", "2025")
    assert period_matches("2025/2029", "2020-2025")
    assert not period_matches("2024–2027", "2028")
    assert period_matches("Stortingsperioden", " stortingsperioden ")


def test_filters_use_the_corrected_coding(atlas: Atlas) -> None:
    sjukehusa = search(atlas, "sjukehusa", Filters(actor="Kystpartiet")).hits[0].statement
    atlas.correct(sjukehusa.id, {"topics": ["staffing"]}, author="kari")
    atlas.correct(sjukehusa.id, {"kind": "demand"}, author="kari")
    assert texts(search(atlas, "sykehus", Filters(topic="hospitals"))) == [
        "Sykehusene i Nord-Norge må få mer penger."
    ]
    assert texts(search(atlas, "sykehus", Filters(topic="staffing"))) == [
        "Sjukehusa treng fleire tilsette."
    ]
    demands = search(atlas, "", Filters(kind="demand"), limit=2)
    assert demands.total == 5  # four by the machine, one by the correction
    listed = demands.hits + search(atlas, "", Filters(kind="demand"), limit=2, offset=2).hits
    listed += search(atlas, "", Filters(kind="demand"), limit=2, offset=4).hits
    assert "Sjukehusa treng fleire tilsette." in [h.statement.text for h in listed]
    assert len({h.statement.id for h in listed}) == 5


# --- versions


def test_only_the_latest_version_is_searched(atlas: Atlas) -> None:
    new = helsepartiet("sha256:to")
    new.statements[0] = said(0, "Lokalsykehusene i Finnmark skal bestå.", "demand")
    assert atlas.add(new).status == "new_version"
    found = search(atlas, "sykehus", Filters(actor="Helsepartiet"))
    assert "Sykehusene i Nord-Norge må få mer penger." not in texts(found)
    assert "Lokalsykehusene i Finnmark skal bestå." in texts(found)
    assert {h.statement.version for h in found.hits} == {2}
    assert search(atlas, "helseforetak", Filters(actor="Helsepartiet")).total == 1  # not twice


# --- highlighting


def test_matched_words_are_marked(atlas: Atlas) -> None:
    (hit,) = search(atlas, "sjukehusa nord").hits
    assert hit.highlighted == "<mark>Sykehusene</mark> i <mark>Nord</mark>-Norge må få mer penger."
    (hit,) = search(atlas, "rammefinansiering", Filters(kind="demand")).hits
    assert hit.highlighted == (
        "Vi vil ha en ny <mark>ramme</mark> for <mark>finansiering</mark> av fastleger."
    )


def test_everything_else_is_escaped(atlas: Atlas) -> None:
    (hit,) = search(atlas, "sykehus", Filters(kind="opinion")).hits
    assert hit.highlighted == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>Sykehus</mark> &amp; sånt"
    )
    (listed,) = search(atlas, "", Filters(kind="opinion", actor="Helsepartiet")).hits
    assert listed.highlighted.startswith("&lt;script&gt;") and "<mark>" not in listed.highlighted


# --- hostile queries


# (query, whether it finds "Sjukehusa treng fleire tilsette."): every word is a plain word, and
# a query without words lists everything
HOSTILE = [
    ('"', True),
    ("'", True),
    ('"sykehus', True),
    ("sykehus AND", False),
    ("AND OR NOT", False),
    ("NEAR(sykehus tilsette, 2)", False),
    ("NEAR(sykehus tilsette)", False),
    ("sjuke*", False),
    ("*", True),
    ("(((", True),
    (")sykehus(", True),
    ("-sykehus", True),
    ("^sykehus", True),
    ("text:sykehus", False),
    ("{text normalised}: sykehus", False),
    ("'; DROP TABLE statements; --", False),
    ("sykehus\x00", True),
    ("sykehus_ tilsette__", True),
    ("🏥 sykehus ‽", True),
    ("", True),
    ("   ", True),
    ("a" * 10_000, True),
    ("sykehus " * 1250, True),
    (" ".join(f"ord{i}" for i in range(2000)), False),
]


@pytest.mark.parametrize(("query", "finds"), HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_are_plain_words(atlas: Atlas, query: str, finds: bool) -> None:
    results = search(atlas, query, limit=50)
    assert results.query == query
    assert results.total >= len(results.hits)
    assert ("Sjukehusa treng fleire tilsette." in texts(results)) is finds
    assert search(atlas, "sykehus").total == 5  # nothing was dropped


def test_long_queries_keep_their_first_words() -> None:
    assert len(query_words(" ".join(f"ord{i}" for i in range(100)))) == MAX_WORDS
    assert query_words("a" * 65) == []
    assert query_words('NEAR "x" * ()') == query_words("near x")


def test_an_empty_query_lists_in_document_order(atlas: Atlas) -> None:
    results = search(atlas, "", Filters(actor="Kystpartiet"))
    assert texts(results) == [s.text for s in kystpartiet().statements]
    assert {h.score for h in results.hits} == {0.0}
    assert search(atlas, "").total == 10


# --- pages


def test_pages_add_up_to_the_total(url: str) -> None:
    many = [said(i, f"Tiltak {i}: flere sykepleiere i kommune nummer {i}.", "measure")
            for i in range(25)]  # fmt: skip
    with Atlas(url) as atlas:
        atlas.add(document("Tiltaksplan", "Kommunen", "nb", "2025", *many))
        pages = [search(atlas, "kommunen", limit=10, offset=o) for o in (0, 10, 20, 30)]
        assert [p.total for p in pages] == [25, 25, 25, 25]
        assert [len(p.hits) for p in pages] == [10, 10, 5, 0]
        ids = [h.statement.id for p in pages for h in p.hits]
        assert len(set(ids)) == 25
        assert (pages[1].limit, pages[1].offset) == (10, 10)
        assert search(atlas, "kommunen", limit=0).hits == []
        scores = [h.score for p in pages for h in p.hits]
        assert scores == sorted(scores, reverse=True)


# --- the migration


OLD_ROWS = (
    "INSERT INTO documents (title, path_key) VALUES ('Gammel plan', 'gammel')",
    "INSERT INTO document_versions (document_id, version, content_hash, source, format, "
    "language, pages, ingested_at, warnings) SELECT id, 1, 'h', 'gammel.txt', 'txt', 'nn', 1, "
    "'2024-01-01', '[]' FROM documents",
    "INSERT INTO statements (version_id, idx, text, form) "
    "SELECT id, 0, 'Helseføretaka må leggjast ned.', 'item' FROM document_versions",
)


def test_the_migration_indexes_statements_already_stored(url: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        for sql in OLD_ROWS:
            conn.execute(text(sql))
    engine.dispose()
    with Atlas(url) as atlas:
        (hit,) = search(atlas, "helseforetakene").hits
        assert hit.highlighted == "<mark>Helseføretaka</mark> må leggjast ned."
        atlas.add(kystpartiet())  # the index goes on growing with new statements
        assert search(atlas, "helseforetak").total == 2
