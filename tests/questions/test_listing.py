"""Listings: statements narrowed by the one Filters record, pages of them, form choices."""

from __future__ import annotations

from store_fixtures import plan

from planatlas.questions.listing import (
    choices,
    documents,
    page,
    statement_page,
    statements,
    title_of,
)
from planatlas.records import Filters
from planatlas.store import Atlas


def atlas_with_two() -> Atlas:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    atlas.add(plan("sha256:to", title="Kystplan", actor="Kystpartiet", source="kyst.txt"))
    return atlas


def test_filters_narrow_statements_the_same_way_search_does() -> None:
    atlas = atlas_with_two()
    assert len(statements(atlas)) == 8
    assert {s.actor for s in statements(atlas, Filters(actor="Kystpartiet"))} == {"Kystpartiet"}
    goals = statements(atlas, Filters(kind="goal"))
    assert [s.coding.kind for s in goals] == ["goal", "goal"]
    on_issue = statements(atlas, Filters(issue="ventetider", direction="-"))
    assert len(on_issue) == 2
    assert statements(atlas, Filters(issue="ventetider", direction="+")) == []
    nynorsk = statements(atlas, Filters(language="nn", document="Kystplan"))
    assert [s.title for s in nynorsk] == ["Kystplan"]


def test_a_page_knows_its_neighbours() -> None:
    found = page(list(range(45)), 20, 20)
    assert (found.items, found.total) == (list(range(20, 40)), 45)
    assert (found.previous, found.next) == (0, 40)
    assert page(list(range(5)), 20, 0).next is None


def test_documents_choices_and_titles() -> None:
    atlas = atlas_with_two()
    assert [d.title for d in documents(atlas, actor="Kystpartiet")] == ["Kystplan"]
    offered = choices(atlas)
    assert offered.actors == ["Helsepartiet", "Kystpartiet"]
    assert [label for _, label in offered.document_options][1] == "Kystpartiet: Kystplan"
    doc_id = offered.documents[1].id
    assert title_of(atlas, doc_id) == "Kystplan" and title_of(atlas, None) is None


def atlas_of_versions() -> Atlas:
    """Three documents of two actors, the first in a second version stored last (so its
    statements' ids come after the others'), one corrected statement and a private document."""
    from planatlas.accounts import store as accounts

    atlas = Atlas("sqlite://")
    atlas.add(plan())
    atlas.add(plan("sha256:to", title="Kystplan", actor="Kystpartiet", source="kyst.txt"))
    hidden = atlas.add(plan("sha256:tre", title="Utkast", actor="Kystpartiet", source="u.txt"))
    atlas.add(plan("sha256:fire", title="Fjordplan", actor="Kystpartiet", source="fjord.txt"))
    atlas.add(plan("sha256:fem", extra="Legevakten i Fjordvik skal styrkes."))
    accounts.set_owner(atlas, hidden.document_id, None, private=True)
    kyst = atlas.statements(document="Kystplan")
    atlas.correct(kyst[3].id, {"kind": "goal", "topics": ["fastlege"]}, "kari")
    return atlas


def test_a_page_of_statements_is_the_same_slice_of_the_whole_list() -> None:
    atlas = atlas_of_versions()
    asked = [
        Filters(),
        Filters(actor="Kystpartiet"),
        Filters(actor="Helsepartiet"),
        Filters(kind="goal"),
        Filters(topic="fastlege", actor="Kystpartiet"),
        Filters(issue="ventetider", direction="-"),
        Filters(language="nn"),
        Filters(document="Kystplan", kind="goal"),
        Filters(actor="Ingen"),
    ]
    for wanted in asked:
        whole = statements(atlas, wanted)
        for limit in (0, 1, 3, 5, 50):
            for offset in range(0, len(whole) + 2):
                found = statement_page(atlas, wanted, limit, offset)
                expected = page(whole, limit, offset)
                assert [s.id for s in found.items] == [s.id for s in expected.items]
                assert found.items == expected.items
                assert (found.total, found.limit, found.offset) == (
                    expected.total, expected.limit, expected.offset,
                )  # fmt: skip
    assert statement_page(atlas, Filters(kind="goal"), 50, 0).total == 4  # the correction's too
