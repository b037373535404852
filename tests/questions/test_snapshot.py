"""The snapshot: loaded once, reloaded when the atlas changes, in part after a correction."""

from __future__ import annotations

from store_fixtures import plan

from planatlas.questions import snapshot as snapshots
from planatlas.questions.links import link_item
from planatlas.questions.snapshot import documents_of, memo, one_look, snapshot
from planatlas.records import Coding
from planatlas.store import Atlas


def test_the_snapshot_is_kept_until_the_atlas_changes() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    first = snapshot(atlas)
    assert snapshot(atlas) is first
    assert first.rows is None  # read when first asked for
    assert len(first.statements) == 4 and first.rows is not None
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


def test_within_one_look_the_marks_are_read_once(monkeypatch) -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    read: list[int] = []
    marks = atlas.marks
    monkeypatch.setattr(atlas, "marks", lambda: read.append(1) or marks())
    with one_look():
        first = snapshot(atlas)
        assert snapshot(atlas) is first and documents_of(atlas)
        assert len(read) == 1
    snapshot(atlas)
    snapshot(atlas)
    assert len(read) == 3  # outside a look, every call reads them again
    atlas.add(plan("sha256:to", title="Et annet dokument", source="annet.txt"))
    with one_look():
        assert snapshot(atlas) is not first  # a new look sees what was stored before it


def _same_as_a_fresh_load(atlas: Atlas, grown: snapshots.Snapshot) -> None:
    """What the grown snapshot carried over and extended equals what a full load builds."""
    fresh = snapshots.load(atlas)
    assert [s.id for s in grown.statements] == [s.id for s in fresh.statements]
    assert grown.by_id.keys() == fresh.by_id.keys()
    assert grown.salience == fresh.salience
    assert sorted(map(repr, grown.evidence)) == sorted(map(repr, fresh.evidence))
    assert [i.id for i in grown.link_index.items] == [s.id for s in fresh.statements]
    assert grown.link_index.matrix.shape[0] == len(fresh.statements)


def test_a_new_document_grows_the_snapshot_without_reading_the_rest_again() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    before = snapshot(atlas)
    _ = before.by_id, before.evidence, before.link_index, before.salience
    atlas.add(plan("sha256:to", title="Et annet dokument", actor="Kystpartiet", source="b.txt"))
    after = snapshot(atlas)
    assert after is not before
    assert all(after.by_id[s.id] is s for s in before.statements)  # not read again
    assert "Kystpartiet" in after.salience and "Kystpartiet" in after.actor_kinds
    _same_as_a_fresh_load(atlas, after)
    # the new statements are linked: the same text in the other document is found
    new = next(s for s in after.statements if s.actor == "Kystpartiet")
    found = after.link_index.links([link_item(new)], top=3)
    assert any(after.by_id[link.target].actor == "Helsepartiet" for link in found)


def test_a_new_version_replaces_the_old_one_in_the_snapshot() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    atlas.add(plan("sha256:to", title="Et annet dokument", actor="Kystpartiet", source="b.txt"))
    before = snapshot(atlas)
    _ = before.by_id, before.evidence, before.link_index, before.salience
    assert atlas.add(plan("sha256:tre", extra="Legevakten skal styrkes.")).status == "new_version"
    after = snapshot(atlas)
    assert {s.version for s in after.statements if s.actor == "Helsepartiet"} == {2}
    assert "Legevakten skal styrkes." in [s.text for s in after.statements]
    _same_as_a_fresh_load(atlas, after)


def test_a_recoding_reads_everything_again() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    before = snapshot(atlas)
    first = before.statements[0]
    atlas.set_coding(first.id, Coding(kind="fact"), "rules-2")
    after = snapshot(atlas)
    assert after.by_id[first.id].coding.kind == "fact"
    assert after.statements[1] is not before.statements[1]


def test_the_overview_counts_follow_the_atlas() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    snapshot(atlas)
    assert snapshots.counts_of(atlas) == atlas.overview()
    atlas.record_error("x.pdf", "unreadable", "kan ikke leses")
    atlas.add(plan("sha256:to", title="Et annet dokument", source="b.txt"))
    assert snapshots.counts_of(atlas) == atlas.overview()


def test_the_overview_does_not_wait_for_the_statements() -> None:
    atlas = Atlas("sqlite://")
    atlas.add(plan())
    atlas.add(plan("sha256:to", title="Et annet dokument", actor="Kystpartiet", source="b.txt"))
    atlas.correct(atlas.statements()[0].id, {"topics": ["fastlege"]}, author="kari")
    lazy = snapshot(atlas)
    salience = lazy.salience
    assert lazy.rows is None  # counted in the database, nothing else read
    assert salience == snapshots.load(atlas).salience == snapshots._salience_of(atlas)


def test_the_overview_heatmap_keeps_the_actors_with_most_statements(monkeypatch) -> None:
    from planatlas.questions import overview as overviews

    atlas = Atlas("sqlite://")
    atlas.add(plan())
    atlas.add(plan("sha256:to", title="Et annet dokument", actor="Kystpartiet", source="b.txt"))
    atlas.add(plan("sha256:tre", title="Et tredje", actor="Kystpartiet", source="c.txt"))
    snapshot(atlas)
    monkeypatch.setattr(overviews, "HEATMAP", 1)
    view = overviews.overview(atlas)
    assert list(view.heatmap) == ["Kystpartiet"] and view.heatmap_cut  # eight statements to four
    assert set(view.salience) == {"Helsepartiet", "Kystpartiet"}  # the table keeps everyone
