"""Topics: which codebook topics (one to three) a statement is about.

Each topic scores 1 for every place a strong term of it stands and 0.5 for a place only a
weak term marks (data/taxonomy.yaml); an issue term also counts for the issue's topics.
Topics that reach 1 are kept, best first, at most three; where none does, the best weak
one is kept. Pure boilerplate matches nothing and gets no topic.
"""

from __future__ import annotations

from functools import lru_cache

from planatlas.coding import matching
from planatlas.coding.matching import Hit
from planatlas.coding.taxonomy import Taxonomy, active_taxonomy

MAX_TOPICS = 3
STRONG = 1.0
WEAK = 0.5


def topics(
    text: str, language: str = "nb", taxonomy: Taxonomy | None = None
) -> list[tuple[str, float]]:
    """The topics of a statement, best first, each with a confidence in 0-1."""
    tax = taxonomy or active_taxonomy()
    scores = scores_of(matching.taxonomy_hits(text, language, tax), tax)
    return select(scores)


def scores_of(hits: list[Hit], taxonomy: Taxonomy) -> dict[str, tuple[float, int]]:
    """Per topic: its score and where it first appears (a token index)."""
    weights = _label_weights(taxonomy)
    places: dict[str, dict[int, float]] = {}
    for hit in hits:
        counts = weights.get(hit.label)
        if counts is None:
            continue
        weight, names = counts
        for name in names:
            spots = places.get(name)
            if spots is None:
                spots = places[name] = {}
            if spots.get(hit.start, 0.0) < weight:
                spots[hit.start] = weight
    return {name: (sum(spots.values()), min(spots)) for name, spots in places.items()}


@lru_cache(maxsize=16)
def _label_weights(taxonomy: Taxonomy) -> dict[str, tuple[float, tuple[str, ...]]]:
    """Per hit label: the weight it adds and the topics it adds it to."""
    weights: dict[str, tuple[float, tuple[str, ...]]] = {}
    for topic in taxonomy.topics:
        weights[f"topic:{topic}"] = (STRONG, (topic,))
        weights[f"weak:{topic}"] = (WEAK, (topic,))
    for issue in taxonomy.issues.values():
        for kind in ("issue", "inverse", "plus", "minus"):
            weights[f"{kind}:{issue.id}"] = (WEAK, issue.topics)
    return weights


def select(scores: dict[str, tuple[float, int]]) -> list[tuple[str, float]]:
    """Topics that reach a full point (best first, at most three), else the best weak one."""
    ranked = sorted(scores.items(), key=lambda item: (-item[1][0], item[1][1]))
    kept = [(name, confidence(score)) for name, (score, _) in ranked if score >= STRONG]
    if not kept and ranked:
        name, (score, _) = ranked[0]
        kept = [(name, confidence(score))]
    return kept[:MAX_TOPICS]


def confidence(score: float) -> float:
    """More evidence, more confidence: 0.5 for one weak word, 0.95 at four points."""
    return round(min(0.95, 0.4 + score * 0.15 + (0.1 if score >= STRONG else 0.0)), 2)
