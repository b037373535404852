"""The one module that loads a stored atlas for the questions: every latest statement, cached.

Loading every statement of a large atlas takes longer than answering a question about it, so
the records are kept in a `Snapshot` per database and rebuilt only when the atlas changes
(new statements, versions or corrections, or a re-analysis by any process). The question
modules (positions, compare, allies, network, links, trace, diff, brief, references) are
pure functions over the snapshot's records.
"""

from __future__ import annotations

import copy
import gc
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from planatlas.accounts.store import private_documents
from planatlas.errors import NotFound
from planatlas.questions.links import LinkIndex, LinkItem, link_item
from planatlas.questions.positions import Evidence, evidence_of, salience
from planatlas.store import Atlas
from planatlas.store.records import DocumentSummary, StoredStatement

T = TypeVar("T")
MEMO = 256  # answers (maps, traces, goals, diffs, networks) kept per snapshot


@dataclass
class Snapshot:
    """Every latest-version statement of an atlas, and what is built from them on demand."""

    statements: list[StoredStatement]
    actor_kinds: dict[str, str | None] = field(default_factory=dict)
    last_correction: int = 0  # the newest correction the statements include
    answers: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    @cached_property
    def by_id(self) -> dict[int, StoredStatement]:
        return {s.id: s for s in self.statements}

    @cached_property
    def evidence(self) -> list[Evidence]:
        return [e for s in self.statements for e in evidence_of(s)]

    @cached_property
    def link_items(self) -> list[LinkItem]:
        return [link_item(s) for s in self.statements]

    @cached_property
    def link_index(self) -> LinkIndex:
        return LinkIndex(self.link_items)

    @cached_property
    def salience(self) -> dict[str, dict[str, float]]:
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for s in self.statements:
            if s.actor:
                grouped.setdefault(s.actor, []).append(tuple(s.coding.topics))
        return salience(grouped)

    def remember(self, key: tuple[Any, ...], work: Callable[[], T]) -> T:
        """The answer to a question about this snapshot, computed once (at most MEMO kept).

        Two threads asking at once only compute the same answer twice."""
        if key not in self.answers:
            if len(self.answers) >= MEMO:
                self.answers.pop(next(iter(self.answers)))
            self.answers[key] = work()
        found: T = self.answers[key]
        return found

    def corrected(self, changed: list[StoredStatement], last_correction: int) -> Snapshot:
        """A snapshot with some statements' codings corrected; the text index is kept."""
        by_id = {s.id: s for s in changed}
        fresh = Snapshot(
            [by_id.get(s.id, s) for s in self.statements], self.actor_kinds, last_correction
        )
        if "link_index" in self.__dict__:  # TF-IDF depends on the texts only
            index = copy.copy(self.link_index)
            index.items = fresh.link_items
            fresh.__dict__["link_index"] = index
        return fresh


# One snapshot per Atlas object (two in-memory atlases share a URL but not their data); it
# goes when the Atlas does.
_cache: weakref.WeakKeyDictionary[Atlas, tuple[tuple[Any, ...], Snapshot]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def snapshot(atlas: Atlas) -> Snapshot:
    """The atlas's statements, loaded again only when something was stored or corrected.

    When only corrections were added, only the corrected statements are read again.
    """
    key = _fingerprint(atlas)
    with _lock:
        cached = _cache.get(atlas)
    if cached is not None and cached[0] == key:
        return cached[1]
    if cached is not None and _only_corrections_differ(cached[0], key):
        snap = _with_new_corrections(atlas, cached[1])
    else:
        corrections = atlas.corrections()
        last = corrections[-1].id if corrections else 0
        hidden = private_documents(atlas)  # their organisation reads them on their own pages
        shown = [s for s in atlas.statements() if s.document_id not in hidden]
        snap = Snapshot(shown, {a.name: a.kind for a in atlas.actors()}, last)
    with _lock:
        _cache[atlas] = (key, snap)
    settle()
    return snap


def settle() -> None:
    """Keep the garbage collector from walking the snapshot's million objects again and again.

    Without this, a full collection now and then stalls a request for most of a second on a
    100,000-statement atlas. The snapshot holds no reference cycles, so it is still freed by
    reference counting when replaced.
    """
    gc.collect()
    gc.freeze()


def _fingerprint(atlas: Atlas) -> tuple[Any, ...]:
    """What changes when statements are stored, corrected or coded again (by any process)."""
    counts = atlas.overview()
    keys = ("documents", "versions", "statements", "corrections")
    return (*(counts[k] for k in keys), str(atlas.last_coded()), len(private_documents(atlas)))


def _only_corrections_differ(old: tuple[Any, ...], new: tuple[Any, ...]) -> bool:
    return old[:3] == new[:3] and old[4:] == new[4:]


def _with_new_corrections(atlas: Atlas, snap: Snapshot) -> Snapshot:
    new = [c for c in atlas.corrections() if c.id > snap.last_correction]
    if not new:
        return snap
    ids = sorted({c.statement_id for c in new if c.statement_id in snap.by_id})
    return snap.corrected([atlas.statement(i) for i in ids], new[-1].id)


def memo(atlas: Atlas, key: tuple[Any, ...], work: Callable[[], T]) -> T:
    """Remembered in the snapshot where one is loaded (the web app); else just computed,
    so that one command on the command line does not load the whole atlas."""
    with _lock:
        loaded = atlas in _cache
    return snapshot(atlas).remember(key, work) if loaded else work()


def documents_of(atlas: Atlas) -> list[DocumentSummary]:
    """Every document as it stands in its latest version (remembered in the web app)."""

    def work() -> list[DocumentSummary]:
        hidden = private_documents(atlas)
        return [d for d in atlas.documents() if d.id not in hidden]

    return memo(atlas, ("documents",), work)


def require_actors(atlas: Atlas, actors: Sequence[str]) -> None:
    """Raise NotFound naming the first actor the atlas does not know."""
    known = snapshot(atlas).actor_kinds
    missing = [a for a in actors if a not in known]
    if missing:
        raise NotFound(f"fant ikke aktøren «{missing[0]}»")
