"""Reading what a person typed into a URL or a form: empty means "not given"."""

from __future__ import annotations

from planatlas.errors import BadParameter
from planatlas.records import Filters

PAGE_SIZE = 20


def opt(value: str | None) -> str | None:
    """None for a missing or blank value, else the value trimmed."""
    if value is None or not value.strip():
        return None
    return value.strip()


def ref(value: str) -> str | int:
    """A document reference: its id when it is a number, else a title or source path."""
    value = value.strip()
    return int(value) if value.isdigit() else value


def opt_ref(value: str | None) -> str | int | None:
    found = opt(value)
    return None if found is None else ref(found)


def opt_int(value: str | None, name: str) -> int | None:
    found = opt(value)
    if found is None:
        return None
    if not found.isdigit():
        raise BadParameter(f"«{name}» må være et heltall, ikke «{found}»")
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
