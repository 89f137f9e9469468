"""`max_message_size` on an uncompressed connection, where the websocket itself is the bound."""

from __future__ import annotations

import anyio
import pytest

from anycord.errors import GatewayTransportError
from anycord.gateway import GatewayShard
from anycord.gateway.websocket import WebSocketClient
from anycord.testing import FakeDiscord
from tests.gateway.conftest import INTENTS, RecordingSink


async def hello_size(fake: FakeDiscord) -> int:
    ws = await WebSocketClient.connect(fake.gateway.url + "/?v=10&encoding=json")
    try:
        return len(await ws.receive())
    finally:
        await ws.close(1000)


@pytest.mark.parametrize("frame_size", [None, 7])
async def test_message_size_limit_on_a_plain_connection(frame_size: int | None) -> None:
    options = {"frame_size": frame_size}
    async with FakeDiscord(rest_over_tcp=False, gateway_options=options) as fake:
        with anyio.fail_after(10):
            size = await hello_size(fake)  # HELLO is ~60 bytes: 9 fragments of 7 when split
            url = fake.gateway.url + "/?v=10&encoding=json"
            exact = await WebSocketClient.connect(url, max_message_size=size)
            message = await exact.receive()
            assert isinstance(message, bytearray)  # a text message: its UTF-8, undecoded
            assert b'"heartbeat_interval"' in message
            assert len(message) == size
            await exact.close(1000)
            under = await WebSocketClient.connect(url, max_message_size=size - 1)
            with pytest.raises(GatewayTransportError, match=f"over {size - 1} bytes"):
                await under.receive()
            await under.close(1000)


async def test_shard_drops_a_connection_that_sends_an_oversized_message(
    sink: RecordingSink,
) -> None:
    async with FakeDiscord(rest_over_tcp=False) as fake:
        shard = GatewayShard(
            token=fake.token,
            url=fake.gateway.url,
            intents=INTENTS,
            sink=sink,
            compression=None,
            max_message_size=4000,
        )
        async with anyio.create_task_group() as tg:
            with anyio.fail_after(60):
                await tg.start(shard.run)
                (first,) = fake.gateway.connections
                assert first.compress is None
                await fake.gateway.dispatch("TYPING_START", {"user_id": "1", "pad": "x" * 3000})
                await sink.wait_until(lambda: "TYPING_START" in sink.names())
                await fake.gateway.dispatch("TYPING_START", {"user_id": "2", "pad": "x" * 5000})
                await first.closed.wait()
            await shard.close()
    assert first.closed_by == "client"
    assert first.close_code == 4900  # a reconnect, not the end of the session
    assert [p["user_id"] for n, _, p in sink.dispatches if n == "TYPING_START"] == ["1"]
