"""The shared library: interpellations, hearing responses, letters and articles that members
have uploaded, listed by topic, body and date, and searchable like everything else.

A document's topics are those of its statements; its body (kommunestyre, fylkesting,
Storting) is the body of the people linked to it as speaker or author (followup/contacts.py);
its date is the date it gives, else the day it was stored. A private document is listed only
for its own organisation; the people behind a document only for the organisation whose contact
list they are on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from planatlas.accounts import store as accounts
from planatlas.accounts.roles import Viewer
from planatlas.followup.contacts import people_of
from planatlas.questions.search import search
from planatlas.records import Filters
from planatlas.store import Atlas

GENRES = ("interpellation", "hearing_response", "letter", "article", "news")
TOP_TOPICS = 3
SEARCHED = 1000  # hits looked at when the library is searched


@dataclass(frozen=True)
class Entry:
    document_id: int
    title: str
    actor: str | None
    genre: str
    date: str
    topics: list[str]
    bodies: list[str]
    people: list[str] = field(default_factory=list)


def library(
    atlas: Atlas,
    viewer: Viewer,
    *,
    topic: str | None = None,
    body: str | None = None,
    year: str | None = None,
    query: str | None = None,
) -> list[Entry]:
    """The library's documents the viewer may see, newest first, narrowed as asked."""
    entries = [e for e in _entries(atlas, viewer) if _passes(e, topic, body, year)]
    if query:
        matched = _matching(atlas, query, [e.document_id for e in entries])
        entries = [e for e in entries if e.document_id in matched]
    return sorted(entries, key=lambda e: (e.date, e.document_id), reverse=True)


def _passes(entry: Entry, topic: str | None, body: str | None, year: str | None) -> bool:
    return (
        (topic is None or topic in entry.topics)
        and (body is None or body in entry.bodies)
        and (year is None or entry.date.startswith(year))
    )


def _entries(atlas: Atlas, viewer: Viewer) -> list[Entry]:
    hidden = accounts.private_documents(atlas)
    found = []
    for d in atlas.documents():
        if d.genre not in GENRES:
            continue
        if d.id in hidden and not viewer.reads(accounts.owner_of(atlas, d.id)):
            continue
        doc = atlas.document(d.id)
        date = doc.published or atlas.versions(d.id)[-1].ingested_at.date().isoformat()
        counts = Counter(t for s in doc.statements for t in s.coding.topics)
        people = people_of(atlas, d.id)
        found.append(Entry(
            d.id, d.title or d.source, d.actor, str(d.genre), date,
            [t for t, _ in counts.most_common(TOP_TOPICS)],
            sorted({p.body for p, _ in people if p.body}),
            [f"{p.name} ({relation})" for p, relation in people if viewer.reads(p.organisation_id)],
        ))  # fmt: skip
    return found


def _matching(atlas: Atlas, query: str, documents: list[int]) -> set[int]:
    """The library documents that have a statement matching the query (as search matches)."""
    found = set()
    for document in documents:
        hits = search(atlas, query, Filters(document=document), limit=1, offset=0)
        if hits.total:
            found.add(document)
    return found
