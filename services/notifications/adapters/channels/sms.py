"""The SMS gateway over HTTP.

    POST {SMS_GATEWAY_URL}/v1/messages
    Authorization: Bearer {SMS_GATEWAY_TOKEN}
    {"to": "+66812345678", "text": "...", "reference": "<delivery id>"}

2xx: accepted. 4xx (but 408/429): refused for good (e.g. a bad number). 5xx, 408, 429,
timeouts: try again later. `reference` lets the gateway drop a repeated request.
"""

from __future__ import annotations

import httpx

from services.notifications.adapters.channels.base import Outgoing, post_json
from shared.contracts.notifications import Channel

SMS_TEXT_LIMIT = 1000


class SmsClient:
    channel = Channel.SMS

    def __init__(self, http: httpx.AsyncClient, base_url: str, token: str) -> None:
        self._http = http
        self._url = base_url.rstrip("/") + "/v1/messages"
        self._token = token

    async def send(self, outgoing: Outgoing) -> None:
        text = f"{outgoing.message.subject}\n{outgoing.message.body}"[:SMS_TEXT_LIMIT]
        await post_json(
            self._http,
            "SMS gateway",
            self._url,
            json={"to": outgoing.address, "text": text, "reference": outgoing.reference},
            headers={"Authorization": f"Bearer {self._token}"},
        )
