"""The document and actor choices of the forms as HTML, rendered once per snapshot.

An atlas of thousands of documents and actors gives the trace, diff, search and allies forms
thousands of options, up to three times on a page; drawn by the template on every request they
were most of the page's time.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from planatlas.questions import listing
from planatlas.questions.snapshot import memo
from planatlas.store import Atlas

Rendered = list[tuple[str, str, str]]  # (value, the option, the option selected)


def document_options(atlas: Atlas, selected: object) -> Markup:
    """Every document's <option>, the one whose value is `selected` marked selected."""

    def work() -> Rendered:
        return _rendered(listing.choices(atlas).document_options)

    return _options(memo(atlas, ("document options",), work), selected)


def versioned_document_options(atlas: Atlas, selected: object) -> Markup:
    """The <option> of every document stored in more than one version (what the changes
    within one document can be shown for)."""

    def work() -> Rendered:
        found = listing.choices(atlas)
        versioned = {d.id for d in found.documents if d.version > 1}
        return _rendered((i, label) for i, label in found.document_options if i in versioned)

    return _options(memo(atlas, ("versioned document options",), work), selected)


def actor_options(atlas: Atlas, selected: object) -> Markup:
    """Every actor's <option>, by name, the one named `selected` marked selected."""

    def work() -> Rendered:
        return _rendered((a, a) for a in listing.choices(atlas).actors)

    return _options(memo(atlas, ("actor options",), work), selected)


def _options(rendered: Rendered, selected: object) -> Markup:
    chosen = str(selected)
    return Markup("".join(on if value == chosen else off for value, off, on in rendered))


def _rendered(choices: Iterable[tuple[object, str]]) -> Rendered:
    found = []
    for value, text in choices:
        shown, label = escape(value), escape(text)
        found.append(
            (
                str(value),
                f'\n    <option value="{shown}">{label}</option>',
                f'\n    <option value="{shown}" selected>{label}</option>',
            )
        )
    return found
