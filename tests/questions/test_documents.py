"""A document as a reader sees it: its outline with stored statements, and a statement's page."""

from __future__ import annotations

from store_fixtures import plan

from planatlas.questions.documents import document_view, outline, statement_view
from planatlas.questions.overview import overview
from planatlas.records import Section
from planatlas.store import Atlas


def test_the_outline_places_each_statement_under_its_section() -> None:
    atlas = Atlas("sqlite://")
    added = atlas.add(plan())
    view = document_view(atlas, added.document_id)
    assert view.version == 1 and [v.version for v in view.versions] == [1]
    titled = [(sec.title, [s.index for s in sec.statements]) for sec in view.sections]
    assert titled == [(sec.title, list(sec.statements)) for sec in plan().sections]


def test_statements_outside_every_section_come_first_untitled() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    stored = atlas.statements()
    sections = [Section("Bare de to siste", 1, ("Bare de to siste",), [2, 3])]
    first, second = outline(sections, stored)
    assert (first.title, [s.index for s in first.statements]) == (None, [0, 1])
    assert (second.title, [s.index for s in second.statements]) == ("Bare de to siste", [2, 3])


def test_a_statement_page_says_who_corrected_what() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    target = atlas.statements()[1]
    atlas.correct(target.id, {"kind": "goal", "topics": ["access"]}, "kari")
    view = statement_view(atlas, target.id)
    assert view.corrected_by == {"kind": "kari", "topics": "kari"}
    assert view.statement.coding.kind == "goal" and view.statement.corrected


def test_the_overview_counts_and_lists_the_latest_first() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    atlas.add(plan("sha256:to", title="Nyere plan", source="ny.txt"))
    found = overview(atlas)
    assert found.counts["documents"] == 2 and found.counts["statements"] == 8
    assert [d.title for d in found.latest] == ["Nyere plan", plan().title]
    assert set(found.salience) == {"Helsepartiet"}
