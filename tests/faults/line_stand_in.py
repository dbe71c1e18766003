"""A stand-in for the LINE Messaging API push endpoint, slow on purpose so that a killed
notifications service dies inside a send. Like LINE, it accepts each `X-Line-Retry-Key`
once and answers 409 to the same key again; it counts every push it saw per key.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections import Counter
from concurrent.futures import Future
from typing import Any

from devstack.servers.ports import free_port


class LineStandIn:
    def __init__(self, delay: float = 0.3) -> None:
        self.port = free_port()
        self.delay = delay
        self.accepted: Counter[str] = Counter()  # retry key → pushes accepted (0 or 1)
        self.attempts: Counter[str] = Counter()  # retry key → pushes received
        self.recipients: dict[str, str] = {}
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.AbstractServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LineStandIn:
        self._thread.start()
        future: Future[Any] = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, "127.0.0.1", self.port), self._loop
        )
        self._server = future.result(10)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._loop.call_soon_threadsafe(self._server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def pushes_accepted(self) -> dict[str, int]:
        with self._lock:
            return dict(self.accepted)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                status, answer = await self._push(headers, body)
                payload = json.dumps(answer).encode()
                writer.write(
                    f"HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n"
                    f"content-length: {len(payload)}\r\n\r\n".encode()
                    + payload
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def _push(self, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        key = headers.get("x-line-retry-key", "")
        with self._lock:
            self.attempts[key] += 1
        await asyncio.sleep(self.delay)
        with self._lock:
            if self.accepted[key]:
                return 409, {"message": "The retry key is already accepted"}
            self.accepted[key] += 1
            with contextlib.suppress(ValueError, KeyError):
                self.recipients[key] = str(json.loads(body)["to"])
        return 200, {"sentMessages": [{"id": key}]}
