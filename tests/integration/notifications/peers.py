"""Real protocol peers the notifications service talks to, started by the tests: HTTP
endpoints standing in for the LINE Messaging API, the SMS gateway and partner webhooks
(they record requests and fail when told to), and the SMTP mail catcher."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from devstack.servers.ports import free_port


@dataclass(frozen=True)
class Recorded:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class HttpPeer:
    """Answers every POST with 200 unless told otherwise: `fail_for[address] = status`
    fails requests naming that recipient (LINE `to`, SMS `to`), `status` fails them all."""

    host: str = "127.0.0.1"
    port: int = field(default_factory=free_port)
    requests: list[Recorded] = field(default_factory=list)
    fail_for: dict[str, int] = field(default_factory=dict)
    status: int = 200
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def _answer(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.requests.append(Recorded(request.path, dict(request.headers), body))
        status = self.status
        try:
            recipient = json.loads(body).get("to")
        except (ValueError, AttributeError):
            recipient = None
        if recipient in self.fail_for:
            status = self.fail_for[recipient]
        return web.json_response({} if status < 400 else {"message": "refused"}, status=status)

    async def start(self) -> HttpPeer:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._answer)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def sent_to(self, recipient: str) -> list[Recorded]:
        return [r for r in self.requests if r.json().get("to") == recipient]
