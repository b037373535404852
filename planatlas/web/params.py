"""Reading what a person typed into a URL or a form: empty means "not given"."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from planatlas.errors import BadParameter
from planatlas.records import Filters
from planatlas.store.read import MAX_ID, is_id

PAGE_SIZE = 20
# An id in a path: a number the database can hold; a larger one answers 404 (app.py), never
# reaches the driver.
Id = Annotated[int, Path(ge=0, le=MAX_ID, description=f"id (0 til {MAX_ID})")]
OptId = Annotated[int | None, Query(ge=0, le=MAX_ID, description="id")]
Version = Annotated[int | None, Query(ge=1, le=MAX_ID, description="versjonsnummer")]


def local_path(target: str | None) -> str:
    """A path on this site to go on to, never another site ("//host" and "/\\host" are
    hosts to a browser, and so is anything with a control character); else "/"."""
    if not target or not target.startswith("/") or target[1:2] in ("/", "\\"):
        return "/"
    if any(ord(ch) < 32 or ch == "\\" for ch in target):
        return "/"
    return target


def opt(value: str | None) -> str | None:
    """None for a missing or blank value, else the value trimmed."""
    if value is None or not value.strip():
        return None
    return value.strip()


def ref(value: str) -> str | int:
    """A document reference: its id when it is a number, else a title or source path."""
    value = value.strip()
    return int(value) if is_id(value) else value  # a huge number can only be a title


def opt_ref(value: str | None) -> str | int | None:
    found = opt(value)
    return None if found is None else ref(found)


def opt_int(value: str | None, name: str) -> int | None:
    found = opt(value)
    if found is None:
        return None
    if not (found.isascii() and found.isdigit()):
        raise BadParameter(f"«{name}» må være et heltall, ikke «{found}»")
    if int(found) > MAX_ID:
        raise BadParameter(f"«{name}» er for stort (høyst {MAX_ID})")
    return int(found)


def offset_of(side: str | None, size: int = PAGE_SIZE) -> int:
    """The offset of a 1-based page number ("side")."""
    number = opt_int(side, "side") or 1
    return (max(1, number) - 1) * size


def filters(
    *,
    actor: str | None = None,
    document: str | None = None,
    period: str | None = None,
    kind: str | None = None,
    topic: str | None = None,
    issue: str | None = None,
    direction: str | None = None,
    language: str | None = None,
) -> Filters:
    """The one Filters record of a page's or the API's parameters; blank means no filter."""
    return Filters(
        actor=opt(actor),
        document=opt_ref(document),
        period=opt(period),
        kind=opt(kind),
        topic=opt(topic),
        issue=opt(issue),
        direction=opt(direction),
        language=opt(language),
    )
