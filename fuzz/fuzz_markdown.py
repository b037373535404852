"""Fuzz the markdown reader: see harness.py."""

from harness import main

if __name__ == "__main__":
    main("markdown")
