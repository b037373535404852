"""Split running text into sentences, knowing Norwegian abbreviations.

A full stop ends a sentence when the next word starts with a capital letter, a digit or an
opening quote, unless the word before it is a known abbreviation ("bl.a.", "Meld. St."), a
single initial, or an ordinal date ("1. mars" never splits: "mars" is lower case).
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

_BOUNDARY = re.compile(r"(?<=[.!?])([»”\"')\]]*)\s+(?=[«\"“'(\[]?[A-ZÆØÅÉÄÖÜ0-9])")


@cache
def abbreviations() -> frozenset[str]:
    text = files("planatlas").joinpath("data/abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, in order, whitespace as in the input (stripped)."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(1)
        if _is_abbreviation(text[start:end]):
            continue
        sentences.append(text[start:end].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if s]


def _is_abbreviation(candidate: str) -> bool:
    """True when the full stop ending `candidate` belongs to an abbreviation or initial."""
    stripped = candidate.rstrip("»”\"')] ")
    if not stripped.endswith("."):
        return False
    word = stripped.rsplit(None, 1)[-1].lstrip("(«\"“'").lower()
    if word in abbreviations():
        return True
    # A single capital initial ("O. Hansen"), but not a one-letter word ending a sentence.
    return len(word) == 2 and word[0].isalpha() and stripped.rsplit(None, 1)[-1][0].isupper()
