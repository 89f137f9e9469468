"""A hostile HTTP/1.1 peer on loopback, for tests of what the client does when a server misbehaves.

`HTTPPeer(behaviour)` listens on 127.0.0.1 (port 0) and hands every accepted connection to
`behaviour(conn)`. A `PeerConnection` can read the request (parsed with h11, the reference
HTTP/1.1 implementation), answer, close cleanly, or reset (RST via `SO_LINGER 0`). Each
request read is recorded in `peer.requests`, and `peer.bytes_received` counts every byte.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import typing

import anyio
import anyio.abc
import attrs
import h11

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

__all__ = ["HTTPPeer", "PeerConnection", "PeerRequest", "answer", "reset_after_reading"]


@attrs.define
class PeerRequest:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes


class PeerConnection:
    """One accepted connection."""

    def __init__(self, peer: HTTPPeer, stream: anyio.abc.SocketStream) -> None:
        self.peer = peer
        self.stream = stream
        self._h11 = h11.Connection(h11.SERVER)

    async def receive_some(self) -> bytes:
        try:
            data = await self.stream.receive(65536)
        except (anyio.EndOfStream, anyio.BrokenResourceError, ConnectionError):
            return b""
        self.peer.bytes_received += len(data)
        return data

    async def read_request(self) -> PeerRequest | None:
        """The next request, whole; None when the client closed first."""
        request: h11.Request | None = None
        body = bytearray()
        while True:
            event = self._h11.next_event()
            if event is h11.NEED_DATA:
                self._h11.receive_data(await self.receive_some())
                continue
            if isinstance(event, h11.Request):
                request = event
            elif isinstance(event, h11.Data):
                body += event.data
            elif isinstance(event, h11.EndOfMessage):
                assert request is not None
                found = PeerRequest(
                    request.method.decode(),
                    request.target.decode(),
                    {k.decode().lower(): v.decode() for k, v in request.headers},
                    bytes(body),
                )
                self.peer.requests.append(found)
                return found
            elif isinstance(event, h11.ConnectionClosed):
                return None

    async def respond(
        self, status: int, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> None:
        """Send a whole response and get ready for the next request on this connection."""
        fields = [("content-length", str(len(body))), *(headers or {}).items()]
        out = self._h11.send(h11.Response(status_code=status, headers=fields))
        out = (out or b"") + (self._h11.send(h11.Data(data=body)) or b"")
        out += self._h11.send(h11.EndOfMessage()) or b""
        await self.stream.send(out)
        if self._h11.our_state is h11.DONE and self._h11.their_state is h11.DONE:
            self._h11.start_next_cycle()

    async def reset(self) -> None:
        """Abort with a TCP RST (the peer sees 'connection reset')."""
        raw = self.stream.extra(anyio.abc.SocketAttribute.raw_socket)
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        await self.stream.aclose()


class HTTPPeer:
    """A loopback server running `behaviour` on each connection (see the module docstring)."""

    def __init__(self, behaviour: Callable[[PeerConnection], Awaitable[None]]) -> None:
        self.behaviour = behaviour
        self.requests: list[PeerRequest] = []
        self.bytes_received = 0
        self.connections = 0
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[HTTPPeer]:
        listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
        self.port = listener.extra(anyio.abc.SocketAttribute.local_port)
        async with listener, anyio.create_task_group() as tg:
            tg.start_soon(listener.serve, self._handle)
            try:
                yield self
            finally:
                tg.cancel_scope.cancel()

    async def _handle(self, stream: anyio.abc.SocketStream) -> None:
        self.connections += 1
        async with stream:
            with contextlib.suppress(anyio.BrokenResourceError, anyio.ClosedResourceError):
                await self.behaviour(PeerConnection(self, stream))


async def reset_after_reading(conn: PeerConnection) -> None:
    """Read the whole request, then reset the connection without answering."""
    if await conn.read_request() is not None:
        await conn.reset()


def answer(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> typing.Any:
    """A behaviour answering every request on the connection with the same response."""

    async def behaviour(conn: PeerConnection) -> None:
        while await conn.read_request() is not None:
            await conn.respond(status, body, headers)

    return behaviour
