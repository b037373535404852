"""Views over a stored atlas: the questions users ask, answered from stored statements.

The comparison, linking, tracing and diffing steps (compare.py, links.py, trace.py, diff.py)
are pure functions over plain records; this module loads those records from an Atlas and
hands them over. The CLI, the web pages and the JSON API all call these functions.

Loading every statement of a large atlas takes longer than answering a question about it, so
the records are kept in a `Snapshot` per database and rebuilt only when the atlas changes
(new statements, versions or corrections, or a re-analysis through `recode`).
"""

from __future__ import annotations

import copy
import csv
import io
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from planatlas.errors import NotFound
from planatlas.pipeline import active_taxonomy
from planatlas.questions import positions as compare
from planatlas.questions.brief import Brief
from planatlas.questions.diff import PlanDiff, diff_statements
from planatlas.questions.links import LinkIndex, LinkItem
from planatlas.questions.positions import Agreement, Cell, Evidence, PositionMap, Relation
from planatlas.questions.trace import GoalRow, TraceRow, goals, trace
from planatlas.records import Statement
from planatlas.store import Atlas
from planatlas.store.records import DocumentSummary, StoredStatement

T = TypeVar("T")
MEMO = 256  # traces, goals and diffs kept per snapshot
GOVERNMENT_KINDS = ("government", "directorate", "health_trust", "agency")


# --- labels


def issue_labels() -> dict[str, str]:
    """Issue id -> its Norwegian name from the taxonomy in use."""
    return {key: issue.nb for key, issue in active_taxonomy().issues.items()}


def topic_labels() -> dict[str, str]:
    """Topic id -> its Norwegian name from the taxonomy in use."""
    return {key: topic.nb for key, topic in active_taxonomy().topics.items()}


def issue_topics() -> dict[str, tuple[str, ...]]:
    return {key: issue.topics for key, issue in active_taxonomy().issues.items()}


# --- the snapshot


@dataclass
class Snapshot:
    """Every latest-version statement of an atlas, and what is built from them on demand."""

    statements: list[StoredStatement]
    actor_kinds: dict[str, str | None] = field(default_factory=dict)
    last_correction: int = 0  # the newest correction the statements include

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

    maps: dict[tuple[str | None, str | None], PositionMap] = field(default_factory=dict)
    networks: dict[str | None, Network] = field(default_factory=dict)
    answers: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def position_map(self, topic: str | None = None, issue: str | None = None) -> PositionMap:
        key = (topic, issue)
        if key not in self.maps:  # a race only computes the same map twice
            self.maps[key] = _position_map(self, topic, issue)
        return self.maps[key]

    @cached_property
    def named_in(self) -> dict[tuple[str, str], dict[int, str]]:
        """(type, name) -> the documents (id -> title) whose statements name it."""
        found: dict[tuple[str, str], dict[int, str]] = {}
        for s in self.statements:
            for key in _names(s):
                found.setdefault(key, {})[s.document_id] = s.title or s.source
        return found

    def remember(self, key: tuple[Any, ...], work: Callable[[], T]) -> T:
        """The answer to a question about this snapshot, computed once (at most MEMO kept)."""
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

    @cached_property
    def salience(self) -> dict[str, dict[str, float]]:
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for s in self.statements:
            if s.actor:
                grouped.setdefault(s.actor, []).append(tuple(s.coding.topics))
        return compare.salience(grouped)


_cache: dict[str, tuple[tuple[Any, ...], Snapshot]] = {}
_generation: dict[str, int] = {}
_lock = threading.Lock()


def snapshot(atlas: Atlas) -> Snapshot:
    """The atlas's statements, loaded again only when something was stored or corrected.

    When only corrections were added, only the corrected statements are read again.
    """
    key = _fingerprint(atlas)
    with _lock:
        cached = _cache.get(atlas.url)
    if cached is not None and cached[0] == key:
        return cached[1]
    if cached is not None and cached[0][:3] + cached[0][4:] == key[:3] + key[4:]:
        snap = _with_new_corrections(atlas, cached[1])
    else:
        corrections = atlas.corrections()
        last = corrections[-1].id if corrections else 0
        snap = Snapshot(atlas.statements(), {a.name: a.kind for a in atlas.actors()}, last)
    with _lock:
        _cache[atlas.url] = (key, snap)
    _settle()
    return snap


def _settle() -> None:
    """Keep the garbage collector from walking the snapshot's million objects again and again.

    Without this, a full collection now and then stalls a request for most of a second on a
    100,000-statement atlas. The snapshot holds no reference cycles, so it is still freed by
    reference counting when replaced.
    """
    import gc

    gc.collect()
    gc.freeze()


def _with_new_corrections(atlas: Atlas, snap: Snapshot) -> Snapshot:
    new = [c for c in atlas.corrections() if c.id > snap.last_correction]
    if not new:
        return snap
    ids = sorted({c.statement_id for c in new if c.statement_id in snap.by_id})
    return snap.corrected([atlas.statement(i) for i in ids], new[-1].id)


def _memo(atlas: Atlas, key: tuple[Any, ...], work: Callable[[], T]) -> T:
    """Remembered in the snapshot where one is loaded (the web app); else just computed,
    so that one command on the command line does not load the whole atlas."""
    with _lock:
        loaded = atlas.url in _cache
    return snapshot(atlas).remember(key, work) if loaded else work()


def documents_of(atlas: Atlas) -> list[DocumentSummary]:
    """Every document as it stands in its latest version (remembered in the web app)."""
    return _memo(atlas, ("documents",), atlas.documents)


def forget(atlas: Atlas) -> None:
    """Drop the cached snapshot (after a change the fingerprint cannot see)."""
    with _lock:
        _generation[atlas.url] = _generation.get(atlas.url, 0) + 1


def _fingerprint(atlas: Atlas) -> tuple[Any, ...]:
    """What changes when statements are stored, corrected or coded again (by any process)."""
    counts = atlas.overview()
    keys = ("documents", "versions", "statements", "corrections")
    last = atlas.last_coded()
    return (*(counts[k] for k in keys), _generation.get(atlas.url, 0), str(last))


def evidence_of(statement: StoredStatement) -> list[Evidence]:
    """Each position a statement takes, as evidence for its actor."""
    if not statement.actor:
        return []
    confidence = float(statement.coding.confidence.get("positions", 1.0))
    return [
        Evidence(
            statement_id=statement.id,
            actor=statement.actor,
            issue=p.issue,
            direction=p.direction,
            text=statement.text,
            document=statement.title or statement.source,
            section=" › ".join(statement.section),
            confidence=confidence,
            kind=statement.coding.kind,
            topics=tuple(statement.coding.topics),
        )
        for p in statement.coding.positions
    ]


def link_item(statement: StoredStatement) -> LinkItem:
    return LinkItem(
        id=statement.id,
        document=str(statement.document_id),
        actor=statement.actor,
        text=statement.text,
        kind=statement.coding.kind,
        language=statement.coding.language,
        topics=tuple(statement.coding.topics),
        positions=tuple((p.issue, p.direction) for p in statement.coding.positions),
        section=statement.section,
    )


def _position_map(snap: Snapshot, topic: str | None, issue: str | None) -> PositionMap:
    evidence: Iterable[Evidence] = snap.evidence
    if issue is not None:
        evidence = [e for e in evidence if e.issue == issue]
    if topic is not None:
        topics_of = issue_topics()
        evidence = [e for e in evidence if topic in topics_of.get(e.issue, ()) or topic in e.topics]
    return compare.position_map(evidence)


def statements_of(
    atlas: Atlas,
    *,
    actor: str | None = None,
    document: str | int | None = None,
    kind: str | None = None,
    topic: str | None = None,
) -> list[StoredStatement]:
    """Latest-version statements by actor, kind and topic; from the snapshot unless one
    document is asked for (then the store's index is quicker than a scan)."""
    if document is not None:
        return atlas.statements(actor=actor, document=document, kind=kind, topic=topic)
    return [
        s
        for s in snapshot(atlas).statements
        if (actor is None or s.actor == actor)
        and (kind is None or s.coding.kind == kind)
        and (topic is None or topic in s.coding.topics)
    ]


# --- comparison


def position_map_of(
    atlas: Atlas, *, topic: str | None = None, issue: str | None = None
) -> PositionMap:
    """actor × issue: each actor's direction on each issue, with the statements behind it."""
    return snapshot(atlas).position_map(topic, issue)


def salience_of(atlas: Atlas) -> dict[str, dict[str, float]]:
    """actor -> topic -> share of the actor's statements that carry the topic."""
    return snapshot(atlas).salience


def position_rows(pmap: PositionMap) -> list[dict[str, str]]:
    """The position map as rows (one per actor) of issue name -> direction (+, -, ~ or
    "blandet"), for tables and spreadsheets."""
    labels = issue_labels()
    return [
        {"aktør": actor}
        | {
            labels.get(issue, issue): "blandet" if cell.direction == "mixed" else cell.direction
            for issue in pmap.issues
            if (cell := pmap.cells.get((actor, issue)))
        }
        for actor in pmap.actors
    ]


def salience_rows(shares: dict[str, dict[str, float]]) -> list[dict[str, str]]:
    """Actor × topic salience as rows of topic name -> share in percent."""
    labels = topic_labels()
    return [
        {"aktør": actor}
        | {labels.get(topic, topic): f"{share * 100:.0f}" for topic, share in topics.items()}
        for actor, topics in sorted(shares.items())
    ]


@dataclass(frozen=True)
class IssueRow:
    issue: str
    label: str
    cells: dict[str, Cell | None]  # actor -> cell (None: takes no position)


@dataclass(frozen=True)
class Comparison:
    actors: list[str]
    rows: list[IssueRow]
    agreements: list[Agreement]  # every pair of the chosen actors that shares an issue


def compare_actors(atlas: Atlas, actors: Sequence[str], *, topic: str | None = None) -> Comparison:
    """Two or more actors issue by issue, with the agreement score of each pair."""
    pmap = position_map_of(atlas, topic=topic)
    _require_actors(atlas, actors)
    chosen = list(dict.fromkeys(actors))
    sub = PositionMap(
        chosen, pmap.issues, {k: v for k, v in pmap.cells.items() if k[0] in set(chosen)}
    )
    labels = issue_labels()
    rows = [
        IssueRow(issue, labels.get(issue, issue), {a: sub.cell(a, issue) for a in chosen})
        for issue in pmap.issues
        if any(sub.cell(a, issue) for a in chosen)
    ]
    rows.sort(key=lambda r: (-sum(c is not None for c in r.cells.values()), r.label))
    return Comparison(chosen, rows, compare.agreements(sub))


def _require_actors(atlas: Atlas, actors: Sequence[str]) -> None:
    known = snapshot(atlas).actor_kinds
    missing = [a for a in actors if a not in known]
    if missing:
        raise NotFound(f"fant ikke aktøren «{missing[0]}»")


@dataclass(frozen=True)
class Alliances:
    actor: str
    allies: list[Relation]
    opponents: list[Relation]


def allies_of(
    atlas: Atlas, actor: str, *, topic: str | None = None, issue: str | None = None
) -> Alliances:
    """An actor's allies and opponents, optionally on one topic or issue, with the quotes."""
    pmap = position_map_of(atlas, topic=topic, issue=issue)
    _require_actors(atlas, [actor])

    def work() -> Alliances:
        return Alliances(actor, compare.allies(pmap, actor), compare.opponents(pmap, actor))

    return _memo(atlas, ("allies", actor, topic, issue), work)


# --- the alliance network


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    cluster: int
    statements: int
    x: float
    y: float


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    score: float
    shared: int


@dataclass(frozen=True)
class IssueEdge:
    actor: str
    issue: str
    direction: str
    statements: int


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]  # actor pairs that agree more than they disagree
    issue_edges: list[IssueEdge]  # the actor × issue two-mode network


def alliance_network(atlas: Atlas, *, topic: str | None = None) -> Network:
    """Actors joined where they agree, grouped into coalitions (modularity clusters)."""
    snap = snapshot(atlas)
    if topic not in snap.networks:
        snap.networks[topic] = _network(snap.position_map(topic))
    return snap.networks[topic]


def _network(pmap: PositionMap) -> Network:
    import networkx as nx
    from networkx.algorithms.community import greedy_modularity_communities

    edges = [
        Edge(p.a, p.b, round(p.score, 3), p.shared)
        for p in compare.agreements(pmap)
        if p.score > 0.5 and p.agree > p.disagree
    ]
    graph = nx.Graph()
    graph.add_nodes_from(pmap.actors)
    for e in edges:
        graph.add_edge(e.a, e.b, weight=e.score - 0.5)
    cluster = _clusters(graph, greedy_modularity_communities)
    layout = nx.spring_layout(graph, seed=7, weight="weight") if graph else {}
    counts = _statement_counts(pmap)
    nodes = [
        Node(actor, actor, cluster.get(actor, 0), counts.get(actor, 0), *_unit(layout[actor]))
        for actor in pmap.actors
    ]
    issue_edges = [
        IssueEdge(actor, issue, cell.direction, len(cell.evidence))
        for (actor, issue), cell in sorted(pmap.cells.items())
    ]
    return Network(nodes, edges, issue_edges)


def _clusters(graph: Any, communities: Any) -> dict[str, int]:
    if graph.number_of_edges() == 0:
        return {node: i for i, node in enumerate(sorted(graph.nodes))}
    found = communities(graph, weight="weight")
    return {node: i for i, group in enumerate(found) for node in group}


def _statement_counts(pmap: PositionMap) -> dict[str, int]:
    counts: dict[str, int] = {}
    for (actor, _), cell in pmap.cells.items():
        counts[actor] = counts.get(actor, 0) + len(cell.evidence)
    return counts


def _unit(point: Any) -> tuple[float, float]:
    # spring_layout places nodes in [-1, 1]; pages draw in [0, 1]
    return (round((float(point[0]) + 1) / 2, 4), round((float(point[1]) + 1) / 2, 4))


def write_network(network: Network, target: str | Path, *, mode: str = "actors") -> None:
    """The network as GraphML (by suffix .graphml) or CSV edges: actor×actor or actor×issue."""
    import networkx as nx

    path = Path(target)
    if path.suffix.lower() == ".graphml":
        nx.write_graphml(_graph(network, mode), path)
    else:
        path.write_text(network_csv(network, mode=mode), encoding="utf-8")


def network_csv(network: Network, *, mode: str = "actors") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if mode == "issues":
        writer.writerow(["aktør", "sak", "retning", "utsagn"])
        writer.writerows((e.actor, e.issue, e.direction, e.statements) for e in network.issue_edges)
    else:
        cluster = {n.id: n.cluster for n in network.nodes}
        writer.writerow(["aktør_a", "aktør_b", "enighet", "felles_saker", "klynge_a", "klynge_b"])
        writer.writerows(
            (e.a, e.b, e.score, e.shared, cluster[e.a], cluster[e.b]) for e in network.edges
        )
    return buffer.getvalue()


def _graph(network: Network, mode: str) -> Any:
    import networkx as nx

    graph = nx.Graph()
    for n in network.nodes:
        graph.add_node(n.id, label=n.label, kind="actor", cluster=n.cluster)
    if mode == "issues":
        labels = issue_labels()
        for ie in network.issue_edges:
            node = f"issue:{ie.issue}"
            graph.add_node(node, label=labels.get(ie.issue, ie.issue), kind="issue")
            graph.add_edge(ie.actor, node, direction=ie.direction, weight=ie.statements)
    else:
        for e in network.edges:
            graph.add_edge(e.a, e.b, weight=e.score, shared=e.shared)
    return graph


# --- links, trace, diff, briefing


@dataclass(frozen=True)
class StatementLink:
    type: str  # answers | same_position | opposite_position | similar
    score: float
    degree: str | None
    issue: str | None
    statement: StoredStatement


def statement_links(atlas: Atlas, statement_id: int, *, top: int = 5) -> list[StatementLink]:
    """The statements of other documents that one statement links to, strongest first."""
    snap = snapshot(atlas)
    stored = snap.by_id.get(statement_id) or atlas.statement(statement_id)
    found = snap.link_index.links([link_item(stored)], top=top)
    return [
        StatementLink(
            link.type, round(link.score, 3), link.degree, link.issue, snap.by_id[link.target]
        )
        for link in found
    ]


def document_links(
    atlas: Atlas, document: str | int, *, top: int = 3
) -> list[tuple[StoredStatement, list[StatementLink]]]:
    """Each statement of a document with its best links into the rest of the atlas."""
    snap = snapshot(atlas)
    mine = atlas.statements(document=document)
    found = snap.link_index.links([link_item(s) for s in mine], top=top)
    by_source: dict[int, list[StatementLink]] = {}
    for link in found:
        by_source.setdefault(link.source, []).append(
            StatementLink(
                link.type, round(link.score, 3), link.degree, link.issue, snap.by_id[link.target]
            )
        )
    return [(s, by_source.get(s.id, [])) for s in mine]


def trace_documents(atlas: Atlas, demands: str | int, plan: str | int) -> list[TraceRow]:
    """Each demand (and goal) of one document with the plan's measures that answer it."""

    def work() -> list[TraceRow]:
        wanted = [link_item(s) for s in atlas.statements(document=demands)]
        measures = [link_item(s) for s in atlas.statements(document=plan)]
        return trace(wanted, measures)

    return _memo(atlas, ("trace", demands, plan), work)


def plan_goals(atlas: Atlas, plan: str | int) -> list[GoalRow]:
    """Every goal of a plan with the measures under it or linked to it."""

    def work() -> list[GoalRow]:
        return goals([link_item(s) for s in atlas.statements(document=plan)])

    return _memo(atlas, ("goals", plan), work)


def diff_documents(
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

    return _memo(atlas, ("diff", old, old_version, new, new_version), work)


def national_plan(atlas: Atlas) -> StoredStatement | None:
    """A statement of the newest government plan in the atlas, if there is one."""
    snap = snapshot(atlas)
    for s in reversed(snap.statements):
        if snap.actor_kinds.get(s.actor or "") in GOVERNMENT_KINDS:
            return s
    return None


def briefing(atlas: Atlas, actor: str, *, plan: str | int | None = None) -> Brief:
    """Where an actor stands, who agrees and disagrees, and what the plan answers."""
    pmap = position_map_of(atlas)
    _require_actors(atlas, [actor])
    labels = issue_labels()
    positions = sorted(
        ((issue, cell) for (a, issue), cell in pmap.cells.items() if a == actor),
        key=lambda pair: (-len(pair[1].evidence), labels.get(pair[0], pair[0])),
    )
    plan_ref: str | int | None = plan
    if plan_ref is None and (found := national_plan(atlas)) is not None:
        plan_ref = found.document_id
    rows: list[TraceRow] = []
    plan_title = None
    if plan_ref is not None:
        plan_doc = atlas.document(plan_ref)
        plan_title = plan_doc.title
        own = [link_item(s) for s in atlas.statements(actor=actor)]
        measures = [link_item(s) for s in atlas.statements(document=plan_ref)]
        rows = trace(own, measures)
    return Brief(
        actor=actor,
        positions=positions,
        allies=compare.allies(pmap, actor),
        opponents=compare.opponents(pmap, actor),
        trace=rows,
        plan_title=plan_title,
        issue_labels=labels,
    )


# --- re-analysis


def recode(atlas: Atlas, document: str | int | None = None, *, coder: str = "rules-1") -> int:
    """Code stored documents again with the current coder; corrections stay in force.

    Returns the number of statements coded.
    """
    from planatlas.coding import code_document

    taxonomy = active_taxonomy()
    refs = [document] if document is not None else [d.id for d in atlas.documents()]
    done = 0
    for ref in refs:
        doc = atlas.document(ref)
        ids = {s.index: s.id for s in atlas.statements(document=ref)}
        coded = [(ids[s.index], s.coding) for s in code_document(doc, taxonomy).statements]
        atlas.set_codings(coded, coder)
        done += len(coded)
        atlas.reindex(ref)  # the search index follows the analysis's current normalisation
    forget(atlas)
    return done


# --- references shared between documents


@dataclass(frozen=True)
class SharedReference:
    """A document or organisation that two or more documents name: a link between them."""

    name: str
    type: str  # reference | organisation
    documents: list[tuple[int, str]]  # (document id, title) of the other documents naming it


def shared_references(atlas: Atlas, document: str | int) -> list[SharedReference]:
    """What one document cites or names that other documents cite or name too."""
    snap = snapshot(atlas)
    mine = atlas.statements(document=document)
    if not mine:
        return []
    own_id = mine[0].document_id
    found = []
    for key in sorted({key for s in mine for key in _names(s)}):
        others = sorted((i, t) for i, t in snap.named_in.get(key, {}).items() if i != own_id)
        if others:
            found.append(SharedReference(key[1], key[0], others))
    return found


def _names(statement: StoredStatement) -> list[tuple[str, str]]:
    """(type, name) of every document reference and organisation a statement names."""
    return [("reference", r) for r in statement.coding.references] + [
        ("organisation", o) for o in statement.coding.organisations
    ]


def warm(atlas: Atlas) -> None:
    """Load and build what the pages need first, so the first visitor does not wait for it."""
    snap = snapshot(atlas)
    snap.position_map()
    _ = snap.salience, snap.link_index, snap.named_in
    alliance_network(atlas)
    _settle()
