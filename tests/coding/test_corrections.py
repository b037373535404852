"""One correction check for the web form, the JSON API and `planatlas code`."""

from __future__ import annotations

import pytest
from store_fixtures import plan

from planatlas.coding.corrections import MAX_AUTHOR, Correction, correct
from planatlas.errors import BadParameter
from planatlas.store import Atlas


@pytest.fixture
def atlas() -> Atlas:
    found = Atlas("sqlite://")
    found.add(plan())
    return found


def test_only_changed_fields_are_stored(atlas: Atlas) -> None:
    first = atlas.statements()[0]
    same_kind = Correction(
        "kari", kind=first.coding.kind, topics=["access"], fields=["kind", "topics"]
    )
    assert correct(atlas, first.id, same_kind) == ["topics"]
    assert [(c.field, c.author) for c in atlas.corrections(first.id)] == [("topics", "kari")]
    assert atlas.statement(first.id).coding.topics == ["access"]


@pytest.mark.parametrize(
    ("given", "says"),
    [
        (Correction(" ", kind="goal", fields=["kind"]), "navnet"),
        (Correction("x" * (MAX_AUTHOR + 1), kind="goal", fields=["kind"]), "for langt"),
        (Correction("kari", kind="wish", fields=["kind"]), "ukjent type «wish»"),
        (Correction("kari", topics=["astrology"], fields=["topics"]), "ukjent tema «astrology»"),
        (
            Correction(
                "kari", positions=[{"issue": "moon", "direction": "+"}], fields=["positions"]
            ),
            "ukjent sak «moon»",
        ),
        (
            Correction(
                "kari", positions=[{"issue": "user_fees", "direction": "?"}], fields=["positions"]
            ),
            r"ukjent retning «\?»",
        ),
        (Correction("kari", language="klingon", fields=["language"]), "ukjent språk"),
    ],
)
def test_a_bad_correction_stores_nothing(atlas: Atlas, given: Correction, says: str) -> None:
    first = atlas.statements()[0]
    with pytest.raises(BadParameter, match=says):
        correct(atlas, first.id, given)
    assert atlas.corrections() == []


def test_fields_are_stored_together_or_not_at_all(atlas: Atlas) -> None:
    first = atlas.statements()[0]
    half_bad = Correction(
        "kari", kind="goal", topics=["access"], positions=[{"issue": "moon", "direction": "+"}],
        fields=["kind", "topics", "positions"],
    )  # fmt: skip
    with pytest.raises(BadParameter):
        correct(atlas, first.id, half_bad)
    assert atlas.corrections() == []
