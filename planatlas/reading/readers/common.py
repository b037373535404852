"""Small helpers every reader shares: whitespace folding, typed bullets, parser failures."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from planatlas.errors import CorruptFile, PlanatlasError, UnsafeFile
from planatlas.reading.boilerplate import publication_date
from planatlas.records import Block

_BULLET = re.compile(
    r"^(?P<marker>[•●◦▪▫■□‣⁃∙·○\uf0a7\uf0b7\uf0d8\uf0fc]|[-–*+](?=\s))\s*(?P<text>\S.*)$"
)


def fold(text: str) -> str:
    """Fold all whitespace, line breaks inside a paragraph included, to single spaces."""
    return " ".join(text.split())


def split_bullet(text: str) -> tuple[str, str] | None:
    """(marker, text) when a paragraph starts with a typed bullet ("• fjerne ...")."""
    match = _BULLET.match(text)
    return (match["marker"], match["text"]) if match else None


def stamped(blocks: list[Block]) -> str | None:
    """The publication date a "Publisert: 20. mars 2024" line in the text gives, if any."""
    return publication_date("\n".join(block.text for block in blocks))


def number(value: str | bytes | None, default: int, most: int) -> int:
    """A count or level the file states (pages, a list or outline level): `default` where it
    is not a plain number, and at most `most`, since a broken file can claim anything (a
    5,000-digit page count is more than int() takes)."""
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()):
        return default
    return most if len(text) > len(str(most)) else min(int(text), most)


@contextmanager
def parser_errors(label: str) -> Iterator[None]:
    """Turn whatever a third-party parser throws into a CorruptFile naming the reason."""
    try:
        yield
    except PlanatlasError:
        raise
    except RecursionError as error:
        raise UnsafeFile(f"{label}-filen er for dypt nøstet til å leses") from error
    except Exception as error:  # noqa: BLE001 - any parser failure is a broken file to the user
        reason = f"{type(error).__name__}: {error}"[:200]
        raise CorruptFile(f"{label}-filen er skadet eller kan ikke leses ({reason})") from error
