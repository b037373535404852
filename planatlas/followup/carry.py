"""A new version of a plan: its items are matched to the last version's by the diff (same text,
moved, or reworded: questions/diff.py), and follow-up carries over to the matched items.

    carried    an open item whose statement is in the new version (as it was, moved or reworded):
               its follow-up, history and evidence move to the new statement
    completed  an item completed in the old version (fullført, innfridd): it stays there; the
               new version's statement, if the plan repeats it, starts afresh
    dropped    an open item whose statement the new version no longer has
    new        a followed statement of the new version that no old item matched
An item that was cancelled (avbrutt) in the old version stays there and is none of these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from planatlas.followup import status
from planatlas.followup.records import Item
from planatlas.questions.diff import PlanDiff
from planatlas.records import Statement

MATCHED = ("unchanged", "moved", "reworded")


@dataclass
class CarryOutcome:
    """Statement ids: (old, new) pairs carried over; old ids completed or dropped; new ids."""

    carried: list[tuple[int, int]] = field(default_factory=list)
    completed: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    new: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[int] | list[list[int]]]:
        return {
            "carried": [list(pair) for pair in self.carried],
            "completed": self.completed,
            "dropped": self.dropped,
            "new": self.new,
        }

    def counts(self) -> dict[str, int]:
        return {name: len(value) for name, value in vars(self).items()}


def carry(
    old_items: Sequence[Item],
    diff: PlanDiff,
    old_ids: dict[int, int],
    new_ids: dict[int, int],
    new_followed: Sequence[Statement],
) -> CarryOutcome:
    """What happens to each old item; `old_ids`/`new_ids` map statement index -> id."""
    matched = {
        c.old.index: c.new.index
        for c in diff.changes
        if c.status in MATCHED and c.old is not None and c.new is not None
    }
    outcome = CarryOutcome()
    taken: set[int] = set()
    for item in old_items:
        new_index = matched.get(item.index)
        if status.completed(item.status):
            outcome.completed.append(item.statement_id)
        elif status.ended(item.status):
            continue
        elif new_index is None or new_index not in new_ids:
            outcome.dropped.append(item.statement_id)
        else:
            outcome.carried.append((item.statement_id, new_ids[new_index]))
            taken.add(new_ids[new_index])
    outcome.new = [new_ids[s.index] for s in new_followed if new_ids[s.index] not in taken]
    return outcome
