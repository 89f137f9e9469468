"""A burst of dispatches, many per socket read, through a real `GatewayBot`: listeners start
in sequence order, at most `max_in_flight` run at once, the cache is updated before each
listener, and `close()` cancels what is still running after the grace period."""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord.bots.gateway_bot import GatewayBot
from anycord.events import GuildMessageCreateEvent  # noqa: TC001 - listen() reads annotations
from anycord.intents import Intents
from anycord.testing import FakeDiscord
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from collections.abc import Callable

INTENTS = Intents.ALL_UNPRIVILEGED | Intents.MESSAGE_CONTENT
BURST = 400


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


def make_bot(fake: FakeDiscord, **options: typing.Any) -> GatewayBot:
    return GatewayBot(
        fake.token, rest_url=fake.rest_url, banner=None, logs=None, intents=INTENTS, **options
    )


async def until(condition: Callable[[], bool], what: str, within: float = 600) -> None:
    with anyio.fail_after(within):  # virtual seconds
        while not condition():  # noqa: ASYNC110 - polling costs nothing in virtual time
            await anyio.sleep(0.01)
    assert condition(), what


def burst(fake: FakeDiscord, guild: dict[str, typing.Any], count: int) -> None:
    """Queue `count` MESSAGE_CREATE at once: the fake writes them back to back, so one socket
    read holds many frames."""
    for n in range(count):
        fake.add_message(guild["channels"][0]["id"], str(n), author=fake.bot_user)


@pytest.mark.parametrize("max_in_flight", [1, 4, 100])
async def test_a_burst_starts_listeners_in_order_within_the_bound(max_in_flight: int) -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", channels=1)
        bot = make_bot(fake, max_in_flight=max_in_flight)
        started: list[int] = []
        cached_first: list[bool] = []
        running = 0
        most = 0

        @bot.listen()
        async def on_message(event: GuildMessageCreateEvent) -> None:
            nonlocal running, most
            running += 1
            most = max(most, running, bot.event_manager.in_flight)
            started.append(int(event.message.content))
            cached_first.append(bot.cache.get_message(event.message_id) is not None)
            try:
                await anyio.sleep(0.001 * (len(started) % 3))  # some finish out of order
            finally:
                running -= 1

        async with bot:
            burst(fake, guild, BURST)
            await fake.gateway.flush()
            await until(lambda: len(started) == BURST and running == 0, "every listener ran")
        assert started == list(range(BURST))
        assert most <= max_in_flight
        assert all(cached_first)


async def test_close_cancels_a_blocked_burst_after_the_grace_period() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", channels=1)
        bot = make_bot(fake, max_in_flight=8, close_grace=2.0)
        started: list[int] = []
        cancelled = 0

        @bot.listen()
        async def stuck(event: GuildMessageCreateEvent) -> None:
            nonlocal cancelled
            started.append(int(event.message.content))
            try:
                await anyio.sleep_forever()
            except anyio.get_cancelled_exc_class():
                cancelled += 1
                raise

        async with anyio.create_task_group() as tg:
            await tg.start(bot.start)
            burst(fake, guild, 100)
            await fake.gateway.flush()
            await until(lambda: len(started) == 8, "the bound is reached")
            await anyio.sleep(5)  # the reader stays paused: nothing past the bound starts
            assert started == list(range(8))
            assert bot.event_manager.in_flight == 8
            began = anyio.current_time()
            await bot.close()
            took = anyio.current_time() - began
        assert cancelled == 8
        assert started == list(range(8))
        assert 2.0 <= took < 2.0 + 1.0
