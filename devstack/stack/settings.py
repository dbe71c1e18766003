"""Each deployable's environment on the one-machine stack: its own database role, the broker,
the admin token, and the staff token keys (the services verify, the web front signs and
calls the services at their addresses)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from devstack.stack.secrets import StackSecrets
from services.topology import SERVICES, WEB, ServiceSpec


@dataclass(frozen=True)
class StackSettings:
    dsns: Mapping[str, str]  # each deployable's own database DSN, by name
    bootstrap: str
    admin_token: str
    secrets: StackSecrets
    url: Callable[[ServiceSpec], str]  # where a deployable listens on this stack
    mail_env: Mapping[str, str]  # the notifications service's SMTP settings

    def of(self, spec: ServiceSpec) -> dict[str, str]:
        """The environment `spec`'s process starts with (on top of the stack's own)."""
        common = {"DATABASE_URL": self.dsns[spec.name], "ADMIN_TOKEN": self.admin_token}
        if spec == WEB:
            return {
                **common,
                "STAFF_TOKEN_PRIVATE_KEY": self.secrets.staff_token_private_key,
                # The operations page reads consumer lag and DLQ depth from the broker.
                "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
                **{f"{s.name.upper()}_URL": self.url(s) for s in SERVICES},
            }
        return {
            **common,
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
            "STAFF_TOKEN_PUBLIC_KEY": self.secrets.staff_token_public_key,
            **(self.mail_env if spec.name == "notifications" else {}),
            **(
                {"SHOP_ORDER_CODE_SECRET": self.secrets.order_code_secret}
                if spec.name == "sales"
                else {}
            ),
        }
