"""Fuzz ingest's own way in: the format sniffed from the bytes, then read (harness.py)."""

from harness import main

if __name__ == "__main__":
    main("any")
