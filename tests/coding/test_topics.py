from __future__ import annotations

import pytest

from planatlas.coding.topics import topics


def names(text: str, language: str = "nb") -> list[str]:
    return [name for name, _ in topics(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Kommunene trenger flere sykepleiere i hjemmetjenesten",
            "nb",
            {"workforce", "elderly_care"},
        ),
        (
            "Kommunane treng fleire sjukepleiarar i heimetenesta",
            "nn",
            {"workforce", "elderly_care"},
        ),
        ("Ventetidene i psykisk helsevern må ned", "nb", {"access", "mental_health"}),
        ("Ventetidene i psykisk helsevern må ned", "nb", {"access", "mental_health"}),
        ("Lokalsjukehusa treng betre økonomiske rammer", "nn", {"hospitals"}),
        ("Fastlegeordninga må få eit løft", "nn", {"primary_care"}),
        ("Vi skal arrangere et medlemsmøte og være synlige i sosiale medier", "nb", {"advocacy"}),
    ],
)
def test_topics_in_both_written_forms(text: str, language: str, expected: set[str]) -> None:
    assert expected <= set(names(text, language))


def test_at_most_three_topics_best_first() -> None:
    found = topics(
        "Finansieringen av sykehus, fastleger, sykehjem, rehabilitering og psykisk helse", "nb"
    )
    assert 1 <= len(found) <= 3
    assert all(0 < confidence <= 1 for _, confidence in found)


def test_boilerplate_has_no_topic() -> None:
    assert names("Del denne siden") == []
    assert names("Sist oppdatert 3. mai") == []


def test_a_passing_word_of_availability_is_no_access_topic() -> None:
    """The words tilgjengelig and rask alone are weak: they name access only where nothing
    else is named, while "lett tilgjengelig" and "rask behandling" are about access."""
    assert "access" not in names("Sykehusene skal ha tilgjengelig ny teknologi")
    assert "access" not in names("Vi vil ha rask digitalisering av journalene")
    assert "access" in names("Tjenestene skal være lett tilgjengelige for alle")
    assert "access" in names("Tenestene skal vere lett tilgjengelege", "nn")
    assert "access" in names("Pasientene skal få rask behandling i sykehusene")
    assert "access" in names("Pasientane skal få rask behandling på sjukehusa", "nn")


def test_the_specialist_health_service_is_not_about_specialists() -> None:
    found = names("Pasientene må få raskere hjelp i spesialisthelsetjenesten")
    assert "hospitals" in found and "workforce" not in found
    assert "workforce" in names("Vi trenger flere spesialister i kommunene")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Skjenketidene for alkohol skal ikke utvides.", "public_health"),
        ("Skolene skal servere sunn mat hver dag.", "public_health"),
        ("Flere byer skal få brukerrom og nalokson.", "mental_health"),
        ("Fødselsomsorgen skal være trygg i hele landet.", "hospitals"),
        ("Barselomsorgen må styrkes.", "hospitals"),
        ("Eldre skal få velge hvor de vil bo.", "elderly_care"),
        ("Vi trenger flere fagfolk i tjenestene.", "workforce"),
        ("Ny teknologi skal tas i bruk i kommunene.", "digital"),
        ("Alle skal få hjelp uavhengig av bosted.", "access"),
        ("Kvinners selvbestemmelse skal styrkes.", "rights"),
        ("Pasientene skal få tilgang til behandling nær der de bor.", "access"),
        ("Vi vil ha flere ansatte i tjenestene.", "workforce"),
        ("Vi vil øke kompetansen om demens.", "workforce"),
        ("Samarbeid mellom kommunene og sykehusene må bli bedre.", "coordination"),
        ("Ambulansene skal nå fram raskere i distriktene.", "hospitals"),
        ("De kommunale tjenestene skal bygges ut.", "primary_care"),
        ("Flere lavterskeltilbud i kommunene.", "mental_health"),
        ("Brukerne skal ha valgfrihet i hjemmetjenesten.", "rights"),
        ("Private helseforsikringer skal ikke gi forrang i køen.", "financing"),
        ("Vi vil integrere tannhelsetjenesten i de andre tjenestene.", "coordination"),
    ],
)
def test_terms_a_trained_analyst_codes_by(text: str, expected: str) -> None:
    assert expected in names(text)


def test_alcohol_is_public_health_not_mental_health() -> None:
    assert "mental_health" not in names("Vi vil beholde alkoholavgiftene.")
