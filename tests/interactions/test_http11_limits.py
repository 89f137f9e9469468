"""The built-in server's limits on connections, on both backends.

A cap on open connections (refused over it, cheaply, while the open ones are served), a short
wait for a new connection's first byte, a process with few file descriptors that a flood of
idle sockets no longer starves, empty lines before a request line, a bare LF answered at
once, and TLS handshake failures that are the client's problem (DEBUG, never ERROR).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pathlib
import subprocess
import sys
import time

import anyio
import anyio.abc
import pytest

from anycord.interactions import http11
from tests.gateway.tunnels import make_test_ca
from tests.interactions.test_http11 import (
    BACKENDS,
    KEEP_ALIVE,
    REQUEST_TIMEOUT,
    exchange,
    good_request,
    http_server,
    run,
    statuses,
)
from tests.log_records import logged

ROOT = pathlib.Path(__file__).resolve().parents[2]


async def read_until_closed(stream: anyio.abc.ByteStream, limit: float) -> bytes:
    received = b""
    with anyio.move_on_after(limit):
        with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError, OSError):
            while True:
                received += await stream.receive()
        return received
    return b"<still open>"


# -- the connection cap ------------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_connections_over_the_cap_are_refused_and_the_open_ones_still_served(
    backend: str,
) -> None:
    cap, extra = 8, 13

    async def scenario() -> None:
        async with (
            http_server(max_connections=cap) as port,
            contextlib.AsyncExitStack() as stack,
        ):
            keep = await stack.enter_async_context(await anyio.connect_tcp("127.0.0.1", port))
            await keep.send(good_request())
            assert statuses(await keep.receive()) == [b"200"]
            idle = [
                await stack.enter_async_context(await anyio.connect_tcp("127.0.0.1", port))
                for _ in range(cap - 1 + extra)
            ]
            answers = [await read_until_closed(stream, 0.5) for stream in idle]
            refused = [a for a in answers if a != b"<still open>"]
            # Refused at once with a canned 503, without the server reading a byte.
            assert len(refused) == extra
            assert set(refused) == {
                b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n"
                b"connection: close\r\n\r\n"
            }
            # The connection the server already had is still answered.
            await keep.send(good_request())
            assert statuses(await keep.receive()) == [b"200"]

    with logged(logging.WARNING) as records:
        run(backend, scenario)
    warnings = [r.getMessage() for r in records if r.name.startswith("anycord")]
    # One warning for the whole burst, not one per refused connection.
    assert warnings == [
        "8 connections open (max_connections): refusing new ones (1 refused so far)"
    ]


def test_the_default_cap_leaves_half_the_descriptors_to_the_bot() -> None:
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert http11.default_max_connections() == max(1, min(4096, soft // 2))


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_flood_of_idle_sockets_no_longer_starves_a_process_with_128_files(backend: str) -> None:
    # The server runs in a child allowed 128 files; its listener opens a file per request.
    # 150 idle sockets used to take every descriptor for 75 s: accept() failed with EMFILE and
    # the listener with it (500). Now at most 64 are held, for the 1 s request timeout.
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.interactions.fd_limited_server", backend, "128", "1.0"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline())

        async def scenario() -> None:
            async with contextlib.AsyncExitStack() as stack:
                keep = await stack.enter_async_context(await anyio.connect_tcp("127.0.0.1", port))
                await keep.send(good_request())
                assert statuses(await keep.receive()) == [b"200"]
                flood = [
                    await stack.enter_async_context(await anyio.connect_tcp("127.0.0.1", port))
                    for _ in range(150)
                ]
                await anyio.sleep(0.2)
                # The bot can still open files while the flood is connected.
                await keep.send(good_request())
                assert statuses(await keep.receive()) == [b"200"]
                answers = [await read_until_closed(stream, 0.01) for stream in flood]
                refused = sum(a.startswith(b"HTTP/1.1 503") for a in answers)
                assert refused >= 150 - 63
                # The idle ones that were admitted are dropped after the request timeout.
                started = time.monotonic()
                for stream in flood:
                    await read_until_closed(stream, 3.0)
                assert time.monotonic() - started < 2.5
                assert statuses(
                    await exchange(port, good_request(extra=b"connection: close\r\n"))
                ) == [b"200"]

        anyio.run(scenario, backend=backend)
    finally:
        _, stderr = child.communicate(b"", timeout=10)  # stdin closed: the server stops
    assert child.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr, stderr.decode()


# -- the first byte ----------------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_new_connection_must_send_within_the_request_timeout(backend: str) -> None:
    assert KEEP_ALIVE > REQUEST_TIMEOUT

    async def scenario() -> None:
        async with (
            http_server() as port,
            await anyio.connect_tcp("127.0.0.1", port) as stream,
        ):
            started = anyio.current_time()
            assert await read_until_closed(stream, KEEP_ALIVE + 5) == b""
            assert REQUEST_TIMEOUT <= anyio.current_time() - started <= REQUEST_TIMEOUT + 2

    run(backend, scenario)


# -- empty lines and line ends -----------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("empty_lines", "answer"), [(1, b"200"), (2, b"200"), (8, b"200"), (9, b"400")]
)
def test_empty_lines_before_the_request_line_are_skipped_up_to_a_bound(
    backend: str, empty_lines: int, answer: bytes
) -> None:
    async def scenario() -> None:
        async with http_server() as port:
            data = b"\r\n" * empty_lines + good_request(extra=b"connection: close\r\n")
            assert statuses(await exchange(port, data)) == [answer]
            # Between two requests on one connection, too.
            data = (
                good_request()
                + b"\r\n" * empty_lines
                + good_request(extra=b"connection: close\r\n")
            )
            assert statuses(await exchange(port, data)) == [b"200", answer]

    run(backend, scenario)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "head",
    [
        b"POST / HTTP/1.1\nhost: a\n\n",
        b"POST / HTTP/1.1\r\nhost: a\n\n",
        b"POST / HTTP/1.1\nhost: a\r\n\r\n",
        b"POST / HTTP/1.1\r\nhost: a\r\n\n",
        b"\n",
    ],
)
def test_a_bare_lf_head_is_400_at_once(backend: str, head: bytes) -> None:
    async def scenario() -> None:
        async with http_server() as port, await anyio.connect_tcp("127.0.0.1", port) as stream:
            await stream.send(head)  # and the client waits, connection open
            started = anyio.current_time()
            answer = await read_until_closed(stream, REQUEST_TIMEOUT + 5)
            assert anyio.current_time() - started < 1.0
            assert statuses(answer) == [b"400"]

    run(backend, scenario)


# -- TLS -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_tls_handshake_failures_are_logged_at_debug_never_error(backend: str) -> None:
    ca = make_test_ca()

    async def scenario() -> None:
        async with http_server(ssl_context=ca.server_context) as port:
            # Plain HTTP on the TLS port, garbage, a client that hangs up mid-handshake.
            for hostile in (good_request(), b"\x16\x03\x01\x00\x05hello", b"\x16\x03"):
                async with await anyio.connect_tcp("127.0.0.1", port) as stream:
                    await stream.send(hostile)
                    if hostile == b"\x16\x03":
                        continue
                    assert await read_until_closed(stream, 5.0) != b"<still open>"
            await anyio.sleep(0.5)

    with logged(logging.DEBUG) as records:
        run(backend, scenario)
    assert [r.getMessage() for r in records if r.levelno >= logging.ERROR] == []
    failures = [r for r in records if r.getMessage().startswith("TLS handshake with")]
    assert len(failures) == 3
    assert all(r.levelno == logging.DEBUG for r in failures)


@pytest.mark.parametrize("backend", BACKENDS)
def test_tls_requests_are_served_and_a_silent_tls_client_is_dropped(backend: str) -> None:
    ca = make_test_ca()

    async def scenario() -> None:
        async with http_server(ssl_context=ca.server_context) as port:
            # A client that never starts its handshake is dropped after the request timeout.
            async with await anyio.connect_tcp("127.0.0.1", port) as silent:
                started = anyio.current_time()
                assert await read_until_closed(silent, KEEP_ALIVE + 5) == b""
                assert anyio.current_time() - started <= REQUEST_TIMEOUT + 2
            for _ in range(3):
                stream = await anyio.connect_tcp(
                    "127.0.0.1", port, ssl_context=ca.client_context, tls_hostname="127.0.0.1"
                )
                try:
                    await stream.send(good_request(extra=b"connection: close\r\n"))
                    answer = await read_until_closed(stream, 5.0)
                    assert statuses(answer) == [b"200"], answer
                finally:
                    # The server closes without close_notify (standard_compatible=False).
                    await anyio.aclose_forcefully(stream)

    run(backend, scenario)
