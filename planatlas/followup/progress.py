"""Progress of an item against the target the coder parsed from its statement.

- a count ("minst tre arrangementer"): the number logged against it, "2 av ≥ 3";
- an amount ("40 millioner kroner til kommuner og helseforetak"): per recipient, what was
  allocated and what they reported spent, against the amount;
- a percentage ("øke til 80 prosent"): the value last measured, against the target.

A statement with several targets is followed on the first of percent, amount, count (a count
beside a percentage is usually its condition: "time innen 14 dager ... 80 prosent"). Targets
"at most" (< or <=) are met when the value is at or under them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planatlas.followup.status import due_from_period
from planatlas.records import Target

ORDER = ("percent", "amount", "count")
AT_MOST = ("<", "<=")
SHOWN = {">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "=": "", None: ""}


@dataclass(frozen=True)
class Recipient:
    name: str
    allocated: float | None
    reported: float | None


@dataclass(frozen=True)
class Progress:
    """How far an item has come: against which target, what is logged, and the share done."""

    type: str | None  # percent | amount | count | None (no target to measure against)
    target: float | None = None
    comparator: str | None = None
    unit: str | None = None
    done: float | None = None  # logged: events held, money reported, the value measured
    recipients: list[Recipient] = field(default_factory=list)

    @property
    def fraction(self) -> float | None:
        """The share of the target reached, 0 to 1; None when nothing can be measured yet."""
        if self.type is None or self.done is None or not self.target:
            return None
        if self.comparator in AT_MOST:
            return 1.0 if self.done <= self.target else max(0.0, self.target / self.done)
        return max(0.0, min(1.0, self.done / self.target))

    def label(self) -> str:
        """ "2 av ≥ 3", "25 mill. av 40 mill. kr", "63 av 80 %"; "" without a target."""
        if self.type is None:
            return ""
        shown = SHOWN.get(self.comparator, "") + number(self.target, self.type)
        done = "–" if self.done is None else number(self.done, self.type)
        unit = {"percent": " %", "amount": " kr"}.get(self.type, "")
        return f"{done} av {shown}{unit}".strip()


def main_target(targets: Sequence[Target]) -> Target | None:
    """The target an item is followed against."""
    for wanted in ORDER:
        for target in targets:
            if target.type == wanted and isinstance(target.value, int | float):
                return target
    return None


def progress_of(targets: Sequence[Target], logged: dict[str, Any]) -> Progress:
    target = main_target(targets)
    if target is None:
        return Progress(None)
    base = Progress(target.type, float(target.value), target.comparator, target.unit)
    if target.type == "count":
        return _with(base, _number(logged.get("count")))
    if target.type == "percent":
        return _with(base, _number(logged.get("measured")))
    recipients = [
        Recipient(name, _number(pair.get("allocated")), _number(pair.get("reported")))
        for name, pair in sorted((logged.get("amounts") or {}).items())
    ]
    reported = [r.reported for r in recipients if r.reported is not None]
    done = sum(reported) if reported else None
    return Progress(base.type, base.target, base.comparator, base.unit, done, recipients)


def _with(base: Progress, done: float | None) -> Progress:
    return Progress(base.type, base.target, base.comparator, base.unit, done)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def number(value: float | None, type_: str | None = None) -> str:
    """A number as a Norwegian reads it: 3, 12,5, 40 mill., 1 500 000."""
    if value is None:
        return "–"
    if type_ == "amount" and abs(value) >= 1_000_000:
        millions = value / 1_000_000
        text = f"{millions:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{text} mill."
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0")
    return f"{value:.1f}".replace(".", ",")


def due_of(targets: Sequence[Target], period: str | None) -> str | None:
    """When an item is due, unless set: its own date or period target, else the plan's period.
    A date that is a year alone ("innen 2030") is due at the end of that year."""
    for target in targets:
        if target.type == "date" and isinstance(target.value, str):
            if target.value.isdigit() and len(target.value) == 4:
                return due_from_period(target.value)
            try:
                return date.fromisoformat(target.value[:10]).isoformat()
            except ValueError:
                continue
    for target in targets:
        if target.type == "period" and (found := due_from_period(str(target.value))):
            return found
    return due_from_period(period)
