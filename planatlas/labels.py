"""One label catalogue for every text a person reads: web pages, the terminal and briefings.

The catalogues are data (data/locales/nb.yaml, data/locales/en.yaml), nested for readability
and read as dotted keys ("nav.overview"). Topic and issue names come from the taxonomy in use,
in the same language.

>>> labels = Labels("nb")
>>> labels("kind.demand"), labels.direction("+"), labels.issue("hospital_trust_model")
('Krav', 'for / mer', 'Foretaksmodellen')
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from planatlas.coding.taxonomy import Taxonomy, active_taxonomy

LOCALES = ("nb", "en")
DEFAULT = "nb"
DIRECTION_KEYS = {"+": "plus", "-": "minus", "~": "change", "mixed": "mixed"}


@cache
def catalogue(locale: str) -> dict[str, str]:
    """Every message of one locale by dotted key."""
    text = resources.files("planatlas").joinpath("data", "locales", f"{locale}.yaml")
    return dict(_flatten(yaml.safe_load(text.read_text("utf-8")) or {}))


def _flatten(tree: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out += _flatten(value, f"{name}.")
        else:
            out.append((name, str(value)))
    return out


def choose(wanted: str | None) -> str:
    """The locale asked for, if there is a catalogue for it; else Bokmål."""
    return wanted if wanted in LOCALES else DEFAULT


def direction_key(direction: str | None) -> str:
    """The catalogue key of a direction: "+" -> "plus"; none -> "none"."""
    return DIRECTION_KEYS.get(direction or "", "none")


@cache
def _names(taxonomy: Taxonomy, part: str, locale: str) -> dict[str, str]:
    return {key: getattr(entry, locale) for key, entry in getattr(taxonomy, part).items()}


class Labels:
    """labels("key", name=...) -> the message in one locale, with {name} filled in."""

    def __init__(self, locale: str = DEFAULT) -> None:
        self.locale = choose(locale)
        self.messages = catalogue(self.locale)

    def __call__(self, key: str, **values: object) -> str:
        message = self.messages.get(key) or catalogue(DEFAULT).get(key) or key
        return message.format(**values) if values else message

    def has(self, key: str) -> bool:
        return key in self.messages

    def kind(self, kind: str | None) -> str:
        return self(f"kind.{kind}") if kind else self("kind.none")

    def direction(self, direction: str | None, form: str = "direction") -> str:
        """A direction in words; `form` "direction_short" for narrow table cells."""
        return self(f"{form}.{direction_key(direction)}")

    def topics(self) -> dict[str, str]:
        """Topic id -> its name, from the taxonomy in use."""
        return _names(active_taxonomy(), "topics", self.locale)

    def issues(self) -> dict[str, str]:
        """Issue id -> its name, from the taxonomy in use."""
        return _names(active_taxonomy(), "issues", self.locale)

    def topic(self, topic: str) -> str:
        return self.topics().get(topic, topic)

    def issue(self, issue: str) -> str:
        return self.issues().get(issue, issue)
