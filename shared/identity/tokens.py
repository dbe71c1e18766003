"""Staff tokens: short-lived EdDSA (Ed25519) JWTs the web front signs for a staff member
and every service verifies with the web front's public key.

Claims: iss "otop-web", aud "otop-services", sub (the staff account's id), grants
([{"role", "area"}]), iat, exp (at most 15 minutes after iat), jti.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import ValidationError

from shared.identity.actor import Actor, ActorKind
from shared.identity.roles import Grant

ISSUER = "otop-web"
AUDIENCE = "otop-services"
ALGORITHM = "EdDSA"
LONGEST_LIFETIME = timedelta(minutes=15)
DEFAULT_LIFETIME = timedelta(minutes=5)
CLOCK_LEEWAY_SECONDS = 30


class StaffTokenInvalid(Exception):
    """The token is not a valid staff token (the message says why, without the token)."""


def generate_keypair() -> tuple[str, str]:
    """A new Ed25519 key pair as (private PEM, public PEM)."""
    private = Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return private_pem, public_pem_of(private_pem)


def public_pem_of(private_pem: str) -> str:
    private = serialization.load_pem_private_key(private_pem.encode(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError("the staff token key must be an Ed25519 private key")
    return (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


class StaffTokenSigner:
    def __init__(self, private_pem: str, *, lifetime: timedelta = DEFAULT_LIFETIME) -> None:
        if lifetime > LONGEST_LIFETIME:
            raise ValueError(f"a staff token lives at most {LONGEST_LIFETIME}")
        key = serialization.load_pem_private_key(private_pem.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("the staff token key must be an Ed25519 private key")
        self._key = key
        self.lifetime = lifetime

    def sign(
        self, account_id: uuid.UUID | str, grants: list[Grant], *, now: datetime | None = None
    ) -> str:
        issued = now or datetime.now(UTC)
        claims = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": str(account_id),
            "grants": [g.model_dump(mode="json") for g in grants],
            "iat": int(issued.timestamp()),
            "exp": int((issued + self.lifetime).timestamp()),
            "jti": str(uuid.uuid4()),
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)


class StaffTokenVerifier:
    def __init__(self, public_pem: str) -> None:
        key = serialization.load_pem_public_key(public_pem.encode())
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("the staff token public key must be an Ed25519 key")
        self._key = key

    def verify(self, token: str) -> Actor:
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=ISSUER,
                leeway=CLOCK_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise StaffTokenInvalid("the staff token has expired") from exc
        except jwt.PyJWTError as exc:
            raise StaffTokenInvalid("the staff token is not valid") from exc
        if claims["exp"] - claims["iat"] > LONGEST_LIFETIME.total_seconds():
            raise StaffTokenInvalid("the staff token lives longer than a staff token may")
        try:
            subject = str(uuid.UUID(str(claims["sub"])))
            grants = tuple(Grant.model_validate(g) for g in claims.get("grants") or [])
        except (ValueError, TypeError, ValidationError) as exc:
            raise StaffTokenInvalid("the staff token's subject or grants are not valid") from exc
        return Actor(ActorKind.STAFF, subject, grants)


def looks_like_a_token(value: str) -> bool:
    """A JWT has three dot-separated parts; admin tokens and terminal keys do not."""
    return value.count(".") == 2
