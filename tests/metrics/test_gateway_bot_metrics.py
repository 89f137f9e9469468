"""A GatewayBot's shard, dispatcher and REST families move as FakeDiscord drives the bot."""

from __future__ import annotations

import typing

import anyio
import pytest
from prometheus_client import CollectorRegistry

import anycord.metrics
from anycord.bots.gateway_bot import GatewayBot
from anycord.events import GuildMessageCreateEvent  # noqa: TC001 - listen() reads it at runtime
from anycord.intents import Intents
from anycord.rest.client import RESTClient
from anycord.snowflakes import calculate_shard_id
from anycord.testing import FakeDiscord
from tests.metrics.scrape import Scrape
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from collections.abc import Callable

INTENTS = Intents.ALL_UNPRIVILEGED | Intents.MESSAGE_CONTENT
ROUTE = "POST /channels/{channel_id}/messages"


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    # Heartbeats, a reconnect's backoff and a 4 s rate-limit window pass in virtual time.
    return request.param


async def until(condition: Callable[[], bool], within: float = 120) -> None:
    with anyio.fail_after(within):  # virtual seconds
        # The condition spans the emulator and the bot; polling costs nothing in virtual time.
        while not condition():  # noqa: ASYNC110
            await anyio.sleep(0.05)


async def test_shard_dispatcher_and_rest_families_follow_the_bot() -> None:
    async with FakeDiscord(shard_count=2) as fake:
        guild = fake.add_guild(name="g", members=1, channels=1)
        channel_id = int(guild["channels"][0]["id"])
        fake.rest.limit("POST", "/channels/{channel_id}/messages", limit=1, per=4.0)
        bot = GatewayBot(
            fake.token, rest_url=fake.rest_url, intents=INTENTS, banner=None, logs=None
        )
        registry = CollectorRegistry()
        anycord.metrics.install(bot, registry)
        seen: list[str] = []

        @bot.listen()
        async def on_message(event: GuildMessageCreateEvent) -> None:
            seen.append(event.message.content or "")
            if event.message.content == "boom":
                raise RuntimeError("a listener that fails")

        before = Scrape(registry)
        assert before.labels("anycord_shard_state", "shard") == set()  # no shard before start
        assert before.value("anycord_dispatcher_listener_duration_seconds_count") == 0

        async with anyio.create_task_group() as tg:
            await tg.start(bot.start)
            shard = bot.shards[calculate_shard_id(bot.shard_count, guild["id"])]
            label = str(shard.id)
            ready = Scrape(registry)
            assert ready.value("anycord_shard_state", shard=label, state="CONNECTED") == 1
            assert ready.total("anycord_shard_state", shard=label) == 1  # one state at a time
            assert ready.value("anycord_shard_identifies_total", shard=label) == 1
            assert ready.value("anycord_shard_reconnects_total", shard=label) == 0
            assert ready.value("anycord_shard_events_received_total", shard=label, event="READY")
            assert ready.value("anycord_shard_received_bytes_total", shard=label) > 0

            # Another client on the same token takes the route's only slot: the bot's own
            # message gets a 429 from the emulator (scope user) and waits the window out.
            async with RESTClient(fake.token, rest_url=fake.rest_url) as other:
                await other.create_message(channel_id, "other")
            await bot.rest.create_message(channel_id, "hello")
            await bot.rest.create_message(channel_id, "boom")
            await until(lambda: seen == ["other", "hello", "boom"])
            await until(lambda: bot.event_manager.in_flight == 0)

            busy = Scrape(registry)
            messages = busy.value(
                "anycord_shard_events_received_total", shard=label, event="MESSAGE_CREATE"
            )
            assert messages == 3
            assert busy.value("anycord_shard_received_bytes_total", shard=label) > (
                ready.value("anycord_shard_received_bytes_total", shard=label)
            )
            assert busy.value("anycord_dispatcher_listener_duration_seconds_count") >= 3
            assert busy.value("anycord_dispatcher_listener_duration_seconds_sum") > 0
            assert busy.value("anycord_dispatcher_listener_errors_total") == 1
            assert busy.value("anycord_dispatcher_queue_depth") == 0
            assert busy.value("anycord_dispatcher_listener_calls_in_flight") == 0
            assert busy.value("anycord_dispatcher_max_in_flight") > 0
            # The bot's REST: one 429 (user scope), then the retry after the 4 s window.
            assert busy.value("anycord_rest_requests_total", route=ROUTE, status="429") == 1
            assert busy.value("anycord_rest_requests_total", route=ROUTE, status="200") == 2
            assert busy.value("anycord_rest_rate_limited_total", route=ROUTE, scope="user") == 1
            assert busy.value("anycord_rest_request_duration_seconds_count", route=ROUTE) == 3
            waited = busy.value("anycord_rest_rate_limit_wait_seconds_total", route=ROUTE)
            assert 3.5 <= waited <= 8.5  # the 429's window, then the next message's
            assert busy.labels("anycord_rest_requests_total", "route") >= {ROUTE}

            # Discord asks the shard to reconnect: it resumes its session.
            await fake.gateway.reconnect(shard.id)
            await until(lambda: shard.protocol.stats.resumes == 1 and shard.is_connected)
            resumed = Scrape(registry)
            assert resumed.value("anycord_shard_reconnects_total", shard=label) == 1
            assert resumed.value("anycord_shard_resumes_total", shard=label) == 1
            assert resumed.value("anycord_shard_identifies_total", shard=label) == 1
            latency = resumed.value("anycord_shard_heartbeat_latency_seconds", shard=label)
            assert latency >= 0 or latency != latency  # a number, or NaN before the first ACK
            await bot.close()

        # Nothing secret in any label or value: the token never reaches the exposition.
        text = Scrape(registry).text
        assert fake.token not in text
        assert fake.token.split(".")[0] not in text
