"""A websocket client over AnyIO streams (wsproto), the same code path on Trio and asyncio.

`WebSocketClient.connect(url, ...)` opens TCP (`anyio.connect_tcp`), tunnels through an HTTP
proxy with `CONNECT` when `ProxySettings.url` is set (or the environment's proxy with
`trust_env`), wraps TLS for `wss://` (the context comes from `HTTPSettings.ssl`), and performs
the websocket handshake. wsproto does the opening handshake and frames what the client sends
(masked); `anycord.gateway.frames.FrameReader` reads what the server sends (fragments joined,
pings answered, the close handshake), several times faster than wsproto's receive path.

Guarantees:

* `receive()` returns one whole message: `bytes` for binary, a `bytearray` of the UTF-8 for
  text (not decoded or validated here: the gateway hands it to `orjson.loads`, which refuses
  invalid UTF-8, and the protocol raises `GatewayTransportError` for it);
  `receive_many()` returns every whole message one network read made available (at least
  one), in order, so a reader handles a socket read in one pass. A message over
  `max_message_size` raises `GatewayTransportError` before it is assembled further; so does
  a frame RFC 6455 forbids a server to send.
* A close frame from the server is answered and raised as `GatewayServerClosedConnectionError`
  (with its `code`); a connection that drops without one raises `GatewayConnectionError`.
  Messages that arrived before a close frame or a bad frame are returned first; the close
  or the error comes with the next call.
* Sends from several tasks are serialised (one lock), so frames never interleave.
* `waiting` is True exactly while `receive()` is blocked on the network with nothing buffered:
  the shard's zombie check uses it to know that no ACK is sitting unread.
* `close(code)` sends the close frame, waits (at most `timeout`) for the server's answer and
  closes the stream; it never raises for a connection that is already gone.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import logging
import ssl
import typing
import urllib.parse
import urllib.request

import anyio
import anyio.abc
from anyio.streams.tls import TLSStream
from wsproto import ConnectionType, WSConnection
from wsproto.connection import ConnectionState
from wsproto.events import (
    AcceptConnection,
    BytesMessage,
    CloseConnection,
    Event,
    Pong,
    RejectConnection,
    Request,
    TextMessage,
)
from wsproto.utilities import LocalProtocolError, RemoteProtocolError

from anycord.errors import (
    GatewayConnectionError,
    GatewayServerClosedConnectionError,
    GatewayTransportError,
)
from anycord.gateway.compression import DEFAULT_MAX_SIZE
from anycord.gateway.frames import CLOSE, PING, Control, FrameReader

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.config import ProxySettings

__all__ = ["WebSocketClient", "ssl_context_for"]

_LOGGER = logging.getLogger("anycord.gateway")
_RECEIVE_SIZE: typing.Final = 65536
"""Bytes asked for per network read. 256 KiB (what asyncio's transport reads at once, so
anyio would not split and copy its chunks) saved about 0.1 µs of CPU per event in a burst,
but raised the RSS per cached member in `benchmarks/events.py` (zlib-stream) from about 400
to 650 bytes, and 128 KiB to 480: the heap fragments around the bigger buffers."""
_MAX_PROXY_RESPONSE: typing.Final = 65536
_NETWORK_ERRORS: typing.Final = (
    OSError,
    anyio.EndOfStream,
    anyio.BrokenResourceError,
    anyio.ClosedResourceError,
)


def ssl_context_for(setting: bool | ssl.SSLContext) -> ssl.SSLContext:
    """The TLS context for `HTTPSettings.ssl`: True verifies, False does not, or the given one.

    The default contexts are built once per process and shared: building one reads the
    system's CA store, tens of milliseconds of CPU (far more on a loaded machine) during which
    the event loop stands still, and every shard would otherwise pay it on every reconnect.
    """
    if isinstance(setting, ssl.SSLContext):
        return setting
    return _default_context(verify=bool(setting))


@functools.cache
def _default_context(*, verify: bool) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _proxy_url(proxy: ProxySettings | None, secure: bool, host: str) -> str | None:
    if proxy is None:
        return None
    if proxy.url is not None:
        return proxy.url
    if not proxy.trust_env or urllib.request.proxy_bypass(host):
        return None
    env = urllib.request.getproxies()
    return env.get("https" if secure else "http") or env.get("all")


async def _open_tunnel(
    proxy_url: str, proxy: ProxySettings, host: str, port: int, context: ssl.SSLContext | None
) -> anyio.abc.ByteStream:
    parts = urllib.parse.urlsplit(proxy_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        msg = f"unsupported gateway proxy URL scheme {parts.scheme!r} (http or https)"
        raise GatewayConnectionError(msg)
    proxy_port = parts.port or (443 if parts.scheme == "https" else 80)
    stream: anyio.abc.ByteStream = await anyio.connect_tcp(parts.hostname, proxy_port)
    if parts.scheme == "https":
        assert context is not None  # the caller builds one for https proxies
        stream = await TLSStream.wrap(
            stream, hostname=parts.hostname, ssl_context=context, standard_compatible=False
        )
    try:
        lines = [f"CONNECT {host}:{port} HTTP/1.1", f"Host: {host}:{port}"]
        lines += [f"{name}: {value}" for name, value in proxy.all_headers.items()]
        await stream.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        response = bytearray()
        while b"\r\n\r\n" not in response:
            response += await stream.receive()
            if len(response) > _MAX_PROXY_RESPONSE:
                msg = "proxy sent an oversized CONNECT response"
                raise GatewayConnectionError(msg)
        status_line = bytes(response).split(b"\r\n", 1)[0].decode("latin-1", "replace")
        fields = status_line.split(" ", 2)
        if len(fields) < 2 or fields[1] != "200":
            msg = f"proxy refused CONNECT to {host}:{port}: {status_line!r}"
            raise GatewayConnectionError(msg)
    except BaseException:
        await anyio.aclose_forcefully(stream)
        raise
    return stream


def _close_payload(payload: bytes) -> tuple[int, str]:
    # RFC 6455 §5.5.1: empty (no status: 1005), or a 2-byte code then a UTF-8 reason.
    if not payload:
        return 1005, ""
    code = int.from_bytes(payload[:2], "big")
    if len(payload) == 1 or not 1000 <= code < 5000:
        msg = f"websocket protocol error: bad close frame {payload[:2]!r}"
        raise GatewayTransportError(msg)
    try:
        return code, payload[2:].decode()
    except UnicodeDecodeError:
        msg = "websocket protocol error: a close reason that is not UTF-8"
        raise GatewayTransportError(msg) from None


class WebSocketClient:
    """One client websocket connection. Build it with `await WebSocketClient.connect(...)`."""

    def __init__(
        self, stream: anyio.abc.ByteStream, connection: WSConnection, *, max_message_size: int
    ) -> None:
        self._stream = stream
        self._ws = connection
        self._reader = FrameReader(max_message_size)
        self._send_lock = anyio.Lock()
        self._closed = False
        self._waiting = False
        # Messages `receive_many` read but `receive` has not returned yet; a control frame
        # or protocol error met after messages, held until those are handed over.
        self._unreturned: collections.deque[bytes | bytearray] = collections.deque()
        self._held: Control | GatewayTransportError | None = None
        self.received_at = 0.0
        """`anyio.current_time()` when bytes last arrived from the server: the time the
        messages `receive()` returns arrived (one clock read per network read, not one per
        message)."""
        self.close_code: int | None = None
        """The close code the server sent (None until it sent one)."""
        self.close_reason: str = ""
        self.received_bytes = 0
        """Bytes read off the connection so far (after TLS): one addition per read."""

    @classmethod
    async def connect(
        cls,
        url: str,
        *,
        ssl_context: ssl.SSLContext | bool = True,
        proxy: ProxySettings | None = None,
        headers: Mapping[str, str] | None = None,
        max_message_size: int = DEFAULT_MAX_SIZE,
    ) -> WebSocketClient:
        """Connect and complete the handshake; `GatewayConnectionError` on any failure."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("ws", "wss") or not parts.hostname:
            msg = f"gateway URL must be ws:// or wss:// with a host, not {url!r}"
            raise GatewayConnectionError(msg)
        secure = parts.scheme == "wss"
        host = parts.hostname
        port = parts.port or (443 if secure else 80)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        stream: anyio.abc.ByteStream | None = None
        try:
            via = _proxy_url(proxy, secure, host)
            # TLS only where it is used: a wss:// gateway, or an https:// proxy.
            needs_tls = secure or (via is not None and via.startswith("https:"))
            context = ssl_context_for(ssl_context) if needs_tls else None
            if via is not None and proxy is not None:
                stream = await _open_tunnel(via, proxy, host, port, context)
            else:
                stream = await anyio.connect_tcp(host, port)
            if secure and context is not None:
                stream = await TLSStream.wrap(
                    stream, hostname=host, ssl_context=context, standard_compatible=False
                )
        except BaseException as exc:
            # A failed TLS handshake (or a cancellation) must not leak the TCP connection.
            if stream is not None:
                await anyio.aclose_forcefully(stream)
            if isinstance(exc, _NETWORK_ERRORS):
                msg = f"could not connect to {parts.scheme}://{parts.netloc}: {exc!r}"
                raise GatewayConnectionError(msg) from exc
            raise
        connection = WSConnection(ConnectionType.CLIENT)
        client = cls(stream, connection, max_message_size=max_message_size)
        try:
            await client._handshake(parts.netloc, target, headers or {})
        except BaseException:
            await anyio.aclose_forcefully(stream)
            raise
        return client

    async def _handshake(self, netloc: str, target: str, headers: Mapping[str, str]) -> None:
        extra = [(k.encode(), v.encode()) for k, v in headers.items()]
        try:
            await self._stream.send(
                self._ws.send(Request(host=netloc, target=target, extra_headers=extra))
            )
            received = bytearray()
            while True:
                data = await self._stream.receive(_RECEIVE_SIZE)
                self.received_at = anyio.current_time()
                self.received_bytes += len(data)
                # wsproto sees the HTTP response only; frames after it go to the reader.
                end = (received + data).find(b"\r\n\r\n")
                if end >= 0:
                    end += 4 - len(received)
                    self._reader.feed(data[end:])
                    data = data[:end]
                received += data
                self._ws.receive_data(data)
                for event in self._ws.events():
                    if isinstance(event, AcceptConnection):
                        return
                    if isinstance(event, RejectConnection):
                        msg = (
                            f"gateway refused the websocket handshake with HTTP {event.status_code}"
                        )
                        raise GatewayConnectionError(msg)
        except _NETWORK_ERRORS as exc:
            msg = f"websocket handshake failed: {exc!r}"
            raise GatewayConnectionError(msg) from exc
        except RemoteProtocolError as exc:
            msg = f"websocket handshake failed: {exc}"
            raise GatewayConnectionError(msg) from exc

    @property
    def waiting(self) -> bool:
        """True while `receive()` waits on the network with nothing buffered."""
        return self._waiting

    @property
    def is_open(self) -> bool:
        return not self._closed and self._ws.state is ConnectionState.OPEN

    async def _send_raw(self, event: Event) -> None:
        async with self._send_lock:
            if self._closed:
                msg = "the websocket is closed"
                raise GatewayConnectionError(msg)
            try:
                data = self._ws.send(event)
            except LocalProtocolError as exc:
                msg = f"the websocket is closing: {exc}"
                raise GatewayConnectionError(msg) from None
            try:
                await self._stream.send(data)
            except _NETWORK_ERRORS as exc:
                msg = f"connection lost while sending: {exc!r}"
                raise GatewayConnectionError(msg) from exc

    async def send(self, data: bytes | str) -> None:
        """Send one message: `str` as a text frame, `bytes` as a text frame of UTF-8 JSON."""
        text = data if isinstance(data, str) else data.decode("utf-8")
        await self._send_raw(TextMessage(data=text))

    async def send_binary(self, data: bytes) -> None:
        await self._send_raw(BytesMessage(data=data))

    async def receive(self) -> bytes | bytearray:
        """The next whole message. See the module docstring for the errors."""
        unreturned = self._unreturned
        if not unreturned:
            unreturned.extend(await self.receive_many())
        return unreturned.popleft()

    async def receive_many(self) -> list[bytes | bytearray]:
        """Every whole message available after at most one network read, in order (at
        least one). See the module docstring for the errors."""
        if self._unreturned:
            unreturned = list(self._unreturned)
            self._unreturned.clear()
            return unreturned
        held = self._held
        if held is not None:
            self._held = None
            if isinstance(held, GatewayTransportError):
                raise held
            await self._control(held)
        drain = self._reader.drain
        out: list[bytes | bytearray] = []
        while True:
            try:
                while (control := drain(out)) is not None:
                    if out:  # the messages before it go first
                        self._held = control
                        return out
                    await self._control(control)
            except GatewayTransportError as exc:
                if not out:
                    raise
                self._held = exc
                return out
            if out:
                return out
            self._waiting = True
            try:
                data = await self._stream.receive(_RECEIVE_SIZE)
            except _NETWORK_ERRORS as exc:
                self._closed = True
                msg = f"connection dropped without a close frame: {exc!r}"
                raise GatewayConnectionError(msg) from None
            finally:
                self._waiting = False
            self.received_at = anyio.current_time()
            self.received_bytes += len(data)
            self._reader.feed(data)

    async def _control(self, frame: Control) -> None:
        if frame.opcode == PING:
            # A failed pong means the connection is gone; the read side reports that.
            with contextlib.suppress(GatewayConnectionError):
                await self._send_raw(Pong(payload=frame.payload))
        elif frame.opcode == CLOSE:
            code, reason = _close_payload(frame.payload)
            self.close_code = code
            self.close_reason = reason
            if self._ws.state is ConnectionState.OPEN:  # the server's close: answer it
                with contextlib.suppress(GatewayConnectionError):
                    await self._send_raw(CloseConnection(code=code, reason=reason))
            self._closed = True
            await anyio.aclose_forcefully(self._stream)
            raise GatewayServerClosedConnectionError(reason, code)

    async def close(self, code: int = 1000, reason: str = "", *, grace: float = 5.0) -> None:
        """Close handshake bounded by `grace` seconds, then close the stream. Never raises."""
        with anyio.CancelScope(shield=True), anyio.move_on_after(grace):
            try:
                if not self._closed and self._ws.state is ConnectionState.OPEN:
                    await self._send_raw(CloseConnection(code=code, reason=reason))
                    while not self._closed:
                        await self.receive()
            except (
                GatewayConnectionError,
                GatewayServerClosedConnectionError,
                GatewayTransportError,
            ):
                pass
        self._closed = True
        await anyio.aclose_forcefully(self._stream)

    async def abort(self) -> None:
        """Drop the connection without a close handshake."""
        self._closed = True
        await anyio.aclose_forcefully(self._stream)
