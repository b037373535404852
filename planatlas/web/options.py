"""The document choices of the trace and diff forms as HTML, rendered once per snapshot.

An atlas of thousands of documents gives each of those forms thousands of options, up to three
times on a page; drawn by the template on every request they were most of the page's time.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from planatlas.questions import listing
from planatlas.questions.snapshot import memo
from planatlas.store import Atlas

Rendered = list[tuple[str, str, str]]  # (value, the option, the option selected)


def document_options(atlas: Atlas, selected: object) -> Markup:
    """Every document's <option>, the one whose value is `selected` marked selected."""
    chosen = str(selected)
    rendered: Rendered = memo(atlas, ("document options",), lambda: _rendered(atlas))
    return Markup("".join(on if value == chosen else off for value, off, on in rendered))


def _rendered(atlas: Atlas) -> Rendered:
    found = []
    for value, text in listing.choices(atlas).document_options:
        shown, label = escape(value), escape(text)
        found.append(
            (
                str(value),
                f'\n    <option value="{shown}">{label}</option>',
                f'\n    <option value="{shown}" selected>{label}</option>',
            )
        )
    return found
