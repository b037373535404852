"""planatlas: read Norwegian health-policy documents into a structured, comparable map.

>>> import planatlas
>>> doc = planatlas.read("handlingsplan.txt")        # outline and statements
>>> doc = planatlas.analyze(doc)                     # coded by the codebook
>>> atlas = planatlas.Atlas("sqlite:///planatlas.db") # store and query
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planatlas.records import Block, Coding, Document, Position, Section, Statement, Target

__version__ = "0.1.0"

__all__ = [
    "Atlas",
    "Block",
    "Coding",
    "Document",
    "Position",
    "Section",
    "Statement",
    "Target",
    "analyze",
    "read",
]

if TYPE_CHECKING:
    from planatlas.pipeline import analyze, read
    from planatlas.store import Atlas


def __getattr__(name: str) -> Any:
    # Lazy, so that `import planatlas` stays cheap for the CLI's --help.
    if name in ("read", "analyze"):
        from planatlas import pipeline

        return getattr(pipeline, name)
    if name == "Atlas":
        from planatlas.store import Atlas

        return Atlas
    raise AttributeError(name)
