"""The one module that loads a stored atlas for the questions: every latest statement, cached.

Loading every statement of a large atlas takes longer than answering a question about it, so
the records are kept in a `Snapshot` per Atlas and changed only as the atlas changes:

- a new document or version (an upload, an ingest by any process): only its statements are
  read, the superseded version's dropped, and what was built from the old snapshot (the
  statements by id, the evidence, the link index, the topic counts) is carried over and
  extended, not built again;
- a correction: only the corrected statements are read again;
- anything else (a re-analysis, a statement that disappeared): everything is read again.

What changed is told by cheap marks (`Atlas.marks`: counts of the small tables, the newest
coding) and the set of version ids, read on every call in a few milliseconds even at a
million statements (once per web request that only reads: `one_look`). A full load reads the
statements a block of documents at a time and shares the strings that repeat (actors,
titles, sources, kinds, topics), so that its peak is the snapshot's own size and not twice
it. One thread loads; the others wait for it, or answer from the last snapshot while it
loads what is new (a server's follower thread loads it, `follow_in_this_thread`;
web/__init__.py). The question modules (positions, compare, allies, network, links, trace,
diff, brief, references) are pure functions over the snapshot's records.
"""

from __future__ import annotations

import contextvars
import copy
import gc
import sys
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import numpy as np
from scipy import sparse

from planatlas.accounts.store import private_documents
from planatlas.coding.normalize import terms
from planatlas.errors import NotFound
from planatlas.questions.links import LinkIndex, LinkItem, link_item
from planatlas.questions.positions import Evidence, evidence_of
from planatlas.store import Atlas
from planatlas.store.records import DocumentSummary, StoredStatement

T = TypeVar("T")
MEMO = 256  # answers (maps, traces, goals, diffs, networks) kept per snapshot
BLOCK = 500  # documents read at a time by a full load
GROW_AT_MOST = 0.2  # more new versions than this share of all (and than 50): a full load
GROW_ALWAYS = 50
TopicCounts = dict[str, tuple[int, Counter[str]]]  # actor -> (statements, topic -> count)


@dataclass
class Snapshot:
    """Every latest-version statement of an atlas, and what is built from them on demand."""

    rows: list[StoredStatement] | None  # None: not read yet (`loader` reads them when asked)
    actor_kinds: dict[str, str | None] = field(default_factory=dict)
    last_correction: int = 0  # the newest correction the statements include
    answers: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    versions: frozenset[int] = frozenset()  # every version id stored when it was read
    marks: dict[str, Any] = field(default_factory=dict)  # Atlas.marks when it was read
    private: frozenset[int] = frozenset()  # documents left out: read by their owners only
    # text -> the store's normalised terms, to build the link index without normalising again
    normalised: Callable[[], dict[str, str]] | None = field(default=None, repr=False)
    loader: Callable[[], list[StoredStatement]] | None = field(default=None, repr=False)
    counter: Callable[[], TopicCounts] | None = field(default=None, repr=False)
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _counting: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def statements(self) -> list[StoredStatement]:
        """Every latest statement, read on first use (one thread reads, the others wait)."""
        if self.rows is None:
            with self._guard:
                if self.rows is None:
                    self.rows = self.loader() if self.loader is not None else []
                    settle()
        return self.rows

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
        """TF-IDF over the statements' normalised terms: the store's, where it has them (the
        same normalisation, done once when stored), else normalised here."""
        stored = self.normalised() if self.normalised is not None else {}

        def known(text: str, language: str) -> list[str]:
            found = stored.get(text)
            return found.split() if found is not None else terms(text, language)

        index = LinkIndex(self.link_items, known)
        index.terms = terms  # new statements are normalised when they come
        return index

    @cached_property
    def topic_counts(self) -> TopicCounts:
        with self._counting:  # the first visitor and the warm-up count once, not twice
            if "topic_counts" in self.__dict__:
                found: TopicCounts = self.__dict__["topic_counts"]
                return found
            if self.rows is None and self.counter is not None:  # the overview need not wait
                found = self.counter()
            else:
                found = _topic_counts(self.statements)
            self.__dict__["topic_counts"] = found
            return found

    @cached_property
    def salience(self) -> dict[str, dict[str, float]]:
        """actor -> topic -> share of the actor's statements that carry the topic."""
        return {
            actor: {t: c / (total or 1) for t, c in sorted(counts.items())}
            for actor, (total, counts) in self.topic_counts.items()
        }

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
        old = [s for s in self.statements if s.id in by_id]
        fresh = self._next([by_id.get(s.id, s) for s in self.statements])
        fresh.last_correction = last_correction
        if "link_index" in self.__dict__:  # TF-IDF depends on the texts only
            index = copy.copy(self.link_index)
            index.items = fresh.link_items
            fresh.__dict__["link_index"] = index
        if "topic_counts" in self.__dict__:
            fresh.__dict__["topic_counts"] = _counted(self.topic_counts, old, changed)
        return fresh

    def grown(self, gone: set[int], new: list[StoredStatement]) -> Snapshot:
        """A snapshot where the documents `gone` (by id) are replaced and new ones added by
        the statements `new`; what was built from this one is carried over and extended."""
        documents = {s.document_id for s in new} | gone
        kept = [s for s in self.statements if s.document_id not in documents]
        dropped = [s for s in self.statements if s.document_id in documents]
        fresh = self._next(_merged(kept, new))
        ids = {s.id for s in dropped}
        if "by_id" in self.__dict__:
            by_id = {i: s for i, s in self.by_id.items() if i not in ids}
            by_id.update((s.id, s) for s in new)
            fresh.__dict__["by_id"] = by_id
        if "evidence" in self.__dict__:
            fresh.__dict__["evidence"] = [e for e in self.evidence if e.statement_id not in ids] + [
                e for s in new for e in evidence_of(s)
            ]
        if "link_items" in self.__dict__:  # the kept statements' items are kept as they were
            items = {item.id: item for item in self.link_items if item.id not in ids}
            items.update((s.id, link_item(s)) for s in new)
            fresh.__dict__["link_items"] = [items[s.id] for s in fresh.statements]
        if "link_index" in self.__dict__:
            fresh.__dict__["link_index"] = _extended(self.link_index, fresh.link_items)
        if "topic_counts" in self.__dict__:
            fresh.__dict__["topic_counts"] = _counted(self.topic_counts, dropped, new)
        return fresh

    def _next(self, statements: list[StoredStatement]) -> Snapshot:
        return Snapshot(statements, self.actor_kinds, self.last_correction, {}, self.versions,
                        self.marks, self.private, self.normalised, self.loader,
                        self.counter)  # fmt: skip


def _merged(kept: list[StoredStatement], new: list[StoredStatement]) -> list[StoredStatement]:
    """Both in document order (by document id, then as stored), without sorting the kept."""
    if not new:
        return kept
    new = sorted(new, key=lambda s: (s.document_id, s.version, s.index))
    first = new[0].document_id
    if not kept or kept[-1].document_id < first:
        return kept + new
    merged: list[StoredStatement] = []
    at = 0
    for s in kept:  # a new version of an old document goes back where the document was
        while at < len(new) and new[at].document_id < s.document_id:
            merged.append(new[at])
            at += 1
        merged.append(s)
    return merged + new[at:]


def _topic_counts(statements: Iterable[StoredStatement]) -> TopicCounts:
    return _topic_counts_of((s.actor, s.coding.topics) for s in statements)


def _counted(
    old: TopicCounts, removed: Sequence[StoredStatement], added: Sequence[StoredStatement]
) -> TopicCounts:
    """The topic counts less some statements and plus others; untouched actors are shared."""
    found = dict(old)
    for sign, statements in ((-1, removed), (1, added)):
        for s in statements:
            if not s.actor:
                continue
            total, counts = found.get(s.actor, (0, Counter()))
            counts = Counter(counts)
            for topic in s.coding.topics:
                counts[topic] += sign
            found[s.actor] = (total + sign, +counts)
    return {actor: value for actor, value in found.items() if value[0] > 0}


def _extended(index: LinkIndex, items: list[LinkItem]) -> LinkIndex:
    """The link index over `items`: the rows of statements it holds kept, new ones added.

    The new statements are weighted by the index's inverse document frequencies (a term it
    has not seen gets the weight of a term seen once), so nothing already indexed is weighed
    again; a restart of the web app builds it afresh."""
    rows = {item.id: row for row, item in enumerate(index.items)}
    new = [item for item in items if item.id not in rows]
    grown = copy.copy(index)
    grown.vocabulary = dict(index.vocabulary)
    bags = [Counter(index.terms(i.text, i.language or "nb")) for i in new]
    for bag in bags:
        for term in bag:
            grown.vocabulary.setdefault(term, len(grown.vocabulary))
    rare = float(np.log((1 + len(items)) / 2) + 1.0)
    width = len(grown.vocabulary)
    grown.idf = np.concatenate([index.idf, np.full(width - len(index.idf), rare)])
    old = index.matrix
    widened = sparse.csr_matrix((old.data, old.indices, old.indptr), shape=(old.shape[0], width))
    stacked = sparse.vstack([widened, grown._vectors(bags)], format="csr")
    rows.update((item.id, len(index.items) + n) for n, item in enumerate(new))
    grown.matrix = stacked[[rows[item.id] for item in items]]
    grown.items = items
    return grown


# One snapshot per Atlas object (two in-memory atlases share a URL but not their data); it
# goes when the Atlas does.
_cache: weakref.WeakKeyDictionary[Atlas, Snapshot] = weakref.WeakKeyDictionary()
_loading: weakref.WeakKeyDictionary[Atlas, threading.Lock] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


# Within one look (a web request that changes nothing), the marks are read once: a page asks
# for the snapshot several times, and on PostgreSQL at a million statements each reading of
# them costs a few milliseconds.
_look: contextvars.ContextVar[dict[int, dict[str, Any]] | None] = contextvars.ContextVar(
    "planatlas_look", default=None
)


@contextmanager
def one_look() -> Iterator[None]:
    """Read the atlas's marks once for everything asked inside (for a request that only
    reads: what it stores itself would not be seen)."""
    token = _look.set({})
    try:
        yield
    finally:
        _look.reset(token)


def marks_of(atlas: Atlas) -> dict[str, Any]:
    """The marks that tell whether the snapshot is current, and the private documents
    (their organisations read them alone); read once per look."""
    looked = _look.get()
    if looked is not None and id(atlas) in looked:
        return dict(looked[id(atlas)])
    marks = atlas.marks()
    marks["private"] = sorted(private_documents(atlas))
    if looked is not None:
        looked[id(atlas)] = dict(marks)
    return marks


def snapshot(atlas: Atlas) -> Snapshot:
    """The atlas's statements, changed only as far as something was stored or corrected."""
    marks = marks_of(atlas)
    with _lock:
        cached = _cache.get(atlas)
        loading = _loading.setdefault(atlas, threading.Lock())
    if cached is not None and cached.marks == marks:
        return cached
    if (
        cached is not None
        and cached.marks["private"] == marks["private"]
        and _stale_ok(atlas, loading)
    ):
        return cached  # another thread loads what is new: answer from the last one meanwhile
    with loading:  # one thread loads; the others wait for it and take what it made
        with _lock:
            cached = _cache.get(atlas)
        if cached is not None and cached.marks == marks:
            return cached
        snap = _refreshed(atlas, cached, marks)
        with _lock:
            _cache[atlas] = snap
    gc.freeze()  # what is new joins what the collector no longer walks (see settle)
    return snap


_followed: weakref.WeakSet[Atlas] = weakref.WeakSet()
_follower = threading.local()


def follow_in_this_thread(atlas: Atlas) -> None:
    """Make this thread the one that loads what is new in the atlas (a server's follower):
    every other thread answers from the last snapshot until it has (never a private document's
    change: that is loaded at once, wherever it is asked)."""
    _followed.add(atlas)
    _follower.atlas = atlas


def _stale_ok(atlas: Atlas, loading: threading.Lock) -> bool:
    if loading.locked():
        return True
    return atlas in _followed and getattr(_follower, "atlas", None) is not atlas


def _refreshed(atlas: Atlas, cached: Snapshot | None, marks: dict[str, Any]) -> Snapshot:
    if cached is None or cached.rows is None or cached.marks["private"] != marks["private"]:
        return load(atlas, marks)
    versions = atlas.version_ids()
    new_versions = versions - cached.versions
    many = max(GROW_ALWAYS, GROW_AT_MOST * len(versions))
    if cached.versions - versions or len(new_versions) > many:
        return load(atlas, marks)
    if atlas.recoded_since(cached.marks.get("coded"), set(cached.versions)):
        return load(atlas, marks)
    snap = cached
    if new_versions:
        documents = atlas.documents_of_versions(new_versions)
        shown = sorted(documents - cached.private)
        snap = snap.grown(documents, atlas.latest_statements(shown) if shown else [])
    if marks["last_correction"] != cached.last_correction:
        snap = _with_new_corrections(atlas, snap)
    if snap is cached:
        snap = cached._next(cached.statements)
        snap.__dict__.update(
            {k: v for k, v in cached.__dict__.items() if k in _CARRIED}
        )  # only counts changed (an error recorded, an actor without documents)
    snap.actor_kinds = {a.name: a.kind for a in atlas.actors()}
    snap.versions = frozenset(versions)
    snap.marks = marks
    return snap


_CARRIED = ("by_id", "evidence", "link_items", "link_index", "topic_counts", "salience")


def load(atlas: Atlas, marks: dict[str, Any] | None = None) -> Snapshot:
    """A snapshot whose statements are read when first asked for (`read_statements`)."""
    if marks is None:
        marks = marks_of(atlas)
    hidden = frozenset(marks["private"])
    versions = atlas.version_ids()
    kinds = {a.name: a.kind for a in atlas.actors()}
    held = weakref.ref(atlas)  # the cache is keyed by the atlas: hold it weakly

    def normalised() -> dict[str, str]:
        found = held()
        return found.normalised_texts() if found is not None else {}

    def loader() -> list[StoredStatement]:
        found = held()
        return read_statements(found, hidden) if found is not None else []

    def counter() -> TopicCounts:
        found = held()
        return _topic_counts_of(found.actor_topics(hidden)) if found is not None else {}

    return Snapshot(None, kinds, marks["last_correction"], {}, frozenset(versions), marks,
                    hidden, normalised, loader, counter)  # fmt: skip


def _salience_of(atlas: Atlas) -> dict[str, dict[str, float]]:
    """The salience as a snapshot with every statement read computes it (for tests)."""
    snap = load(atlas)
    snap.counter = None
    _ = snap.statements
    return snap.salience


def read_statements(atlas: Atlas, hidden: frozenset[int] = frozenset()) -> list[StoredStatement]:
    """Every latest statement but those of `hidden` documents, a block of documents at a time,
    repeated strings shared."""
    documents = [d.id for d in atlas.documents() if d.id not in hidden]
    statements: list[StoredStatement] = []
    collecting = gc.isenabled()
    gc.disable()  # a million new objects would set off collection after collection
    try:
        for start in range(0, len(documents), BLOCK):
            block = atlas.latest_statements(documents[start : start + BLOCK])
            statements.extend(_shared(block))
    finally:
        if collecting:
            gc.enable()
    return statements


def _topic_counts_of(rows: Iterable[tuple[str | None, list[str]]]) -> TopicCounts:
    found: dict[str, tuple[int, Counter[str]]] = {}
    for actor, topics in rows:
        if actor:
            total, counts = found.get(actor, (0, Counter()))
            counts.update(topics)
            found[actor] = (total + 1, counts)
    return found


def _shared(statements: list[StoredStatement]) -> list[StoredStatement]:
    """The statements with their repeated strings as one object each (a million statements
    carry a few thousand titles, sources, actors, kinds and topics)."""
    seen: dict[Any, Any] = {}

    def one(value: Any) -> Any:
        return value if value is None else seen.setdefault(value, value)

    for s in statements:
        s.title, s.source, s.actor = one(s.title), one(s.source), one(s.actor)
        s.section, s.form, s.lead_in = one(s.section), one(s.form), one(s.lead_in)
        s.coding.kind, s.coding.language = one(s.coding.kind), one(s.coding.language)
        s.coding.topics = [sys.intern(t) for t in s.coding.topics]
    return statements


def settle() -> None:
    """Keep the garbage collector from walking the snapshot's million objects again and again.

    Without this, a full collection now and then stalls a request for most of a second on a
    100,000-statement atlas. The snapshot holds no reference cycles, so it is still freed by
    reference counting when replaced.
    """
    gc.collect()
    gc.freeze()


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


def counts_of(atlas: Atlas) -> dict[str, int]:
    """How much is stored (Atlas.overview): the statements counted once per snapshot, the
    small tables from the marks read anyway."""
    marks = marks_of(atlas)
    statements = memo(atlas, ("statements",), lambda: atlas.overview()["statements"])
    names = ("actors", "documents", "versions", "errors", "corrections")
    return {**{n: marks[n] for n in names}, "statements": statements}


def require_actors(atlas: Atlas, actors: Sequence[str]) -> None:
    """Raise NotFound naming the first actor the atlas does not know."""
    known = snapshot(atlas).actor_kinds
    missing = [a for a in actors if a not in known]
    if missing:
        raise NotFound(f"fant ikke aktøren «{missing[0]}»")
