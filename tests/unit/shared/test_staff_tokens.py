"""Staff tokens: signed by the web front, verified by every service with its public key."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from shared.identity.actor import ActorKind
from shared.identity.roles import Grant, Role
from shared.identity.tokens import (
    StaffTokenInvalid,
    StaffTokenSigner,
    StaffTokenVerifier,
    generate_keypair,
    looks_like_a_token,
)

PRIVATE, PUBLIC = generate_keypair()
GRANTS = [Grant(role=Role.PROVINCIAL_OFFICER, area="90"), Grant(role=Role.AUDITOR)]


def test_a_signed_token_verifies_to_the_staff_member_and_its_grants() -> None:
    account = uuid.uuid4()
    token = StaffTokenSigner(PRIVATE).sign(account, GRANTS)
    actor = StaffTokenVerifier(PUBLIC).verify(token)
    assert actor.kind is ActorKind.STAFF
    assert actor.id == str(account)
    assert actor.grants == tuple(GRANTS)
    assert looks_like_a_token(token)
    assert jwt.get_unverified_header(token)["alg"] == "EdDSA"


def test_a_token_signed_with_another_key_is_refused() -> None:
    other_private, _ = generate_keypair()
    token = StaffTokenSigner(other_private).sign(uuid.uuid4(), GRANTS)
    with pytest.raises(StaffTokenInvalid, match="not valid"):
        StaffTokenVerifier(PUBLIC).verify(token)


def test_an_expired_token_is_refused() -> None:
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    token = StaffTokenSigner(PRIVATE).sign(uuid.uuid4(), GRANTS, now=long_ago)
    with pytest.raises(StaffTokenInvalid, match="expired"):
        StaffTokenVerifier(PUBLIC).verify(token)


def test_a_token_that_lives_too_long_or_carries_bad_grants_is_refused() -> None:
    key = PRIVATE.encode()
    now = int(datetime.now(UTC).timestamp())
    base = {"iss": "otop-web", "aud": "otop-services", "sub": str(uuid.uuid4()), "iat": now}
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    signing_key = load_pem_private_key(key, password=None)
    too_long = jwt.encode({**base, "exp": now + 3600, "grants": []}, signing_key, "EdDSA")
    with pytest.raises(StaffTokenInvalid, match="longer"):
        StaffTokenVerifier(PUBLIC).verify(too_long)
    bad_grant = [{"role": "provincial_officer", "area": "9011"}]
    wrong = jwt.encode({**base, "exp": now + 60, "grants": bad_grant}, signing_key, "EdDSA")
    with pytest.raises(StaffTokenInvalid, match="grants"):
        StaffTokenVerifier(PUBLIC).verify(wrong)


def test_an_unsigned_token_is_refused() -> None:
    now = int(datetime.now(UTC).timestamp())
    claims = {
        "iss": "otop-web",
        "aud": "otop-services",
        "sub": str(uuid.uuid4()),
        "iat": now,
        "exp": now + 60,
        "grants": [{"role": "administrator", "area": None}],
    }
    forged = jwt.encode(claims, None, algorithm="none")
    with pytest.raises(StaffTokenInvalid):
        StaffTokenVerifier(PUBLIC).verify(forged)


def test_a_signer_refuses_a_lifetime_longer_than_a_staff_token_may_live() -> None:
    with pytest.raises(ValueError, match="at most"):
        StaffTokenSigner(PRIVATE, lifetime=timedelta(hours=1))
