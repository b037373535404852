"""Citations of other documents and names of organisations in a statement.

references("NOU 2023:8 Fellesskapets sjukehus") -> ["NOU 2023:8"]; citations come back in one
normal spelling ("Meld. St. 15 (2022–2023)", en dash, single spaces). Organisations come
from the gazetteer data/organisations.yaml, plus capitalised names that end like one
("-direktoratet", "-forbundet", ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planatlas.coding.patterns import literal_alternation

_YEARS = r"\(\s*(?P<y1>\d{4})\s*[-–—/]\s*(?P<y2>\d{2,4})\s*\)"
_CAPITAL = "A-ZÆØÅ"
_ANY_DIGIT = re.compile(r"\d")


def _years(match: re.Match[str]) -> str:
    end = match["y2"]
    if len(end) == 2:
        end = match["y1"][:2] + end
    return f"({match['y1']}–{end})"


def _meld(m: re.Match[str]) -> str:
    return f"Meld. St. {m['n']} {_years(m)}"


def _stmeld(m: re.Match[str]) -> str:
    return f"St.meld. nr. {m['n']} {_years(m)}"


def _prop(m: re.Match[str]) -> str:
    return f"Prop. {m['n']} {m['kind'].upper()} {_years(m)}"


def _innst(m: re.Match[str]) -> str:
    return f"Innst. {m['n']} {m['kind'].upper()} {_years(m)}"


def _dokument(m: re.Match[str]) -> str:
    return f"Dokument {m['n']} {m['kind'].upper()} {_years(m)}"


def _nou(m: re.Match[str]) -> str:
    return f"NOU {m['y']}:{m['n']}"


def _law(m: re.Match[str]) -> str:
    name = " ".join(m["law"].lower().split())
    name = re.sub(r"-\s+og\s+", "- og ", name)
    section = f" § {m['para']}" if m["para"] else ""
    return name + section


_CITATIONS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"\bMeld\.\s*St\.\s*(?P<n>\d+)\s*{_YEARS}"), _meld),
    (re.compile(rf"\bSt\.\s*meld\.\s*(?:nr\.?\s*)?(?P<n>\d+)\s*{_YEARS}"), _stmeld),
    (re.compile(rf"\bProp\.\s*(?P<n>\d+)\s*(?P<kind>LS|S|L)\s*{_YEARS}"), _prop),
    (re.compile(rf"\bInnst\.\s*(?P<n>\d+)\s*(?P<kind>S|L)\s*{_YEARS}"), _innst),
    (re.compile(rf"\bDokument\s*(?P<n>\d+\s*:\s*\d+)\s*(?P<kind>S|L|LS)\s*{_YEARS}"), _dokument),
    (re.compile(r"\bNOU\s*(?P<y>\d{4})\s*:\s*(?P<n>\d+)"), _nou),
    (
        re.compile(
            r"(?<![\w-])(?P<law>(?:[a-zæøå]+-\s+og\s+)?[a-zæøå]{3,}(?:loven|lova|lov))(?!\w)"
            r"(?:\s*§\s*(?P<para>\d+(?:-\d+)?(?:\s*[a-z](?!\w))?))?",
            re.IGNORECASE,
        ),
        _law,
    ),
)


def references(text: str) -> list[str]:
    """Citations of documents and laws in a text, in one normal spelling each."""
    if not _ANY_DIGIT.search(text) and "lov" not in text.lower():
        return []  # every citation has a number, and a law's name ends in -lov, -loven, -lova
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, normalise in _CITATIONS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            found.append((match.start(), normalise(match)))
    return _unique(value for _, value in sorted(found))


def _unique(values: Any) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


@dataclass(frozen=True)
class Gazetteer:
    """data/organisations.yaml, compiled."""

    pattern: re.Pattern[str]
    canonical: dict[str, str]  # spelling (lowercase) -> canonical name
    suffix_pattern: re.Pattern[str]


@cache
def gazetteer() -> Gazetteer:
    """Load data/organisations.yaml once."""
    text = resources.files("planatlas").joinpath("data", "organisations.yaml")
    raw: dict[str, Any] = yaml.safe_load(text.read_text(encoding="utf-8"))
    canonical: dict[str, str] = {}
    for entry in raw["organisations"]:
        for spelling in [entry["name"], *(entry.get("aliases") or [])]:
            canonical.setdefault(spelling.lower(), entry["name"])
    spellings = sorted(
        {s for e in raw["organisations"] for s in [e["name"], *(e.get("aliases") or [])]},
        key=len,
        reverse=True,
    )
    alternation = literal_alternation(spellings)  # a trie: longest spelling first, as sorted
    # A name may run into the next capitalised word ("Mental HelseOle"), not into lowercase.
    pattern = re.compile(rf"(?<![\w-])(?P<name>{alternation})s?(?![a-zæøå0-9])")
    suffix = re.compile(rf"(?<![\w-])[{_CAPITAL}][\w-]{{2,}}?{raw['suffixes']}(?![a-zæøå])")
    return Gazetteer(pattern=pattern, canonical=canonical, suffix_pattern=suffix)


def organisations(text: str) -> list[str]:
    """Organisations a text names, by canonical name, in the order they first appear."""
    table = gazetteer()
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in table.pattern.finditer(text):
        found.append((match.start(), table.canonical[match["name"].lower()]))
        taken.append(match.span())
    for match in table.suffix_pattern.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        name = match[0]
        found.append((match.start(), table.canonical.get(name.lower(), name)))
    return _unique(value for _, value in sorted(found))
