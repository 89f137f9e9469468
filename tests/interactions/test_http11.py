"""The built-in HTTP/1.1 server over loopback, fed hostile bytes, on both backends in virtual time.

Every scenario runs the real `serve_http11` with the real `AsgiAdapter` and interaction
server, talks to it over raw TCP, and then checks the server's invariants: it answers only
with the statuses it is allowed to use (never a 500 for a client's bytes), the connection
always ends (by the server's own timeouts when the client stalls), the next good request on
a fresh connection is answered 200, the server shuts down promptly with no task left behind
(its task group exits), and nothing was logged at ERROR.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import typing

import anyio
import anyio.abc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anycord.interactions.asgi import AsgiAdapter
from anycord.interactions.builders import InteractionMessageBuilder, ResponseType
from anycord.interactions.http11 import serve_http11
from anycord.interactions.server import InteractionServer
from anycord.interactions.serving import bind_sockets
from tests.interactions.signing import (
    PUBLIC_KEY_HEX,
    FakeCommand,
    command_body,
    fake_decoder,
    signed_headers,
)
from tests.virtual_clock import asyncio_virtual_options, trio_virtual_options

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

KEEP_ALIVE = 30.0
REQUEST_TIMEOUT = 10.0
ALLOWED = {b"100", b"200", b"202", b"400", b"401", b"404", b"405", b"411", b"413", b"415", b"431"}
STATUS = re.compile(rb"HTTP/1\.1 (\d{3}) ")

BACKENDS = ["asyncio", "trio"]
DISPATCH = {"path": "direct"}
"""How `http_server()` hands requests to the adapter (set per module run by `dispatch`)."""


@pytest.fixture(autouse=True, scope="module", params=["direct", "asgi"])
def dispatch(request: pytest.FixtureRequest) -> typing.Iterator[str]:
    """Every scenario runs twice: with the server calling the `AsgiAdapter` directly (its fast
    path) and with the adapter hidden behind a plain ASGI callable (the generic ASGI path)."""
    DISPATCH["path"] = request.param
    yield request.param
    DISPATCH["path"] = "direct"


def as_plain_asgi(adapter: AsgiAdapter) -> Callable[..., typing.Awaitable[None]]:
    """The same adapter, but not an `AsgiAdapter` instance: the server must use ASGI."""

    async def app(scope: typing.Any, receive: typing.Any, send: typing.Any) -> None:
        await adapter(scope, receive, send)

    return app


def run(backend: str, scenario: Callable[[], typing.Awaitable[None]]) -> None:
    options = asyncio_virtual_options() if backend == "asyncio" else trio_virtual_options()
    anyio.run(scenario, backend=backend, backend_options=options)


class ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def errors_logged() -> typing.Iterator[list[logging.LogRecord]]:
    handler = ErrorLog()
    logger = logging.getLogger("anycord")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


async def pong(interaction: FakeCommand) -> InteractionMessageBuilder:
    if interaction.payload["data"]["name"] == "explode":
        raise RuntimeError("listener bug")
    return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="pong")


def make_app() -> AsgiAdapter:
    server = InteractionServer(public_key=PUBLIC_KEY_HEX, decoder=fake_decoder)
    server.set_listener(FakeCommand, pong)
    return AsgiAdapter(server, max_body_size=4096)


def default_app() -> typing.Any:
    adapter = make_app()
    return adapter if DISPATCH["path"] == "direct" else as_plain_asgi(adapter)


def good_request(name: str = "ping", *, extra: bytes = b"") -> bytes:
    body = command_body(name)
    headers = signed_headers(body)
    head = b"POST / HTTP/1.1\r\nhost: test\r\ncontent-length: %d\r\n" % len(body)
    head += b"".join(b"%s: %s\r\n" % (k.encode(), v.encode()) for k, v in headers.items())
    return head + extra + b"\r\n" + body


@contextlib.asynccontextmanager
async def http_server(app: typing.Any = None, **options: typing.Any) -> AsyncIterator[int]:
    options.setdefault("keep_alive_timeout", KEEP_ALIVE)
    options.setdefault("request_timeout", REQUEST_TIMEOUT)
    sockets = bind_sockets(host="127.0.0.1", port=0)
    port = sockets[0].getsockname()[1]
    stop = anyio.Event()
    async with anyio.create_task_group() as tg:
        await tg.start(
            functools.partial(
                serve_http11,
                app or default_app(),
                sockets=sockets,
                shutdown_trigger=stop.wait,
                shutdown_timeout=5.0,
                **options,
            )
        )
        try:
            yield port
        finally:
            stop.set()
            # The server (every connection task) must exit by itself well within the
            # shutdown timeout: nothing is busy any more, so nothing may linger.
            tg.cancel_scope.deadline = anyio.current_time() + 1.0
    assert not tg.cancel_scope.cancelled_caught, "the server did not stop by itself"
    assert all(sock.fileno() == -1 for sock in sockets)


async def exchange(port: int, data: bytes | list[bytes], *, pause: float = 0.0) -> bytes:
    """Send `data` (chunks `pause` seconds apart), then read until the server closes."""
    received = bytearray()
    chunks = [data] if isinstance(data, bytes) else data
    with anyio.fail_after(KEEP_ALIVE + REQUEST_TIMEOUT + 60 + pause * len(chunks)):
        async with await anyio.connect_tcp("127.0.0.1", port) as stream:
            try:
                for chunk in chunks:
                    if chunk:
                        await stream.send(chunk)
                    if pause:
                        await anyio.sleep(pause)
            except (anyio.BrokenResourceError, anyio.ClosedResourceError, OSError):
                pass
            with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError, OSError):
                while True:
                    received += await stream.receive()
    return bytes(received)


def statuses(received: bytes) -> list[bytes]:
    return STATUS.findall(received)


async def assert_still_serving(port: int) -> None:
    answer = await exchange(port, good_request(extra=b"connection: close\r\n"))
    assert statuses(answer) == [b"200"], answer
    assert answer.endswith(b'{"type":4,"data":{"content":"pong"}}')


def check_hostile(backend: str, data: bytes | list[bytes], pause: float = 0.0) -> list[bytes]:
    seen: list[bytes] = []

    async def scenario() -> None:
        async with http_server() as port:
            start = anyio.current_time()
            answer = await exchange(port, data, pause=pause)
            # Stalled clients are dropped by the server's own timeouts.
            limit = (
                KEEP_ALIVE
                + REQUEST_TIMEOUT
                + 5
                + pause * (len(data) if isinstance(data, list) else 1)
            )
            assert anyio.current_time() - start <= limit
            seen.extend(statuses(answer))
            assert set(seen) <= ALLOWED, answer
            await assert_still_serving(port)

    with errors_logged() as errors:
        run(backend, scenario)
    assert not errors, [r.getMessage() for r in errors]
    return seen


# -- Hypothesis: hostile bytes ---------------------------------------------------------------

TOKENS = st.sampled_from(
    [
        b"POST",
        b"GET",
        b"post",
        b" ",
        b"/",
        b"/x?y",
        b"HTTP/1.1",
        b"HTTP/1.0",
        b"HTTP/2.0",
        b"\r\n",
        b"\n",
        b"\r",
        b":",
        b"\x00",
        b"\t",
        b"host: a",
        b"content-length: 5",
        b"content-length: 0",
        b"content-length: -1",
        b"content-length: 99999999999999999999999",
        b"content-length: 0x10",
        b"content-length: 1e3",
        b"content-length: +5",
        b"content-length: 5, 5",
        b"transfer-encoding: chunked",
        b"Transfer-Encoding : chunked",
        b"transfer-encoding: identity",
        b"content-type: application/json",
        b"expect: 100-continue",
        b"connection: close",
        b"connection: keep-alive",
        b"x-signature-ed25519: 00",
        b"x-signature-timestamp: 1",
        b" folded",
        b"{}",
        b"0\r\n\r\n",
    ]
)
HOSTILE_HEADERS = st.lists(
    st.sampled_from(
        [
            b"content-length: 5",
            b"content-length: 6",
            b"Content-Length: 5",
            b"content-length: -5",
            b"content-length: abc",
            b"content-length:",
            b"content-length: " + b"9" * 5000,
            b"transfer-encoding: chunked",
            b"transfer-encoding: gzip, chunked",
            b"host: a",
            b"host: b",
            b"connection: close",
            b"expect: 100-continue",
            b"x: " + b"y" * 3000,
            b" obs-fold",
            b"bad header",
            b"na me: v",
            b"name : v",
            b"x: a\nTransfer-Encoding: chunked",
            b"x: a\x00b",
            b"x: \x7f",
        ]
    ),
    max_size=12,
)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_garbage_bytes(backend: str, data: bytes) -> None:
    check_hostile(backend, data)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, max_size=40).map(b"".join))
def test_request_shaped_garbage(backend: str, data: bytes) -> None:
    check_hostile(backend, data)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    HOSTILE_HEADERS,
    st.binary(max_size=64),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=1, max_value=5),
)
def test_hostile_heads_and_bodies_then_pipelined_good_requests(
    backend: str, headers: list[bytes], body: bytes, good_after: int, split: int
) -> None:
    head = b"POST / HTTP/1.1\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n"
    data = head + body + good_request() * good_after
    # The bytes arrive in `split` pieces, a second apart: partial heads and bodies too.
    size = -(-len(data) // split)
    seen = check_hostile(backend, [data[i : i + size] for i in range(0, len(data), size)], 1.0)
    if not headers:
        # A valid head with an empty body: the adapter answers it, and then the good ones.
        assert seen[:1] in ([b"400"], [b"415"]), seen


# -- the rules, one by one -------------------------------------------------------------------


def answer_to(backend: str, data: bytes | list[bytes], pause: float = 0.0) -> list[bytes]:
    return check_hostile(backend, data, pause)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("extra", "status"),
    [
        (b"transfer-encoding: chunked\r\n", b"411"),
        (b"Transfer-Encoding: identity\r\n", b"411"),
        (b"content-length: 5\r\n", b"400"),
        (b"content-length: 2\r\n", b"400"),
        (b"host: other\r\n", b"400"),
        (b"x: " + b"a" * 20000 + b"\r\n", b"431"),
        (b"".join(b"x%d: y\r\n" % i for i in range(150)), b"431"),
        (b"bad\x00name: y\r\n", b"400"),
        (b"x: y\nz: w\r\n", b"400"),
        (b" folded\r\n", b"400"),
    ],
    ids=[
        "chunked",
        "any-transfer-encoding",
        "conflicting-length",
        "second-length",
        "two-hosts",
        "huge-head",
        "many-headers",
        "nul",
        "bare-lf",
        "obs-fold",
    ],
)
def test_refused_heads(backend: str, extra: bytes, status: bytes) -> None:
    # The good request's own headers plus one hostile line: refused, connection closed,
    # so the good body that follows is never taken for a second request.
    assert answer_to(backend, good_request(extra=extra)) == [status]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "length", [b"-1", b"abc", b"1e3", b"0x10", b"+5", b" ", b"9" * 5000, b"5, 5"]
)
def test_bad_content_length_is_400(backend: str, length: bytes) -> None:
    head = b"POST / HTTP/1.1\r\nhost: a\r\ncontent-length: %s\r\n\r\n" % length
    assert answer_to(backend, head + b"{}") == [b"400"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_missing_host_is_400_for_http11_only(backend: str) -> None:
    assert answer_to(backend, b"POST / HTTP/1.1\r\ncontent-length: 0\r\n\r\n") == [b"400"]
    # HTTP/1.0 may omit Host; the adapter then judges the request (no content type: 415).
    assert answer_to(backend, b"POST / HTTP/1.0\r\ncontent-length: 0\r\n\r\n") == [b"415"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_pipelined_requests_are_answered_in_order(backend: str) -> None:
    last = good_request("last", extra=b"connection: close\r\n")
    data = b"\r\n" + good_request() + good_request() + b"\r\n" + last + good_request()
    # The request after `connection: close` is never read.
    assert answer_to(backend, data) == [b"200", b"200", b"200"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_endless_head_is_431_after_bounded_reading(backend: str) -> None:
    # 1 MiB of header bytes with no end: refused once 16 KiB are buffered, not after 1 MiB.
    assert answer_to(backend, b"POST / HTTP/1.1\r\nx: " + b"a" * 1024**2) == [b"431"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_slowloris_head_is_dropped_after_the_request_timeout(backend: str) -> None:
    async def scenario() -> None:
        async with http_server() as port:
            start = anyio.current_time()
            # A byte a second would take far longer than the request timeout.
            answer = await exchange(port, [b"P", b"O", b"S", b"T", b" "] * 20, pause=1.0)
            elapsed = anyio.current_time() - start
            assert answer == b""
            assert REQUEST_TIMEOUT <= elapsed <= REQUEST_TIMEOUT + 2
            await assert_still_serving(port)

    run(backend, scenario)


@pytest.mark.parametrize("backend", BACKENDS)
def test_slow_body_is_dropped_after_the_request_timeout(backend: str) -> None:
    request = good_request()
    cut = request.index(b"\r\n\r\n") + 10

    async def scenario() -> None:
        async with http_server() as port:
            start = anyio.current_time()
            answer = await exchange(port, [request[:cut], request[cut:]], pause=3 * REQUEST_TIMEOUT)
            assert answer == b""
            assert anyio.current_time() - start <= 6 * REQUEST_TIMEOUT + 1
            await assert_still_serving(port)

    # The timeout fires while the client still holds the rest: it must find the socket closed.
    run(backend, scenario)


@pytest.mark.parametrize("backend", BACKENDS)
def test_idle_keep_alive_connection_is_closed(backend: str) -> None:
    async def scenario() -> None:
        async with http_server() as port, await anyio.connect_tcp("127.0.0.1", port) as stream:
            await stream.send(good_request())
            first = await stream.receive()
            assert statuses(first) == [b"200"]
            start = anyio.current_time()
            with anyio.fail_after(KEEP_ALIVE + 5):
                with pytest.raises((anyio.EndOfStream, anyio.BrokenResourceError)):
                    await stream.receive()
            assert KEEP_ALIVE <= anyio.current_time() - start <= KEEP_ALIVE + 2

    run(backend, scenario)


@pytest.mark.parametrize("backend", BACKENDS)
def test_expect_100_continue(backend: str) -> None:
    request = good_request(extra=b"expect: 100-continue\r\nconnection: close\r\n")
    head, body = request.split(b"\r\n\r\n", 1)

    async def scenario() -> None:
        async with http_server() as port, await anyio.connect_tcp("127.0.0.1", port) as stream:
            await stream.send(head + b"\r\n\r\n")
            assert await stream.receive() == b"HTTP/1.1 100 Continue\r\n\r\n"
            await stream.send(body)
            answer = b""
            with contextlib.suppress(anyio.EndOfStream):
                while True:
                    answer += await stream.receive()
            assert statuses(answer) == [b"200"]

    run(backend, scenario)


@pytest.mark.parametrize("backend", BACKENDS)
def test_app_exception_is_500_logged_and_the_server_keeps_serving(backend: str) -> None:
    async def app(scope: typing.Any, receive: typing.Any, send: typing.Any) -> None:
        if scope["path"] == "/boom":
            raise RuntimeError("app bug")
        await make_app()(scope, receive, send)

    async def scenario() -> None:
        async with http_server(app) as port:
            answer = await exchange(port, b"POST /boom HTTP/1.1\r\nhost: a\r\n\r\n")
            assert statuses(answer) == [b"500"]
            await assert_still_serving(port)

    with errors_logged() as errors:
        run(backend, scenario)
    assert [r.getMessage() for r in errors] == ["the ASGI app failed on POST /boom"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_shutdown_closes_idle_connections_at_once(backend: str) -> None:
    async def scenario() -> None:
        async with contextlib.AsyncExitStack() as stack:
            port = await stack.enter_async_context(http_server())
            stream = await stack.enter_async_context(await anyio.connect_tcp("127.0.0.1", port))
            await stream.send(good_request())
            assert statuses(await stream.receive()) == [b"200"]
            start = anyio.current_time()
        # http_server's exit asserted the server stopped within a second with this
        # connection idle: it did not wait for the keep-alive timeout.
        assert anyio.current_time() - start < 1.0

    run(backend, scenario)


def test_timeouts_must_be_positive() -> None:
    async def scenario() -> None:
        with pytest.raises(ValueError, match="request_timeout"):
            await serve_http11(
                make_app(), sockets=[], shutdown_trigger=anyio.sleep_forever, request_timeout=0
            )

    anyio.run(scenario)


# -- the direct path answers exactly like the ASGI path -----------------------------------------


def _listener_for_both(interaction: FakeCommand) -> typing.Awaitable[typing.Any]:
    async def answer() -> typing.Any:
        name = interaction.payload["data"]["name"]
        if name == "none":
            return None
        if name == "explode":
            raise RuntimeError("listener bug")
        return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content=name)

    return answer()


def _raw(method: bytes, path: bytes, headers: dict[str, str], body: bytes, extra: bytes) -> bytes:
    head = b"%s %s HTTP/1.1\r\nhost: test\r\ncontent-length: %d\r\n" % (method, path, len(body))
    head += b"".join(b"%s: %s\r\n" % (k.encode(), v.encode()) for k, v in headers.items())
    return head + extra + b"\r\n" + body


def _equivalence_requests() -> list[bytes]:
    body = command_body("ping")
    good = signed_headers(body)
    bad_sig = dict(good, **{"x-signature-ed25519": "00" * 64})
    no_type = {k: v for k, v in good.items() if k != "content-type"}
    big = command_body("x" * 5000)
    requests = [
        _raw(b"POST", b"/", good, body, b""),
        _raw(b"POST", b"/", good, body, b"connection: close\r\n"),
        _raw(b"POST", b"/other", good, body, b""),
        _raw(b"GET", b"/", good, body, b""),
        _raw(b"POST", b"/", no_type, body, b""),
        _raw(b"POST", b"/", dict(good, **{"content-type": "text/plain"}), body, b""),
        _raw(b"POST", b"/", bad_sig, body, b""),
        _raw(b"POST", b"/", dict(good, **{"x-signature-ed25519": "zz"}), body, b""),
        _raw(b"POST", b"/", signed_headers(big), big, b""),
        _raw(b"POST", b"/", signed_headers(b""), b"", b""),
        _raw(b"POST", b"/", signed_headers(b"[1]"), b"[1]", b""),
        _raw(b"POST", b"/", signed_headers(b'{"type":1}'), b'{"type":1}', b""),
    ]
    for name in ("none", "explode"):
        named = command_body(name)
        requests.append(_raw(b"POST", b"/", signed_headers(named), named, b""))
    unknown = command_body("ping", type=9)
    requests.append(_raw(b"POST", b"/", signed_headers(unknown), unknown, b""))
    # A read-only route beside the interaction path (health probes), and HEAD, whose answers
    # carry the GET answer's headers and no body.
    requests += [
        _raw(b"GET", b"/livez", {}, b"", b""),
        _raw(b"HEAD", b"/livez", {}, b"", b""),
        _raw(b"POST", b"/livez", {}, b"", b""),
        _raw(b"GET", b"/livez", {}, b"abc", b""),
        _raw(b"HEAD", b"/", {}, b"", b""),
    ]
    # Each refused request is followed by a good one on the same connection: whether the
    # connection stays usable is part of the answer.
    return [r + _raw(b"POST", b"/", good, body, b"") for r in requests]


@pytest.mark.parametrize("backend", BACKENDS)
def test_direct_path_answers_byte_for_byte_like_asgi(backend: str, dispatch: str) -> None:
    if dispatch != "direct":
        pytest.skip("compares both paths itself")
    requests = _equivalence_requests()
    answers: dict[str, list[bytes]] = {}

    async def scenario() -> None:
        for kind in ("direct", "asgi"):
            server = InteractionServer(public_key=PUBLIC_KEY_HEX, decoder=fake_decoder)
            server.set_listener(FakeCommand, _listener_for_both)
            adapter = AsgiAdapter(server, max_body_size=4096, routes={"/livez": _probe})
            app = adapter if kind == "direct" else as_plain_asgi(adapter)
            async with http_server(app) as port:
                answers[kind] = [await exchange(port, request) for request in requests]

    run(backend, scenario)
    for request, direct, asgi in zip(requests, answers["direct"], answers["asgi"], strict=True):
        assert direct == asgi, request
    seen = [statuses(a) for a in answers["direct"]]
    assert seen == [
        [b"200", b"200"],
        [b"200"],
        [b"404"],
        [b"405"],
        [b"415"],
        [b"415"],
        [b"401", b"200"],
        [b"401"],
        [b"413"],
        [b"400", b"200"],
        [b"400", b"200"],
        [b"200", b"200"],
        [b"202", b"200"],
        [b"500", b"200"],
        [b"501", b"200"],
        [b"200", b"200"],
        [b"200", b"200"],
        [b"405", b"200"],
        [b"200"],
        [b"405"],
    ]
    get, head = answers["direct"][15], answers["direct"][16]
    assert head.count(b"content-length: 8\r\n") == 1
    assert head.count(b'{"up":1}') == 0
    assert get.count(b'{"up":1}') == 1


def _probe() -> tuple[int, str, bytes]:
    return 200, "application/json", b'{"up":1}'
