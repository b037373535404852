"""The statuses a followed statement can have, by kind (data/followup.yaml), and the one check
every change of an item goes through, wherever it comes from (web form, API, CSV import)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planatlas.errors import BadParameter
from planatlas.followup.records import CHANGEABLE, Change

MAX_NOTE = 10_000
MAX_NAME = 200
_YEARS = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@cache
def rules() -> dict[str, Any]:
    text = resources.files("planatlas").joinpath("data", "followup.yaml").read_text("utf-8")
    found: dict[str, Any] = yaml.safe_load(text)
    return found


def followed(kind: str | None) -> bool:
    """Whether statements of this kind are followed up."""
    return kind in rules()["followed_kinds"]


@cache
def _group(kind: str) -> dict[str, Any]:
    for group in rules()["groups"].values():
        if kind in group["kinds"]:
            found: dict[str, Any] = group
            return found
    raise BadParameter(f"utsagn av typen «{kind}» følges ikke opp")


def statuses(kind: str) -> tuple[str, ...]:
    return tuple(_group(kind)["statuses"])


def default_status(kind: str) -> str:
    return str(_group(kind)["default"])


def score(kind: str, status: str) -> float | None:
    """What the status counts in the roll-up, 0 to 1; None leaves the item out."""
    value = _group(kind)["statuses"].get(status)
    return None if value is None else float(value)


def completed(status: str) -> bool:
    return status in rules()["completed"]


def ended(status: str) -> bool:
    return status in rules()["ended"]


def check(kind: str, change: Change) -> Change:
    """The change, when every field is one the item can take; BadParameter naming the first that
    cannot."""
    for name in change.fields:
        if name not in CHANGEABLE:
            raise BadParameter(f"feltet «{name}» kan ikke endres")
    if "status" in change.fields and change.status not in statuses(kind):
        raise BadParameter(
            f"ukjent status «{change.status}» for {kind}: bruk {', '.join(statuses(kind))}"
        )
    if "due" in change.fields and change.due:
        try:
            date.fromisoformat(change.due)
        except ValueError as error:
            raise BadParameter(
                f"fristen må være en dato (ÅÅÅÅ-MM-DD), ikke «{change.due}»"
            ) from error
    if "responsible" in change.fields and len(change.responsible or "") > MAX_NAME:
        raise BadParameter(f"ansvarlig kan ha høyst {MAX_NAME} tegn")
    if "note" in change.fields and len(change.note or "") > MAX_NOTE:
        raise BadParameter(f"notatet kan ha høyst {MAX_NOTE} tegn")
    if "weight" in change.fields and (change.weight is None or not 0 <= change.weight <= 100):
        raise BadParameter("vekten må være et tall fra 0 til 100")
    if "logged" in change.fields:
        _check_logged(change.logged or {})
    return change


def _check_logged(logged: dict[str, Any]) -> None:
    for key in ("count", "measured"):
        if key in logged and not isinstance(logged[key], int | float):
            raise BadParameter(f"«{key}» må være et tall")
    for recipient, pair in (logged.get("amounts") or {}).items():
        if not isinstance(pair, dict) or not all(
            v is None or isinstance(v, int | float) for v in pair.values()
        ):
            raise BadParameter(f"beløpene til «{recipient}» må være tall")


def due_from_period(period: str | None) -> str | None:
    """The last day of the last year a period names ("2024–2027" -> 2027-12-31)."""
    years = _YEARS.findall(period or "")
    return f"{max(int(y) for y in years)}-12-31" if years else None
