"""The overview of an atlas: counts, who writes about what (salience), the latest documents."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from planatlas.labels import Labels
from planatlas.questions.compare import salience_of
from planatlas.questions.snapshot import counts_of, documents_of, memo, snapshot
from planatlas.store import Atlas
from planatlas.store.records import DocumentSummary

LATEST = 8  # documents listed on the overview
HEATMAP = 60  # actors in the page's heatmap, those with most statements (the table has all)


@dataclass(frozen=True)
class Overview:
    counts: dict[str, int]
    salience: dict[str, dict[str, float]]  # actor -> topic -> share of its statements
    topics: list[str]  # heatmap columns: every topic some actor speaks of, in taxonomy order
    latest: list[DocumentSummary]
    heatmap: dict[str, dict[str, float]] = field(default_factory=dict)  # the page's rows

    @property
    def heatmap_cut(self) -> bool:
        """Whether the page shows fewer actors than there are."""
        return len(self.heatmap) < len(self.salience)


def overview(atlas: Atlas) -> Overview:
    """Counts, the actor × topic salience and the latest documents (all but the counts made
    once per snapshot: thousands of actors)."""

    def work() -> Overview:
        salience = salience_of(atlas)
        used = {t for row in salience.values() for t in row}
        topics = [t for t in Labels().topics() if t in used]
        latest = sorted(documents_of(atlas), key=lambda d: -d.id)[:LATEST]
        everyone = dict(sorted(salience.items()))
        return Overview({}, everyone, topics, latest, _heatmap(atlas, everyone))

    return replace(memo(atlas, ("overview",), work), counts=counts_of(atlas))


def _heatmap(atlas: Atlas, salience: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """The HEATMAP actors with the most statements, by name: a page a person can read (and
    that renders quickly at thousands of actors)."""
    if len(salience) <= HEATMAP:
        return salience
    totals = snapshot(atlas).topic_counts
    most = sorted(salience, key=lambda a: (-totals.get(a, (0, None))[0], a))[:HEATMAP]
    return {actor: salience[actor] for actor in sorted(most)}
