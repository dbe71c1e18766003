"""A TCP fault proxy: forwards a local port to an upstream server and, on demand, adds
latency, cuts every open connection, refuses new ones for a while, or goes half-open
(keeps connections but stops forwarding bytes in one or both directions).

It runs its own event loop in a thread, so services in other processes and the test's own
loop can both use it while the test drives the faults from plain calls.
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import Future
from enum import StrEnum
from typing import Any

from devstack.servers.ports import free_port
from shared.logging import get_logger

log = get_logger(__name__)

CHUNK = 64 * 1024


class Direction(StrEnum):
    UPSTREAM = "upstream"  # client → server
    DOWNSTREAM = "downstream"  # server → client
    BOTH = "both"


class FaultProxy:
    def __init__(self, upstream_host: str, upstream_port: int, port: int | None = None) -> None:
        self.upstream_host = upstream_host
        self.upstream_port = upstream_port
        self.port = port or free_port()
        self.latency = 0.0
        self._refuse_until = 0.0
        self._flowing = {
            Direction.UPSTREAM: threading.Event(),
            Direction.DOWNSTREAM: threading.Event(),
        }
        for flowing in self._flowing.values():
            flowing.set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.AbstractServer | None = None
        self._connections: set[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = set()
        self.accepted = 0
        self.cuts = 0

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _call(self, coroutine: Any) -> Any:
        future: Future[Any] = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return future.result(timeout=10)

    def start(self) -> FaultProxy:
        self._thread.start()
        self._server = self._call(self._listen())
        return self

    async def _listen(self) -> asyncio.AbstractServer:
        return await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    def stop(self) -> None:
        if self._server is not None:
            self._call(self._close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    async def _close(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._cut_all()
        # The forwarding tasks end with their connections: let them, before the loop stops.
        forwarding = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in forwarding:
            task.cancel()
        await asyncio.gather(*forwarding, return_exceptions=True)

    # Faults -----------------------------------------------------------------------------

    def set_latency(self, seconds: float) -> None:
        """Delay every chunk forwarded in either direction by `seconds`."""
        self.latency = seconds

    def cut(self) -> int:
        """Close every open connection at once (both sides see a reset/EOF)."""
        cut: int = self._call(self._cut_all())
        self.cuts += cut
        return cut

    def refuse_for(self, seconds: float) -> None:
        """Accept and close at once every new connection for `seconds`."""
        self._refuse_until = time.monotonic() + seconds

    def half_open(self, direction: Direction = Direction.BOTH) -> None:
        """Keep the connections open but stop forwarding bytes: the peer waits forever."""
        for side in (Direction.UPSTREAM, Direction.DOWNSTREAM):
            if direction in (side, Direction.BOTH):
                self._flowing[side].clear()

    def heal(self) -> None:
        """Back to a plain forwarder: no latency, no refusal, bytes flow both ways."""
        self.latency = 0.0
        self._refuse_until = 0.0
        for flowing in self._flowing.values():
            flowing.set()

    # Forwarding -------------------------------------------------------------------------

    async def _cut_all(self) -> int:
        connections = list(self._connections)
        self._connections.clear()
        for client, upstream in connections:
            for writer in (client, upstream):
                transport = writer.transport
                if transport is not None:
                    transport.abort()
        return len(connections)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if time.monotonic() < self._refuse_until:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(
                self.upstream_host, self.upstream_port
            )
        except OSError:
            writer.transport.abort()
            return
        self.accepted += 1
        pair = (writer, up_writer)
        self._connections.add(pair)
        try:
            await asyncio.gather(
                self._pump(reader, up_writer, Direction.UPSTREAM),
                self._pump(up_reader, writer, Direction.DOWNSTREAM),
            )
        finally:
            self._connections.discard(pair)
            for side in pair:
                side.transport.abort()

    async def _pump(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, side: Direction
    ) -> None:
        flowing = self._flowing[side]
        try:
            while True:
                chunk = await reader.read(CHUNK)
                if not chunk:
                    break
                while not flowing.is_set():
                    if writer.transport.is_closing():
                        return
                    await asyncio.sleep(0.05)
                if self.latency:
                    await asyncio.sleep(self.latency)
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            if not writer.transport.is_closing():
                writer.transport.abort()
