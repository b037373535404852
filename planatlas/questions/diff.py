"""Diff two versions of a plan: items added, removed, reworded (with a word diff), moved, unchanged.

1. Statements whose normalised text is the same in both versions are paired first. A pair is
   `moved` when its section changed or it left the longest run that keeps the old order;
   otherwise `unchanged`.
2. The rest are paired by word similarity (difflib ratio over words, at least REWORDED); the
   most similar pairs first. They are `reworded`, with a word diff.
3. What is left is `removed` (only in the old version) or `added` (only in the new one).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from planatlas.errors import NotFound
from planatlas.evaluate import normalise
from planatlas.questions.listing import title_of
from planatlas.questions.snapshot import memo
from planatlas.records import Document, Statement
from planatlas.store import Atlas

REWORDED = 0.55


@dataclass(frozen=True)
class WordOp:
    op: str  # "=" kept, "-" removed, "+" added
    text: str


@dataclass(frozen=True)
class Change:
    status: str  # unchanged | moved | reworded | added | removed
    old: Statement | None
    new: Statement | None
    similarity: float = 1.0
    words: list[WordOp] = field(default_factory=list)


@dataclass
class PlanDiff:
    changes: list[Change]

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("unchanged", "moved", "reworded", "added", "removed")}


def word_diff(old: str, new: str) -> list[WordOp]:
    a, b = old.split(), new.split()
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(WordOp("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("-", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("+", " ".join(b[j1:j2])))
    return ops


def _exact_pairs(old: list[Statement], new: list[Statement]) -> list[tuple[int, int]]:
    waiting: dict[str, list[int]] = {}
    for i, s in enumerate(old):
        waiting.setdefault(normalise(s.text), []).append(i)
    pairs = []
    for j, s in enumerate(new):
        queue = waiting.get(normalise(s.text))
        if queue:
            pairs.append((queue.pop(0), j))
    return pairs


def _in_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs on a longest run where old and new order agree (longest increasing subsequence)."""
    tails: list[int] = []
    tail_pair: list[int] = []
    parent = [-1] * len(pairs)
    for k, (i, _) in enumerate(pairs):
        pos = bisect_left(tails, i)
        if pos == len(tails):
            tails.append(i)
            tail_pair.append(k)
        else:
            tails[pos], tail_pair[pos] = i, k
        parent[k] = tail_pair[pos - 1] if pos else -1
    keep: set[tuple[int, int]] = set()
    k = tail_pair[-1] if tail_pair else -1
    while k >= 0:
        keep.add(pairs[k])
        k = parent[k]
    return keep


def _similar_pairs(
    old: list[Statement], new: list[Statement], free_old: set[int], free_new: set[int]
) -> list[tuple[float, int, int]]:
    candidates = []
    new_words = {j: normalise(new[j].text).split() for j in free_new}
    for i in free_old:
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(normalise(old[i].text).split())  # the side SequenceMatcher indexes
        for j, words in new_words.items():
            matcher.set_seq1(words)
            if matcher.real_quick_ratio() >= REWORDED and matcher.quick_ratio() >= REWORDED:
                score = matcher.ratio()
                if score >= REWORDED:
                    candidates.append((score, i, j))
    chosen = []
    for score, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in free_old and j in free_new:
            chosen.append((score, i, j))
            free_old.discard(i)
            free_new.discard(j)
    return chosen


def diff_statements(old: list[Statement], new: list[Statement]) -> PlanDiff:
    exact = _exact_pairs(old, new)
    ordered = _in_order(exact)
    changes: list[Change] = []
    for i, j in exact:
        moved = (i, j) not in ordered or old[i].section[-1:] != new[j].section[-1:]
        changes.append(Change("moved" if moved else "unchanged", old[i], new[j]))
    free_old = set(range(len(old))) - {i for i, _ in exact}
    free_new = set(range(len(new))) - {j for _, j in exact}
    for score, i, j in _similar_pairs(old, new, free_old, free_new):
        changes.append(
            Change("reworded", old[i], new[j], score, word_diff(old[i].text, new[j].text))
        )
    changes += [Change("removed", old[i], None, 0.0) for i in sorted(free_old)]
    changes += [Change("added", None, new[j], 0.0) for j in sorted(free_new)]
    return PlanDiff(sorted(changes, key=_position))


def _position(change: Change) -> tuple[int, int]:
    """Order changes as the new version reads; removed items after their old neighbours."""
    if change.new is not None:
        return (change.new.index, 1)
    assert change.old is not None
    return (change.old.index, 0)


def diff_documents(old: Document, new: Document) -> PlanDiff:
    return diff_statements(old.statements, new.statements)


# --- from an atlas


def stored_diff(
    atlas: Atlas,
    old: str | int,
    new: str | int,
    *,
    old_version: int | None = None,
    new_version: int | None = None,
) -> PlanDiff:
    """Two documents, or two versions of one: added, removed, reworded, moved, unchanged."""
    if old == new and old_version is None and new_version is None:
        versions = atlas.versions(old)
        if len(versions) < 2:
            raise NotFound(f"«{old}» har bare én versjon; oppgi to dokumenter eller versjoner")
        old_version, new_version = versions[-2].version, versions[-1].version

    def work() -> PlanDiff:
        before: list[Statement] = atlas.document(old, old_version).statements
        after: list[Statement] = atlas.document(new, new_version).statements
        return diff_statements(before, after)

    return memo(atlas, ("diff", old, old_version, new, new_version), work)


@dataclass(frozen=True)
class DiffView:
    old: str | int | None
    new: str | int | None
    old_title: str | None
    new_title: str | None
    old_version: int | None
    new_version: int | None
    diff: PlanDiff | None


def diff_view(
    atlas: Atlas,
    document: str | int | None,
    old: str | int | None,
    new: str | int | None,
    old_version: int | None = None,
    new_version: int | None = None,
) -> DiffView:
    """Two documents, two versions of one, or a document's last two versions, compared."""
    if document is not None:
        old = new = document
        if old_version is None and new_version is None:
            versions = atlas.versions(document)
            if len(versions) >= 2:
                old_version, new_version = versions[-2].version, versions[-1].version
    if old is None or new is None:
        return DiffView(old, new, None, None, None, None, None)
    found = stored_diff(atlas, old, new, old_version=old_version, new_version=new_version)
    return DiffView(
        old, new, title_of(atlas, old), title_of(atlas, new), old_version, new_version, found
    )
