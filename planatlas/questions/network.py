"""The alliance network: actors joined where they agree, grouped into coalitions.

Actors are joined where their agreement score is above neutral (0.5) with more agreeing than
opposed issues; coalitions are the graph's modularity clusters (Clauset–Newman–Moore, weighted
by score above neutral). Nodes are placed by a seeded spring layout, so a page draws the same
picture every time. export/network.py writes it as GraphML or CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planatlas.questions.compare import agreements, position_map_of
from planatlas.questions.positions import PositionMap
from planatlas.questions.snapshot import snapshot
from planatlas.store import Atlas


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
    return snapshot(atlas).remember(
        ("network", topic), lambda: build_network(position_map_of(atlas, topic=topic))
    )


def build_network(pmap: PositionMap) -> Network:
    """The network of a position map: edges, clusters and a fixed layout."""
    import networkx as nx
    from networkx.algorithms.community import greedy_modularity_communities

    edges = [
        Edge(p.a, p.b, round(p.score, 3), p.shared)
        for p in agreements(pmap)
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
