"""A small, strict HTTP/1.1 server on AnyIO, made for one job: Discord's interaction POSTs.

hypercorn is a complete server (HTTP/2, HTTP/3, WebSockets), and its pure-Python h11 layer
costs more per request than verifying the Ed25519 signature does. Discord only ever sends
`POST` requests with a `Content-Length` body over HTTP/1.1 keep-alive connections, so this
server parses exactly that and hands each request to an ASGI app (normally `AsgiAdapter`,
which makes every status-code decision; an `AsgiAdapter` is called directly, through
`check_head` and its interaction server, with no ASGI scope or messages per request). It
faces the internet, so it is strict:

- the request head is framed and checked by `http11_head`, with no IO (its docstring lists
  every rule): a head that breaks the HTTP/1.1 grammar (a bare LF is refused as soon as it
  arrives), a bad or repeated `Content-Length`, or a missing `Host` is **400**; any
  `Transfer-Encoding` is **411** (no chunked bodies, so no request smuggling through a
  disagreement about where a body ends); a head over 16 KiB or 100 lines is **431**;
- every error answer carries `connection: close`; the server then stops writing, drains
  what the client still sends (while it keeps sending, up to 10 s and 256 KiB), and closes,
  so the client reads the answer rather than a reset;
- at most `max_connections` connections are open at once (by default half the open-file
  limit, at most 4096); a connection beyond it is answered a canned **503** without being
  read and closed at once (two system calls, no task), a warning is logged at most once a
  minute, and the open connections are served as before;
- a new connection must send its first byte (after its TLS handshake, which is bounded the
  same way) within `request_timeout` seconds; an idle keep-alive connection is closed after
  `keep_alive_timeout` seconds; once the first byte of a request arrives, its head and body
  must arrive within `request_timeout` seconds, and a response the client does not read
  must be taken within the same time (slow-loris clients are dropped);
- a failed TLS handshake is the client's doing (a scanner, plain HTTP on the TLS port): it
  is logged at DEBUG and the connection closed;
- a connection holds at most one head (16 KiB) plus one read (64 KiB) of unparsed bytes;
  bodies are read by the app as it asks for them (`AsgiAdapter` refuses bodies over its
  `max_body_size` before reading them);
- an exception from the app is logged and answered **500** (or the connection is closed
  when the response had started); it never reaches the server's task group;
- a response may be complete while its listener (or ASGI app) still runs (a `Responder`
  answered early; ASGI allows an app to go on): if it still runs 10 ms later, the
  connection goes on serving the client's next requests in a task of its own (the response
  was whole, so answers stay in order), and the listener finishes in the request's task
  under the shutdown deadline. A client that does not read an early response within
  `request_timeout` loses the connection, and the listener still running in that request's
  task is cancelled with it.

Every connection is a task in the server's task group; one more task enforces the timeouts
for all connections (a deadline per connection, checked a few times a second, so a request
costs no timer of its own). Plain TCP and Unix sockets are driven with non-blocking socket
calls and AnyIO's readiness waits (`anyio.wait_readable`): a read that finds data waiting
costs one system call on both backends. With an `SSLContext`, the same accept loop hands each
socket to AnyIO's TLS stream, so TLS connections share the cap and the timeouts. Shutdown
stops accepting, closes idle keep-alive connections at once, gives a request still arriving
(or a response still being read) one more second, and gives requests being answered
`shutdown_timeout` seconds before they are cancelled.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import math
import socket as socket_module
import typing

import anyio
import anyio.abc
import anyio.lowlevel

from anycord.interactions.asgi import AsgiAdapter
from anycord.interactions.deadlines import Deadlines, Entry
from anycord.interactions.http11_connections import (
    Closing,
    Connection,
    SocketConnection,
    TLSConnection,
)
from anycord.interactions.http11_head import Head, Rejected, parse_head, split_head
from anycord.interactions.serving import describe

if typing.TYPE_CHECKING:
    import ssl
    from collections.abc import Awaitable, Callable, Sequence

    from anycord.interactions.server import Response

__all__ = ["default_max_connections", "serve_http11"]

_LOGGER = logging.getLogger("anycord.interactions.http11")

_REASONS: typing.Final = {
    100: b"Continue",
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
_CONTINUE: typing.Final = b"HTTP/1.1 100 Continue\r\n\r\n"
_CLOSE_HEADER: typing.Final = (b"connection", b"close")
_STATUS_LINES: typing.Final = {
    status: b"HTTP/1.1 %d %s\r\n" % (status, reason) for status, reason in _REASONS.items()
}
_CONTENT_TYPE_LINES: dict[str, bytes] = {}


def _content_type_line(content_type: str) -> bytes:
    line = _CONTENT_TYPE_LINES.get(content_type)
    if line is None:
        line = b"content-type: %s\r\n" % content_type.encode()
        if len(_CONTENT_TYPE_LINES) < 64:
            _CONTENT_TYPE_LINES[content_type] = line
    return line


_ACCEPT_PAUSE: typing.Final = 0.1
_BUSY: typing.Final = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
)
_HANDOFF_AFTER: typing.Final = 0.01
"""Seconds a listener may run on after its early response before its connection goes on in
a task of its own (a short handler returns first and costs no task)."""
_SHUTDOWN_GRACE: typing.Final = 1.0
"""Seconds a request still arriving (or a response still being read) gets at shutdown."""
_WARN_EVERY: typing.Final = 60.0
"""Seconds between two warnings that connections are being refused."""
_RESOURCE_ERRORS: typing.Final = frozenset(
    {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}
)


def _simple(status: int, text: bytes) -> bytes:
    reason = _REASONS.get(status, b"")
    return (
        b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: %d\r\n"
        b"connection: close\r\n\r\n%s" % (status, reason, len(text), text)
    )


class _HandedOff(Exception):
    """The connection went on in another task; the request's task only ends."""


class _Early:
    """One request answered through `Responder` (or an ASGI response completed) while its
    listener runs: writes the answer, and hands the connection on if the listener runs long.

    `settle()` is called when the listener returns, in the request's task: it raises
    `_HandedOff` when the connection went on in another task, `Closing` when it must close,
    and otherwise returns what was read after the request.
    """

    __slots__ = (
        "buffer",
        "close",
        "connection",
        "entry",
        "extra",
        "handed_off",
        "keep_alive",
        "server",
        "wrote",
    )

    def __init__(
        self,
        server: _Server,
        connection: Connection,
        buffer: bytes,
        extra: tuple[tuple[bytes, bytes], ...],
        keep_alive: bool,
    ) -> None:
        self.server = server
        self.connection = connection
        self.buffer = buffer
        self.extra = extra
        self.keep_alive = keep_alive
        self.entry: Entry | None = None
        self.handed_off = False
        self.wrote = False
        self.close = False

    async def write(self, response: Response) -> None:
        """The `Responder`'s write: the whole response, now (Closing/Rejected on failure)."""
        self.close = await self.server._respond(
            self.connection, response, self.extra, self.keep_alive
        )
        if self.close or not self.keep_alive or self.server.closing:
            # Nothing follows on this connection: a streamed body ends here, not when the
            # listener returns.
            self.close = True
            self.connection.end_output()
        self.written()

    def written(self) -> None:
        self.wrote = True
        if not self.close:
            self.entry = self.server.handoffs.add(self)

    def settle(self) -> bytes:
        entry = self.entry
        if entry is not None:
            Deadlines.cancel(entry)
        if self.handed_off:
            raise _HandedOff
        if self.close or not self.wrote:
            raise Closing
        return self.buffer


class _Server:
    """The state shared by one `serve_http11` call's connections."""

    __slots__ = (
        "adapter",
        "app",
        "closing",
        "connections",
        "handoffs",
        "keep_alive_timeout",
        "max_connections",
        "next_warning",
        "open",
        "refused",
        "request_timeout",
        "ssl_context",
        "tasks",
    )

    def __init__(
        self,
        app: Callable[..., Awaitable[None]],
        keep_alive_timeout: float,
        request_timeout: float,
        max_connections: int,
        ssl_context: ssl.SSLContext | None,
    ) -> None:
        self.app = app
        # An `AsgiAdapter` (exactly: a subclass may change what ASGI does) is called
        # directly, without building ASGI scopes and messages for every request.
        self.adapter = app if type(app) is AsgiAdapter else None
        self.closing = False
        self.connections: set[Connection] = set()
        self.keep_alive_timeout = keep_alive_timeout
        self.request_timeout = request_timeout
        self.max_connections = max_connections
        self.ssl_context = ssl_context
        self.open = 0
        """Connections accepted and not yet closed (counted from `accept`, not from `handle`)."""
        self.refused = 0
        self.next_warning = -math.inf
        self.handoffs = Deadlines(_HANDOFF_AFTER, self._hand_off)
        """Connections answered while their listener still runs (see `_hand_off`)."""
        self.tasks: anyio.abc.TaskGroup | None = None
        """The connections' task group (set by `serve_http11`)."""

    def admit(self, sock: socket_module.socket, peer: tuple[str, int] | None) -> Connection | None:
        """The connection for a socket just accepted, or `None` when it was refused (closed).

        Over `max_connections`, a new connection costs two system calls and no task: a
        canned 503 (plain HTTP only) written without reading the request, then close. The
        connections already open are served as before.
        """
        if self.open >= self.max_connections:
            if self.ssl_context is None:
                with contextlib.suppress(OSError):
                    sock.send(_BUSY)
            sock.close()
            self.refused += 1
            now = anyio.current_time()
            if now >= self.next_warning:
                self.next_warning = now + _WARN_EVERY
                _LOGGER.warning(
                    "%d connections open (max_connections): refusing new ones (%d refused so far)",
                    self.open,
                    self.refused,
                )
            return None
        self.open += 1
        if self.ssl_context is not None:
            return TLSConnection(sock, peer, self.ssl_context)
        return SocketConnection(sock, peer)

    def _hand_off(self, early: _Early) -> None:
        """A listener still runs `_HANDOFF_AFTER` seconds after its response was written: the
        connection goes on in a task of its own, so the client's next request on it is not
        held behind that listener (the response was complete, so answers stay in order)."""
        if self.closing or self.tasks is None:
            return
        early.handed_off = True
        connection = early.connection
        connection.scope = anyio.CancelScope()  # timeouts now end the new task, not the listener
        self.tasks.start_soon(self.handle, connection, early.buffer)

    async def enforce_timeouts(self) -> None:
        interval = max(0.01, min(1.0, self.keep_alive_timeout / 4, self.request_timeout / 4))
        while True:
            await anyio.sleep(interval)
            now = anyio.current_time()
            for connection in self.connections:
                if connection.deadline <= now:
                    connection.deadline = math.inf
                    connection.scope.cancel()

    async def handle(self, connection: Connection, buffer: bytes | None = None) -> None:
        """Serve `connection` until it closes; `buffer`: resume a connection handed off by a
        request whose listener still runs (what was read after that request)."""
        self.connections.add(connection)
        handed_off = False
        try:
            with connection.scope:
                try:
                    if buffer is None:
                        # The handshake counts as the start of the first request; shutdown
                        # closes a connection still in it at once, like an idle one.
                        connection.idle = True
                        connection.deadline = anyio.current_time() + self.request_timeout
                        await connection.open()
                        connection.idle = False
                    await self._serve(connection, buffer)
                except _HandedOff:
                    handed_off = True
                except Closing:
                    pass
                except Rejected as rejected:
                    _LOGGER.debug("refused a request: %d %s", rejected.status, rejected.text)
                    try:
                        await connection.send(
                            _simple(rejected.status, rejected.text), self.request_timeout
                        )
                        await connection.drain()
                    except Closing:
                        pass
                except Exception:
                    # A bug here must cost one connection, never the server.
                    _LOGGER.exception("an HTTP connection failed")
        finally:
            if not handed_off:
                self.open -= 1
                self.connections.discard(connection)
                with anyio.CancelScope(shield=True):
                    await connection.aclose()

    async def _serve(self, connection: Connection, resumed: bytes | None) -> None:
        buffer = resumed or b""
        # A new connection must begin its first request within the request timeout (Discord
        # sends at once); only a connection that was answered earns the keep-alive wait.
        idle_timeout = (
            min(self.request_timeout, self.keep_alive_timeout)
            if resumed is None
            else self.keep_alive_timeout
        )
        while not self.closing:
            # Wait for a whole head: idle (nothing buffered) under the idle timeout, then
            # under the request timeout from its first byte.
            if not buffer:
                connection.idle = True
                connection.deadline = anyio.current_time() + idle_timeout
                try:
                    buffer = await connection.receive()
                finally:
                    connection.idle = False
            connection.deadline = anyio.current_time() + self.request_timeout
            while (split := split_head(buffer)) is None:
                buffer += await connection.receive()
            buffer, keep_alive = await self._request(connection, parse_head(split[0]), split[1])
            if not keep_alive:
                return
            idle_timeout = self.keep_alive_timeout
            if not connection.waited:
                # Requests keep arriving without a wait: let other connections run.
                await anyio.lowlevel.checkpoint()
            connection.waited = False

    async def _request(
        self, connection: Connection, head: Head, buffer: bytes
    ) -> tuple[bytes, bool]:
        method = head.method
        target = head.target
        length = head.length
        keep_alive = head.keep_alive
        expect_continue = head.expect_continue
        path, _, query = target.partition(b"?")
        if length <= 0:
            connection.deadline = math.inf
        adapter = self.adapter
        if adapter is not None:
            failure, extra, sig, ts = adapter.check_head(
                method.decode("latin-1"),
                path.decode("latin-1"),
                content_type=head.content_type,
                signature=head.signature,
                timestamp=head.timestamp,
                content_length=length if length >= 0 else None,
            )
            return await self._direct(
                connection,
                adapter,
                buffer,
                max(length, 0),
                expect_continue,
                keep_alive,
                failure,
                extra,
                sig,
                ts,
                method == b"HEAD",
            )
        return await self._asgi(
            connection,
            buffer,
            method,
            path,
            query,
            head.version,
            head.headers,
            max(length, 0),
            expect_continue,
            keep_alive,
        )

    async def _direct(
        self,
        connection: Connection,
        adapter: AsgiAdapter,
        buffer: bytes,
        remaining: int,
        expect_continue: bool,
        keep_alive: bool,
        response: Response | None,
        extra: tuple[tuple[bytes, bytes], ...],
        sig: bytes,
        ts: bytes,
        bodiless: bool,
    ) -> tuple[bytes, bool]:
        """The adapter's decisions without ASGI: same statuses, headers and bodies (no body
        for `HEAD`, whose answer has the `GET` answer's headers)."""
        if response is None:
            if remaining:
                body = buffer[:remaining]
                buffer = buffer[remaining:]
                if len(body) < remaining:
                    chunks = [body]
                    size = len(body)
                    while size < remaining:
                        if expect_continue:
                            expect_continue = False
                            await connection.send(_CONTINUE, self.request_timeout)
                        data = await connection.receive()
                        need = remaining - size
                        if len(data) > need:
                            data, buffer = data[:need], data[need:]
                        chunks.append(data)
                        size += len(data)
                    body = b"".join(chunks)
                remaining = 0
                connection.deadline = math.inf
                early = _Early(self, connection, buffer, extra, keep_alive)
                try:
                    response = await adapter.server.on_interaction(body, sig, ts, write=early.write)
                except Exception:
                    _LOGGER.exception("the interaction server failed")
                    if early.wrote:  # answered already: no 500 after it
                        early.settle()
                        raise Closing from None
                    raise Rejected(500, b"Internal server error") from None
                if response.early:
                    response.mark_sent()
                    return early.settle(), keep_alive and not self.closing
            else:
                response = adapter.empty_body_response()
        try:
            close = await self._respond(connection, response, extra, keep_alive, bodiless)
        finally:
            response.mark_sent()
        if remaining > 0 or close:
            if remaining > 0:
                await connection.drain()
            raise Closing
        return buffer, keep_alive and not self.closing

    async def _respond(
        self,
        connection: Connection,
        response: Response,
        extra: tuple[tuple[bytes, bytes], ...],
        keep_alive: bool,
        bodiless: bool = False,
    ) -> bool:
        """Write `response`; whether the connection must close after it."""
        status = response.status_code
        close = False
        if response.files:
            head = [b"HTTP/1.1 %d %s\r\n" % (status, _REASONS.get(status, b""))]
            head.extend(
                b"%s: %s\r\n" % (k.encode(), v.encode()) for k, v in response.headers.items()
            )
            head.extend(b"%s: %s\r\n" % pair for pair in extra)
            # A streamed (multipart) body has no Content-Length: it ends with the connection.
            if _CLOSE_HEADER not in extra:
                head.append(b"connection: close\r\n")
            head.append(b"\r\n")
            data = b"".join(head)
            try:
                async for chunk in response.iter_body():
                    if data:
                        chunk, data = data + chunk, b""
                    if chunk:
                        await connection.send(chunk, self.request_timeout)
            except (Closing, Rejected):
                raise
            except Exception:
                _LOGGER.exception("streaming a multipart response failed")
                if data:
                    raise Rejected(500, b"Internal server error") from None
                raise Closing from None
            return True
        body = response.payload or b""
        content_type = response.content_type
        parts = [
            _STATUS_LINES.get(status)
            or b"HTTP/1.1 %d %s\r\n" % (status, _REASONS.get(status, b"")),
            b"content-length: %d\r\n" % len(body),
        ]
        if content_type is not None:
            parts.append(_content_type_line(content_type))
        for pair in extra:
            if pair == _CLOSE_HEADER:
                close = True
            parts.append(b"%s: %s\r\n" % pair)
        if (not keep_alive or self.closing) and not close:
            parts.append(b"connection: close\r\n")
        parts.append(b"\r\n")
        if not bodiless:
            parts.append(body)
        await connection.send(b"".join(parts), self.request_timeout)
        return close

    async def _asgi(
        self,
        connection: Connection,
        buffer: bytes,
        method: bytes,
        path: bytes,
        query: bytes,
        version: bytes,
        headers: list[tuple[bytes, bytes]],
        remaining: int,
        expect_continue: bool,
        keep_alive: bool,
    ) -> tuple[bytes, bool]:
        pending = buffer
        request_timeout = self.request_timeout

        async def receive() -> dict[str, typing.Any]:
            nonlocal remaining, pending, expect_continue
            if remaining <= 0:
                return {"type": "http.request", "body": b"", "more_body": False}
            if not pending:
                if expect_continue:
                    expect_continue = False
                    await connection.send(_CONTINUE, request_timeout)
                pending = await connection.receive()
            chunk, pending = pending[:remaining], pending[remaining:]
            remaining -= len(chunk)
            if remaining <= 0:
                connection.deadline = math.inf
            return {"type": "http.request", "body": chunk, "more_body": remaining > 0}

        parts: list[bytes] = []
        started = response_close = False
        early: _Early | None = None

        async def send(message: dict[str, typing.Any]) -> None:
            nonlocal response_close, started, early
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
                    await connection.send(body, request_timeout)
                return
            if message.get("more_body", False):
                # A streamed (multipart) body has no Content-Length: it ends with the connection.
                if not response_close:
                    parts.append(b"connection: close\r\n")
                response_close = True
            elif (not keep_alive or self.closing) and not response_close:
                parts.append(b"connection: close\r\n")
            parts.append(b"\r\n")
            parts.append(body)
            started = True
            # The head and the first body chunk go out in one write.
            data = b"".join(parts)
            parts.clear()
            await connection.send(data, request_timeout)
            if not response_close and remaining <= 0 and keep_alive:
                # The app may keep running after its response (ASGI allows it): the
                # connection goes on serving if it runs for long (see `_hand_off`).
                early = _Early(self, connection, pending, (), keep_alive)
                early.written()

        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1" if version == b"HTTP/1.1" else "1.0",
            "method": method.decode("latin-1"),
            "scheme": "http",
            "path": path.decode("latin-1"),
            "raw_path": path,
            "query_string": query,
            "root_path": "",
            "headers": headers,
            "client": connection.client,
            "server": None,
        }
        try:
            await self.app(scope, receive, send)
        except Closing:
            raise
        except Exception:
            if early is not None:
                early.settle()
            _LOGGER.exception("the ASGI app failed on %s %s", scope["method"], scope["path"])
            if started:
                raise Closing from None
            raise Rejected(500, b"Internal server error") from None
        if not started:
            _LOGGER.error("the ASGI app returned without a response")
            raise Rejected(500, b"Internal server error")
        if early is not None:
            pending = early.settle()
        if remaining > 0 or response_close:
            # The body was not read (an early rejection) or the response was streamed: the
            # connection cannot carry another request.
            if remaining > 0:
                await connection.drain()
            raise Closing
        return pending, keep_alive and not self.closing


async def _accept(
    server: _Server, sock: socket_module.socket, connections: anyio.abc.TaskGroup
) -> None:
    tcp = sock.family in (socket_module.AF_INET, socket_module.AF_INET6)
    while True:
        await anyio.wait_readable(sock)
        while True:
            try:
                client, address = sock.accept()
            except BlockingIOError:
                break
            except OSError as exc:
                if exc.errno in _RESOURCE_ERRORS:
                    _LOGGER.warning("cannot accept connections for now: %s", exc)
                    await anyio.sleep(_ACCEPT_PAUSE)
                break
            client.setblocking(False)
            if tcp:
                client.setsockopt(socket_module.IPPROTO_TCP, socket_module.TCP_NODELAY, 1)
            connection = server.admit(client, (address[0], address[1]) if tcp else None)
            if connection is not None:
                connections.start_soon(server.handle, connection)
        # Let the accepted connections start before accepting more.
        await anyio.lowlevel.checkpoint()


def default_max_connections() -> int:
    """Half the process's open-file limit (`RLIMIT_NOFILE`, soft), at most 4096.

    The other half stays for what the bot itself opens (REST connections, files it sends,
    the verifier's pipes), so a flood of connections cannot starve it of descriptors.
    """
    try:
        import resource
    except ImportError:  # not POSIX
        return 1024
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft <= 0:
        return 4096
    return max(1, min(4096, soft // 2))


async def serve_http11(
    app: Callable[..., Awaitable[None]],
    *,
    sockets: Sequence[socket_module.socket],
    shutdown_trigger: Callable[[], Awaitable[None]],
    ssl_context: ssl.SSLContext | None = None,
    shutdown_timeout: float = 60.0,
    keep_alive_timeout: float = 75.0,
    request_timeout: float = 10.0,
    max_connections: int | None = None,
    task_status: anyio.abc.TaskStatus[list[str]] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Serve `app` (ASGI 3, HTTP only: no lifespan) on listening `sockets` until `shutdown_trigger()` returns.

    Args:
        app: the ASGI application.
        sockets: bound, listening, non-blocking sockets (see `serving.bind_sockets`); they are
            closed when this returns.
        shutdown_trigger: returns when the server must stop.
        ssl_context: serve HTTPS with this context.
        shutdown_timeout: how long requests in flight get at shutdown.
        keep_alive_timeout: how long an idle connection is kept open between requests.
        request_timeout: how long a request may take to arrive once its first byte has, how
            long a client may take to read a response, and how long a new connection may
            take to send its first byte (after a TLS handshake, bounded by it too).
        max_connections: the most connections open at once; beyond it new connections are
            answered 503 (without reading them) and closed. `None`: `default_max_connections()`.
    """
    if keep_alive_timeout <= 0 or request_timeout <= 0:
        msg = (
            "keep_alive_timeout and request_timeout must be positive, got "
            f"{keep_alive_timeout} and {request_timeout}"
        )
        raise ValueError(msg)
    if max_connections is None:
        max_connections = default_max_connections()
    elif max_connections < 1:
        msg = f"max_connections must be at least 1, got {max_connections}"
        raise ValueError(msg)
    scheme = "https" if ssl_context is not None else "http"
    addresses = [f"{scheme}://{describe(sock)}" for sock in sockets]
    server = _Server(app, keep_alive_timeout, request_timeout, max_connections, ssl_context)
    try:
        async with anyio.create_task_group() as watchdog:
            watchdog.start_soon(server.enforce_timeouts)
            watchdog.start_soon(server.handoffs.run)
            async with anyio.create_task_group() as connections:
                server.tasks = connections
                async with anyio.create_task_group() as accepting:
                    for sock in sockets:
                        accepting.start_soon(_accept, server, sock, connections)
                    task_status.started(addresses)
                    await shutdown_trigger()
                    accepting.cancel_scope.cancel()
                server.closing = True
                now = anyio.current_time()
                for connection in list(server.connections):
                    if connection.idle:
                        connection.scope.cancel()
                    else:
                        # A head or body still arriving (a finite deadline) is given a
                        # moment, not the rest of its request timeout; requests being
                        # answered (no deadline) get the shutdown timeout.
                        connection.deadline = min(connection.deadline, now + _SHUTDOWN_GRACE)
                connections.cancel_scope.deadline = anyio.current_time() + shutdown_timeout
            watchdog.cancel_scope.cancel()
    finally:
        for sock in sockets:
            sock.close()
