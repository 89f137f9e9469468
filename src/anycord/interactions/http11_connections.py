"""The built-in HTTP/1.1 server's connections: plain sockets and TLS streams, one interface.

A `Connection` reads and writes bytes for `anycord.interactions.http11`, which holds the
protocol. `deadline` is when the server's timeout task cancels `scope`; a plain socket is
driven with non-blocking calls and AnyIO's readiness waits (a read that finds data waiting
costs one system call on both backends); a TLS connection uses AnyIO's TLS stream after its
handshake. Every failure of the peer surfaces as `Closing`.
"""

from __future__ import annotations

import contextlib
import logging
import math
import socket as socket_module
import typing

import anyio
import anyio.abc
from anyio.streams.tls import TLSStream

if typing.TYPE_CHECKING:
    import ssl

__all__ = ["Closing", "Connection", "SocketConnection", "TLSConnection"]

_LOGGER = logging.getLogger("anycord.interactions.http11")

_READ: typing.Final = 65536
_DRAIN_LIMIT: typing.Final = 256 * 1024
_DRAIN_TIME: typing.Final = 2.0


class Closing(Exception):
    """The connection must close (the client went away, or an error was answered)."""


class Connection:
    """One client connection over an AnyIO byte stream (the TLS path).

    `deadline` is when the timeout task cancels `scope`; `idle` says the connection waits
    for a new request head (shutdown closes those at once); `waited` says a read or write
    has yielded to the event loop since the flag was last cleared.
    """

    __slots__ = ("client", "deadline", "idle", "scope", "stream", "waited")

    def __init__(self, stream: anyio.abc.ByteStream | None, client: tuple[str, int] | None) -> None:
        self.stream = stream
        self.client = client
        self.deadline = math.inf
        self.idle = False
        self.waited = True
        self.scope = anyio.CancelScope()

    async def receive(self) -> bytes:
        assert self.stream is not None
        try:
            return await self.stream.receive(_READ)
        except (anyio.EndOfStream, anyio.BrokenResourceError, anyio.ClosedResourceError):
            raise Closing from None

    async def send(self, data: bytes, grace: float) -> None:
        assert self.stream is not None
        previous = self.deadline
        self.deadline = min(previous, anyio.current_time() + grace)
        try:
            await self.stream.send(data)
        except (anyio.BrokenResourceError, anyio.ClosedResourceError) as exc:
            raise Closing from exc
        self.deadline = previous

    async def open(self) -> None:
        """Make the connection ready to carry requests (the TLS handshake)."""

    def end_output(self) -> None:
        """Nothing more will be written (a response answered early on a closing connection):
        tell the client now, where the transport can (a plain socket's half-close)."""

    async def drain(self) -> None:
        """After an error answer: stop writing, discard what the client still sends, briefly."""

    async def aclose(self) -> None:
        assert self.stream is not None
        await self.stream.aclose()


class TLSConnection(Connection):
    """A TLS connection: AnyIO's TLS stream over the accepted socket, after a handshake."""

    __slots__ = ("context", "sock", "transport")

    def __init__(
        self, sock: socket_module.socket, client: tuple[str, int] | None, context: ssl.SSLContext
    ) -> None:
        super().__init__(None, client)
        self.sock = sock
        self.context = context
        self.transport: anyio.abc.SocketStream | None = None

    async def open(self) -> None:
        self.transport = await anyio.abc.SocketStream.from_socket(self.sock)
        try:
            self.stream = await TLSStream.wrap(
                self.transport,
                server_side=True,
                ssl_context=self.context,
                standard_compatible=False,
            )
        except (OSError, anyio.BrokenResourceError, anyio.EndOfStream) as exc:
            # Any client can fail a handshake (a port scanner, plain HTTP on the TLS port):
            # it is the client's problem, not the server's.
            _LOGGER.debug("TLS handshake with %s failed: %r", self.client, exc)
            raise Closing from None

    async def aclose(self) -> None:
        if self.transport is None:
            self.sock.close()
        else:
            await self.transport.aclose()


class SocketConnection(Connection):
    """A plain TCP or Unix connection driven with non-blocking socket calls."""

    __slots__ = ("sock",)

    def __init__(self, sock: socket_module.socket, client: tuple[str, int] | None) -> None:
        super().__init__(None, client)
        self.sock = sock

    async def receive(self) -> bytes:
        sock = self.sock
        while True:
            try:
                data = sock.recv(_READ)
            except BlockingIOError:
                self.waited = True
                await anyio.wait_readable(sock)
                continue
            except OSError:
                raise Closing from None
            if not data:
                raise Closing
            return data

    async def send(self, data: bytes, grace: float) -> None:
        sock = self.sock
        view = memoryview(data)
        previous = self.deadline
        try:
            while view:
                try:
                    view = view[sock.send(view) :]
                except BlockingIOError:
                    # The client is not reading: its response must be taken within `grace`.
                    self.waited = True
                    if previous == self.deadline:
                        self.deadline = min(previous, anyio.current_time() + grace)
                    await anyio.wait_writable(sock)
                except OSError:
                    raise Closing from None
        finally:
            view.release()
        self.deadline = previous

    def end_output(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket_module.SHUT_WR)

    async def drain(self) -> None:
        try:
            self.sock.shutdown(socket_module.SHUT_WR)
        except OSError:
            return
        # Each arrival buys the client another `_DRAIN_TIME`, within a hard limit in time and
        # bytes (like a lingering close), so it reads the answer rather than a reset.
        now = anyio.current_time()
        limit = now + _DRAIN_TIME * 5
        seen = 0
        while seen < _DRAIN_LIMIT:
            self.deadline = min(now + _DRAIN_TIME, limit)
            try:
                seen += len(await self.receive())
            except Closing:
                return
            now = anyio.current_time()

    async def aclose(self) -> None:
        self.sock.close()
