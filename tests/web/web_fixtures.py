"""Helpers for the web tests: an atlas built from a few demo documents."""

from __future__ import annotations

from pathlib import Path

from places import EXAMPLES

from planatlas.batch import ingest
from planatlas.store import Atlas

DOCUMENTS = (
    "kystpartiet-helseprogram-2025-2029.docx",
    "framtidspartiet-helsepolitikk-2025-2029.txt",
    "helsearbeiderforbundet-handlingsplan-2025-2027.txt",
    "regjeringen-helse-og-samhandlingsplan-utdrag.pdf",
    "pasientforbundet-vest-handlingsplan-2025-2026-v1.md",
    "pasientforbundet-vest-handlingsplan-2025-2026-v2.md",
)
HOSTILE = """Testpartiet vil:

- fjerne <script>alert(1)</script> fra sykehusene
- styrke <b>x</b> i fastlegeordningen
"""


def build_atlas(folder: Path) -> str:
    """A SQLite atlas in `folder` with the demo documents and one document with markup in it."""
    url = f"sqlite:///{folder / 'atlas.db'}"
    hostile = folder / "testpartiet.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    with Atlas(url) as atlas:
        results = ingest([str(EXAMPLES / name) for name in DOCUMENTS] + [str(hostile)], atlas)
    assert not [r for r in results if r.failed], results
    return url


def document_id(atlas: Atlas, actor: str) -> int:
    """The id of an actor's (first) document."""
    return next(d.id for d in atlas.documents() if d.actor == actor)
