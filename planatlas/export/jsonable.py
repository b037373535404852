"""Library records as JSON-ready values: dataclasses, tuples, dates and numpy numbers."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any


def jsonable(value: Any) -> Any:
    """Plain dicts, lists, strings and numbers for any record the library returns."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {_key(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return value.item()
    return value


def _key(key: Any) -> str:
    if isinstance(key, tuple):
        return "|".join(str(k) for k in key)
    return str(key)
