"""Password hashing for people who log in: argon2id via argon2-cffi, the hash string carries its own
parameters and salt, so verification keeps working after the parameters are raised."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


@cache
def _hasher() -> PasswordHasher:
    # argon2-cffi's defaults follow RFC 9106's low-memory recommendation; one hasher per process.
    return PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (salted: hashing twice gives two different strings)."""
    if not password:
        raise ValueError("a password must not be empty")
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; False for a wrong password, a missing or a malformed hash."""
    if not password_hash or not password:
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's; rehash on the next login."""
    return _hasher().check_needs_rehash(password_hash)
