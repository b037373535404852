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


YOUNG = 10_000  # objects allocated between two collections of the youngest generation


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage less often inside (a batch, and the workers it forks): reading and
    coding make many short-lived objects and no cycles to speak of, and the default (a
    collection every 700 new objects) cost a tenth of the time. It matters most after a
    pause: the document just coded is still alive then, and a collection at the default
    threshold walks all of it before it is stored and let go."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
