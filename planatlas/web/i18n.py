"""Message catalogues: every text the web app shows, in Bokmål (default) and English.

The catalogues are data (locales/nb.yaml, locales/en.yaml), nested for readability and read
as dotted keys ("nav.overview"). A page's language comes from the `sprak` cookie, set by the
language switch (/sprak/en).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LOCALES = ("nb", "en")
DEFAULT = "nb"
COOKIE = "sprak"


@cache
def catalogue(locale: str) -> dict[str, str]:
    """Every message of one locale by dotted key."""
    text = resources.files("planatlas.web").joinpath("locales", f"{locale}.yaml").read_text("utf-8")
    return dict(_flatten(yaml.safe_load(text) or {}))


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


class Translator:
    """t("key", name=...) -> the message in one locale, with {name} filled in."""

    def __init__(self, locale: str) -> None:
        self.locale = choose(locale)
        self.messages = catalogue(self.locale)

    def __call__(self, key: str, **values: object) -> str:
        message = self.messages.get(key) or catalogue(DEFAULT).get(key) or key
        return message.format(**values) if values else message

    def has(self, key: str) -> bool:
        return key in self.messages
