"""Allies and opponents of an actor from an atlas, and the trimmed view a page shows."""

from __future__ import annotations

from planatlas.questions import allies as allies_module
from planatlas.questions.allies import Alliances, alliances_page, allies, opponents, strongest
from planatlas.questions.positions import Evidence, position_map
from planatlas.records import Coding, Document, Position, Statement
from planatlas.store import Atlas


def doc(actor: str, positions: list[tuple[str, str]]) -> Document:
    statements = [
        Statement(index=i, text=f"{actor} om {issue}", coding=Coding(
            kind="demand", positions=[Position(issue, direction)]  # type: ignore[arg-type]
        ))
        for i, (issue, direction) in enumerate(positions)
    ]  # fmt: skip
    return Document(
        source=f"{actor}.txt", format="text", content_hash=f"sha256:{actor}", actor=actor,
        actor_kind="party",
        statements=statements,
    )  # fmt: skip


def test_the_allies_page_shows_the_strongest_with_their_clearest_issues_first() -> None:
    atlas = Atlas("sqlite://")
    issues = [f"issue_{n}" for n in range(6)]
    atlas.add(doc("A", [(i, "+") for i in issues]))
    atlas.add(doc("B", [(issues[0], "-")] + [(i, "+") for i in issues[1:]]))
    atlas.add(doc("C", [(i, "-") for i in issues]))
    page = alliances_page(atlas, "A")
    assert page.alliances is not None and page.shown is not None
    assert [r.actor for r in page.alliances.allies] == ["B"]
    assert [r.actor for r in page.alliances.opponents][0] == "C"
    shown_b = page.shown.allies[0]
    assert len(shown_b.issues) == allies_module.SHOWN_ISSUES
    assert all(c.agrees for c in shown_b.issues)  # the opposed issue_0 comes after
    assert page.totals == (1, 2) and {n.id for n in page.network.nodes} == {"A", "B", "C"}
    assert alliances_page(atlas, None).alliances is None


def test_strongest_keeps_at_most_the_shown_number() -> None:
    evidence = [
        Evidence(i * 10 + j, f"actor{i}", f"issue{j}", "+", "tekst", "doc")
        for i in range(20)
        for j in range(2)
    ]
    pmap = position_map(evidence)
    found = Alliances("actor0", allies(pmap, "actor0"), opponents(pmap, "actor0"))
    trimmed = strongest(found)
    assert len(found.allies) == 19
    assert len(trimmed.allies) == allies_module.SHOWN_RELATIONS
