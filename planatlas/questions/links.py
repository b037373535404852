"""Links between statements across documents: similar, same position, opposite, answers.

Similarity is TF-IDF cosine over the analysis's own normalised terms (lemmas with Nynorsk
folded to Bokmål and compounds split into their parts), so "styrkje helsefellesskapa" and
"styrke helsefellesskapene" meet. The index is a sparse matrix: a new document's statements
are compared with 100,000 stored ones in one sparse product.

Kinds of link, strongest reading first:
- `answers`: a measure (by a government, directorate or health trust) that meets a demand:
  `full` when it pushes the same issue the same way, `partial` when it shares the issue with
  another direction or only shares topics and words.
- `same_position` / `opposite_position`: both take a position on one issue, same or opposite.
- `similar`: the same idea in other words (cosine at least SIMILAR).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from planatlas.store.records import StoredStatement

SIMILAR = 0.35
PARTIAL_ANSWER = 0.2
MEASURE_KINDS = ("measure",)
DEMAND_KINDS = ("demand", "goal")
OPPOSITE = {("+", "-"), ("-", "+")}


@dataclass(frozen=True)
class LinkItem:
    """What linking needs to know of a statement."""

    id: int
    document: str
    actor: str | None
    text: str
    kind: str | None
    language: str | None
    topics: tuple[str, ...]
    positions: tuple[tuple[str, str], ...]  # (issue, direction)
    section: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    source: int
    target: int
    type: str  # answers | same_position | opposite_position | similar
    score: float
    degree: str | None = None  # for answers: full | partial
    issue: str | None = None


def link_item(statement: StoredStatement) -> LinkItem:
    """What linking needs of a stored statement."""
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


Terms = Callable[[str, str], list[str]]


def _default_terms(text: str, language: str) -> list[str]:
    from planatlas.coding.normalize import terms

    return terms(text, language)


class LinkIndex:
    """A TF-IDF index of stored statements to link new ones against."""

    def __init__(self, items: Sequence[LinkItem], terms: Terms | None = None) -> None:
        self.items = list(items)
        self.terms = terms or _default_terms
        counts, self.vocabulary = _term_counts(self.items, self.terms)
        df = np.bincount(counts.indices, minlength=len(self.vocabulary)).astype(float)
        self.idf = np.log((1 + len(self.items)) / (1 + df)) + 1.0
        self.matrix = _weighted(counts, self.idf)

    @property
    def matrix(self) -> sparse.csr_matrix:
        """items × terms: each item's TF-IDF weights, of unit length."""
        return self._matrix

    @matrix.setter
    def matrix(self, value: sparse.csr_matrix) -> None:
        self._matrix = value
        self._columns: sparse.csr_matrix | None = None

    @property
    def columns(self) -> sparse.csr_matrix:
        """terms × items, kept once: the product with new items reads only their terms'
        rows, where `matrix.T` would be turned into rows again on every call."""
        if self._columns is None:
            self._columns = self._matrix.T.tocsr()
        return self._columns

    def _vectors(self, bags: list[Counter[str]]) -> sparse.csr_matrix:
        rows, cols, vals = [], [], []
        for r, bag in enumerate(bags):
            weights = {
                self.vocabulary[t]: (1 + math.log(c)) * self.idf[self.vocabulary[t]]
                for t, c in bag.items()
                if t in self.vocabulary
            }
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for col, w in weights.items():
                rows.append(r)
                cols.append(col)
                vals.append(w / norm)
        shape = (len(bags), len(self.vocabulary))
        return sparse.csr_matrix((vals, (rows, cols)), shape=shape)

    def similarities(self, items: Sequence[LinkItem]) -> np.ndarray:
        """Cosine of each new item against every indexed item: len(items) × len(index)."""
        bags = [Counter(self.terms(i.text, i.language or "nb")) for i in items]
        product = self._vectors(bags) @ self.columns
        return np.asarray(product.todense())

    def links(self, items: Sequence[LinkItem], top: int = 3) -> list[Link]:
        """The best `top` links of each new item to indexed items of other documents."""
        if not self.items or not items:
            return []
        sims = self.similarities(items)
        found: list[Link] = []
        for row, item in enumerate(items):
            candidates = [
                link
                for col in _best(sims[row], top * 10)
                if (other := self.items[int(col)]).document != item.document
                and (link := classify(item, other, float(sims[row, col]))) is not None
            ]
            candidates.sort(key=lambda link: (-_rank(link), -link.score))
            found.extend(candidates[:top])
        return found


def _term_counts(
    items: Sequence[LinkItem], terms: Terms
) -> tuple[sparse.csr_matrix, dict[str, int]]:
    """items × terms of raw counts, each row's terms in the order they first occur, and the
    vocabulary in the order its terms first occur. Built into flat arrays, one item at a
    time: a million statements' bags of words, kept all at once, took gigabytes."""
    vocabulary: dict[str, int] = {}
    columns, counts, indptr = array("i"), array("q"), array("q", [0])
    for item in items:
        for term, count in Counter(terms(item.text, item.language or "nb")).items():
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            counts.append(count)
        indptr.append(len(columns))
    shape = (len(indptr) - 1, len(vocabulary))
    found = sparse.csr_matrix(
        (np.frombuffer(counts, dtype=np.int64), np.frombuffer(columns, dtype=np.int32),
         np.frombuffer(indptr, dtype=np.int64)),
        shape=shape,
    )  # fmt: skip
    return found, vocabulary


def _weighted(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """The counts as unit-length TF-IDF rows, with the very arithmetic of `_vectors` (the
    same logarithms, each row's squares summed in its own order), so that the index gives the
    same scores whichever way it was built."""
    seen, at = np.unique(counts.data, return_inverse=True)
    tf = np.array([1 + math.log(int(c)) for c in seen])[at]
    weights = tf * idf[counts.indices]
    norms = np.sqrt(_row_sums_in_order(weights * weights, counts.indptr))
    norms[norms == 0] = 1.0
    data = weights / np.repeat(norms, np.diff(counts.indptr))
    found = sparse.csr_matrix((data, counts.indices, counts.indptr), shape=counts.shape)
    found.sort_indices()  # as a matrix built from (row, column) pairs has them
    return found


def _row_sums_in_order(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Each row's values summed one after another from the first, as Python's sum does
    (numpy's own sums add in pairs, which may round differently)."""
    lengths = np.diff(indptr)
    sums = np.zeros(len(lengths))
    for k in range(int(lengths.max(initial=0))):
        rows = np.nonzero(lengths > k)[0]
        sums[rows] += values[indptr[rows] + k]
    return sums


def _best(row: np.ndarray, count: int) -> np.ndarray:
    """The columns of the `count` highest values, highest first: a partial sort, since a
    million statements need not be sorted to find the best thirty."""
    if count >= len(row):
        return np.argsort(-row)
    part = np.argpartition(-row, count)[:count]
    return part[np.argsort(-row[part])]


def _rank(link: Link) -> int:
    return {"answers": 3, "same_position": 2, "opposite_position": 2, "similar": 1}[link.type]


def classify(item: LinkItem, other: LinkItem, similarity: float) -> Link | None:
    """What links `item` to `other`, if anything."""
    shared = {(i, d) for i, d in item.positions} & {(i, d) for i, d in other.positions}
    issues = {i for i, _ in item.positions} & {i for i, _ in other.positions}
    answer = _answer(item, other, similarity, shared, issues)
    if answer is not None:
        return answer
    if shared:
        issue = sorted(shared)[0][0]
        return Link(item.id, other.id, "same_position", similarity, issue=issue)
    for issue in sorted(issues):
        mine = {d for i, d in item.positions if i == issue}
        theirs = {d for i, d in other.positions if i == issue}
        if any((a, b) in OPPOSITE for a in mine for b in theirs):
            return Link(item.id, other.id, "opposite_position", similarity, issue=issue)
    if similarity >= SIMILAR:
        return Link(item.id, other.id, "similar", similarity)
    return None


def _answer(
    item: LinkItem,
    other: LinkItem,
    similarity: float,
    shared: set[tuple[str, str]],
    issues: set[str],
) -> Link | None:
    """A measure answering a demand, in either direction of the pair."""
    kinds = (item.kind, other.kind)
    if not (
        (kinds[0] in DEMAND_KINDS and kinds[1] in MEASURE_KINDS)
        or (kinds[0] in MEASURE_KINDS and kinds[1] in DEMAND_KINDS)
    ):
        return None
    if shared:
        return Link(item.id, other.id, "answers", similarity, "full", sorted(shared)[0][0])
    for issue in sorted(issues):
        mine = {d for i, d in item.positions if i == issue}
        theirs = {d for i, d in other.positions if i == issue}
        if not any((a, b) in OPPOSITE for a in mine for b in theirs):
            return Link(item.id, other.id, "answers", similarity, "partial", issue)
    if issues:
        return None  # the measure pushes the other way: a conflict, not an answer
    if set(item.topics) & set(other.topics) and similarity >= PARTIAL_ANSWER:
        return Link(item.id, other.id, "answers", similarity, "partial")
    return None
