"""Passwords, hashed with argon2id (argon2-cffi's defaults); never stored or logged in clear."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from planatlas.errors import BadParameter

MIN_LENGTH = 10
MAX_LENGTH = 1000  # argon2 takes any length; this keeps a hostile form small


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def check_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise BadParameter(f"passordet må ha minst {MIN_LENGTH} tegn")
    if len(password) > MAX_LENGTH:
        raise BadParameter(f"passordet kan ha høyst {MAX_LENGTH} tegn")
    return password


def hash_password(password: str) -> str:
    return _hasher().hash(check_password(password))


def verify(stored: str, password: str) -> bool:
    """Whether the password matches the stored hash (never raises for a wrong one)."""
    try:
        return bool(_hasher().verify(stored, password[:MAX_LENGTH]))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return bool(_hasher().check_needs_rehash(stored))


# Verified against when the user name is unknown, so that a wrong name takes as long as a wrong
# password and does not tell which names exist.
@cache
def decoy() -> str:
    return _hasher().hash("planatlas-decoy-password")
