"""Which written form a statement is in: Bokmål (nb), Nynorsk (nn), English (en) or other.

Marker words and endings (data/language_markers.yaml) decide clear cases at once; the rest
go to lingua, restricted to nb and nn (with en, da and sv to catch other languages) and
loaded once on first use. Short statements ("Fleire LIS1") lean on the document's language.
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
    return Markers(
        words={lang: frozenset(raw[lang]["words"]) for lang in languages},
        endings={
            lang: re.compile("|".join(raw[lang]["endings"]))
            for lang in languages
            if raw[lang].get("endings")
        },
        short_statement=int(raw["short_statement"]),
        mixed_share=float(raw["mixed_share"]),
    )


@cache
def _detector() -> Any:
    """The lingua detector, built once: nb and nn, plus en, da and sv to catch others."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.BOKMAL, Language.NYNORSK, Language.ENGLISH]
    languages += [Language.DANISH, Language.SWEDISH]
    return LanguageDetectorBuilder.from_languages(*languages).build()


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


def evidence(text: str) -> Evidence:
    """Count the marker words of each language in a text."""
    nn = nb = en = 0
    words = _WORD.findall(text.lower())
    for word in words:
        is_nn, is_nb, is_en = _word_votes(word)
        nn += is_nn and not is_nb
        nb += is_nb and not is_nn
        en += is_en
    return Evidence(nn=nn, nb=nb, en=en, words=len(words))


def _lingua(text: str) -> dict[str, float]:
    values = _detector().compute_language_confidence_values(text)
    return {value.language.iso_code_639_1.name.lower(): float(value.value) for value in values}


def detect(text: str, prior: str | None = None) -> tuple[str, float]:
    """The language of a statement ("nb", "nn", "en" or "other") and a confidence in 0-1."""
    return _detect(" ".join(text.split()), prior)


@lru_cache(maxsize=50_000)
def _detect(text: str, prior: str | None) -> tuple[str, float]:
    found = evidence(text)
    if found.words == 0:
        return (prior or "other", 0.0)
    if found.en >= 2 and found.en * 2 >= found.words:
        return ("en", min(1.0, 0.5 + found.en / found.words / 2))
    lead = found.nn - found.nb
    if lead and min(found.nn, found.nb) == 0:  # the markers agree: no need to ask lingua
        return ("nn" if lead > 0 else "nb", 0.95 if abs(lead) >= 2 else 0.8)
    if found.words < markers().short_statement:
        return _short(found, prior, text)
    return _weigh(text, lead, prior)


def _short(found: Evidence, prior: str | None, text: str) -> tuple[str, float]:
    """A short statement: its markers if they agree, else the document's language."""
    lead = found.nn - found.nb
    if lead:
        return ("nn" if lead > 0 else "nb", 0.8)
    if prior in ("nb", "nn", "en"):
        return (prior, 0.6)
    return _weigh(text, 0, prior)


def _weigh(text: str, lead: int, prior: str | None) -> tuple[str, float]:
    """lingua's view, nudged by marker words and the document's language."""
    scores = _lingua(text)
    best = max(scores, key=lambda lang: scores[lang]) if scores else "nb"
    norwegian = scores.get("nb", 0.0) + scores.get("nn", 0.0)
    if best not in ("nb", "nn") and scores[best] > 0.6 and lead == 0:
        return ("en" if best == "en" else "other", scores[best])
    nudge = 0.25 * lead + (0.15 if prior == "nn" else -0.15 if prior == "nb" else 0.0)
    nynorsk = scores.get("nn", 0.0) / norwegian if norwegian else 0.5
    nynorsk = min(1.0, max(0.0, nynorsk + nudge))
    if nynorsk > 0.5 or (nynorsk == 0.5 and prior == "nn"):
        return ("nn", nynorsk)
    return ("nb", 1.0 - nynorsk)


def detect_document(texts: list[str]) -> tuple[str, float]:
    """The language of a document: "nb", "nn", "en", "mixed" (both written forms), or "other"."""
    weights: Counter[str] = Counter()
    for text in texts:
        language, _ = detect(text)
        weights[language] += max(1, len(_WORD.findall(text)))
    total = sum(weights.values())
    if not total:
        return ("other", 0.0)
    share = {language: weight / total for language, weight in weights.items()}
    if min(share.get("nb", 0.0), share.get("nn", 0.0)) >= markers().mixed_share:
        return ("mixed", share["nb"] + share["nn"])
    best = max(share, key=lambda language: share[language])
    return (best, share[best])
