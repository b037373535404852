"""Full-text search over stored statements, in Norwegian, with the analysis's normalisation.

>>> results = search(atlas, "sjukehusa nord", Filters(topic="hospitals"), limit=10)
>>> results.total                   # every match, not only this page
>>> results.hits[0].highlighted     # "<mark>Sykehusene</mark> i <mark>Nord</mark>-Norge må ..."

A query is plain words; nothing in it is an operator. Each word is normalised as the statements
were when they were stored (coding/normalize.py: the lemma, Nynorsk folded to Bokmål, a compound
also as its parts), read both as Bokmål and as Nynorsk, since a query's language is unknown. A
statement matches when it has every word: the word itself, its lemma, or all of its compound
parts ("rammefinansiering" finds "ramme ... finansiering"). A query without words lists the
statements the filters let through, in document order.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from planatlas.coding.normalize import terms
from planatlas.records import Filters
from planatlas.store import Atlas, StoredStatement
from planatlas.store.fulltext import Forms, Word

MAX_WORDS = 32  # words of a query that count; the rest are ignored
MAX_WORD_LENGTH = 64  # longer "words" are not words and are ignored
_LANGUAGES = ("nb", "nn")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Hit:
    """One matching statement, its score (higher is better) and its text with matches marked."""

    statement: StoredStatement
    score: float
    highlighted: str  # HTML: the text escaped, the matched words in <mark>...</mark>


@dataclass(frozen=True)
class SearchResults:
    """One page of the statements that match a query, best first."""

    query: str
    total: int  # all matches, not just this page
    hits: list[Hit]
    limit: int
    offset: int


def search(
    atlas: Atlas,
    query: str,
    filters: Filters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Statements of the latest document versions that match the query and every filter."""
    limit, offset = max(0, limit), max(0, offset)
    words = query_words(query)
    filters = filters or Filters()
    total, found = atlas.find(words, filters, limit=limit, offset=offset)
    marked = set().union(*(w.terms() for w in words))
    hits = [Hit(s, score, highlight(s.text, marked, s.coding.language)) for s, score in found]
    return SearchResults(query, total, hits, limit, offset)


def query_words(query: str) -> list[Word]:
    """The query's words, each with what it may match; at most MAX_WORDS, repeats dropped."""
    tokens = [t for t in _WORD.findall(query.lower()) if len(t) <= MAX_WORD_LENGTH]
    return [_word(token) for token in list(dict.fromkeys(tokens))[:MAX_WORDS]]


def _word(token: str) -> Word:
    """A word matches as written or as its lemma, or, where it is a compound, by its parts."""
    forms, readings = [token], []
    for language in _LANGUAGES:
        found = terms(token, language)
        if _is_lemma(found):
            forms.append(found[0])
        if len(found) > 1:  # a compound's parts, or the Bokmål phrase a Nynorsk word folds to
            parts = found[1:] if _is_lemma(found) else found
            readings.append(tuple(_forms(part) for part in parts))
    first: tuple[Forms, ...] = (tuple(dict.fromkeys(forms)),)
    return Word(tuple(dict.fromkeys([first, *readings])))


def _is_lemma(found: list[str]) -> bool:
    """Whether the first of a token's terms is its lemma: it is, unless the token folded to a
    phrase ("attåt" -> "i tillegg"); a compound's lemma begins with its first part."""
    return len(found) == 1 or found[0].startswith(found[1])


def _forms(part: str) -> Forms:
    """A compound part as written and as its lemma, read as Bokmål and as Nynorsk."""
    forms = [part]
    for language in _LANGUAGES:
        found = terms(part, language)
        if _is_lemma(found):
            forms.append(found[0])
    return tuple(dict.fromkeys(forms))


def highlight(text: str, marked: set[str], language: str | None = None) -> str:
    """The text as HTML: escaped, each word whose terms include a marked term in <mark>."""
    out: list[str] = []
    done = 0
    for match in _WORD.finditer(text):
        word = match[0].lower()
        if word in marked or not marked.isdisjoint(terms(word, language or "nb")):
            out.append(html.escape(text[done : match.start()]))
            out.append(f"<mark>{html.escape(match[0])}</mark>")
            done = match.end()
    out.append(html.escape(text[done:]))
    return "".join(out)
