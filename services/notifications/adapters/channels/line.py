"""LINE Messaging API push messages: POST {base}/v2/bot/message/push.

`to` is the member's LINE user id; the delivery id goes in `X-Line-Retry-Key`, so a push
retried after a lost answer is not delivered twice (LINE answers 409 to a repeated key).
"""

from __future__ import annotations

import httpx

from services.notifications.adapters.channels.base import ChannelError, Outgoing, post_json
from shared.contracts.notifications import Channel

LINE_TEXT_LIMIT = 5000


class LineClient:
    channel = Channel.LINE

    def __init__(self, http: httpx.AsyncClient, base_url: str, access_token: str) -> None:
        self._http = http
        self._url = base_url.rstrip("/") + "/v2/bot/message/push"
        self._token = access_token

    async def send(self, outgoing: Outgoing) -> None:
        text = f"{outgoing.message.subject}\n\n{outgoing.message.body}"[:LINE_TEXT_LIMIT]
        try:
            await post_json(
                self._http,
                "LINE",
                self._url,
                json={"to": outgoing.address, "messages": [{"type": "text", "text": text}]},
                headers={
                    "Authorization": f"Bearer {self._token}",
                    "X-Line-Retry-Key": outgoing.reference,
                },
            )
        except ChannelError as exc:
            if "HTTP 409" in exc.reason:
                return  # the same retry key was accepted before
            raise
