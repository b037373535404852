"""Rebuild planatlas/data/lemmas_nb.txt.gz from the installed simplemma's Bokmål dictionary.

    python tools/lemmas.py

tests/coding/test_normalize.py fails when the shipped list and the installed simplemma differ.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from planatlas.coding.normalize import LEMMAS, dictionary_lemmas

TARGET = Path(__file__).resolve().parents[1] / "planatlas" / "data" / LEMMAS


def main() -> None:
    lemmas = dictionary_lemmas()
    TARGET.write_bytes(gzip.compress("\n".join(lemmas).encode("utf-8"), 9, mtime=0))
    print(f"{TARGET}: {len(lemmas):,} lemmas, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
