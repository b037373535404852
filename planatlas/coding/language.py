"""Which written form a statement is in: Bokmål (nb), Nynorsk (nn), English (en) or other.

Marker words and endings (data/language_markers.yaml) decide clear cases at once; the rest
go to lingua, restricted to nb and nn (with en, da and sv to catch other languages) and
loaded once on first use. Short statements ("Fleire LIS1") lean on the document's language,
and so does a statement without a single marker word in a Bokmål or Nynorsk document: the
document's language was itself weighed by lingua over all its statements, and lingua alone
(about 0.25 ms a statement) hardly ever overrules it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

_WORD = re.compile(r"[^\W\d_]+")
UNMARKED_CONFIDENCE = 0.7  # no marker word: the written form of the document


@dataclass(frozen=True)
class Markers:
    """Marker words and endings per language, and the thresholds that use them."""

    words: dict[str, frozenset[str]]
    endings: dict[str, re.Pattern[str]]
    short_statement: int
    mixed_share: float


@dataclass(frozen=True)
class Evidence:
    """How many words of a text point to each language."""

    nn: int
    nb: int
    en: int
    words: int


@cache
def markers() -> Markers:
    """Load data/language_markers.yaml once."""
    text = resources.files("planatlas").joinpath("data", "language_markers.yaml")
    raw: dict[str, Any] = yaml.safe_load(text.read_text(encoding="utf-8"))
    languages = ("nn", "nb", "en")
    words = {lang: frozenset(raw[lang]["words"]) for lang in languages}
    if raw.get("nynorsk_folds_are_markers"):
        words["nn"] |= _nynorsk_only_folds(words["nb"])
    return Markers(
        words=words,
        endings={
            lang: re.compile("|".join(raw[lang]["endings"]))
            for lang in languages
            if raw[lang].get("endings")
        },
        short_statement=int(raw["short_statement"]),
        mixed_share=float(raw["mixed_share"]),
    )


def _nynorsk_only_folds(bokmal_markers: frozenset[str]) -> frozenset[str]:
    """Nynorsk words of data/nn_nb.tsv ("tilbodet", "legar") that no Bokmål text uses: not
    a form of simplemma's Bokmål dictionary, nor a Bokmål marker."""
    from planatlas.coding import normalize

    dictionary = normalize.bokmal()
    return frozenset(
        word
        for word in normalize.folds().words
        if word.isalpha() and word not in bokmal_markers and dictionary.get(word) is None
    )


@cache
def _detector() -> Any:
    """The lingua detector, built once: nb and nn, plus en, da and sv to catch others."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.BOKMAL, Language.NYNORSK, Language.ENGLISH]
    languages += [Language.DANISH, Language.SWEDISH]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def load() -> None:
    """Load lingua's language models now: its first detection loads them (about a second),
    and worker processes forked afterwards share them."""
    _detector().compute_language_confidence_values("Vi vil ha eit sterkare helsevesen.")


@lru_cache(maxsize=100_000)
def _word_votes(word: str) -> tuple[bool, bool, bool]:
    """Whether one lowercased word points to nn, nb and en."""
    table = markers()
    votes = []
    for lang in ("nn", "nb", "en"):
        hit = word in table.words[lang]
        if not hit and lang in table.endings and not _in_other_list(word, lang):
            hit = table.endings[lang].fullmatch(word) is not None
        votes.append(hit)
    return votes[0], votes[1], votes[2]


def _in_other_list(word: str, lang: str) -> bool:
    table = markers()
    return any(word in words for other, words in table.words.items() if other != lang)


@lru_cache(maxsize=4096)
def evidence(text: str) -> Evidence:
    """Count the marker words of each language in a text (remembered for the last texts:
    a document's language and its statements' ask about the same ones)."""
    nn = nb = en = 0
    words = _WORD.findall(text.lower())
    for word in words:
        is_nn, is_nb, is_en = _word_votes(word)
        nn += is_nn and not is_nb
        nb += is_nb and not is_nn
        en += is_en
    return Evidence(nn=nn, nb=nb, en=en, words=len(words))


@lru_cache(maxsize=20_000)
def _lingua(text: str) -> dict[str, float]:
    """lingua's confidence per language (remembered: a document's language and each of its
    statements' ask about the same texts)."""
    values = _detector().compute_language_confidence_values(text)
    return {value.language.iso_code_639_1.name.lower(): float(value.value) for value in values}


def detect(text: str, prior: str | None = None) -> tuple[str, float]:
    """The language of a statement ("nb", "nn", "en" or "other") and a confidence in 0-1."""
    return _detect(" ".join(text.split()), prior)


@lru_cache(maxsize=50_000)
def _detect(text: str, prior: str | None) -> tuple[str, float]:
    found = evidence(text)
    return _without_lingua(found, prior) or _weigh(text, found.nn - found.nb, prior)


def _without_lingua(found: Evidence, prior: str | None) -> tuple[str, float] | None:
    """The answer where the marker words and the document's language settle it, else None."""
    if found.words == 0:
        return (prior or "other", 0.0)
    if found.en >= 2 and found.en * 2 >= found.words:
        return ("en", min(1.0, 0.5 + found.en / found.words / 2))
    lead = found.nn - found.nb
    if lead and min(found.nn, found.nb) == 0:  # the markers agree: no need to ask lingua
        return ("nn" if lead > 0 else "nb", 0.95 if abs(lead) >= 2 else 0.8)
    short = found.words < markers().short_statement
    if not found.nn and not found.nb and prior in ("nb", "nn") and not short:
        return (prior, UNMARKED_CONFIDENCE)
    if short and lead:
        return ("nn" if lead > 0 else "nb", 0.8)  # a short statement: its markers, if any
    if short and prior in ("nb", "nn", "en"):
        return (prior, 0.6)  # ... else the document's language
    nudge = _nudge(lead, prior)
    if abs(nudge) > 0.5:  # markers and document outweigh whatever lingua would say
        return ("nn" if nudge > 0 else "nb", 1.0)
    return None


def _nudge(lead: int, prior: str | None) -> float:
    """How far marker words and the document's language move lingua's share of Nynorsk."""
    return 0.25 * lead + (0.15 if prior == "nn" else -0.15 if prior == "nb" else 0.0)


def _weigh(text: str, lead: int, prior: str | None) -> tuple[str, float]:
    """lingua's view, nudged by marker words and the document's language."""
    scores = _lingua(text)
    best = max(scores, key=lambda lang: scores[lang]) if scores else "nb"
    norwegian = scores.get("nb", 0.0) + scores.get("nn", 0.0)
    if best not in ("nb", "nn") and scores[best] > 0.6 and lead == 0:
        return ("en" if best == "en" else "other", scores[best])
    nynorsk = scores.get("nn", 0.0) / norwegian if norwegian else 0.5
    nynorsk = min(1.0, max(0.0, nynorsk + _nudge(lead, prior)))
    if nynorsk > 0.5 or (nynorsk == 0.5 and prior == "nn"):
        return ("nn", nynorsk)
    return ("nb", 1.0 - nynorsk)


def detect_document(texts: list[str]) -> tuple[str, float]:
    """The language of a document: "nb", "nn", "en", "mixed" (both written forms), or "other".

    Statements that marker words decide are counted first; lingua is asked about the rest,
    longest first, only while they could still change the answer (the confidence is then
    the least share the answer can have)."""
    weights: Counter[str] = Counter()
    undecided: list[tuple[int, str]] = []
    for text in texts:
        size = max(1, len(_WORD.findall(text)))
        found = _without_lingua(evidence(" ".join(text.split())), None)
        if found is None:
            undecided.append((size, text))
        else:
            weights[found[0]] += size
    undecided.sort(key=lambda item: -item[0])
    open_weight = sum(size for size, _ in undecided)
    for size, text in undecided:
        settled = _settled(weights, open_weight)
        if settled is not None:
            return settled
        weights[detect(text)[0]] += size
        open_weight -= size
    return _document_answer(weights)


def _settled(weights: Counter[str], open_weight: int) -> tuple[str, float] | None:
    """The document's language if no way of counting the undecided words can change it."""
    total = sum(weights.values()) + open_weight
    if not open_weight or not total:
        return _document_answer(weights) if not open_weight else None
    least = {language: weights[language] / total for language in ("nb", "nn")}
    if min(least.values()) >= markers().mixed_share:
        return ("mixed", least["nb"] + least["nn"])
    if min(weights[f] + open_weight for f in ("nb", "nn")) / total >= markers().mixed_share:
        return None  # the undecided words could make it mixed
    best = max(weights, key=lambda language: weights[language], default=None)
    if best is None:
        return None
    others = [w for language, w in weights.items() if language != best] + [0]
    if weights[best] > max(others) + open_weight:
        return (best, weights[best] / total)
    return None


def _document_answer(weights: Counter[str]) -> tuple[str, float]:
    total = sum(weights.values())
    if not total:
        return ("other", 0.0)
    share = {language: weight / total for language, weight in weights.items()}
    if min(share.get("nb", 0.0), share.get("nn", 0.0)) >= markers().mixed_share:
        return ("mixed", share["nb"] + share["nn"])
    best = max(share, key=lambda language: share[language])
    return (best, share[best])
