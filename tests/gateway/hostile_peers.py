"""Hostile gateway peers: scriptable websocket servers on 127.0.0.1 for `GatewayShard` tests.

`HostileGateway(script)` accepts websocket connections and runs `await script(peer, index)` for
each one (`index` counts connections from 0). A script plays the server's side with
`PeerConnection`: `hello()`, `expect(op)`, `ready()`, `resumed()`, `dispatch()`, `send()`,
`send_raw()`, `close(code)`, `drop()`, `hold()`. Heartbeats (op 1) are answered with op 11 by
a background reader unless `peer.ack_heartbeats` is False, so a script only sees the other
frames. Frames are plain JSON text (run the shard with `compression=None`).

The ready-made scripts below are the misbehaviours the shard must survive; extend the module
with more. `with_session(misbehave)` first serves connection 0 honestly (HELLO, READY) so the
shard holds a resumable session, then misbehaves on every later connection: that is the case
that skips the identify gate, so only the backoff stands between a hostile server and a
reconnect storm.
"""

from __future__ import annotations

import contextlib
import math
import typing

import anyio
import anyio.abc
import orjson
from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    CloseConnection,
    Ping,
    Request,
    TextMessage,
)

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable

Payload = dict[str, typing.Any]
Script = typing.Callable[["PeerConnection", int], "Awaitable[None]"]
_GONE = (anyio.EndOfStream, anyio.BrokenResourceError, anyio.ClosedResourceError, OSError)


class PeerConnection:
    """The server's end of one accepted websocket connection."""

    def __init__(self, stream: anyio.abc.ByteStream, ws: WSConnection, opened_at: float) -> None:
        self.stream = stream
        self.ws = ws
        self.opened_at = opened_at
        self.closed_at = math.nan
        self.ack_heartbeats = True
        self.received: list[Payload] = []
        """Every frame the client sent, heartbeats included, in order."""
        self.client_close_code: int | None = None
        self.seq = 0
        self._inbox_send, self._inbox = anyio.create_memory_object_stream[Payload | None](100)
        self._lock = anyio.Lock()

    # -- sending ------------------------------------------------------------------------

    async def send_raw(self, text: str) -> None:
        async with self._lock:
            with contextlib.suppress(*_GONE):
                await self.stream.send(self.ws.send(TextMessage(text)))

    async def send_frame(self, frame: bytes) -> None:
        """Bytes straight onto the socket: a frame wsproto would refuse to build."""
        async with self._lock:
            with contextlib.suppress(*_GONE):
                await self.stream.send(frame)

    async def send(self, op: int, d: object = None, *, t: str | None = None) -> None:
        seq = None
        if op == 0:
            self.seq += 1
            seq = self.seq
        await self.send_raw(orjson.dumps({"op": op, "d": d, "s": seq, "t": t}).decode())

    async def hello(self, interval_ms: int = 41250) -> None:
        await self.send(10, {"heartbeat_interval": interval_ms})

    async def dispatch(self, name: str, data: Payload) -> None:
        await self.send(0, data, t=name)

    async def ready(self, session_id: str = "hostile-session") -> None:
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "session_id": session_id,
                "resume_gateway_url": None,
                "user": {"id": "1", "username": "bot"},
                "guilds": [],
            },
        )

    async def resumed(self) -> None:
        await self.dispatch("RESUMED", {})

    async def close(self, code: int = 4000, reason: str = "") -> None:
        async with self._lock:
            with contextlib.suppress(*_GONE):
                await self.stream.send(self.ws.send(CloseConnection(code=code, reason=reason)))
        await self.hold()

    async def drop(self) -> None:
        """Cut the TCP connection with no close frame."""
        await anyio.aclose_forcefully(self.stream)

    # -- receiving ----------------------------------------------------------------------

    async def receive(self) -> Payload | None:
        """The next frame that is not a heartbeat; None once the client has gone."""
        with contextlib.suppress(anyio.EndOfStream):
            return await self._inbox.receive()
        return None

    async def expect(self, *ops: int) -> Payload | None:
        """The next frame, which must have one of `ops` (AssertionError otherwise); None if
        the client went away first (a script then just returns)."""
        payload = await self.receive()
        assert payload is None or payload["op"] in ops, payload
        return payload

    async def hold(self) -> None:
        """Keep the connection open until the client closes it."""
        while await self.receive() is not None:
            pass

    async def _read(self) -> None:
        try:
            while True:
                try:
                    data = await self.stream.receive()
                except _GONE:
                    return
                self.ws.receive_data(data)
                for event in self.ws.events():
                    if isinstance(event, TextMessage):
                        payload = orjson.loads(event.data)
                        self.received.append(payload)
                        if payload.get("op") == 1:
                            if self.ack_heartbeats:
                                await self.send(11)
                        else:
                            await self._inbox_send.send(payload)
                    elif isinstance(event, Ping):
                        async with self._lock:
                            await self.stream.send(self.ws.send(event.response()))
                    elif isinstance(event, CloseConnection):
                        self.client_close_code = event.code
                        with contextlib.suppress(*_GONE, Exception):
                            async with self._lock:
                                await self.stream.send(self.ws.send(event.response()))
                        return
        finally:
            self._inbox_send.close()


class HostileGateway:
    """A gateway URL whose every connection is played by `script`; records when each opened."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.url = ""
        self.connections: list[PeerConnection] = []
        self._changed = anyio.Event()

    @property
    def opened(self) -> list[float]:
        """When each connection was accepted (anyio clock)."""
        return [conn.opened_at for conn in self.connections]

    def opened_between(self, start: float, end: float) -> int:
        return sum(start <= t < end for t in self.opened)

    async def wait_connections(self, count: int) -> None:
        while len(self.connections) < count:
            await self._changed.wait()

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[HostileGateway]:
        listener = await anyio.create_tcp_listener(local_host="127.0.0.1")
        port = listener.extra(anyio.abc.SocketAttribute.local_port)
        self.url = f"ws://127.0.0.1:{port}/"
        async with listener, anyio.create_task_group() as tg:
            tg.start_soon(listener.serve, self._handle)
            yield self
            tg.cancel_scope.cancel()

    async def _handle(self, stream: anyio.abc.ByteStream) -> None:
        async with stream:
            ws = WSConnection(ConnectionType.SERVER)
            with contextlib.suppress(*_GONE):
                while not any(isinstance(e, Request) for e in ws.events()):
                    ws.receive_data(await stream.receive())
                await stream.send(ws.send(AcceptConnection()))
            if ws.state.name != "OPEN":
                return
            peer = PeerConnection(stream, ws, anyio.current_time())
            index = len(self.connections)
            self.connections.append(peer)
            self._changed.set()
            self._changed = anyio.Event()
            try:
                async with anyio.create_task_group() as tg:
                    tg.start_soon(peer._read)
                    await self.script(peer, index)
                    await peer.hold()
                    tg.cancel_scope.cancel()
            finally:
                peer.closed_at = anyio.current_time()
                peer._inbox_send.close()
                peer._inbox.close()


# -- misbehaviours -------------------------------------------------------------------------


def with_session(misbehave: Script) -> Script:
    """Connection 0: HELLO, IDENTIFY → READY, then `misbehave`; later connections: `misbehave`."""

    async def script(peer: PeerConnection, index: int) -> None:
        if index == 0:
            await peer.hello()
            if await peer.expect(2) is None:
                return
            await peer.ready()
        await misbehave(peer, index)

    return script


async def reconnect_after_hello(peer: PeerConnection, index: int) -> None:
    """Op 7 (RECONNECT) right after HELLO, before the client even answers it."""
    if index:
        await peer.hello()
    await peer.send(7)


async def reconnect_after_resume(peer: PeerConnection, index: int) -> None:
    """HELLO, wait for RESUME, then op 7 instead of RESUMED."""
    if index:
        await peer.hello()
        if await peer.expect(2, 6) is None:
            return
    await peer.send(7)


async def invalid_session_after_resume(peer: PeerConnection, index: int) -> None:
    """HELLO, wait for RESUME, then INVALID_SESSION(resumable) instead of RESUMED."""
    if index:
        await peer.hello()
        if await peer.expect(2, 6) is None:
            return
    await peer.send(9, True)


async def close_after_hello(peer: PeerConnection, index: int) -> None:
    """HELLO, then a close frame with a resumable code."""
    if index:
        await peer.hello()
    await peer.close(4000, "go away")


async def drop_after_hello(peer: PeerConnection, index: int) -> None:
    """HELLO, then cut TCP without a close frame."""
    if index:
        await peer.hello()
    await peer.drop()


async def bad_frame_after_connect(peer: PeerConnection, index: int) -> None:
    """A frame that is not JSON, first thing."""
    del index
    await peer.send_raw("{this is not json")


async def not_utf8_after_connect(peer: PeerConnection, index: int) -> None:
    """A text frame that is not UTF-8 (nor JSON), first thing."""
    del index
    await peer.send_frame(bytes([0x81, 2, 0xC3, 0x28]))


async def silent(peer: PeerConnection, index: int) -> None:
    """Accept the websocket, then never send anything (no HELLO)."""
    del peer, index


async def no_ready(peer: PeerConnection, index: int) -> None:
    """HELLO and heartbeat ACKs, but IDENTIFY is never answered with READY."""
    del index
    await peer.hello()
    await peer.expect(2)


async def honest(peer: PeerConnection, index: int) -> None:
    """What Discord does: HELLO, then READY for IDENTIFY or RESUMED for RESUME."""
    del index
    await peer.hello()
    answer = await peer.expect(2, 6)
    if answer is None:
        return
    if answer["op"] == 2:
        await peer.ready()
    else:
        peer.seq = answer["d"]["seq"]
        await peer.resumed()


STORMS: typing.Final[dict[str, Script]] = {
    "op7-after-hello": with_session(reconnect_after_hello),
    "op7-after-resume": with_session(reconnect_after_resume),
    "invalid-session-after-resume": with_session(invalid_session_after_resume),
    "close-after-hello": with_session(close_after_hello),
    "drop-after-hello": with_session(drop_after_hello),
    "bad-frame-after-connect": with_session(bad_frame_after_connect),
    "not-utf8-after-connect": with_session(not_utf8_after_connect),
}
"""Servers that end every connection before it is useful, by name."""


def scripted(*scripts: Script, then: Script | None = None) -> Script:
    """Connection i plays `scripts[i]`; connections past the end play `then` (or the last)."""

    async def script(peer: PeerConnection, index: int) -> None:
        chosen = scripts[index] if index < len(scripts) else (then or scripts[-1])
        await chosen(peer, index)

    return script
