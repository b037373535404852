"""The taxonomy: topics and issues of the codebook with their lexicons (data/taxonomy.yaml).

A user's own file (another policy field) either replaces the built-in taxonomy or, with
`extends: planatlas` at the top, adds to it and overrides entries by id. Every file is
validated on load; a bad entry is a ConfigError naming the file and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from planatlas import settings
from planatlas.errors import ConfigError

BUILTIN = "planatlas/data/taxonomy.yaml"
TOPIC_KEYS = frozenset({"nb", "en", "description", "terms", "weak_terms"})
ISSUE_KEYS = frozenset(
    {"nb", "en", "description", "topics", "plus", "minus", "terms", "inverse_terms",
     "plus_terms", "minus_terms"}
)  # fmt: skip
TOP_KEYS = frozenset({"version", "extends", "topics", "issues"})
TERM_LISTS = ("terms", "weak_terms", "inverse_terms", "plus_terms", "minus_terms")


@dataclass(frozen=True)
class Topic:
    """A codebook topic and the words that signal it."""

    id: str
    nb: str
    en: str
    description: str
    terms: tuple[str, ...]
    weak_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Issue:
    """A codebook issue: the words that name it, and words that flip or carry a direction."""

    id: str
    nb: str
    en: str
    description: str
    topics: tuple[str, ...]
    terms: tuple[str, ...]
    inverse_terms: tuple[str, ...] = ()
    plus_terms: tuple[str, ...] = ()
    minus_terms: tuple[str, ...] = ()
    plus: str = ""
    minus: str = ""


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """Topics and issues by id, in file order. Hashed by identity (used as a cache key)."""

    topics: dict[str, Topic]
    issues: dict[str, Issue]
    source: str


def load_taxonomy(path: str | None = None) -> Taxonomy:
    """The built-in taxonomy, or the one in `path` (replacing or extending the built-in)."""
    if path is None:
        return builtin_taxonomy()
    raw = _read(Path(path))
    if raw.get("extends") not in (None, "planatlas"):
        raise ConfigError(f"«extends» må være «planatlas», ikke «{raw['extends']}»", path=path)
    base = _raw_builtin() if raw.get("extends") == "planatlas" else {}
    merged = {
        "topics": {**base.get("topics", {}), **(raw.get("topics") or {})},
        "issues": {**base.get("issues", {}), **(raw.get("issues") or {})},
    }
    return build(merged, path)


def active_taxonomy() -> Taxonomy:
    """The taxonomy `PLANATLAS_TAXONOMY` names (checked when read), else the built-in one."""
    given = str(settings.get("taxonomy")).strip()
    if not given:
        return builtin_taxonomy()
    path = Path(given)
    mtime = path.stat().st_mtime if path.is_file() else 0.0
    return _taxonomy_file(given, mtime)


@lru_cache(maxsize=4)
def _taxonomy_file(path: str, mtime: float) -> Taxonomy:
    return load_taxonomy(path)


@cache
def builtin_taxonomy() -> Taxonomy:
    """The taxonomy shipped with planatlas, loaded and validated once."""
    return build(_raw_builtin(), BUILTIN)


def _raw_builtin() -> dict[str, Any]:
    text = resources.files("planatlas").joinpath("data", "taxonomy.yaml").read_text("utf-8")
    return _parse(text, BUILTIN)


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"kan ikke lese taksonomifilen: {error}", path=str(path)) from error
    return _parse(text, str(path))


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"ugyldig YAML: {error}", path=source) from error
    if not isinstance(raw, dict):
        raise ConfigError("taksonomien må være en YAML-ordbok", path=source)
    unknown = set(raw) - TOP_KEYS
    if unknown:
        raise ConfigError(f"ukjente nøkler øverst i filen: {_names(unknown)}", path=source)
    _check_duplicates(text, source)
    return raw


def _check_duplicates(text: str, source: str) -> None:
    """YAML silently keeps the last of two equal keys; an id given twice is an error here."""
    seen: dict[str, set[str]] = {}
    section = ""
    for line in text.splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            section = line.strip()[:-1]
        elif line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":"):
            key = line.strip()[:-1]
            if key in seen.setdefault(section, set()):
                raise ConfigError(f"id «{key}» står to ganger under «{section}»", path=source)
            seen[section].add(key)


def build(raw: dict[str, Any], source: str) -> Taxonomy:
    """Validate raw topics and issues and build the taxonomy."""
    topics = {key: _topic(key, value, source) for key, value in _section(raw, "topics", source)}
    issues = {key: _issue(key, value, source) for key, value in _section(raw, "issues", source)}
    both = set(topics) & set(issues)
    if both:
        raise ConfigError(f"id brukt både som tema og sak: {_names(both)}", path=source)
    for issue in issues.values():
        for topic in issue.topics:
            if topic not in topics:
                raise ConfigError(
                    f"saken «{issue.id}» viser til ukjent tema «{topic}»", path=source
                )
    return Taxonomy(topics=topics, issues=issues, source=source)


def _section(raw: dict[str, Any], name: str, source: str) -> list[tuple[str, Any]]:
    value = raw.get(name) or {}
    if not isinstance(value, dict):
        raise ConfigError(f"«{name}» må være en ordbok med id-er", path=source)
    return [(str(key), entry) for key, entry in value.items()]


def _entry(kind: str, key: str, value: Any, allowed: frozenset[str], source: str) -> dict[str, Any]:
    where = f"{kind} «{key}»"
    if not key.replace("_", "").isalnum() or not key.islower():
        raise ConfigError(f"{where}: id må være små bokstaver, tall og _", path=source)
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: må være en ordbok", path=source)
    unknown = set(value) - allowed
    if unknown:
        raise ConfigError(f"{where}: ukjente nøkler {_names(unknown)}", path=source)
    for name in ("nb", "en"):
        if not isinstance(value.get(name), str) or not value[name].strip():
            raise ConfigError(f"{where}: mangler navn «{name}»", path=source)
    for name in TERM_LISTS:
        terms = value.get(name, [])
        if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
            raise ConfigError(f"{where}: «{name}» må være en liste med ord", path=source)
    if not value.get("terms"):
        raise ConfigError(f"{where}: mangler ord («terms»)", path=source)
    return value


def _topic(key: str, value: Any, source: str) -> Topic:
    entry = _entry("tema", key, value, TOPIC_KEYS, source)
    return Topic(
        id=key,
        nb=entry["nb"],
        en=entry["en"],
        description=str(entry.get("description", "")),
        terms=tuple(entry["terms"]),
        weak_terms=tuple(entry.get("weak_terms", [])),
    )


def _issue(key: str, value: Any, source: str) -> Issue:
    entry = _entry("sak", key, value, ISSUE_KEYS, source)
    topics = entry.get("topics", [])
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise ConfigError(f"sak «{key}»: «topics» må være en liste med tema-id-er", path=source)
    return Issue(
        id=key,
        nb=entry["nb"],
        en=entry["en"],
        description=str(entry.get("description", "")),
        topics=tuple(topics),
        terms=tuple(entry["terms"]),
        inverse_terms=tuple(entry.get("inverse_terms", [])),
        plus_terms=tuple(entry.get("plus_terms", [])),
        minus_terms=tuple(entry.get("minus_terms", [])),
        plus=str(entry.get("plus", "")),
        minus=str(entry.get("minus", "")),
    )


def _names(keys: set[str]) -> str:
    return ", ".join(f"«{k}»" for k in sorted(keys))
