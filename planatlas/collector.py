"""The cyclic garbage collector, paused while a document is read, coded or stored.

Each of those makes hundreds of thousands of small objects that reference counting frees
(they form no cycles), yet every few hundred new objects set off a collection, and every few
thousand statements a full one walks every long-lived object again: the dictionaries, the
model's vocabulary, the word caches. Paused, the ten programme PDFs are coded about a fifth
faster (bench/same_coding.py). A pause only defers: a cycle made meanwhile is collected after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside, as it was before after (a pause inside a pause, or one in
    another thread, leaves it to the outer one to turn it on again)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
