"""Normalisation for matching: lowercased lemma-like terms, Nynorsk folded to Bokmål.

"helseføretaka" -> ["helseforetak", "helse", "foretak"]; "tenestene" -> ["tjeneste"].

A token goes through: Nynorsk word and stem folds (data/nn_nb.tsv), a lookup in the
Bokmål dictionary simplemma ships, Nynorsk ending swaps, simplemma's Nynorsk lemma, and
last a compound split (data/compounds.yaml). Each token is worked out once and cached, so
running text costs a regex scan and a dictionary lookup per token.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import simplemma
import yaml
from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Folds:
    """The Nynorsk -> Bokmål folds of data/nn_nb.tsv, by scope."""

    words: dict[str, str]
    nn_words: dict[str, str]
    stems: dict[str, str]
    stem_pattern: re.Pattern[str] | None
    suffixes: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class CompoundRules:
    """Which compound splits are trusted (data/compounds.yaml)."""

    min_word: int
    min_part: int
    links: tuple[str, ...]
    heads: frozenset[str]
    shortest: int  # length of the shortest part
    never_split: frozenset[str]


def _data_text(name: str) -> str:
    return resources.files("planatlas").joinpath("data", name).read_text(encoding="utf-8")


@cache
def folds() -> Folds:
    """Load data/nn_nb.tsv once."""
    tables: dict[str, dict[str, str]] = {"word": {}, "nnword": {}, "stem": {}, "suffix": {}}
    for line in _data_text("nn_nb.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        nynorsk, bokmal, scope = line.split("\t")
        tables[scope].setdefault(nynorsk, bokmal)
    stems = tables["stem"]
    ordered = sorted(stems, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
    suffixes = sorted(tables["suffix"].items(), key=lambda kv: len(kv[0]), reverse=True)
    return Folds(
        words=tables["word"],
        nn_words=tables["nnword"],
        stems=stems,
        stem_pattern=pattern,
        suffixes=tuple((end, tuple(alt.split("|"))) for end, alt in suffixes),
    )


@cache
def bokmal() -> Mapping[str, str]:
    """simplemma's Bokmål form -> lemma dictionary (about 640,000 forms)."""
    return DEFAULT_DICTIONARY_FACTORY.get_dictionary("nb")


LEMMAS = "lemmas_nb.txt.gz"


def dictionary_lemmas() -> list[str]:
    """The alphabetic lemmas of simplemma's Bokmål dictionary, sorted: what data/lemmas_nb.txt.gz
    holds (rebuilt by tools/lemmas.py), since working them out costs a second per process."""
    return sorted({lemma for lemma in bokmal().values() if lemma.isalpha()})


def shipped_lemmas() -> list[str]:
    packed = resources.files("planatlas").joinpath("data", LEMMAS).read_bytes()
    return gzip.decompress(packed).decode("utf-8").split("\n")


@cache
def compound_rules() -> CompoundRules:
    """Load data/compounds.yaml and build the set of parts a compound may start with."""
    raw: dict[str, Any] = yaml.safe_load(_data_text("compounds.yaml"))
    min_part = int(raw["min_part"])
    lemmas = {lemma for lemma in shipped_lemmas() if len(lemma) >= min_part}
    heads = lemmas | set(raw["short_parts"]) | set(raw["extra_parts"])
    return CompoundRules(
        min_word=int(raw["min_word"]),
        min_part=min_part,
        links=tuple(raw["links"]),
        heads=frozenset(heads),
        shortest=min(map(len, heads)),
        never_split=frozenset(raw["never_split"]),
    )


def _stem_fold(word: str) -> str:
    table = folds()
    if table.stem_pattern is None:
        return word
    return table.stem_pattern.sub(lambda m: table.stems[m[0]], word)


def _suffix_candidates(word: str) -> list[str]:
    found: list[str] = []
    for ending, replacements in folds().suffixes:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            found.extend(word[: -len(ending)] + alt for alt in replacements)
    return found


def _known_lemma(word: str) -> str | None:
    """The Bokmål lemma of a word, trying Nynorsk ending swaps when the form is unknown."""
    dictionary = bokmal()
    lemma = dictionary.get(word)
    if lemma is not None:
        return lemma.lower()
    for candidate in _suffix_candidates(word):
        lemma = dictionary.get(candidate)
        if lemma is not None:
            return lemma.lower()
    return None


def _nynorsk_lemma(word: str) -> str | None:
    """simplemma's Nynorsk lemma, folded to a Bokmål lemma where it can be."""
    lemma = simplemma.lemmatize(word, lang=("nn", "nb")).lower()
    if lemma == word:
        return None
    folded = _stem_fold(folds().words.get(lemma, lemma))
    known = _known_lemma(folded)
    if known is None and folded.endswith("a"):
        known = _known_lemma(folded[:-1] + "e")  # Nynorsk a-infinitive: redusera -> redusere
    return known


def _fold_word(word: str, language: str) -> str:
    table = folds()
    if language == "nn" and word in table.nn_words:
        return table.nn_words[word]
    if word in table.words:
        return table.words[word]
    return _stem_fold(word)


@lru_cache(maxsize=200_000)
def token_terms(token: str, language: str = "nb") -> tuple[str, ...]:
    """Terms of one lowercased token: its lemma, then its compound parts if it has any."""
    word = _fold_word(token, language)
    if " " in word:  # a fold to a phrase ("attåt" -> "i tillegg")
        return tuple(word.split())
    lemma = _known_lemma(word)
    if lemma is None and language == "nn":
        lemma = _nynorsk_lemma(token)
    base = lemma or word
    parts = split_compound(base)
    if len(parts) == 1:
        return (base,)
    tail = parts[-1]
    tail_lemma = tail if tail in compound_rules().heads else (_known_lemma(tail) or tail)
    if lemma is None:
        lemma = base[: len(base) - len(tail)] + tail_lemma
        if lemma in compound_rules().never_split:  # an inflected form of a whole word
            return (lemma,)
    parts = (*parts[:-1], tail_lemma)
    inner = [sub for part in parts for sub in split_compound(part) if sub != part]
    return (lemma, *parts, *inner)


@lru_cache(maxsize=100_000)
def split_compound(word: str) -> tuple[str, ...]:
    """Split a word into known parts as written, fewest parts first; (word,) if it won't split."""
    rules = compound_rules()
    if len(word) < rules.min_word or word in rules.never_split or not word.isalpha():
        return (word,)
    return _split(word, rules, depth=0) or (word,)


def _split(word: str, rules: CompoundRules, depth: int) -> tuple[str, ...] | None:
    """Best split as head parts + a last part; None when no split is found."""
    best: tuple[str, ...] | None = None
    for cut in range(rules.shortest, len(word) - rules.min_part + 1):  # longest last part first
        tail = word[cut:]
        if not _is_last_part(tail, rules):
            continue
        heads = _split_heads(word[:cut], rules, depth)
        if heads is not None and (best is None or len(heads) + 1 < len(best)):
            best = (*heads, tail)
    return best


def _is_last_part(tail: str, rules: CompoundRules) -> bool:
    if tail in rules.heads:
        return True
    # .get, not `in`: the dictionary is a Mapping whose `in` raises and catches on a miss
    return len(tail) >= rules.min_part and bokmal().get(tail) is not None


def _split_heads(head: str, rules: CompoundRules, depth: int) -> tuple[str, ...] | None:
    """The head of a compound as parts, each optionally followed by a linking letter."""
    stems = [head] + [head[: -len(link)] for link in rules.links if head.endswith(link)]
    for stem in stems:
        if stem in rules.heads:
            return (stem,)
    if depth >= 3 or len(head) < 2 * rules.min_part:
        return None
    best: tuple[str, ...] | None = None
    for stem in reversed(stems):  # a linking letter first: helseforetak-s
        inner = _split(stem, rules, depth + 1)
        if inner is not None and (best is None or len(inner) < len(best)):
            best = inner
    return best


def terms(text: str, language: str = "nb") -> list[str]:
    """Lowercased lemma-like terms of a text, Nynorsk folded to Bokmål, compounds also split."""
    return tokens_terms(_TOKEN.findall(text.lower()), language)


def tokens_terms(tokens: Iterable[str], language: str = "nb") -> list[str]:
    """The terms of a text already split into lowercased `\\w+` tokens (see `terms`)."""
    found: list[str] = []
    for token in tokens:
        found.extend(token_terms(token, language))
    return found


def fold(text: str, language: str = "nb") -> str:
    """The terms of a text joined by spaces: a Bokmål-folded string for search and matching."""
    return " ".join(terms(text, language))
