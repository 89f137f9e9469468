"""anycord's HTTP/1.1 transport and its pool, against a scripted server on loopback.

Connections are reused under concurrency (the server counts accepts); a connection the
server closed while idle is replaced; a request is resent on a new connection only where
that cannot duplicate it; and the failure contract holds: `ConnectError` only before any
byte was written, another `TransportError` after.
"""

from __future__ import annotations

import gzip
import ssl
import typing

import anyio
import anyio.abc
import httpx
import pytest
from anyio.streams.tls import TLSListener

from anycord.config import HTTPSettings, HTTPTimeoutSettings, ProxySettings
from anycord.rest import transport as transport_
from anycord.rest.client import RESTClient
from anycord.rest.endpoints.channels import GET_CHANNEL
from anycord.rest.transport import AnycordTransport, build_http_client, fast_transport
from tests.orchestrator.tls_certs import load_tls_files

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable


OK = b'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{"id": "1"}'


class Server:
    """A loopback HTTP/1.1 server: `answer(request_number, head, body)` says what to send.

    `answer` returns the bytes to write, then what to do with the connection: "keep",
    "close" (after writing) or "drop" (close without writing anything).
    """

    def __init__(self, answer: Callable[[int, bytes, bytes], tuple[bytes, str]] | None = None):
        self.answer = answer or (lambda n, head, body: (OK, "keep"))
        self.accepts = 0
        self.requests: list[tuple[bytes, bytes]] = []
        self.port = 0
        self.scheme = "http"

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/api/v10"

    async def _handle(self, stream: anyio.abc.ByteStream) -> None:
        self.accepts += 1
        buffer = b""
        async with stream:
            while True:
                while b"\r\n\r\n" not in buffer:
                    try:
                        buffer += await stream.receive()
                    except (anyio.EndOfStream, anyio.BrokenResourceError):
                        return
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                body = b""
                lower = head.lower()
                if b"transfer-encoding: chunked" in lower:
                    while not buffer.endswith(b"0\r\n\r\n"):
                        buffer += await stream.receive()
                    body, buffer = _dechunk(buffer), b""
                elif b"content-length:" in lower:
                    length = int(lower.split(b"content-length:")[1].split(b"\r\n")[0])
                    while len(buffer) < length:
                        buffer += await stream.receive()
                    body, buffer = buffer[:length], buffer[length:]
                self.requests.append((head, body))
                data, then = self.answer(len(self.requests), head, body)
                if then == "drop":
                    return
                if then == "hang":
                    await anyio.sleep_forever()
                if then == "slow":
                    await anyio.sleep(0.05)
                await stream.send(data)
                if then == "close":
                    return
                # "keep" and "slow": the connection stays open for the next request.

    @classmethod
    async def running(
        cls, tg: anyio.abc.TaskGroup, tls: ssl.SSLContext | None = None, **kwargs: typing.Any
    ) -> Server:
        server = cls(**kwargs)
        tcp = await anyio.create_tcp_listener(local_host="127.0.0.1")
        server.port = tcp.extra(anyio.abc.SocketAttribute.local_port)
        listener: anyio.abc.Listener[typing.Any] = tcp
        if tls is not None:
            listener = TLSListener(tcp, tls, standard_compatible=False)
            server.scheme = "https"
        tg.start_soon(server._serve, listener)
        return server

    async def _serve(self, listener: anyio.abc.Listener[typing.Any]) -> None:
        async with listener:
            await listener.serve(self._handle)


def _dechunk(data: bytes) -> bytes:
    out = b""
    while True:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            return out
        out, data = out + data[:size], data[size + 2 :]


def _transport(**settings: typing.Any) -> AnycordTransport:
    return AnycordTransport(HTTPSettings(**settings))


async def test_concurrent_callers_reuse_their_connections() -> None:
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg)
        # Unthrottled (at 50/s, connections idle past the keep-alive expiry would be closed).
        settings = HTTPSettings(global_rate_limit=10_000)
        async with RESTClient("t", rest_url=server.url, http_settings=settings) as rest:
            fast = rest._fast
            assert fast is not None

            async def caller() -> None:
                for _ in range(10):
                    await rest._request(GET_CHANNEL.compile(channel_id=1))

            for _ in range(3):
                async with anyio.create_task_group() as callers:
                    for _ in range(20):
                        callers.start_soon(caller)
            assert fast.pool.opened == server.accepts
        tg.cancel_scope.cancel()
    assert len(server.requests) == 600
    assert server.accepts <= 20


async def test_pool_never_exceeds_max_connections_and_serves_in_order() -> None:
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg, answer=lambda n, h, b: (OK, "slow"))
        async with _transport(max_connections=2) as transport:
            order: list[int] = []

            async def caller(i: int) -> None:
                await anyio.sleep(i * 0.001)
                await transport.request("GET", f"{server.url}/x/{i}")
                order.append(i)

            async with anyio.create_task_group() as callers:
                for i in range(12):
                    callers.start_soon(caller, i)
        tg.cancel_scope.cancel()
    assert server.accepts == 2
    assert order == list(range(12))


async def test_pool_timeout_when_no_connection_frees() -> None:
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg, answer=lambda n, h, b: (b"", "hang"))
        timeouts = HTTPTimeoutSettings(pool=1.0, read=100.0)
        async with _transport(max_connections=1, timeouts=timeouts) as transport:
            tg.start_soon(transport.request, "GET", f"{server.url}/a")
            await anyio.sleep(0.1)
            with pytest.raises(httpx.PoolTimeout):
                await transport.request("GET", f"{server.url}/b")
        tg.cancel_scope.cancel()


async def test_a_connection_closed_by_the_server_while_idle_is_replaced() -> None:
    # The server closes after each answer without saying so: the next request must notice
    # before sending (the idle socket reads as closed), not fail.
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg, answer=lambda n, h, b: (OK, "close"))
        async with _transport() as transport:
            for i in range(5):
                response = await transport.request("POST", f"{server.url}/x", content=b"{}")
                assert response.status_code == 200, i
                await anyio.sleep(0.05)
        tg.cancel_scope.cancel()
    assert server.accepts == 5
    assert len(server.requests) == 5


@pytest.mark.parametrize("method", ["GET", "DELETE", "PUT"])
async def test_idempotent_request_dropped_on_a_reused_connection_is_resent(method: str) -> None:
    # The race the idle check cannot see: the server takes the request and closes without a
    # byte of answer. An idempotent request is sent once more, on a new connection.
    async with anyio.create_task_group() as tg:
        server = await Server.running(
            tg, answer=lambda n, h, b: (b"", "drop") if n == 2 else (OK, "keep")
        )
        async with _transport() as transport:
            await transport.request(method, f"{server.url}/x")
            response = await transport.request(method, f"{server.url}/x")
            assert response.status_code == 200
        tg.cancel_scope.cancel()
    assert server.accepts == 2
    assert len(server.requests) == 3


async def test_non_idempotent_request_dropped_after_writing_is_not_resent() -> None:
    async with anyio.create_task_group() as tg:
        server = await Server.running(
            tg, answer=lambda n, h, b: (b"", "drop") if n == 2 else (OK, "keep")
        )
        async with _transport() as transport:
            await transport.request("POST", f"{server.url}/x", content=b"{}")
            with pytest.raises(httpx.TransportError) as caught:
                await transport.request("POST", f"{server.url}/x", content=b"{}")
            assert isinstance(caught.value, httpx.RemoteProtocolError)
            assert not isinstance(caught.value, (httpx.ConnectError, httpx.ConnectTimeout))
        tg.cancel_scope.cancel()
    assert len(server.requests) == 2


async def test_connect_error_only_when_nothing_was_written() -> None:
    with anyio.CancelScope() as scope:
        listener = await anyio.create_tcp_listener(local_host="127.0.0.1")
        port = listener.extra(anyio.abc.SocketAttribute.local_port)
        await listener.aclose()
        scope.cancel()
    async with _transport() as transport:
        with pytest.raises(httpx.ConnectError):
            await transport.request("GET", f"http://127.0.0.1:{port}/x")


async def test_failures_after_the_first_byte_are_not_connect_errors() -> None:
    answers = {
        1: (b"HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\n{", "close"),
        2: (b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n{}", "keep"),
        3: (b"garbage\r\n\r\n", "keep"),
        4: (b"HTTP/1.1 200 OK\r\ncontent-len", "close"),
    }
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg, answer=lambda n, h, b: answers[n])
        async with _transport() as transport:
            for _ in answers:
                with pytest.raises(httpx.RemoteProtocolError):
                    await transport.request("GET", f"{server.url}/x")
        tg.cancel_scope.cancel()
    assert len(server.requests) == 4


async def test_read_timeout_is_a_read_timeout() -> None:
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg, answer=lambda n, h, b: (b"", "hang"))
        async with _transport(timeouts=HTTPTimeoutSettings(read=2.0)) as transport:
            start = anyio.current_time()
            with pytest.raises(httpx.ReadTimeout):
                await transport.request("GET", f"{server.url}/x")
            assert 2.0 <= anyio.current_time() - start < 2.5
        tg.cancel_scope.cancel()


async def test_idle_connections_expire_after_keepalive_expiry() -> None:
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg)
        async with _transport(keepalive_expiry=4.0) as transport:
            await transport.request("GET", f"{server.url}/x")
            await anyio.sleep(3.0)
            await transport.request("GET", f"{server.url}/x")
            assert server.accepts == 1
            await anyio.sleep(4.5)
            await transport.request("GET", f"{server.url}/x")
            assert server.accepts == 2
        tg.cancel_scope.cancel()


@pytest.mark.parametrize(
    "answer",
    [
        b'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\n{"id\r\n7\r\n": "1"}\r\n0\r\n\r\n',
        b"HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: %d\r\n\r\n%s"
        % (len(gzip.compress(b'{"id": "1"}')), gzip.compress(b'{"id": "1"}')),
        b"HTTP/1.1 100 Continue\r\n\r\n" + OK,
    ],
    ids=["chunked", "gzip", "interim-100"],
)
async def test_response_framings_and_encodings(answer: bytes) -> None:
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg, answer=lambda n, h, b: (answer, "keep"))
        async with _transport() as transport:
            for _ in range(2):
                response = await transport.request("GET", f"{server.url}/x")
                assert response.content == b'{"id": "1"}'
            assert server.accepts == 1
        tg.cancel_scope.cancel()


async def test_connection_close_and_unframed_bodies_are_not_reused() -> None:
    answers = [
        b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}",
        b"HTTP/1.1 200 OK\r\n\r\n{}",
    ]
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg, answer=lambda n, h, b: (answers[n % 2], "close"))
        async with _transport() as transport:
            for _ in range(4):
                response = await transport.request("GET", f"{server.url}/x")
                assert response.content == b"{}"
        tg.cancel_scope.cancel()
    assert server.accepts == 4


async def test_streamed_body_is_sent_chunked_and_query_encoded() -> None:
    async def body() -> AsyncIterator[bytes]:
        yield b"part one,"
        yield b""
        yield b" part two"

    async with anyio.create_task_group() as tg:
        server = await Server.running(tg)
        async with _transport() as transport:
            await transport.request(
                "POST", f"{server.url}/x", params=[("a", "1 2"), ("b", "é")], content=body()
            )
        tg.cancel_scope.cancel()
    head, sent = server.requests[0]
    assert head.startswith(b"POST /api/v10/x?a=1+2&b=%C3%A9 HTTP/1.1\r\n")
    assert b"\r\nHost: 127.0.0.1:" in head
    assert sent == b"part one, part two"


async def test_works_as_an_httpx_transport() -> None:
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg)
        async with httpx.AsyncClient(transport=_transport()) as client:
            response = await client.post(f"{server.url}/x", json={"a": 1})
            assert response.json() == {"id": "1"}
            response = await client.get(f"{server.url}/y", params={"q": "v"})
            assert response.status_code == 200
        tg.cancel_scope.cancel()
    (head, sent), (second, _) = server.requests
    assert head.startswith(b"POST /api/v10/x HTTP/1.1\r\n")
    assert sent == b'{"a":1}'
    assert second.startswith(b"GET /api/v10/y?q=v HTTP/1.1\r\n")
    assert server.accepts == 1


def test_user_network_settings_take_the_general_httpx_path() -> None:
    assert fast_transport(build_http_client(HTTPSettings())) is not None
    proxied = build_http_client(HTTPSettings(), ProxySettings(url="http://127.0.0.1:1"))
    assert fast_transport(proxied) is None
    assert fast_transport(build_http_client(HTTPSettings(http2=True))) is None
    assert fast_transport(build_http_client(None, ProxySettings(trust_env=True))) is None
    assert fast_transport(build_http_client(HTTPSettings(max_redirects=2))) is None
    custom = build_http_client(transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    assert fast_transport(custom) is None
    assert fast_transport(httpx.AsyncClient(transport=_transport())) is None


def test_pool_is_sized_from_the_global_rate_limit() -> None:
    assert transport_.keepalive_connections(HTTPSettings()) == 50
    assert transport_.keepalive_connections(HTTPSettings(global_rate_limit=500)) == 100
    assert transport_.keepalive_connections(HTTPSettings(max_keepalive_connections=5)) == 5
    assert transport_.keepalive_connections(HTTPSettings(keep_alive=False)) == 0
    assert _transport(global_rate_limit=70).pool.max_idle == 70


async def test_tls_connections_are_verified_and_reused() -> None:
    files = load_tls_files()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(files.server_cert, files.server_key)
    trusting = ssl.create_default_context(cafile=files.ca_cert)
    async with anyio.create_task_group() as tg:
        server = await Server.running(tg, tls=server_context)
        assert server.url.startswith("https://")
        async with _transport(ssl=trusting) as transport:
            for _ in range(3):
                response = await transport.request("GET", f"{server.url}/x")
                assert response.content == b'{"id": "1"}'
        async with _transport() as transport:
            # The default context does not trust the test CA: no byte was written.
            with pytest.raises(httpx.ConnectError):
                await transport.request("GET", f"{server.url}/x")
        tg.cancel_scope.cancel()
    assert server.accepts == 1  # the refused handshake never reached the handler
    assert len(server.requests) == 3


async def test_a_server_that_stops_reading_times_out_after_the_first_byte() -> None:
    # On Trio the send blocks and the write timeout fires; asyncio's transport takes the whole
    # body into its own buffer, so the read timeout fires. Either way: not a ConnectError.
    async def never_read(stream: anyio.abc.SocketStream) -> None:
        async with stream:
            await anyio.sleep_forever()

    async def serve(listener: anyio.abc.Listener[anyio.abc.SocketStream]) -> None:
        async with listener:
            await listener.serve(never_read)

    async with anyio.create_task_group() as tg:
        listener = await anyio.create_tcp_listener(local_host="127.0.0.1")
        port = listener.extra(anyio.abc.SocketAttribute.local_port)
        tg.start_soon(serve, listener)
        timeouts = HTTPTimeoutSettings(write=2.0, read=3.0)
        async with _transport(timeouts=timeouts) as transport:
            with pytest.raises((httpx.WriteTimeout, httpx.ReadTimeout)):
                await transport.request(
                    "POST", f"http://127.0.0.1:{port}/x", content=b"x" * 64_000_000
                )
        tg.cancel_scope.cancel()
