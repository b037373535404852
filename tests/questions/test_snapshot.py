"""The snapshot: loaded once, reloaded when the atlas changes, in part after a correction."""

from __future__ import annotations

from store_fixtures import plan

from planatlas.questions import snapshot as snapshots
from planatlas.questions.snapshot import documents_of, memo, snapshot
from planatlas.store import Atlas


def test_the_snapshot_is_kept_until_the_atlas_changes() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    first = snapshot(atlas)
    assert snapshot(atlas) is first
    atlas.add(plan("sha256:to", title="Et annet dokument", source="annet.txt"))
    second = snapshot(atlas)
    assert second is not first
    assert len(second.statements) == 2 * len(first.statements)


def test_a_correction_reloads_only_the_corrected_statement() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    before = snapshot(atlas)
    _ = before.link_index
    target = before.statements[1]
    atlas.correct(target.id, {"kind": "goal"}, "kari")
    after = snapshot(atlas)
    assert after.by_id[target.id].coding.kind == "goal"
    untouched = [s for s in before.statements if s.id != target.id]
    assert all(after.by_id[s.id] is s for s in untouched)  # not read again
    assert after.__dict__["link_index"].items == after.link_items  # texts' index kept


def test_remember_computes_once_and_forgets_the_oldest() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    snap = snapshot(atlas)
    calls: list[int] = []
    for _ in range(2):
        snap.remember(("q",), lambda: calls.append(1) or len(calls))
    assert calls == [1]
    for n in range(snapshots.MEMO):
        snap.remember(("other", n), lambda n=n: n)
    assert ("q",) not in snap.answers and len(snap.answers) == snapshots.MEMO


def test_without_a_loaded_snapshot_an_answer_is_just_computed() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    assert memo(atlas, ("documents",), lambda: "computed") == "computed"
    assert atlas not in snapshots._cache  # one command does not load the whole atlas
    snapshot(atlas)
    assert [d.title for d in documents_of(atlas)] == [plan().title]
    assert ("documents",) in snapshot(atlas).answers
