"""Actor types: who speaks in a document (data/actors.yaml).

government (government, directorates, health trusts, municipalities: bodies with power to
act), party, or organisation (everything else). The type decides whether an action
statement is a measure, a demand or the author's own activity.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from planatlas.errors import ConfigError

ACTOR_TYPES = ("government", "party", "organisation")
SOURCE = "planatlas/data/actors.yaml"
_KIND_ALIASES = {"directorate": "government", "health_trust": "government",
                 "municipality": "government", "ministry": "government"}  # fmt: skip


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    """One compiled pattern per actor type."""
    text = resources.files("planatlas").joinpath("data", "actors.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    unknown = set(raw) - set(ACTOR_TYPES)
    if unknown:
        raise ConfigError(f"ukjente aktørtyper: {', '.join(sorted(unknown))}", path=SOURCE)
    return {kind: _compile(names) for kind, names in raw.items()}


def _compile(names: list[str]) -> re.Pattern[str]:
    parts = []
    for name in names:
        core = re.escape(name.strip("*"))
        head = r"\w*" if name.startswith("*") else r"(?<!\w)"
        tail = r"\w*" if name.endswith("*") else r"(?!\w)"
        parts.append(head + core + tail)
    return re.compile("|".join(parts), re.I)


@lru_cache(maxsize=4096)
def actor_type(actor: str | None, declared: str | None = None) -> str:
    """government, party or organisation; a declared type (doc.actor_kind) wins."""
    if declared:
        declared = _KIND_ALIASES.get(declared, declared)
        if declared in ACTOR_TYPES:
            return declared
    if not actor:
        return "organisation"
    for kind in ("party", "government"):
        if patterns()[kind].search(actor):
            return kind
    return "organisation"


_FINITE = re.compile(
    r"\b(?:vil|skal|har|hadde|må|bør|kan|mener|meiner|ønsker|ønskjer|foreslår|går|legger|legg|"
    r"gir|gjev|fikk|fekk|satte|sette|vedtok|arbeider|arbeidar|jobber|jobbar|krever|krev)\b"
)
_NAMED_KINDS = ("government", "party")


def named_actor(text: str) -> str | None:
    """The actor type named as subject near the start ("Regjeringa vil", "ønsker regjeringen")."""
    words = text.split()[:5]
    for i, word in enumerate(words):
        kind = _word_actor(word)
        if kind is not None and _FINITE.search(" ".join(words[max(0, i - 1) : i + 2]).lower()):
            return kind
    return None


@lru_cache(maxsize=20_000)
def _word_actor(word: str) -> str | None:
    """The actor type one word names on its own ("Regjeringa,"), if any."""
    bare = word.strip(",.:;«»")
    for kind in _NAMED_KINDS:
        if patterns()[kind].fullmatch(bare):
            return kind
    return None
