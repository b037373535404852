"""The overview of an atlas: counts, who writes about what (salience), the latest documents."""

from __future__ import annotations

from dataclasses import dataclass

from planatlas.labels import Labels
from planatlas.questions.compare import salience_of
from planatlas.questions.snapshot import counts_of, documents_of
from planatlas.store import Atlas
from planatlas.store.records import DocumentSummary

LATEST = 8  # documents listed on the overview


@dataclass(frozen=True)
class Overview:
    counts: dict[str, int]
    salience: dict[str, dict[str, float]]  # actor -> topic -> share of its statements
    topics: list[str]  # heatmap columns: every topic some actor speaks of, in taxonomy order
    latest: list[DocumentSummary]


def overview(atlas: Atlas) -> Overview:
    """Counts, the actor × topic salience and the latest documents."""
    salience = salience_of(atlas)
    used = {t for row in salience.values() for t in row}
    topics = [t for t in Labels().topics() if t in used]
    latest = sorted(documents_of(atlas), key=lambda d: -d.id)[:LATEST]
    return Overview(counts_of(atlas), dict(sorted(salience.items())), topics, latest)
