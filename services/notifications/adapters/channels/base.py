"""What every channel client shares: the port it implements (service_layer.channels) and
how HTTP answers map to its failure."""

from __future__ import annotations

from typing import Any

import httpx

from services.notifications.service_layer.channels import ChannelClient, ChannelError, Outgoing

__all__ = ["ChannelClient", "ChannelError", "Outgoing", "check_http_answer", "post_json"]


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
