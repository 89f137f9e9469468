"""A bare gateway client for the fake gateway's tests: wsproto over AnyIO TCP, nothing of ours.

It decodes `zlib-stream` with `zlib` and `zstd-stream` with `zstandard` directly, so the tests
check the server against the wire format, not against our own gateway client.
"""

from __future__ import annotations

import contextlib
import time
import typing
import urllib.parse
import zlib

import anyio
import orjson
from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    BytesMessage,
    CloseConnection,
    Message,
    Ping,
    Request,
    TextMessage,
)

from anycord.intents import Intents
from anycord.testing.gateway import FakeGateway
from anycord.testing.world import World

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from anyio.abc import SocketStream

__all__ = ["BareClient", "running_gateway", "spread_guilds"]

IDENTIFY_PROPERTIES = {"os": "linux", "browser": "bare", "device": "bare"}


class BareClient:
    """One websocket connection; `recv()` returns decoded payloads, None once closed."""

    def __init__(self, stream: SocketStream, ws: WSConnection, compress: str | None) -> None:
        self.stream = stream
        self.ws = ws
        self.compress = compress
        self.close_code: int | None = None
        self.close_reason: str | None = None
        self.received: list[dict[str, typing.Any]] = []
        self._pending: list[dict[str, typing.Any]] = []
        self._parts: list[bytes | str] = []
        self._closed = False
        self.binary_frames = 0
        self.text_frames = 0
        if compress == "zlib-stream":
            self._zlib = zlib.decompressobj()
        elif compress == "zstd-stream":
            import zstandard

            self._zstd = zstandard.ZstdDecompressor().decompressobj()

    @classmethod
    async def connect(
        cls,
        url: str,
        *,
        compress: str | None = None,
        query: str = "v=10&encoding=json",
    ) -> BareClient:
        parts = urllib.parse.urlsplit(url)
        assert parts.hostname is not None
        assert parts.port is not None
        stream = await anyio.connect_tcp(parts.hostname, parts.port)
        ws = WSConnection(ConnectionType.CLIENT)
        if compress:
            query += f"&compress={compress}"
        target = f"{parts.path or '/'}?{query}"
        await stream.send(ws.send(Request(host=f"{parts.hostname}:{parts.port}", target=target)))
        while True:
            ws.receive_data(await stream.receive())
            for event in ws.events():
                if isinstance(event, AcceptConnection):
                    return cls(stream, ws, compress)
                raise AssertionError(f"handshake failed: {event!r}")

    def _decode(self, data: bytes | str) -> dict[str, typing.Any]:
        if isinstance(data, str):
            assert self.compress is None, "a text frame on a compressed connection"
            return typing.cast("dict[str, typing.Any]", orjson.loads(data))
        if self.compress == "zlib-stream":
            assert data.endswith(b"\x00\x00\xff\xff"), "zlib-stream message without sync flush"
            return typing.cast("dict[str, typing.Any]", orjson.loads(self._zlib.decompress(data)))
        if self.compress == "zstd-stream":
            return typing.cast("dict[str, typing.Any]", orjson.loads(self._zstd.decompress(data)))
        return typing.cast("dict[str, typing.Any]", orjson.loads(data))

    async def recv(self) -> dict[str, typing.Any] | None:
        while not self._pending:
            if self._closed:
                return None
            try:
                data: bytes | None = await self.stream.receive()
            except (anyio.EndOfStream, anyio.BrokenResourceError):
                data = None
            self.ws.receive_data(data)
            for event in self.ws.events():
                if isinstance(event, Message):
                    self._parts.append(event.data)
                    if event.message_finished:
                        if isinstance(event, BytesMessage):
                            self.binary_frames += 1
                            whole: bytes | str = b"".join(typing.cast("list[bytes]", self._parts))
                        else:
                            self.text_frames += 1
                            whole = "".join(typing.cast("list[str]", self._parts))
                        self._parts.clear()
                        payload = self._decode(whole)
                        self.received.append(payload)
                        self._pending.append(payload)
                elif isinstance(event, Ping):
                    await self.stream.send(self.ws.send(event.response()))
                elif isinstance(event, CloseConnection):
                    self.close_code, self.close_reason = event.code, event.reason
                    with contextlib.suppress(anyio.BrokenResourceError, anyio.ClosedResourceError):
                        await self.stream.send(self.ws.send(event.response()))
                    await self.stream.aclose()
                    self._closed = True
            if data is None:
                self._closed = True
        return self._pending.pop(0)

    async def next(self) -> dict[str, typing.Any]:
        """The next payload (the connection must still be open)."""
        payload = await self.recv()
        assert payload is not None, f"closed with {self.close_code}"
        return payload

    async def recv_until(self, op: int, t: str | None = None) -> dict[str, typing.Any]:
        """The next payload with `op` (and `t`), skipping others (heartbeat ACKs …)."""
        while True:
            payload = await self.recv()
            assert payload is not None, f"closed with {self.close_code} waiting for op {op} {t}"
            if payload["op"] == op and (t is None or payload["t"] == t):
                return payload

    async def recv_close(self) -> int | None:
        """Read until the server closes; the close code."""
        while await self.recv() is not None:
            pass
        return self.close_code

    async def send(self, payload: typing.Any) -> None:
        await self.send_text(orjson.dumps(payload).decode())

    async def send_text(self, text: str) -> None:
        await self.stream.send(self.ws.send(TextMessage(text)))

    async def identify(
        self,
        token: str,
        *,
        intents: int = int(Intents.ALL),
        shard: list[int] | None = None,
        **extra: typing.Any,
    ) -> None:
        d: dict[str, typing.Any] = {
            "token": token,
            "intents": intents,
            "properties": IDENTIFY_PROPERTIES,
            **extra,
        }
        if shard is not None:
            d["shard"] = shard
        await self.send({"op": 2, "d": d})

    async def resume(self, token: str, session_id: str, seq: int | None) -> None:
        await self.send({"op": 6, "d": {"token": token, "session_id": session_id, "seq": seq}})

    async def close(self, code: int = 1000) -> None:
        """Send a close frame and wait for the server's answer."""
        await self.stream.send(self.ws.send(CloseConnection(code=code)))
        while not self._closed:
            try:
                data: bytes | None = await self.stream.receive()
            except (anyio.EndOfStream, anyio.BrokenResourceError):
                data = None
            self.ws.receive_data(data)
            for event in self.ws.events():
                if isinstance(event, CloseConnection):
                    self._closed = True
            if data is None:
                self._closed = True
        await self.stream.aclose()

    async def drop(self) -> None:
        """Drop the TCP connection without a close frame."""
        self._closed = True
        await self.stream.aclose()


@contextlib.asynccontextmanager
async def running_gateway(
    world: World | None = None, **options: typing.Any
) -> AsyncIterator[FakeGateway]:
    """A FakeGateway serving on loopback for the duration of the block (a fresh World by default)."""
    gateway = FakeGateway(world if world is not None else World(), **options)
    async with anyio.create_task_group() as tg:
        await tg.start(gateway.serve)
        yield gateway
        tg.cancel_scope.cancel()


def spread_guilds(
    world: World, shard_count: int, per_shard: int = 2
) -> list[dict[str, typing.Any]]:
    """Add guilds until every shard holds at least `per_shard` of them (ids are time-based)."""
    added: list[dict[str, typing.Any]] = []
    for n in range(500):
        counts = [0] * shard_count
        for gid in world.guilds:
            counts[(gid >> 22) % shard_count] += 1
        if min(counts) >= per_shard:
            return added
        added.append(world.add_guild(name=f"g{n}", members=1, channels=1))
        time.sleep(0.0007)  # snowflakes carry the millisecond: move on to the next one
    raise AssertionError("could not spread guilds over the shards")
