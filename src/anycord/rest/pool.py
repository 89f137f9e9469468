"""An HTTP/1.1 connection pool over AnyIO streams, with O(1) work per request.

`ConnectionPool.exchange()` sends one request head (and body) and returns the whole
response. Idle connections wait in one stack per origin (the most recently used is taken
first, the oldest are closed first), so taking or returning a connection never scans the
pool; at most `max_connections` requests are in flight (the rest queue first come, first
served, up to the `pool` timeout) and at most `max_idle` connections are kept idle, each
for at most `keepalive_expiry` seconds.

Failures are httpx's exceptions, with one contract the retry policy relies on:

* `httpx.ConnectError` / `httpx.ConnectTimeout` only when no byte of the request was
  written (the TCP or TLS connection could not be made);
* any failure after that is another `httpx.TransportError`: `WriteError`/`WriteTimeout`
  while sending, `ReadError`/`ReadTimeout` while receiving, `RemoteProtocolError` for a
  response that breaks HTTP/1.1 or a connection closed before a complete response;
  `PoolTimeout` when no connection slot freed in time;
* past the caller's `deadline` for the whole exchange (the REST client's per-attempt `total`
  timeout), the builtin `TimeoutError`, as `anyio.fail_at(deadline)` around the call would
  raise, whichever phase it interrupts.

A pooled connection the server closed while it was idle is found before use (its socket
reads as ready, one `poll` call) and replaced. Should the server close it in the very moment
the request goes out anyway, the request is sent once more on a new connection, inside the
pool, only when that is known to be safe: sending failed on a reused connection (the server
was not reading), or a reused connection closed without a single response byte and the
method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS). A streamed body is never resent.

Nothing here logs a header or a body: the TRACE lines name the origin (scheme, host, port).
"""

from __future__ import annotations

import collections
import logging
import math
import select
import ssl
import typing

import anyio
import anyio.abc
import httpx

from anycord import logs
from anycord.rest import http1

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterable

__all__ = ["ConnectionPool", "Origin", "PoolTimeouts", "RawResponse"]

_LOGGER = logging.getLogger("anycord.rest")

_IDEMPOTENT: typing.Final = frozenset({b"GET", b"HEAD", b"PUT", b"DELETE", b"OPTIONS"})
_READ_SIZE: typing.Final = 65536
_STREAM_ERRORS: typing.Final = (
    OSError,
    anyio.BrokenResourceError,
    anyio.ClosedResourceError,
    anyio.EndOfStream,
)


class Origin(typing.NamedTuple):
    """Where a request goes: scheme, host and port (connections are pooled per origin)."""

    scheme: str
    host: str
    port: int

    @property
    def tls(self) -> bool:
        """Whether connections to this origin use TLS (`https`)."""
        return self.scheme == "https"


class PoolTimeouts(typing.NamedTuple):
    """Per-phase timeouts in seconds (`None`: no limit), as httpx's `Timeout`."""

    connect: float | None = 10.0
    read: float | None = 30.0
    write: float | None = 30.0
    pool: float | None = 10.0


class RawResponse(typing.NamedTuple):
    """A complete response: lower-cased header names, the body as received (not decoded)."""

    status: int
    reason: bytes
    headers: list[tuple[bytes, bytes]]
    body: bytes


class _Connection:
    __slots__ = ("_poll", "buffer", "idle_since", "origin", "stream")

    def __init__(self, stream: anyio.abc.ByteStream, origin: Origin) -> None:
        self.stream = stream
        self.origin = origin
        self.buffer = b""
        self.idle_since = -math.inf
        sock = stream.extra(anyio.abc.SocketAttribute.raw_socket, None)
        self._poll: select.poll | None = None
        if sock is not None:
            self._poll = select.poll()
            self._poll.register(sock.fileno(), select.POLLIN)

    def is_stale(self) -> bool:
        """Whether the idle connection has something to read: the server closed it (or sent
        bytes no request asked for); either way it cannot carry a request."""
        return bool(self.buffer) or (self._poll is not None and bool(self._poll.poll(0)))


class _Retry(Exception):
    """A reused connection failed where resending on a new one is safe."""


class ConnectionPool:
    """HTTP/1.1 connections to any number of origins (see the module docstring)."""

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext | None = None,
        max_connections: int | None = 100,
        max_idle: int | None = 100,
        keepalive_expiry: float | None = 4.0,
        keep_alive: bool = True,
        timeouts: PoolTimeouts | None = None,
    ) -> None:
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.max_connections = math.inf if max_connections is None else max_connections
        self.max_idle = math.inf if max_idle is None else max_idle
        self.keepalive_expiry = math.inf if keepalive_expiry is None else keepalive_expiry
        self.keep_alive = keep_alive and self.max_idle > 0 and self.keepalive_expiry > 0
        self.timeouts = timeouts or PoolTimeouts()
        self.opened = 0
        """Connections opened so far (tests and benchmarks watch reuse with it)."""
        self._idle: dict[Origin, collections.deque[_Connection]] = {}
        self._idle_count = 0
        self._active = 0
        self._slot_waiters: collections.deque[anyio.Event] = collections.deque()
        self._closed = False

    @property
    def idle(self) -> int:
        """Idle connections kept for reuse."""
        return self._idle_count

    @property
    def active(self) -> int:
        """Requests in flight (each holds a connection or is opening one)."""
        return self._active

    # -- slots --------------------------------------------------------------------------------

    async def _take_slot(self, deadline: float) -> None:
        if self._active < self.max_connections and not self._slot_waiters:
            self._active += 1
            return
        with anyio.fail_at(deadline):
            await self._wait_for_slot()

    async def _wait_for_slot(self) -> None:
        event = anyio.Event()
        self._slot_waiters.append(event)
        timeout = self.timeouts.pool
        try:
            with anyio.move_on_after(math.inf if timeout is None else timeout):
                await event.wait()
        except BaseException:
            if event.is_set():
                self._give_slot()
            else:
                self._slot_waiters.remove(event)
            raise
        if not event.is_set():
            self._slot_waiters.remove(event)
            msg = f"no connection freed within the pool timeout ({timeout}s)"
            raise httpx.PoolTimeout(msg)
        # The slot was handed over by `_give_slot` (`_active` was not decremented).

    def _give_slot(self) -> None:
        # First come, first served: a freed slot goes straight to the longest waiter.
        if self._slot_waiters:
            self._slot_waiters.popleft().set()
        else:
            self._active -= 1

    # -- connections --------------------------------------------------------------------------

    def _take_idle(
        self, origin: Origin, now: float, doomed: list[_Connection]
    ) -> _Connection | None:
        stack = self._idle.get(origin)
        if not stack:
            return None
        expiry = self.keepalive_expiry
        while stack and stack[0].idle_since + expiry <= now:
            doomed.append(stack.popleft())
            self._idle_count -= 1
        while stack:
            connection = stack.pop()
            self._idle_count -= 1
            if not connection.is_stale():
                return connection
            doomed.append(connection)
        return None

    def _put_idle(self, connection: _Connection, now: float) -> _Connection | None:
        """Keep `connection` for reuse; returns one to close when the pool is full."""
        if self._closed or not self.keep_alive:
            return connection
        connection.idle_since = now
        stack = self._idle.get(connection.origin)
        if stack is None:
            stack = self._idle[connection.origin] = collections.deque()
        stack.append(connection)
        self._idle_count += 1
        if self._idle_count <= self.max_idle:
            return None
        # Over the bound: drop the connection idle the longest, from the fullest origin.
        victim_stack = max(self._idle.values(), key=len) if len(self._idle) > 1 else stack
        self._idle_count -= 1
        return victim_stack.popleft()

    async def _connect(self, origin: Origin, deadline: float) -> _Connection:
        with anyio.fail_at(deadline):
            return await self._open(origin)

    async def _open(self, origin: Origin) -> _Connection:
        timeout = self.timeouts.connect
        try:
            with anyio.fail_after(math.inf if timeout is None else timeout):
                stream: anyio.abc.ByteStream
                if origin.tls:
                    stream = await anyio.connect_tcp(
                        origin.host,
                        origin.port,
                        ssl_context=self.ssl_context,
                        tls_hostname=origin.host,
                        tls_standard_compatible=False,
                    )
                else:
                    stream = await anyio.connect_tcp(origin.host, origin.port)
        except TimeoutError:
            msg = f"connecting to {origin.host}:{origin.port} timed out after {timeout}s"
            raise httpx.ConnectTimeout(msg) from None
        except _STREAM_ERRORS as exc:
            msg = f"cannot connect to {origin.host}:{origin.port}: {exc}"
            raise httpx.ConnectError(msg) from None
        self.opened += 1
        if _LOGGER.isEnabledFor(logs.TRACE):
            _LOGGER.log(logs.TRACE, "new connection to %s://%s:%d", *origin)
        return _Connection(stream, origin)

    # -- one request ------------------------------------------------------------------------

    async def exchange(
        self,
        origin: Origin,
        method: bytes,
        head: bytes,
        body: bytes | AsyncIterable[bytes] = b"",
        *,
        chunked: bool = False,
        deadline: float = math.inf,
    ) -> RawResponse:
        """Send `head` (a complete request head, `http1.request_head`) and `body`; return the
        response. A bytes body is sent as it is (the head says its `Content-Length`); an
        iterable one is streamed, chunk-encoded when `chunked` (the head says so).

        `deadline` (on the `anyio.current_time()` clock) bounds the whole exchange: past it,
        `TimeoutError`. It shares the send-and-receive phase's one cancel scope instead of
        opening a scope of its own around the call.
        """
        if self._closed:
            msg = "the connection pool is closed"
            raise httpx.ConnectError(msg)
        await self._take_slot(deadline)
        doomed: list[_Connection] = []
        try:
            connection = self._take_idle(origin, anyio.current_time(), doomed)
            for old in doomed:
                await anyio.aclose_forcefully(old.stream)
            reused = connection is not None
            if connection is None:
                connection = await self._connect(origin, deadline)
            try:
                response, keep = await self._roundtrip(
                    connection, method, head, body, chunked, deadline, retry_safe=reused
                )
            except _Retry:
                if _LOGGER.isEnabledFor(logs.TRACE):
                    _LOGGER.log(logs.TRACE, "stale connection to %s://%s:%d, resending", *origin)
                connection = await self._connect(origin, deadline)
                response, keep = await self._roundtrip(
                    connection, method, head, body, chunked, deadline, retry_safe=False
                )
            extra = self._put_idle(connection, anyio.current_time()) if keep else connection
            if extra is not None:
                await anyio.aclose_forcefully(extra.stream)
            return response
        finally:
            self._give_slot()

    async def _roundtrip(
        self,
        connection: _Connection,
        method: bytes,
        head: bytes,
        body: bytes | AsyncIterable[bytes],
        chunked: bool,
        deadline: float,
        *,
        retry_safe: bool,
    ) -> tuple[RawResponse, bool]:
        # One cancel scope times both phases and the caller's deadline: its deadline is the
        # earlier of that and the phase's (the write timeout, then the read timeout, moved
        # forward with every chunk read), and is only reset when that changes. Scopes and
        # their timers are the costliest part of a request after the system calls; with
        # the default timeouts the caller's deadline comes first throughout, so a request
        # sets one timer.
        replayable = isinstance(body, bytes)
        timeouts = self.timeouts
        writing = True
        with anyio.CancelScope(deadline=_earlier(deadline, timeouts.write)) as scope:
            try:
                try:
                    await self._send(connection, head, body, chunked)
                except _STREAM_ERRORS as exc:
                    if retry_safe and replayable:
                        raise _Retry from None
                    msg = f"sending the request failed: {type(exc).__name__}"
                    raise httpx.WriteError(msg) from None
                writing = False
                _extend(scope, deadline, timeouts.read)
                try:
                    return await self._read_response(connection, method, scope, deadline)
                except _STREAM_ERRORS as exc:
                    msg = f"reading the response failed: {type(exc).__name__}"
                    raise httpx.ReadError(msg) from None
                except http1.ProtocolError as exc:
                    raise httpx.RemoteProtocolError(str(exc)) from None
                except _Retry:
                    if retry_safe and replayable and method in _IDEMPOTENT:
                        raise
                    msg = "the server closed the connection without sending a response"
                    raise httpx.RemoteProtocolError(msg) from None
            except BaseException:
                await anyio.aclose_forcefully(connection.stream)
                raise
        await anyio.aclose_forcefully(connection.stream)
        if scope.deadline >= deadline:
            # The caller's deadline was the earlier one (or tied): the attempt's, not the phase's.
            raise TimeoutError
        if writing:
            msg = f"sending the request timed out after {timeouts.write}s"
            raise httpx.WriteTimeout(msg)
        msg = f"no response byte for {timeouts.read}s"
        raise httpx.ReadTimeout(msg)

    @staticmethod
    async def _send(
        connection: _Connection,
        head: bytes,
        body: bytes | AsyncIterable[bytes],
        chunked: bool,
    ) -> None:
        send = connection.stream.send
        if isinstance(body, bytes):
            await send(head + body if body else head)
            return
        await send(head)
        async for piece in body:
            if not piece:
                continue
            if chunked:
                await send(b"%x\r\n%s\r\n" % (len(piece), piece))
            else:
                await send(piece)
        if chunked:
            await send(b"0\r\n\r\n")

    async def _read_response(
        self,
        connection: _Connection,
        method: bytes,
        scope: anyio.CancelScope,
        deadline: float,
    ) -> tuple[RawResponse, bool]:
        timeout = self.timeouts.read
        receive = connection.stream.receive
        buffer = connection.buffer
        connection.buffer = b""
        while True:
            end = buffer.find(b"\r\n\r\n")
            while end < 0:
                if len(buffer) > http1.MAX_HEAD:
                    msg = f"response head over {http1.MAX_HEAD} bytes"
                    raise http1.ProtocolError(msg)
                try:
                    chunk = await receive(_READ_SIZE)
                except anyio.EndOfStream:
                    if not buffer:
                        raise _Retry from None
                    msg = "the server closed the connection in the middle of a response head"
                    raise http1.ProtocolError(msg) from None
                buffer += chunk
                if scope.deadline < deadline:
                    _extend(scope, deadline, timeout)
                end = buffer.find(b"\r\n\r\n", max(0, len(buffer) - len(chunk) - 3))
            head = http1.parse_head(buffer[:end])
            buffer = buffer[end + 4 :]
            if head.status >= 200:
                break
            if head.status == 101:
                msg = "the server switched protocols"
                raise http1.ProtocolError(msg)
            # 1xx interim responses (100 Continue, 103 Early Hints) precede the real one.
        framing = http1.framing(head, method)
        if framing.chunked:
            decoder = http1.ChunkedDecoder()
            parts = [decoder.feed(buffer)]
            while not decoder.done:
                parts.append(decoder.feed(await self._more(receive, scope, deadline)))
            body = b"".join(parts)
            buffer = decoder.leftover
        elif framing.length is not None:
            length = framing.length
            if len(buffer) < length:
                parts = [buffer]
                have = len(buffer)
                while have < length:
                    chunk = await self._more(receive, scope, deadline)
                    parts.append(chunk)
                    have += len(chunk)
                buffer = b"".join(parts)
            body, buffer = buffer[:length], buffer[length:]
        else:
            parts = [buffer]
            while True:
                try:
                    parts.append(await receive(_READ_SIZE))
                except anyio.EndOfStream:
                    break
                if scope.deadline < deadline:
                    _extend(scope, deadline, timeout)
            body, buffer = b"".join(parts), b""
        # Bytes past the response were never asked for: the connection is not reused.
        keep = framing.keep_alive and not buffer and self.keep_alive
        return RawResponse(head.status, head.reason, head.headers, body), keep

    async def _more(
        self,
        receive: typing.Callable[[int], typing.Awaitable[bytes]],
        scope: anyio.CancelScope,
        deadline: float,
    ) -> bytes:
        try:
            chunk = await receive(_READ_SIZE)
        except anyio.EndOfStream:
            msg = "the server closed the connection in the middle of a response body"
            raise http1.ProtocolError(msg) from None
        if scope.deadline < deadline:
            _extend(scope, deadline, self.timeouts.read)
        return chunk

    # -- lifecycle ------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close every idle connection; requests in flight close theirs when they finish."""
        self._closed = True
        idle = [c for stack in self._idle.values() for c in stack]
        self._idle.clear()
        self._idle_count = 0
        for connection in idle:
            await anyio.aclose_forcefully(connection.stream)


def _earlier(deadline: float, timeout: float | None) -> float:
    """The earlier of `deadline` and `timeout` seconds from now (`None`: no limit)."""
    if timeout is None:
        return deadline
    return min(deadline, anyio.current_time() + timeout)


def _extend(scope: anyio.CancelScope, deadline: float, timeout: float | None) -> None:
    """Give the phase `timeout` more seconds from now, within `deadline`; a scope's deadline
    is only set when it changes (setting it reschedules the scope's timer).

    Once the read phase's deadline is the caller's, it stays so (the read timeout only moves
    later), so the reads call this only while `scope.deadline < deadline`.
    """
    moved = _earlier(deadline, timeout)
    if moved != scope.deadline:
        scope.deadline = moved
