"""Partner webhooks: a signed JSON copy of a notification (see domain/signing.py)."""

from __future__ import annotations

import httpx

from services.notifications.adapters.channels.base import post_json
from services.notifications.domain.signing import SIGNATURE_HEADER, sign


class WebhookClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def send(self, url: str, secret: str, body: bytes, reference: str) -> None:
        await post_json(
            self._http,
            "the webhook",
            url,
            content=body,
            headers={
                "Content-Type": "application/json",
                SIGNATURE_HEADER: sign(secret, body),
                "OTOP-Delivery-Id": reference,
            },
        )
