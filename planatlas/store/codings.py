"""Codings as stored JSON, and corrections laid over the machine coding.

The effective coding of a statement is the machine coding with each correction applied in the
order the corrections were made; re-analysis replaces the machine coding, never a correction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from planatlas.errors import StoreError
from planatlas.records import KINDS, Coding, Position, Target

CORRECTABLE = ("kind", "topics", "positions", "targets", "language")
_DIRECTIONS = ("+", "-", "~")


def coding_values(coding: Coding) -> dict[str, Any]:
    """The coding as column values for the codings table."""
    return {
        "kind": coding.kind,
        "language": coding.language,
        "topics": list(coding.topics),
        "positions": [p.as_dict() for p in coding.positions],
        "targets": [t.as_dict() for t in coding.targets],
        "references": list(coding.references),
        "organisations": list(coding.organisations),
        "confidence": dict(coding.confidence),
    }


def coding_from_values(values: Mapping[Any, Any]) -> Coding:
    """A Coding from the codings table's column values."""
    return Coding(
        kind=values["kind"],
        language=values["language"],
        topics=list(values["topics"] or []),
        positions=[_position(p) for p in values["positions"] or []],
        targets=[_target(t) for t in values["targets"] or []],
        references=list(values["references"] or []),
        organisations=list(values["organisations"] or []),
        confidence=dict(values["confidence"] or {}),
    )


def effective_coding(machine: Coding, corrections: Iterable[tuple[str, Any]]) -> Coding:
    """The machine coding with the corrections (field, stored value) applied in order."""
    corrections = list(corrections)
    if not corrections:
        return machine
    coding = replace(machine, confidence=dict(machine.confidence))
    for field, value in corrections:
        coding = _apply(coding, field, value)
    return coding


def _apply(coding: Coding, field: str, value: Any) -> Coding:
    coding.confidence[field] = 1.0  # a person's correction is certain
    if field == "positions":
        return replace(coding, positions=[_position(p) for p in value])
    if field == "targets":
        return replace(coding, targets=[_target(t) for t in value])
    if field == "topics":
        return replace(coding, topics=list(value))
    return replace(coding, **{field: value})


def correction_value(field: str, value: Any) -> Any:
    """The correction as it is stored, or StoreError with what is wrong with it."""
    if field not in CORRECTABLE:
        raise StoreError(
            f"kan ikke rette feltet «{field}»: bare {', '.join(CORRECTABLE)} kan rettes"
        )
    if field == "kind":
        if value is not None and value not in KINDS:
            raise StoreError(f"ukjent utsagnstype «{value}»: bruk en av {', '.join(KINDS)}")
        return value
    if field == "language":
        return _optional_text(field, value)
    if field == "topics":
        return _text_list(field, value)
    if field == "positions":
        return [_position(p).as_dict() for p in _as_list(field, value)]
    return [_target(t).as_dict() for t in _as_list(field, value)]


def _optional_text(field: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    raise StoreError(f"«{field}» må være tekst, ikke {type(value).__name__}")


def _text_list(field: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    items = _as_list(field, value)
    if not all(isinstance(item, str) for item in items):
        raise StoreError(f"«{field}» må være en liste med tekst")
    return [item.strip() for item in items if item.strip()]


def _as_list(field: str, value: Any) -> list[Any]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        return list(value)
    raise StoreError(f"«{field}» må være en liste, ikke {type(value).__name__}")


def _position(value: Any) -> Position:
    """A Position from a Position, a {"issue", "direction"} dict or the short form "issue:+"."""
    if isinstance(value, Position):
        return value
    if isinstance(value, Mapping):
        issue, direction = value.get("issue"), value.get("direction")
    elif isinstance(value, str) and ":" in value:
        issue, direction = value.rsplit(":", 1)
    else:
        issue, direction = None, None
    if not isinstance(issue, str) or not issue.strip() or direction not in _DIRECTIONS:
        raise StoreError(f"ugyldig posisjon «{value}»: skriv f.eks. «ventetider:+» (+, - eller ~)")
    return Position(issue.strip(), direction)


def _target(value: Any) -> Target:
    """A Target from a Target or its dict form."""
    if isinstance(value, Target):
        return value
    if isinstance(value, Mapping) and isinstance(value.get("type"), str) and "value" in value:
        return Target(value["type"], value["value"], value.get("unit"), value.get("comparator"))
    raise StoreError(f"ugyldig mål «{value}»: trenger minst «type» og «value»")
