"""Test-side network middlemen for the gateway: a TLS terminator and an HTTP CONNECT proxy.

Both are plain AnyIO servers on 127.0.0.1 that forward bytes to a TCP target (the fake
gateway), so `GatewayShard` can be run over `wss://` and through a proxy without touching the
fake itself. The certificate authority and the server certificate (for 127.0.0.1 and
localhost) are throwaway files committed under tests/data/tls/.
"""

from __future__ import annotations

import contextlib
import pathlib
import ssl
import typing
import urllib.parse

import anyio
import anyio.abc
from anyio.streams.tls import TLSListener

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

TLS_DIR = pathlib.Path(__file__).resolve().parents[1] / "data" / "tls"
_FORWARD_ERRORS = (anyio.EndOfStream, anyio.BrokenResourceError, anyio.ClosedResourceError, OSError)


class ThrowawayCA(typing.NamedTuple):
    client_context: ssl.SSLContext
    """Trusts the test CA only (and checks the host name, as the default context does)."""
    server_context: ssl.SSLContext
    """Serves a certificate for 127.0.0.1 and localhost, signed by the test CA."""


def make_test_ca() -> ThrowawayCA:
    """TLS contexts over the committed test CA and server certificate (tests/data/tls/)."""
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(TLS_DIR / "server.pem", TLS_DIR / "server-key.pem")
    client = ssl.create_default_context(cafile=str(TLS_DIR / "ca.pem"))
    return ThrowawayCA(client, server)


async def _pipe(source: anyio.abc.ByteStream, sink: anyio.abc.ByteStream) -> None:
    with contextlib.suppress(*_FORWARD_ERRORS):
        async for chunk in source:
            await sink.send(chunk)


async def _splice(a: anyio.abc.ByteStream, b: anyio.abc.ByteStream) -> None:
    """Forward both ways until either side is done, then close both."""
    try:
        async with anyio.create_task_group() as tg:

            async def one_way(src: anyio.abc.ByteStream, dst: anyio.abc.ByteStream) -> None:
                await _pipe(src, dst)
                tg.cancel_scope.cancel()

            tg.start_soon(one_way, a, b)
            tg.start_soon(one_way, b, a)
    finally:
        with anyio.CancelScope(shield=True):  # both must close, even when cancelled
            await anyio.aclose_forcefully(a)
            await anyio.aclose_forcefully(b)


class _QuietTLSListener(TLSListener):
    """Counts failed handshakes instead of logging them (a refused certificate is expected)."""

    failed_handshakes = 0

    async def handle_handshake_error(  # type: ignore[override]  # anyio's is a staticmethod
        self, exc: BaseException, stream: anyio.abc.AnyByteStream
    ) -> None:
        self.failed_handshakes += 1
        await anyio.aclose_forcefully(stream)
        if not isinstance(exc, Exception):
            raise exc


class TLSTerminator:
    """`wss://127.0.0.1:<port>` in front of a plain TCP target; counts the TLS sessions."""

    def __init__(self, context: ssl.SSLContext, target_port: int) -> None:
        self.context = context
        self.target_port = target_port
        self.port = 0
        self.sessions = 0
        """Completed TLS handshakes."""
        self._listener: _QuietTLSListener | None = None

    @property
    def failed_handshakes(self) -> int:
        return self._listener.failed_handshakes if self._listener is not None else 0

    async def _handle(self, client: anyio.abc.ByteStream) -> None:
        self.sessions += 1
        try:
            upstream = await anyio.connect_tcp("127.0.0.1", self.target_port)
        except BaseException:
            await anyio.aclose_forcefully(client)
            raise
        await _splice(client, upstream)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[TLSTerminator]:
        tcp = await anyio.create_tcp_listener(local_host="127.0.0.1")
        self.port = tcp.extra(anyio.abc.SocketAttribute.local_port)
        listener = self._listener = _QuietTLSListener(tcp, self.context, standard_compatible=False)
        async with listener, anyio.create_task_group() as tg:
            tg.start_soon(listener.serve, self._handle)
            yield self
            tg.cancel_scope.cancel()


class ConnectProxy:
    """A minimal HTTP proxy that only does `CONNECT host:port`, optionally with credentials.

    Every request is recorded as `(target, headers)`. With `required_auth` set, a request
    whose `Proxy-Authorization` is not exactly that value gets 407 and the connection closes.
    """

    def __init__(self, required_auth: str | None = None) -> None:
        self.required_auth = required_auth
        self.port = 0
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.tunnels = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, client: anyio.abc.SocketStream) -> None:
        head = bytearray()
        try:
            while b"\r\n\r\n" not in head:
                head += await client.receive()
        except _FORWARD_ERRORS:
            await anyio.aclose_forcefully(client)
            return
        raw, _, rest = bytes(head).partition(b"\r\n\r\n")
        request_line, *header_lines = raw.decode("latin-1").split("\r\n")
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        method, target, _ = request_line.split(" ", 2)
        self.requests.append((target, headers))
        if method != "CONNECT":
            await self._refuse(client, b"405 Method Not Allowed")
            return
        if self.required_auth is not None and headers.get("proxy-authorization") != (
            self.required_auth
        ):
            await self._refuse(client, b"407 Proxy Authentication Required")
            return
        host, _, port = urllib.parse.urlsplit(f"//{target}").netloc.rpartition(":")
        try:
            upstream = await anyio.connect_tcp(host, int(port))
        except OSError:
            await self._refuse(client, b"502 Bad Gateway")
            return
        self.tunnels += 1
        await client.send(b"HTTP/1.1 200 Connection Established\r\n\r\n")
        if rest:
            await upstream.send(rest)
        await _splice(client, upstream)

    @staticmethod
    async def _refuse(client: anyio.abc.ByteStream, status: bytes) -> None:
        with contextlib.suppress(*_FORWARD_ERRORS):
            await client.send(b"HTTP/1.1 " + status + b"\r\nContent-Length: 0\r\n\r\n")
        await anyio.aclose_forcefully(client)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[ConnectProxy]:
        listener = await anyio.create_tcp_listener(local_host="127.0.0.1")
        self.port = listener.extra(anyio.abc.SocketAttribute.local_port)
        async with listener, anyio.create_task_group() as tg:
            tg.start_soon(listener.serve, self._handle)
            yield self
            tg.cancel_scope.cancel()
