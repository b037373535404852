"""Page boilerplate: navigation, publication stamps, bare links, lists of years.

The patterns live in data/segmenting.yaml so that an editor can add a site's own.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def segmenting_data() -> dict[str, Any]:
    text = files("planatlas").joinpath("data/segmenting.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in segmenting_data()["boilerplate"]), re.I)


def is_boilerplate(text: str) -> bool:
    """True for a whole line, block or sentence that is page furniture, not content."""
    return _pattern().fullmatch(text.strip()) is not None


_MONTHS = "januar februar mars april mai juni juli august september oktober november desember"
_STAMP = re.compile(
    r"^\W*(?:publisert|publisert dato|dato)\s*:?\s*"
    r"(?P<d>\d{1,2})\.\s*(?P<m>[a-zæøå]+|\d{1,2})\.?\s*(?P<y>(?:19|20)\d\d)",
    re.I | re.M,
)


def publication_date(text: str) -> str | None:
    """The ISO date of a 'Publisert: 20. mars 2024' stamp, where a page has one."""
    match = _STAMP.search(text)
    if match is None:
        return None
    month = match["m"].lower()
    names = _MONTHS.split()
    number = int(month) if month.isdigit() else names.index(month) + 1 if month in names else 0
    if not 1 <= number <= 12:
        return None
    return f"{match['y']}-{number:02d}-{int(match['d']):02d}"
