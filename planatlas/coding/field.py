"""The codebook's field: whether a statement stands where health policy is spoken of.

A statement takes a position only within the field: a health word (data/stance.yaml
`health_words`, or a term of a topic a user's taxonomy adds: a field of the user's own)
stands in its own text, in its lead-in, in a heading above it or in the document's title,
or the document as a whole is about health (at least a third of its
statements name health; a whole party programme names it in under a fifth). A whole
programme's chapter on crime ("nye arbeidsmetoder", "forebygging") or on transport
("bevilgninger til rassikring") names no health anywhere: its issue words are not the
codebook's issues there.
"""

from __future__ import annotations

from functools import lru_cache

from planatlas.coding import matching
from planatlas.coding.positions import stance
from planatlas.coding.taxonomy import Taxonomy, active_taxonomy, builtin_taxonomy
from planatlas.records import Document, Statement

HEALTH = "health"
HEALTH_DOCUMENT_SHARE = 1 / 3  # statements naming health that make a document a health one
_DOCUMENTS_KEPT = 8  # documents whose answer is remembered (each is asked once per statement)

__all__ = [
    "health_document",
    "names_added_topic",
    "names_field",
    "names_health",
    "placed",
    "within",
]


@lru_cache(maxsize=16_384)
def names_health(text: str | None) -> bool:
    """Whether a health word stands in a text."""
    if not text:
        return False
    return any(h.label == HEALTH for h in stance().domains.find(matching.tokens(text)))


def within(statement: Statement, doc: Document, taxonomy: Taxonomy | None = None) -> bool:
    """Whether the statement stands within the codebook's field (see the module)."""
    return names_field(statement.text, taxonomy) or placed(statement, doc)


def names_field(text: str, taxonomy: Taxonomy | None = None) -> bool:
    """Whether a text names health, or a topic the user's taxonomy adds, by its own words."""
    return names_health(text) or names_added_topic(text, taxonomy or active_taxonomy())


def names_added_topic(text: str, taxonomy: Taxonomy) -> bool:
    """Whether the text names a topic the taxonomy adds to the built-in one."""
    added = _added_topics(taxonomy)
    return bool(added) and any(
        h.label.startswith("topic:") and h.label[len("topic:") :] in added
        for h in matching.taxonomy_hits(text, "nb", taxonomy)
    )


@lru_cache(maxsize=8)
def _added_topics(taxonomy: Taxonomy) -> frozenset[str]:
    return frozenset(taxonomy.topics) - frozenset(builtin_taxonomy().topics)


def placed(statement: Statement, doc: Document) -> bool:
    """Whether the statement's place is within the field, whatever its own words: a health
    word in its lead-in, a heading above it or the document's title, or a health document.
    A statement within the field by its own words alone is a health sentence in another
    chapter (the model's scope head holds it to a stricter margin)."""
    return (
        names_health(statement.lead_in)
        or any(names_health(heading) for heading in statement.section)
        or names_health(doc.title)
        or health_document(doc)
    )


_documents: dict[int, tuple[Document, int, bool]] = {}


def health_document(doc: Document) -> bool:
    """Whether at least a third of the document's statements name health."""
    known = _documents.get(id(doc))
    if known is not None and known[0] is doc and known[1] == len(doc.statements):
        return known[2]
    count = len(doc.statements)
    naming = sum(1 for s in doc.statements if names_health(s.text))
    found = count > 0 and naming >= HEALTH_DOCUMENT_SHARE * count
    if len(_documents) >= _DOCUMENTS_KEPT:
        _documents.pop(next(iter(_documents)))
    _documents[id(doc)] = (doc, count, found)  # the document kept: its id is not reused
    return found
