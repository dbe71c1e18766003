"""What the delivery worker needs from the outside (ports; adapters/channels and
adapters/templates implement them): channels that send a message to an address, a sender
of signed partner copies, and a renderer of messages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from services.notifications.domain.kinds import Kind
from services.notifications.domain.message import Message
from shared.contracts.notifications import Channel


class ChannelError(Exception):
    """The channel did not take the message. `permanent`: retrying cannot help (a bad
    address, a refused request); otherwise the failure may pass (5xx, timeout, network)."""

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


@dataclass(frozen=True)
class Outgoing:
    """One message for one address; `reference` is the delivery id (an idempotency key)."""

    address: str
    message: Message
    reference: str


class ChannelClient(Protocol):
    channel: Channel

    async def send(self, outgoing: Outgoing) -> None: ...


class WebhookSender(Protocol):
    async def send(self, url: str, secret: str, body: bytes, reference: str) -> None: ...


class Renderer(Protocol):
    def render(self, kind: Kind, language: str, context: Mapping[str, Any]) -> Message: ...
