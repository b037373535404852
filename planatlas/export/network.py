"""The alliance network as a file: GraphML (for Gephi, yEd, Cytoscape) or a CSV edge list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planatlas.export.tables import csv_text
from planatlas.labels import Labels
from planatlas.questions.network import Network


def write_network(network: Network, target: str | Path, *, mode: str = "actors") -> None:
    """The network as GraphML (by suffix .graphml) or CSV edges: actor×actor or actor×issue."""
    import networkx as nx

    path = Path(target)
    if path.suffix.lower() == ".graphml":
        nx.write_graphml(_graph(network, mode), path)
    else:
        path.write_text(network_csv(network, mode=mode), encoding="utf-8")


def network_csv(network: Network, *, mode: str = "actors") -> str:
    """The edges as CSV: actor × issue (mode "issues") or actor × actor with clusters."""
    if mode == "issues":
        columns = ["aktør", "sak", "retning", "utsagn"]
        return csv_text(
            columns, ((e.actor, e.issue, e.direction, e.statements) for e in network.issue_edges)
        )
    cluster = {n.id: n.cluster for n in network.nodes}
    columns = ["aktør_a", "aktør_b", "enighet", "felles_saker", "klynge_a", "klynge_b"]
    rows = ((e.a, e.b, e.score, e.shared, cluster[e.a], cluster[e.b]) for e in network.edges)
    return csv_text(columns, rows)


def _graph(network: Network, mode: str) -> Any:
    import networkx as nx

    graph = nx.Graph()
    for n in network.nodes:
        graph.add_node(n.id, label=n.label, kind="actor", cluster=n.cluster)
    if mode == "issues":
        labels = Labels().issues()
        for ie in network.issue_edges:
            node = f"issue:{ie.issue}"
            graph.add_node(node, label=labels.get(ie.issue, ie.issue), kind="issue")
            graph.add_edge(ie.actor, node, direction=ie.direction, weight=ie.statements)
    else:
        for e in network.edges:
            graph.add_edge(e.a, e.b, weight=e.score, shared=e.shared)
    return graph
