"""A small HTTP/1.1 server on AnyIO streams, made for one job: Discord's interaction POSTs.

hypercorn is a complete server (HTTP/2, HTTP/3, WebSockets), and its pure-Python h11 layer
costs more per request than verifying the Ed25519 signature does. Discord only ever sends
`POST` requests with a `Content-Length` body over HTTP/1.1 keep-alive connections, so this
server parses exactly that, with a few byte splits, and hands each request to an ASGI app
(normally `AsgiAdapter`, which makes every status-code decision). Anything outside that
subset gets a plain error and the connection is closed: chunked bodies 411, heads over
16 KiB 431, malformed heads 400.

Every connection is a task in the server's task group. Shutdown stops accepting, closes idle
keep-alive connections at once, and gives requests in flight `shutdown_timeout` seconds
before they are cancelled. It runs on asyncio and Trio alike, with TLS when given an
`SSLContext` (AnyIO's TLS listener).
"""

from __future__ import annotations

import functools
import logging
import typing

import anyio
import anyio.abc
from anyio.streams.tls import TLSListener

if typing.TYPE_CHECKING:
    import socket
    import ssl
    from collections.abc import Awaitable, Callable, Sequence

__all__ = ["serve_http11"]

_LOGGER = logging.getLogger("anycord.interactions.http11")

_MAX_HEAD: typing.Final = 16 * 1024
_READ: typing.Final = 65536
_REASONS: typing.Final = {
    200: b"OK",
    202: b"Accepted",
    400: b"Bad Request",
    401: b"Unauthorized",
    404: b"Not Found",
    405: b"Method Not Allowed",
    411: b"Length Required",
    413: b"Content Too Large",
    415: b"Unsupported Media Type",
    431: b"Request Header Fields Too Large",
    500: b"Internal Server Error",
    501: b"Not Implemented",
    503: b"Service Unavailable",
}


class _Closing(Exception):
    """The connection must close (client went away, or a protocol error was answered)."""


class _Connections:
    __slots__ = ("closing", "idle")

    def __init__(self) -> None:
        self.closing = False
        self.idle: dict[anyio.CancelScope, None] = {}


def _simple(status: int, text: bytes) -> bytes:
    reason = _REASONS.get(status, b"")
    return (
        b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: %d\r\n"
        b"connection: close\r\n\r\n%s" % (status, reason, len(text), text)
    )


async def _handle(
    app: Callable[..., Awaitable[None]],
    state: _Connections,
    client: tuple[str, int] | None,
    stream: anyio.abc.ByteStream,
) -> None:
    buffer = b""
    # One scope per connection, cancelled at shutdown only while the connection is idle
    # (waiting for its next request head); busy ones finish their request and then stop.
    async with stream:
        with anyio.CancelScope() as scope:
            while not state.closing:
                state.idle[scope] = None
                try:
                    while (end := buffer.find(b"\r\n\r\n")) < 0:
                        if len(buffer) > _MAX_HEAD:
                            await stream.send(_simple(431, b"Request head too large"))
                            return
                        try:
                            buffer += await stream.receive(_READ)
                        except (
                            anyio.EndOfStream,
                            anyio.BrokenResourceError,
                            anyio.ClosedResourceError,
                        ):
                            return
                finally:
                    state.idle.pop(scope, None)
                head, buffer = buffer[:end], buffer[end + 4 :]
                try:
                    buffer, keep_alive = await _request(app, state, client, stream, head, buffer)
                except _Closing:
                    return
                except (anyio.BrokenResourceError, anyio.ClosedResourceError, anyio.EndOfStream):
                    return
                if not keep_alive:
                    return


async def _request(
    app: Callable[..., Awaitable[None]],
    state: _Connections,
    client: tuple[str, int] | None,
    stream: anyio.abc.ByteStream,
    head: bytes,
    buffer: bytes,
) -> tuple[bytes, bool]:
    lines = head.split(b"\r\n")
    try:
        method, target, version = lines[0].split(b" ", 2)
    except ValueError:
        await stream.send(_simple(400, b"Malformed request line"))
        raise _Closing from None
    headers: list[tuple[bytes, bytes]] = []
    length = 0
    keep_alive = version == b"HTTP/1.1"
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if not sep:
            await stream.send(_simple(400, b"Malformed header"))
            raise _Closing
        name = name.strip().lower()
        value = value.strip()
        headers.append((name, value))
        if name == b"content-length":
            if not value.isdigit():
                await stream.send(_simple(400, b"Bad Content-Length"))
                raise _Closing
            length = int(value)
        elif name == b"transfer-encoding":
            await stream.send(_simple(411, b"Send a Content-Length body"))
            raise _Closing
        elif name == b"connection":
            token = value.lower()
            if token == b"close":
                keep_alive = False
            elif token == b"keep-alive":
                keep_alive = True
    path, _, query = target.partition(b"?")
    remaining = length
    pending = buffer

    async def receive() -> dict[str, typing.Any]:
        nonlocal remaining, pending
        if remaining <= 0:
            return {"type": "http.request", "body": b"", "more_body": False}
        if not pending:
            pending = await stream.receive(_READ)
        chunk, pending = pending[:remaining], pending[remaining:]
        remaining -= len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": remaining > 0}

    parts: list[bytes] = []
    response_close = False

    async def send(message: dict[str, typing.Any]) -> None:
        nonlocal response_close
        if message["type"] == "http.response.start":
            status = message["status"]
            parts.append(b"HTTP/1.1 %d %s\r\n" % (status, _REASONS.get(status, b"")))
            for name, value in message.get("headers", ()):
                if name.lower() == b"connection" and value.lower() == b"close":
                    response_close = True
                parts.append(b"%s: %s\r\n" % (name, value))
            return
        body = message.get("body", b"")
        if not parts:
            if body:
                await stream.send(body)
            return
        if message.get("more_body", False):
            # A streamed (multipart) body has no Content-Length: it ends with the connection.
            if not response_close:
                parts.append(b"connection: close\r\n")
            response_close = True
        elif (not keep_alive or state.closing) and not response_close:
            parts.append(b"connection: close\r\n")
        parts.append(b"\r\n")
        parts.append(body)
        # The head and the first body chunk go out in one write.
        await stream.send(b"".join(parts))
        parts.clear()

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method.decode("latin-1"),
        "scheme": "http",
        "path": path.decode("latin-1"),
        "raw_path": path,
        "query_string": query,
        "root_path": "",
        "headers": headers,
        "client": client,
        "server": None,
    }
    await app(scope, receive, send)
    if remaining > 0 or response_close:
        # The body was not read (an early rejection) or the response was streamed: the
        # connection cannot carry another request.
        raise _Closing
    return pending, keep_alive and not state.closing


def _peer(stream: anyio.abc.ByteStream) -> tuple[str, int] | None:
    try:
        address = stream.extra(anyio.abc.SocketAttribute.remote_address)
    except Exception:  # Unix sockets and wrapped streams may not have one
        return None
    return address if isinstance(address, tuple) else None


async def serve_http11(
    app: Callable[..., Awaitable[None]],
    *,
    sockets: Sequence[socket.socket],
    shutdown_trigger: Callable[[], Awaitable[None]],
    ssl_context: ssl.SSLContext | None = None,
    shutdown_timeout: float = 60.0,
    task_status: anyio.abc.TaskStatus[list[str]] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Serve `app` (ASGI 3, HTTP only: no lifespan) on listening `sockets` until `shutdown_trigger()` returns."""
    from anycord.interactions.serving import describe

    listeners: list[anyio.abc.Listener[typing.Any]] = []
    for sock in sockets:
        listener: anyio.abc.Listener[typing.Any] = await anyio.abc.SocketListener.from_socket(sock)
        if ssl_context is not None:
            listener = TLSListener(listener, ssl_context, standard_compatible=False)
        listeners.append(listener)
    scheme = "https" if ssl_context is not None else "http"
    addresses = [f"{scheme}://{describe(sock)}" for sock in sockets]
    state = _Connections()

    async def on_connection(stream: anyio.abc.ByteStream) -> None:
        await _handle(app, state, _peer(stream), stream)

    try:
        async with anyio.create_task_group() as connections:
            async with anyio.create_task_group() as accepting:
                for listener in listeners:
                    accepting.start_soon(
                        functools.partial(listener.serve, on_connection, connections)
                    )
                task_status.started(addresses)
                await shutdown_trigger()
                accepting.cancel_scope.cancel()
            state.closing = True
            for scope in list(state.idle):
                scope.cancel()
            connections.cancel_scope.deadline = anyio.current_time() + shutdown_timeout
    finally:
        with anyio.CancelScope(shield=True):
            for listener in listeners:
                await listener.aclose()
