"""The stack's generated secrets (the admin token, each deployable's database role password,
the web front's Ed25519 key pair that staff tokens are signed with), kept in the data folder
so a restart uses the same ones."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from services.topology import DEPLOYABLES
from shared.identity.tokens import generate_keypair


@dataclass
class StackSecrets:
    admin_token: str
    db_passwords: dict[str, str] = field(default_factory=dict)
    # PEM; the web front signs staff tokens with the private key, the services verify them
    # with the public one.
    staff_token_private_key: str = ""
    staff_token_public_key: str = ""
    # The sales service derives online customers' order access codes with it.
    order_code_secret: str = ""

    @classmethod
    def load_or_create(cls, path: Path) -> StackSecrets:
        data = json.loads(path.read_text()) if path.exists() else {}
        created = cls(
            admin_token=data.get("admin_token") or secrets.token_urlsafe(32),
            db_passwords=data.get("db_passwords", {}),
            staff_token_private_key=data.get("staff_token_private_key", ""),
            staff_token_public_key=data.get("staff_token_public_key", ""),
            order_code_secret=data.get("order_code_secret") or secrets.token_urlsafe(32),
        )
        for spec in DEPLOYABLES:
            created.db_passwords.setdefault(spec.name, secrets.token_urlsafe(24))
        if not (created.staff_token_private_key and created.staff_token_public_key):
            created.staff_token_private_key, created.staff_token_public_key = generate_keypair()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private(path, json.dumps(created.__dict__, indent=2))
        return created


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, from the first byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    path.chmod(0o600)
