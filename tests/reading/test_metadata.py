from pathlib import Path

import pytest

from planatlas import pipeline
from planatlas.errors import ConfigError
from planatlas.reading.metadata import Metadata, for_file, from_mapping


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_detects_actor_genre_and_period_from_the_text(tmp_path: Path):
    doc = pipeline.read(
        write(
            tmp_path / "a.txt",
            (
                "Handlingsplan for Pasientforbundet Vest 2025–2026\n\n"
                "Pasientforbundet Vest vil:\n\n- korte ned ventetida\n"
            ),
        )
    )
    assert (doc.title, doc.actor, doc.genre, doc.period) == (
        "Handlingsplan for Pasientforbundet Vest 2025–2026",
        "Pasientforbundet Vest",
        "action_plan",
        "2025/2026",
    )


def test_self_introduction_names_the_actor(tmp_path: Path):
    doc = pipeline.read(
        write(
            tmp_path / "b.txt",
            (
                "Plan for perioden mars 2025 - mars 2026\n\n"
                "Kystaksjonen (KA) er en ideell organisasjon som arbeider for lokale sykehus.\n"
            ),
        )
    )
    assert doc.actor == "Kystaksjonen"
    assert doc.period == "2025-03/2026-03"


def test_sidecar_beats_manifest_and_flags_beat_both(tmp_path: Path):
    path = write(tmp_path / "plan.txt", "Plan\n\nVi vil noe.\n")
    write(tmp_path / "manifest.yaml", "plan.txt:\n  actor: Fra manifest\n  genre: programme\n")
    write(tmp_path / "plan.txt.meta.yaml", "actor: Fra sidefil\n")
    assert for_file(path) == Metadata(actor="Fra sidefil", genre="programme")
    doc = pipeline.read(path, Metadata(actor="Fra flagg"))
    assert (doc.actor, doc.genre) == ("Fra flagg", "programme")


def test_bad_metadata_is_a_clear_error():
    with pytest.raises(ConfigError, match="ukjente felt i metadata: farge"):
        from_mapping({"farge": "blå"}, "x.meta.yaml")
    with pytest.raises(ConfigError, match="ukjent sjanger «roman»"):
        from_mapping({"genre": "roman"}, "x.meta.yaml")


def test_news_page_publication_date(tmp_path: Path):
    doc = pipeline.read(
        write(
            tmp_path / "n.txt",
            ("Publisert\n\nOm planen\n\nPlanen kom 1. mars.\n\n  • Publisert: 20. mars 2024.\n"),
        )
    )
    assert (doc.genre, doc.published, doc.year) == ("news", "2024-03-20", 2024)
    assert [s.text for s in doc.statements] == ["Planen kom 1. mars."]


def test_a_programme_draft_with_an_acronym_lead_in(tmp_path: Path):
    doc = pipeline.read(
        write(
            tmp_path / "utkast.txt",
            (
                "Programkomiteens forslag til arbeidsprogram 2029-2033\n\n"
                "Kystpartiet Nord (KPN) samler folk langs hele kysten.\n\n"
                "KPN vil:\n\n- bygge flere fergekaier\n- gi øyene egen lege\n"
            ),
        )
    )
    assert (doc.actor, doc.genre, doc.period) == ("Kystpartiet Nord", "programme", "2029/2033")


def test_an_election_programme_title_gives_genre_and_period(tmp_path: Path):
    doc = pipeline.read(
        write(
            tmp_path / "valg.txt",
            (
                "Stortingsvalgprogram 2029–2033\n\n"
                "Fjellpartiet vil:\n\n- bygge ut bredbånd i alle dalfører\n"
            ),
        )
    )
    assert (doc.actor, doc.genre, doc.period) == ("Fjellpartiet", "programme", "2029/2033")


def test_the_party_named_in_prose_is_the_actor(tmp_path: Path):
    doc = pipeline.read(
        write(
            tmp_path / "prosa.txt",
            (
                "Arbeidsprogram\n\n"
                "Bygdepartiet vil styrke nærbutikkene. Bygdepartiet vil at postkontorene "
                "skal bestå. Vi vil ha lokal skole i alle grender.\n"
            ),
        )
    )
    assert (doc.actor, doc.genre) == ("Bygdepartiet", "programme")
