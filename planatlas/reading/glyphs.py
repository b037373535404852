"""Repair ligatures that a PDF's font maps to the wrong letter ("oWentlige" for "offentlige").

Some fonts map the glyph of a ligature (ff, fi, fl, ffi, ffl) to an unrelated capital letter,
so every word with the ligature comes out with a capital inside it. Across a document, a
capital letter between small letters is tried as each ligature; where one ligature turns most
of those words into words the dictionary knows (simplemma, Bokmål and Nynorsk), that letter
stands for it throughout the document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import simplemma

LIGATURES = ("ff", "fi", "fl", "ffi", "ffl", "ft")
MIN_WORDS = 3  # distinct words with the capital inside before a letter is judged
KNOWN_SHARE = 0.6
_INSIDE = re.compile(r"(?<=[a-zæøå])([A-Z])(?=[a-zæøå])")
_FINAL = re.compile(r"\b[a-zæøåA-ZÆØÅ]?[a-zæøå]{2,}[A-Z]\b")
_WORD = re.compile(r"\b[a-zæøåA-ZÆØÅ]*[a-zæøå][A-Z][a-zæøå]+\b")


def repairs(texts: Iterable[str]) -> dict[str, str]:
    """The capital letters that stand for a ligature in these texts, and the ligature."""
    words: dict[str, set[str]] = {}
    # one search over all the lines: no word runs across a line break
    for word in _WORD.findall("\n".join(texts)):
        for letter in set(_INSIDE.findall(word)):
            words.setdefault(letter, set()).add(word)
    found = {}
    for letter, group in words.items():
        if len(group) < MIN_WORDS:
            continue
        known: Counter[str] = Counter()
        for ligature in LIGATURES:
            known[ligature] = sum(1 for w in group if _known(w.replace(letter, ligature)))
        ligature, count = known.most_common(1)[0]
        if count >= KNOWN_SHARE * len(group):
            found[letter] = ligature
    return found


def repaired(text: str, found: dict[str, str]) -> str:
    """The text with each capital that stands for a ligature replaced: inside a word always,
    ending one ("straW") where that makes a known word."""
    if not found:
        return text
    text = _INSIDE.sub(lambda m: found.get(m[1], m[1]), text)
    return _FINAL.sub(lambda m: _final(m[0], found), text)


def _final(word: str, found: dict[str, str]) -> str:
    ligature = found.get(word[-1])
    if ligature is None:
        return word
    candidate = word[:-1] + ligature
    return candidate if _known(candidate) else word


def _known(word: str) -> bool:
    lowered = word.lower()
    return bool(simplemma.is_known(lowered, lang="nb") or simplemma.is_known(lowered, lang="nn"))
