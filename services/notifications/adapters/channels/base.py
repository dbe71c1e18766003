"""What every channel client shares: the failure it raises and how HTTP answers map to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import httpx

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


# HTTP statuses that say "try again later" although they are 4xx.
_TRANSIENT_4XX = frozenset({408, 425, 429})


def check_http_answer(service: str, response: httpx.Response) -> None:
    if response.is_success:
        return
    status = response.status_code
    permanent = 400 <= status < 500 and status not in _TRANSIENT_4XX
    raise ChannelError(f"{service} answered HTTP {status}", permanent=permanent)


async def post_json(
    client: httpx.AsyncClient, service: str, url: str, **kwargs: Any
) -> httpx.Response:
    """POST and map network failures to transient channel errors."""
    try:
        response = await client.post(url, **kwargs)
    except httpx.TimeoutException:
        raise ChannelError(f"{service} did not answer in time", permanent=False) from None
    except httpx.HTTPError as exc:
        raise ChannelError(
            f"{service} unreachable: {type(exc).__name__}", permanent=False
        ) from None
    check_http_answer(service, response)
    return response
