"""The fault proxy does what the scenarios rely on: it forwards, delays, cuts, refuses, and
holds bytes while half-open without closing the connection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.faults.proxy import Direction, FaultProxy

pytestmark = pytest.mark.faults


@pytest.fixture
async def echo_proxy() -> AsyncIterator[FaultProxy]:
    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(1024):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    proxy = FaultProxy("127.0.0.1", port).start()
    yield proxy
    proxy.stop()
    server.close()


async def _read(reader: asyncio.StreamReader) -> bytes:
    """What arrives; b"" once the connection is closed or reset."""
    try:
        return await asyncio.wait_for(reader.read(1024), 2)
    except ConnectionResetError:
        return b""


async def _round_trip(proxy: FaultProxy, payload: bytes = b"sale") -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", proxy.port)
    try:
        writer.write(payload)
        await writer.drain()
        return await _read(reader)
    except ConnectionResetError:
        return b""
    finally:
        writer.close()


async def test_forwards_and_adds_the_latency_asked_for(echo_proxy: FaultProxy) -> None:
    assert await _round_trip(echo_proxy) == b"sale"
    echo_proxy.set_latency(0.2)
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await _round_trip(echo_proxy) == b"sale"
    assert loop.time() - started >= 0.4  # once each way


async def test_cut_closes_open_connections_and_refusal_turns_new_ones_away(
    echo_proxy: FaultProxy,
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", echo_proxy.port)
    writer.write(b"x")
    assert await asyncio.wait_for(reader.read(1), 2) == b"x"
    assert echo_proxy.cut() == 1
    assert await _read(reader) == b""
    writer.close()
    echo_proxy.refuse_for(1.0)
    assert await _round_trip(echo_proxy) == b""
    echo_proxy.heal()
    assert await _round_trip(echo_proxy) == b"sale"


async def test_half_open_keeps_the_connection_but_holds_every_byte(
    echo_proxy: FaultProxy,
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", echo_proxy.port)
    echo_proxy.half_open(Direction.DOWNSTREAM)
    writer.write(b"held")
    await writer.drain()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(reader.read(1024), 0.5)
    assert not writer.is_closing()
    echo_proxy.heal()
    assert await asyncio.wait_for(reader.read(1024), 2) == b"held"
    writer.close()
