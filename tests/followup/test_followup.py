"""Follow-up: statuses by kind, progress against parsed targets, the roll-up, optimistic
locking, history, carry-over to a new version, import and export, and what survives recode,
a new version, and backup and restore; on SQLite and PostgreSQL."""

# ruff: noqa: F401, F811  (fixtures are imported from store_fixtures and named as arguments)

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from store_fixtures import atlas_url, fresh_atlas, memory_atlas, plan

from planatlas.accounts import store as accounts
from planatlas.accounts.roles import Viewer
from planatlas.errors import BadParameter, Conflict, Forbidden
from planatlas.export.tables import to_bytes
from planatlas.followup import store as followups
from planatlas.followup.progress import due_of, progress_of
from planatlas.followup.records import Change, Item
from planatlas.followup.report import build_report
from planatlas.followup.rollup import item_score, rollup
from planatlas.followup.table import items_table
from planatlas.records import Target
from planatlas.store import Atlas

PASSWORD = "et-langt-passord"


def viewers(atlas: Atlas) -> dict[str, Viewer]:
    """An editor and a member of the plan's organisation (Helsepartiet), an editor of another."""
    accounts.add_organisation(atlas, "Helsepartiet")
    accounts.add_organisation(atlas, "Andre")
    for name, role, org in (
        ("kari", "editor", "Helsepartiet"),
        ("mona", "member", "Helsepartiet"),
        ("per", "editor", "Andre"),
    ):
        accounts.add_user(atlas, name, PASSWORD, role, org)
    return {n: accounts.viewer_of(accounts.user(atlas, n)) for n in ("kari", "mona", "per")}


def item(**given: object) -> Item:
    base = Item(
        1, 1, 0, "Arrangere minst tre arrangementer", "activity", ("Mål",), (), "not_started", None
    )
    return replace(base, **given)  # type: ignore[arg-type]


def test_a_count_target_shows_how_many_of_how_many() -> None:
    found = progress_of([Target("count", 3, "arrangementer", ">=")], {"count": 2})
    assert found.label() == "2 av ≥ 3" and found.fraction == pytest.approx(2 / 3)


def test_an_amount_is_tracked_per_recipient() -> None:
    logged = {
        "amounts": {
            "Bodø kommune": {"allocated": 25_000_000, "reported": 10_000_000},
            "Helse Nord": {"allocated": 15_000_000, "reported": 10_000_000},
        }
    }
    found = progress_of([Target("amount", 40_000_000, "NOK", "=")], logged)
    assert [r.name for r in found.recipients] == ["Bodø kommune", "Helse Nord"]
    assert found.done == 20_000_000 and found.fraction == 0.5
    assert found.label() == "20 mill. av 40 mill. kr"


def test_a_percentage_is_measured_and_an_at_most_target_is_met_below_it() -> None:
    assert progress_of([Target("percent", 80, None, "=")], {"measured": 60}).fraction == 0.75
    waiting = progress_of([Target("count", 40, "dager", "<")], {"count": 35})
    assert waiting.fraction == 1.0


def test_an_item_is_due_by_its_own_date_a_year_alone_at_the_end_of_it() -> None:
    assert due_of([Target("date", "2025-06-15")], "2024/2027") == "2025-06-15"
    assert due_of([Target("date", "2030")], "2024/2027") == "2030-12-31"
    assert due_of([Target("date", "--06-15")], "2024/2027") == "2027-12-31"


def test_the_rollup_weighs_items_and_leaves_out_cancelled_ones() -> None:
    items = [
        item(statement_id=1, status="done", section=("A",)),
        item(statement_id=2, status="in_progress", section=("A",), weight=3),
        item(statement_id=3, status="cancelled", section=("B",)),
        item(statement_id=4, status="not_started", section=("B",)),
        item(statement_id=5, kind="demand", status="partly_met", section=("B",)),
    ]
    found = rollup("Plan", items)
    assert [s.title for s in found.sections] == ["A", "B"]
    assert found.sections[0].score == pytest.approx((1 + 3 * 0.5) / 4)
    assert found.sections[1].score == pytest.approx(0.25) and found.sections[1].items == 3
    assert found.score == pytest.approx((1 + 1.5 + 0 + 0.5) / 6)
    assert (
        item_score(
            item(
                status="in_progress", targets=(Target("count", 4, None, ">="),), logged={"count": 1}
            )
        )
        == 0.25
    )


def test_an_editor_follows_up_a_plan_and_the_history_is_kept(fresh_atlas: Atlas) -> None:
    who = viewers(fresh_atlas)
    doc = fresh_atlas.add(plan()).document_id
    board = followups.board(fresh_atlas, doc, who["kari"])
    assert [i.kind for i in board.items] == ["goal", "demand", "measure"]  # not the fact
    assert {i.due for i in board.items} == {"2027-12-31"}  # from the plan's period 2024–2027
    goal = board.items[0]
    change = Change(
        status="in_progress",
        responsible="Styret",
        note="Venter på tall",
        fields=["status", "responsible", "note"],
    )
    followups.update_item(fresh_atlas, goal.statement_id, change, 0, who["kari"])
    done = Change(status="done", fields=["status"])
    followups.update_item(fresh_atlas, goal.statement_id, done, 1, who["kari"])
    view = followups.item(fresh_atlas, goal.statement_id, who["mona"])
    assert view.item.status == "done" and view.item.version == 2 and view.item.note
    assert [e.changes.get("status") for e in view.events] == [
        ["not_started", "in_progress"],
        ["in_progress", "done"],
    ]
    assert {e.author for e in view.events} == {"kari"}
    outsider = followups.item(fresh_atlas, goal.statement_id, who["per"])
    assert outsider.item.note == "" and not outsider.can_edit  # notes are the organisation's
    with pytest.raises(Forbidden):
        followups.update_item(fresh_atlas, goal.statement_id, done, 2, who["per"])
    with pytest.raises(Forbidden):
        followups.update_item(fresh_atlas, goal.statement_id, done, 2, who["mona"])


def test_two_editors_on_one_item_get_a_conflict_not_a_lost_update(fresh_atlas: Atlas) -> None:
    who = viewers(fresh_atlas)
    doc = fresh_atlas.add(plan()).document_id
    demand = followups.board(fresh_atlas, doc, who["kari"]).items[1]
    first = Change(status="partly_met", fields=["status"])
    followups.update_item(fresh_atlas, demand.statement_id, first, 0, who["kari"])
    late = Change(status="met", fields=["status"])
    with pytest.raises(Conflict) as raised:
        followups.update_item(fresh_atlas, demand.statement_id, late, 0, who["kari"])
    assert (
        "kari" in raised.value.message
        and "status ikke innfridd → delvis innfridd" in raised.value.message
    )
    assert followups.item(fresh_atlas, demand.statement_id, who["kari"]).item.status == "partly_met"
    with pytest.raises(BadParameter, match="ukjent status"):
        followups.update_item(
            fresh_atlas,
            demand.statement_id,
            Change(status="done", fields=["status"]),
            1,
            who["kari"],
        )


def test_follow_up_survives_recode_and_carries_over_to_a_new_version(fresh_atlas: Atlas) -> None:
    from planatlas.batch import recode

    who = viewers(fresh_atlas)
    doc = fresh_atlas.add(plan()).document_id
    items = followups.board(fresh_atlas, doc, who["kari"]).items
    goal, demand, measure = items
    followups.update_item(
        fresh_atlas,
        goal.statement_id,
        Change(status="in_progress", fields=["status"]),
        0,
        who["kari"],
    )
    followups.update_item(
        fresh_atlas, measure.statement_id, Change(status="done", fields=["status"]), 0, who["kari"]
    )
    followups.update_item(
        fresh_atlas,
        demand.statement_id,
        Change(responsible="Leder", fields=["responsible"]),
        0,
        who["kari"],
    )
    recode(fresh_atlas, doc)
    assert followups.item(fresh_atlas, goal.statement_id, who["kari"]).item.status == "in_progress"
    new = plan("sha256:to", extra="Fylkeskommunen skal lage en ny plan for rekruttering.")
    new.statements[1] = replace(new.statements[1], text="Noe helt annet enn før om tannhelse.")
    assert fresh_atlas.add(new).status == "new_version"
    board = followups.board(fresh_atlas, doc, who["kari"])
    carried = next(i for i in board.items if i.text == goal.text)
    assert carried.status == "in_progress" and carried.statement_id != goal.statement_id
    assert board.carry is not None and board.carry.from_version == 1
    outcome = board.carry.outcome
    assert [len(outcome[k]) for k in ("carried", "completed", "dropped")] == [1, 1, 1]
    history = followups.item(fresh_atlas, carried.statement_id, who["kari"]).events
    assert history[-1].changes["carried"] == [1, 2] and len(history) == 2
    report = build_report(board)
    assert report.carried == {"carried": 1, "completed": 1, "dropped": 1, "new": 2}


def test_follow_up_goes_out_and_back_in_with_the_same_columns(fresh_atlas: Atlas) -> None:
    from planatlas.followup.table import COLUMNS

    who = viewers(fresh_atlas)
    doc = fresh_atlas.add(plan()).document_id
    board = followups.board(fresh_atlas, doc, who["kari"])
    csv = to_bytes(items_table("oppfolging", board.items), "csv").decode("utf-8-sig")
    assert csv.splitlines()[0].split(",") == COLUMNS
    edited = csv.replace(",not_started,,", ",in_progress,=Styret,", 1)
    result = followups.import_rows(fresh_atlas, doc, edited.encode(), "oppfolging.csv", who["kari"])
    assert result.updated == 1 and not result.conflicts and not result.errors
    again = followups.import_rows(fresh_atlas, doc, edited.encode(), "oppfolging.csv", who["kari"])
    assert again.updated == 0 and again.unchanged == 3
    first = followups.board(fresh_atlas, doc, who["kari"]).items[0]
    assert first.status == "in_progress" and first.responsible == "=Styret"
    xlsx = to_bytes(items_table("oppfolging", [replace(first, status="done")]), "xlsx")
    stale = followups.import_rows(fresh_atlas, doc, xlsx, "oppfolging.xlsx", who["kari"])
    assert stale.updated == 1  # exported at the current version: applies
    old = to_bytes(items_table("oppfolging", [replace(first, status="postponed")]), "xlsx")
    conflict = followups.import_rows(fresh_atlas, doc, old, "oppfolging.xlsx", who["kari"])
    assert conflict.updated == 0 and len(conflict.conflicts or []) == 1


def test_follow_up_and_contacts_survive_backup_and_restore(tmp_path: Path) -> None:
    from planatlas.followup import contacts
    from planatlas.store.backup import backup, restore

    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    with Atlas(url) as atlas:
        who = viewers(atlas)
        doc = atlas.add(plan()).document_id
        goal = followups.board(atlas, doc, who["kari"]).items[0]
        followups.update_item(
            atlas, goal.statement_id, Change(status="done", fields=["status"]), 0, who["kari"]
        )
        contacts.add_contact(
            atlas,
            who["kari"],
            contacts.ContactIn(
                name="Ola Folkevalgt", role="elected", body="municipal_council", consent=True
            ),
        )
        backup(atlas, tmp_path / "kopi.db")
        followups.update_item(
            atlas, goal.statement_id, Change(status="postponed", fields=["status"]), 1, who["kari"]
        )
        restore(atlas, tmp_path / "kopi.db")
        assert followups.item(atlas, goal.statement_id, who["kari"]).item.status == "done"
        people = contacts.contacts_of(atlas, who["mona"])
        assert [(p.name, p.consent) for p in people] == [("Ola Folkevalgt", True)]
    with Atlas(url) as reopened:
        assert followups.item(reopened, goal.statement_id, who["kari"]).item.version == 1


def test_editors_at_the_same_time_lose_no_update(fresh_atlas: Atlas) -> None:
    import threading

    if fresh_atlas.url == "sqlite://":
        return  # one in-memory connection is shared: there is nothing concurrent to test
    who = viewers(fresh_atlas)
    doc = fresh_atlas.add(plan()).document_id
    target = followups.board(fresh_atlas, doc, who["kari"]).items[0].statement_id
    accepted, conflicts = [], []

    def editor() -> None:
        for _ in range(4):
            for _attempt in range(20):
                current = followups.item(fresh_atlas, target, who["kari"]).item
                count = int(current.logged.get("count", 0))
                change = Change(logged={"count": count + 1}, fields=["logged"])
                try:
                    followups.update_item(fresh_atlas, target, change, current.version, who["kari"])
                except Conflict:
                    conflicts.append(1)
                    continue
                accepted.append(1)
                break

    threads = [threading.Thread(target=editor) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    final = followups.item(fresh_atlas, target, who["kari"])
    assert final.item.logged["count"] == len(accepted) == len(final.events) == 24
