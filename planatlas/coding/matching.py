"""Fast matching of lexicon terms against a statement's tokens.

Terms are compiled once into three lookup tables (whole words, word stems ending in `*`,
fragments `*x*`). Each distinct token is looked up once and its matching keys cached, so
a statement costs one tokenising regex, a cached set per token, and a short walk over the
terms that start with a key found. Multi-word terms match consecutive tokens, with at most
`gap` other tokens between two words.

In "lemma" mode a token also matches through its normalised terms
(`planatlas.coding.normalize`): its Bokmål lemma and its compound parts. In "surface" mode
only the token as written counts (direction words, where "flere" must not become "mange").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Literal, NamedTuple

from planatlas.coding import normalize, patterns
from planatlas.coding.taxonomy import Taxonomy

Mode = Literal["lemma", "surface"]
TOKEN = re.compile(r"[^\W_]+|[.;:!?,]")
_CACHE_LIMIT = 200_000


class Hit(NamedTuple):
    """A term found in a statement: its label and token span [start, end)."""

    label: str
    start: int
    end: int
    term: str


class _Pattern(NamedTuple):
    label: str
    rest: tuple[str, ...]  # keys of the words after the first
    term: str


class _Token(NamedTuple):
    """What one token satisfies: its word keys, and the terms that may start at it."""

    keys: frozenset[str]
    starts: tuple[_Pattern, ...]


@lru_cache(maxsize=1_024)
def tokens(text: str) -> tuple[str, ...]:
    """Lowercased word tokens, with sentence and clause punctuation kept as tokens
    (remembered for the last texts: the taxonomy's terms and the health words of field.py
    are looked for in the same statements)."""
    return tuple(TOKEN.findall(text.lower()))


class Matcher:
    """A compiled set of labelled terms."""

    def __init__(self, terms: Iterable[tuple[str, str]], mode: Mode = "lemma", gap: int = 1):
        self.mode = mode
        self.gap = gap
        self._exact: dict[str, set[str]] = {}
        self._prefix: set[str] = set()
        self._infix: set[str] = set()
        self._index: dict[str, list[_Pattern]] = {}
        self._cache: dict[str, dict[str, _Token]] = {}  # language -> token -> _Token
        self._variant_keys: dict[str, frozenset[str]] = {}  # variant -> its keys, any language
        for label, term in terms:
            self._add(label, term)
        self._prefix_trie = patterns.trie(self._prefix)

    def _add(self, label: str, term: str) -> None:
        words = [w for w in re.split(r"[\s\-–/]+", term.strip().lower()) if w]
        keys = [key for word in words if (key := self._word_key(word))]
        if not keys:
            return
        first, rest = keys[0], tuple(keys[1:])
        self._index.setdefault(first, []).append(_Pattern(label, rest, term))

    def _word_key(self, word: str) -> str:
        core = word.strip("*\"'")
        core = "".join(TOKEN.findall(core)) if core != "," else core
        if not core:
            return ""
        if word.startswith("*") and word.endswith("*") and len(word) > 2:
            self._infix.add(core)
            return "~" + core
        if word.endswith("*"):
            self._prefix.add(core)
            return ">" + core
        key = "=" + core
        self._exact.setdefault(core, set()).add(key)
        if self.mode == "lemma" and core[0].isalpha():
            self._exact.setdefault(normalize.token_terms(core, "nb")[0], set()).add(key)
        return key

    def keys(self, token: str, language: str = "nb") -> frozenset[str]:
        """The word keys one token satisfies (cached)."""
        return self._token(token, language).keys

    def _token(self, token: str, language: str) -> _Token:
        cache = self._cache.get(language)
        if cache is None:
            cache = self._cache[language] = {}
        found = cache.get(token)
        if found is None:
            keys = self._compute_keys(token, language)
            # in key order, not set order: the hits come out the same in every process
            starts = tuple(p for key in sorted(keys) for p in self._index.get(key, ()))
            found = _Token(keys, starts)
            if len(cache) < _CACHE_LIMIT:
                cache[token] = found
        return found

    def _variants(self, token: str, language: str) -> tuple[str, ...]:
        if self.mode == "surface" or not token[0].isalpha():
            return (token,)
        return (token, *normalize.token_terms(token, language))

    def _compute_keys(self, token: str, language: str) -> frozenset[str]:
        variants = self._variants(token, language)
        if len(variants) == 1:
            return self._keys_of(variants[0])
        return frozenset().union(*map(self._keys_of, variants))

    def _keys_of(self, variant: str) -> frozenset[str]:
        """The keys one written form satisfies (cached: a lemma or a compound part is the
        variant of many tokens, and of the same token in the other language)."""
        found = self._variant_keys.get(variant)
        if found is None:
            found = frozenset(self._variant_key_set(variant))
            if len(self._variant_keys) < _CACHE_LIMIT:
                self._variant_keys[variant] = found
        return found

    def _variant_key_set(self, variant: str) -> set[str]:
        found = set(self._exact.get(variant, ()))
        found.update(">" + stem for stem in patterns.prefixes(self._prefix_trie, variant))
        # a substring test per fragment runs in C: cheaper than every slice of the word
        found.update("~" + fragment for fragment in self._infix if fragment in variant)
        return found

    def find(self, toks: tuple[str, ...], language: str = "nb") -> list[Hit]:
        """Every term occurrence in the tokens, in order of start."""
        cache = self._cache.get(language) or {}
        found = [cache.get(t) or self._token(t, language) for t in toks]
        keys: list[frozenset[str]] = []
        present: set[str] = set()  # every key of the text: most terms' second word is not
        hits: list[Hit] = []
        for i, here in enumerate(found):
            for pattern in here.starts:
                if not pattern.rest:
                    hits.append(Hit(pattern.label, i, i + 1, pattern.term))
                    continue
                if not keys:
                    keys = [t.keys for t in found]
                    present = present.union(*keys)
                if pattern.rest[0] not in present:
                    continue
                end = _match_rest(pattern.rest, keys, i + 1, self.gap)
                if end is not None:
                    hits.append(Hit(pattern.label, i, end, pattern.term))
        hits.sort(key=_by_place)
        return hits


def _by_place(hit: Hit) -> tuple[int, int]:
    return hit.start, -hit.end


def _match_rest(
    rest: tuple[str, ...], keys: list[frozenset[str]], start: int, gap: int
) -> int | None:
    """Token index after the last word of `rest` matched from `start`, or None."""
    position = start
    for key in rest:
        for j in range(position, min(position + gap + 1, len(keys))):
            if key in keys[j]:
                position = j + 1
                break
        else:
            return None
    return position


def labelled(groups: dict[str, Iterable[str]]) -> list[tuple[str, str]]:
    """(label, term) pairs from {label: terms}."""
    return [(label, term) for label, terms in groups.items() for term in terms]


Finder = Callable[[tuple[str, ...], str], list[Hit]]


_TAXONOMY_MATCHERS: dict[int, tuple[object, Matcher]] = {}


def taxonomy_matcher(taxonomy: Taxonomy) -> Matcher:
    """One matcher over every term of a taxonomy (built once per taxonomy object)."""
    cached = _TAXONOMY_MATCHERS.get(id(taxonomy))
    if cached is not None and cached[0] is taxonomy:
        return cached[1]
    pairs: list[tuple[str, str]] = []
    for topic in taxonomy.topics.values():
        pairs += [(f"topic:{topic.id}", t) for t in topic.terms]
        pairs += [(f"weak:{topic.id}", t) for t in topic.weak_terms]
    for issue in taxonomy.issues.values():
        pairs += [(f"issue:{issue.id}", t) for t in issue.terms]
        pairs += [(f"inverse:{issue.id}", t) for t in issue.inverse_terms]
        pairs += [(f"plus:{issue.id}", t) for t in issue.plus_terms]
        pairs += [(f"minus:{issue.id}", t) for t in issue.minus_terms]
    matcher = Matcher(pairs, mode="lemma")
    _TAXONOMY_MATCHERS[id(taxonomy)] = (taxonomy, matcher)
    return matcher


def taxonomy_hits(text: str, language: str, taxonomy: Taxonomy) -> list[Hit]:
    """Every taxonomy term in a text."""
    return list(tokens_and_hits(text, language, taxonomy)[1])


def tokens_and_hits(
    text: str, language: str, taxonomy: Taxonomy
) -> tuple[tuple[str, ...], tuple[Hit, ...]]:
    """The tokens of a text and every taxonomy term in it (the last few texts are
    remembered: topics and positions both ask about the same statement)."""
    key = (text, language, taxonomy)
    found = _RECENT.get(key)
    if found is None:
        toks = tokens(text)
        found = (toks, tuple(taxonomy_matcher(taxonomy).find(toks, language)))
        if len(_RECENT) >= _RECENT_LIMIT:
            _RECENT.pop(next(iter(_RECENT)))
        _RECENT[key] = found
    return found


_RECENT: dict[tuple[str, str, Taxonomy], tuple[tuple[str, ...], tuple[Hit, ...]]] = {}
_RECENT_LIMIT = 64
