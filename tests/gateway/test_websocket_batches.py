"""`WebSocketClient.receive_many`: every message of a network read, in order, however the
server's bytes are split; a close frame or a bad frame after messages comes only after them."""

from __future__ import annotations

import itertools
import typing

import anyio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, Request
from wsproto.frame_protocol import FrameProtocol

from anycord.errors import (
    GatewayConnectionError,
    GatewayServerClosedConnectionError,
    GatewayTransportError,
)
from anycord.gateway.frames import PING, Control
from anycord.gateway.websocket import WebSocketClient
from tests.gateway.test_server_frames import Item, server_bytes, typed


class ScriptedStream:
    """A byte stream that yields the given reads, then reports the connection gone."""

    def __init__(self, reads: list[bytes]) -> None:
        self.reads = list(reads)
        self.sent: list[bytes] = []

    async def receive(self, max_bytes: int = 65536) -> bytes:
        await anyio.lowlevel.checkpoint()
        if not self.reads:
            raise anyio.EndOfStream
        return self.reads.pop(0)

    async def send(self, data: bytes) -> None:
        self.sent.append(bytes(data))

    async def aclose(self) -> None:
        pass


def open_client_connection() -> WSConnection:
    """A client-side wsproto connection after a real opening handshake with a server one."""
    connection = WSConnection(ConnectionType.CLIENT)
    server = WSConnection(ConnectionType.SERVER)
    server.receive_data(connection.send(Request(host="gateway", target="/")))
    assert any(isinstance(event, Request) for event in server.events())
    connection.receive_data(server.send(AcceptConnection()))
    assert any(isinstance(event, AcceptConnection) for event in connection.events())
    return connection


def client(reads: list[bytes]) -> tuple[WebSocketClient, ScriptedStream]:
    stream = ScriptedStream(reads)
    connection = open_client_connection()
    ws = WebSocketClient(typing.cast("typing.Any", stream), connection, max_message_size=1 << 20)
    return ws, stream


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts} | {0, len(data)})
    return [data[a:b] for a, b in itertools.pairwise(points) if b > a]


items = st.lists(
    st.one_of(
        st.binary(min_size=1, max_size=200),
        st.text(min_size=1, max_size=60),
        st.binary(max_size=20).map(lambda b: Control(PING, b)),
    ),
    min_size=1,
    max_size=15,
)


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items, st.integers(1, 300), st.lists(st.integers(0, 5000), max_size=6))
def test_batches_hold_every_message_in_order(
    backend: str, sent: list[Item], fragment: int, cuts: list[int]
) -> None:
    ended: list[str] = []

    async def main() -> tuple[list[list[bytes | bytearray]], ScriptedStream]:
        ws, stream = client(split(server_bytes(sent, fragment), cuts))
        batches = []
        while True:
            try:
                batches.append(await ws.receive_many())
            except GatewayConnectionError as exc:  # the scripted reads ran out
                ended.append(str(exc))
                return batches, stream

    batches, stream = anyio.run(main, backend=backend)
    assert "connection dropped" in ended[0]
    assert all(batches)  # never an empty batch
    assert typed([m for batch in batches for m in batch]) == typed(
        [i for i in sent if not isinstance(i, Control)]
    )
    pings = [i for i in sent if isinstance(i, Control)]
    assert len(stream.sent) == len(pings)  # every ping answered with a pong


async def test_a_close_frame_comes_after_the_messages_before_it() -> None:
    server = FrameProtocol(client=False, extensions=[])
    data = server.send_data("one") + server.send_data(b"two") + server.close(4000, "bye")
    ws, _ = client([bytes(data + server.send_data("never"))])
    assert typed(await ws.receive_many()) == typed(["one", b"two"])
    with pytest.raises(GatewayServerClosedConnectionError) as closed:
        await ws.receive_many()
    assert closed.value.code == ws.close_code == 4000


async def test_a_bad_frame_comes_after_the_messages_before_it() -> None:
    server = FrameProtocol(client=False, extensions=[])
    masked = bytes([0x81, 0x80 | 1, 0, 0, 0, 0]) + b"x"  # a server may not mask
    ws, _ = client([bytes(server.send_data("one") + server.send_data("two")) + masked])
    assert typed(await ws.receive_many()) == typed(["one", "two"])
    with pytest.raises(GatewayTransportError, match="mask"):
        await ws.receive_many()


async def test_receive_and_receive_many_share_one_order() -> None:
    server = FrameProtocol(client=False, extensions=[])
    data = b"".join(server.send_data(str(n)) for n in range(6))
    ws, _ = client([data[:7], data[7:]])
    got = [await ws.receive()]
    got += await ws.receive_many()
    got.append(await ws.receive())
    while len(got) < 6:
        got += await ws.receive_many()
    assert typed(got) == typed([str(n) for n in range(6)])


@pytest.mark.parametrize("size", [125, 126, 65535, 65536, 70_000])
async def test_each_length_encoding_reads_back(size: int) -> None:
    # 7-bit, 16-bit and 64-bit payload lengths (RFC 6455 §5.2), split across network reads.
    data = server_bytes([b"x" * size, "y" * size], size)
    ws, _ = client(split(data, [3, 9, size, size + 5]))
    got: list[bytes | bytearray] = []
    while len(got) < 2:
        got += await ws.receive_many()
    assert typed(got) == typed([b"x" * size, "y" * size])
