"""Geometry and colours for the server-drawn charts: the heatmap and the alliance network.

Charts are plain HTML tables and SVG drawn by the templates from these records; no chart
library, nothing loaded from the net.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planatlas.questions.network import Edge, Network, Node
from planatlas.questions.snapshot import snapshot
from planatlas.store import Atlas

WIDTH, HEIGHT, MARGIN = 760, 480, 70
# Cluster colours (Okabe–Ito, colour-blind safe); labels are drawn beside nodes in dark text.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8a6d00", "#555555")
_LIGHT = (247, 251, 255)  # no share
_DARK = (66, 146, 198)  # the largest share; still 6:1 against the dark text on top of it


def heat(value: float, top: float) -> str:
    """The background of a heatmap cell: from near white to mid blue, dark text stays readable."""
    share = 0.0 if top <= 0 else max(0.0, min(1.0, value / top))
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(_LIGHT, _DARK, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def top_share(salience: dict[str, dict[str, float]]) -> float:
    return max((v for row in salience.values() for v in row.values()), default=0.0)


@dataclass(frozen=True)
class DrawnNode:
    id: str
    label: str
    x: float
    y: float
    r: float
    colour: str
    cluster: int
    statements: int
    label_y: float  # the label is centred below the node, or above it near the bottom edge


@dataclass(frozen=True)
class DrawnEdge:
    a: str
    b: str
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    score: float
    shared: int


@dataclass(frozen=True)
class DrawnNetwork:
    width: int
    height: int
    nodes: list[DrawnNode]
    edges: list[DrawnEdge]


def _node(n: Node, top: int) -> DrawnNode:
    x = round(MARGIN + n.x * (WIDTH - 2 * MARGIN), 1)
    y = round(MARGIN / 2 + n.y * (HEIGHT - MARGIN), 1)
    r = round(6 + 14 * math.sqrt(n.statements / top), 1)
    label_y = y - r - 6 if n.y > 0.85 else y + r + 15
    colour = PALETTE[n.cluster % len(PALETTE)]
    return DrawnNode(n.id, n.label, x, y, r, colour, n.cluster, n.statements, round(label_y, 1))


MAX_DRAWN_EDGES = 200  # more lines than this is a hairball; the download has every edge


def strongest_edges(edges: list[Edge]) -> list[Edge]:
    """The edges worth drawing: most shared issues and strongest agreement first."""
    ranked = sorted(edges, key=lambda e: (-(e.shared >= 2), -e.score, -e.shared, e.a, e.b))
    return ranked[:MAX_DRAWN_EDGES]


def draw_network(network: Network) -> DrawnNetwork:
    """Pixel positions, sizes and colours for the network's nodes and edges."""
    top = max((n.statements for n in network.nodes), default=1) or 1
    nodes = [_node(n, top) for n in network.nodes]
    at = {n.id: n for n in nodes}
    edges = [
        DrawnEdge(
            e.a,
            e.b,
            at[e.a].x,
            at[e.a].y,
            at[e.b].x,
            at[e.b].y,
            round(1 + 8 * max(0.0, e.score - 0.5), 1),
            e.score,
            e.shared,
        )
        for e in strongest_edges(network.edges)
        if e.a in at and e.b in at
    ]
    return DrawnNetwork(WIDTH, HEIGHT, nodes, edges)


def drawn_network(atlas: Atlas, network: Network, topic: str | None) -> DrawnNetwork:
    """The network drawn once per snapshot and topic (drawing it is most of the page's work)."""
    return snapshot(atlas).remember(("drawn", topic), lambda: draw_network(network))
