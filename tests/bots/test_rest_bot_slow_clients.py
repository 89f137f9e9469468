"""RESTBot against clients that send their body a byte at a time, under both HTTP servers.

Real time on loopback (hypercorn keeps its own clock): the bot runs with a 1 s request
timeout, clients dribble a declared 100-byte body one byte every 0.2 s. Each must be dropped
about a request timeout after its head, and `close()` with such clients connected must return
within a second or two and log nothing at ERROR (hypercorn used to hold them for ever, wait
its whole graceful timeout at close, and print a traceback per connection on asyncio).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import typing

import anyio
import anyio.abc
import pytest

from anycord.bots.rest_bot import HTTPServerKind, RESTBot
from anycord.testing import FakeDiscord
from tests.log_records import logged

REQUEST_TIMEOUT = 1.0
SHUTDOWN_TIMEOUT = 30.0
HEAD = (
    b"POST / HTTP/1.1\r\nhost: bot\r\ncontent-type: application/json\r\n"
    b"x-signature-ed25519: " + b"00" * 64 + b"\r\nx-signature-timestamp: 1\r\n"
    b"content-length: 100\r\n\r\n"
)


@pytest.fixture(params=["builtin", "hypercorn"])
def http_server(request: pytest.FixtureRequest) -> HTTPServerKind:
    return typing.cast("HTTPServerKind", request.param)


async def slow_client(port: int, ended: list[tuple[float, bytes]]) -> None:
    """Send the head, then a byte every 0.2 s until the server ends the connection."""
    received = b""
    async with await anyio.connect_tcp("127.0.0.1", port) as stream:
        await stream.send(HEAD)
        started = anyio.current_time()

        async def read() -> None:
            nonlocal received
            with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError, OSError):
                while True:
                    received += await stream.receive()

        async with anyio.create_task_group() as tg:

            async def dribble() -> None:
                with contextlib.suppress(anyio.BrokenResourceError, OSError):
                    for _ in range(100):
                        await anyio.sleep(0.2)
                        await stream.send(b" ")

            tg.start_soon(dribble)
            await read()
            tg.cancel_scope.cancel()
        ended.append((anyio.current_time() - started, received))


async def start_bot(
    tg: anyio.abc.TaskGroup,
    fake: FakeDiscord,
    http_server: HTTPServerKind,
    request_timeout: float = REQUEST_TIMEOUT,
) -> tuple[RESTBot, int]:
    bot = RESTBot(
        fake.token, public_key=fake.public_key, rest_url=fake.rest_url, verifier_process=False
    )
    await tg.start(
        functools.partial(
            bot.start,
            "127.0.0.1",
            0,
            http_server=http_server,
            request_timeout=request_timeout,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
        )
    )
    return bot, int(bot.addresses[0].rsplit(":", 1)[1])


async def test_a_slow_body_is_dropped_after_the_request_timeout(
    http_server: HTTPServerKind,
) -> None:
    ended: list[tuple[float, bytes]] = []
    with logged(logging.ERROR) as errors:
        async with FakeDiscord() as fake, anyio.create_task_group() as tg:
            bot, port = await start_bot(tg, fake, http_server)
            with anyio.fail_after(10):
                async with anyio.create_task_group() as clients:
                    for _ in range(5):
                        clients.start_soon(slow_client, port, ended)
            await bot.close()
    assert len(ended) == 5
    for elapsed, answer in ended:
        assert REQUEST_TIMEOUT - 0.1 <= elapsed <= REQUEST_TIMEOUT + 1.5, elapsed
        # hypercorn answers 408; the built-in server closes without an answer (as for a
        # slow-loris head).
        assert answer.startswith(b"HTTP/1.1 408 ") if http_server == "hypercorn" else answer == b""
    assert [r.getMessage() for r in errors] == []


async def test_close_with_slow_bodies_in_flight_is_quick_and_quiet(
    http_server: HTTPServerKind,
) -> None:
    ended: list[tuple[float, bytes]] = []
    with logged(logging.ERROR) as errors:
        async with FakeDiscord() as fake, anyio.create_task_group() as tg:
            # A long request timeout: only close() can end these clients quickly.
            bot, port = await start_bot(tg, fake, http_server, request_timeout=60.0)
            async with anyio.create_task_group() as clients:
                for _ in range(20):
                    clients.start_soon(slow_client, port, ended)
                await anyio.sleep(0.5)
                started = anyio.current_time()
                with anyio.fail_after(SHUTDOWN_TIMEOUT / 2):
                    await bot.close()
                closing = anyio.current_time() - started
    assert closing < 2.0, closing
    assert len(ended) == 20
    if http_server == "hypercorn":
        assert all(answer.startswith(b"HTTP/1.1 503 ") for _, answer in ended)
    assert [r.getMessage() for r in errors] == []
