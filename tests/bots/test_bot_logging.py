"""Bots log what a person running one wants to read, like hikari's do.

GatewayBot: each shard's READY and RESUMED at INFO (shard id, session count; never the
session id) and each shard's close. RESTBot and AsgiBot take `banner`, `logs`,
`allow_color`, `force_color`, print the banner on start, and log where they listen (RESTBot:
the real bound port with `port=0`). On today's main RESTBot had none of these options and
GatewayBot logged no READY.
"""

from __future__ import annotations

import functools
import logging
import typing

import anyio
import pytest

from anycord.bots.asgi_bot import AsgiBot
from anycord.bots.gateway_bot import GatewayBot
from anycord.bots.rest_bot import RESTBot
from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from collections.abc import Iterator


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.lines: list[tuple[str, str]] = []
        self.resumed: anyio.Event | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, record.getMessage()))
        if self.resumed is not None and "RESUMED" in record.getMessage():
            self.resumed.set()

    def of(self, name: str) -> list[str]:
        return [line for logger, line in self.lines if logger == name]


@pytest.fixture
def capture() -> Iterator[Capture]:
    handler = Capture()
    logger = logging.getLogger("anycord")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


async def test_gateway_bot_logs_ready_resumed_and_close(capture: Capture) -> None:
    async with FakeDiscord() as fake:
        bot = GatewayBot(fake.token, rest_url=fake.rest_url, banner=None, logs=None)
        async with bot:
            session_id = bot.shards[0].session_id
            capture.resumed = anyio.Event()
            await fake.gateway.close(0, 4000, "resume, please")
            with anyio.fail_after(30):
                await capture.resumed.wait()
    lines = capture.of("anycord.bot")
    ready = [line for line in lines if "READY" in line]
    assert len(ready) == 1
    assert ready[0].startswith("shard 0/1 READY as ")
    assert ready[0].endswith("(session 1 of this shard)")
    assert "shard 0/1 RESUMED (session 1 of this shard)" in lines
    assert "shard 0 closed" in lines
    assert session_id
    assert not any(session_id in line for _, line in capture.lines)


async def _rest_bot_address(**options: typing.Any) -> str:
    """Start a RESTBot on port 0 against a fake, close it; the address it listened on."""
    async with FakeDiscord() as fake:
        bot = RESTBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url, **options)
        async with anyio.create_task_group() as tg:
            await tg.start(functools.partial(bot.start, host="127.0.0.1", port=0))
            (address,) = bot.addresses
            await bot.close()
    return address


async def test_rest_bot_prints_its_banner_and_the_port_it_bound(
    capture: Capture, capsys: pytest.CaptureFixture[str]
) -> None:
    address = await _rest_bot_address(logs=None, allow_color=False)
    assert "anycord" in capsys.readouterr().out
    host, _, port = address.rpartition(":")
    assert host == "http://127.0.0.1"
    assert int(port) > 0
    assert capture.of("anycord.bots.rest") == [f"RESTBot listening on {address}", "RESTBot closed"]


async def test_no_banner_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    await _rest_bot_address(banner=None, logs=None)
    assert capsys.readouterr().out == ""


async def test_asgi_bot_prints_its_banner_and_logs_ready_and_closed(
    capture: Capture, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeDiscord() as fake:
        bot = AsgiBot(
            fake.token,
            public_key=fake.public_key,
            rest_url=fake.rest_url,
            asgi_managed=False,
            logs=None,
            force_color=False,
        )
        async with anyio.create_task_group() as tg:
            await tg.start(bot.start)
            await bot.close()
    assert "anycord" in capsys.readouterr().out
    assert capture.of("anycord.bots.asgi") == [
        "AsgiBot ready: serving interactions through ASGI",
        "AsgiBot closed",
    ]


def test_logs_option_sets_up_logging() -> None:
    anycord_logger, root = logging.getLogger("anycord"), logging.getLogger()
    saved = (anycord_logger.level, root.level, list(root.handlers))
    try:
        RESTBot("a-token-that-is-long-enough", public_key="00" * 32, logs="DEBUG", banner=None)
        assert anycord_logger.level == logging.DEBUG
    finally:
        anycord_logger.setLevel(saved[0])
        root.setLevel(saved[1])
        for handler in list(root.handlers):
            if handler not in saved[2]:
                root.removeHandler(handler)
