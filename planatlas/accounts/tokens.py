"""API tokens for scripts: 32 random bytes, shown once, kept only as their SHA-256 hash.

A token has 256 bits of entropy, so a fast hash is enough to keep it safe at rest (a slow
password hash is for what people choose); the lookup is by the hash, in constant time per row.
"""

from __future__ import annotations

import hashlib
import secrets

PREFIX = "pa_"


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def shown_prefix(token: str) -> str:
    """The first characters, to tell a person's tokens apart in a list."""
    return token[:10]
