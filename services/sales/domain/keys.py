"""Terminal API keys: `otop_tk_` + 22 base62 characters of randomness (131 bits) + a
6-character base62 CRC32 of the random part, so a mistyped key is refused before any lookup.
Only the SHA-256 of a key is stored."""

from __future__ import annotations

import hashlib
import secrets
import zlib

PREFIX = "otop_tk_"
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_RANDOM_CHARS = 22  # 62**22 > 2**130
_CHECKSUM_CHARS = 6  # 62**6 > 2**32
KEY_LENGTH = len(PREFIX) + _RANDOM_CHARS + _CHECKSUM_CHARS
MAX_ACTIVE_KEYS = 2


def _base62(number: int, width: int) -> str:
    digits = []
    while number:
        number, rest = divmod(number, 62)
        digits.append(_ALPHABET[rest])
    return "".join(reversed(digits)).rjust(width, "0")


def _checksum(body: str) -> str:
    return _base62(zlib.crc32(body.encode()), _CHECKSUM_CHARS)


def new_key() -> str:
    body = "".join(secrets.choice(_ALPHABET) for _ in range(_RANDOM_CHARS))
    return f"{PREFIX}{body}{_checksum(body)}"


def well_formed(key: str) -> bool:
    """The key has the prefix, the length, the alphabet and a matching checksum."""
    if len(key) != KEY_LENGTH or not key.startswith(PREFIX):
        return False
    rest = key[len(PREFIX) :]
    if any(c not in _ALPHABET for c in rest):
        return False
    body, checksum = rest[:_RANDOM_CHARS], rest[_RANDOM_CHARS:]
    return secrets.compare_digest(_checksum(body), checksum)


def key_hash(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


def hint(key: str) -> str:
    """What may be shown of a key later: its prefix and last four characters."""
    return f"{PREFIX}…{key[-4:]}"
