"""Events end to end: a real `GatewayBot` (shard, dispatcher, cache) against FakeDiscord, on
virtual time under both backends."""

from __future__ import annotations

import logging
import typing

import anyio
import pytest

from anycord.bots.gateway_bot import GatewayBot
from anycord.events import (
    GuildAvailableEvent,  # noqa: TC001 - listen() reads annotations at runtime
    GuildJoinEvent,  # noqa: TC001 - listen() reads annotations at runtime
    GuildMessageCreateEvent,  # noqa: TC001 - listen() reads annotations at runtime
    MemberCreateEvent,  # noqa: TC001 - listen() reads annotations at runtime
    MemberDeleteEvent,  # noqa: TC001 - listen() reads annotations at runtime
    RoleUpdateEvent,  # noqa: TC001 - listen() reads annotations at runtime
    ShardDisconnectedEvent,  # noqa: TC001 - listen() reads annotations at runtime
    ShardPayloadEvent,  # noqa: TC001 - listen() reads annotations at runtime
)
from anycord.intents import Intents
from anycord.testing import FakeDiscord
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from collections.abc import Callable

INTENTS = Intents.ALL_UNPRIVILEGED | Intents.GUILD_MEMBERS | Intents.MESSAGE_CONTENT


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    # Heartbeats and slow listeners run for virtual minutes in milliseconds.
    return request.param


def make_bot(fake: FakeDiscord, **options: typing.Any) -> GatewayBot:
    options.setdefault("intents", INTENTS)
    return GatewayBot(fake.token, rest_url=fake.rest_url, banner=None, logs=None, **options)


async def until(condition: Callable[[], bool], what: str, within: float = 120) -> None:
    with anyio.fail_after(within):  # virtual seconds
        # The condition spans the emulator and the bot; polling costs nothing in virtual time.
        while not condition():  # noqa: ASYNC110
            await anyio.sleep(0.05)
    assert condition(), what


async def test_guild_available_then_join_message_role_and_members_see_the_cache_first() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", members=1, channels=1)
        gid = int(guild["id"])
        channel_id = int(guild["channels"][0]["id"])
        role = fake.add_role(gid, name="before")
        bot = make_bot(fake)
        seen: list[tuple[typing.Any, ...]] = []

        @bot.listen()
        async def on_guild(event: GuildAvailableEvent | GuildJoinEvent) -> None:
            seen.append((type(event).__name__, int(event.guild_id)))

        @bot.listen()
        async def on_message(event: GuildMessageCreateEvent) -> None:
            cached = bot.cache.get_message(event.message_id)
            seen.append(("message", event.message.content, cached and cached.content))

        @bot.listen()
        async def on_role(event: RoleUpdateEvent) -> None:
            cached = bot.cache.get_role(event.role.id)
            old = event.old_role
            seen.append(("role", event.role.name, old and old.name, cached and cached.name))

        @bot.listen()
        async def on_member(event: MemberCreateEvent | MemberDeleteEvent) -> None:
            cached = bot.cache.get_member(event.guild_id, event.user_id)
            old = getattr(event, "old_member", None)
            seen.append(
                (type(event).__name__, int(event.user_id), cached is not None, old is not None)
            )

        async with bot:
            # READY listed the guild as unavailable: its GUILD_CREATE is "available".
            await until(lambda: ("GuildAvailableEvent", gid) in seen, "guild available")
            new_guild = int(fake.add_guild(name="new", channels=0)["id"])
            await until(lambda: ("GuildJoinEvent", new_guild) in seen, "guild join")

            message = await bot.rest.create_message(channel_id, "hello")
            await until(lambda: any(s[0] == "message" for s in seen), "message")
            assert ("message", "hello", "hello") in seen
            assert bot.cache.get_message(message.id) is not None

            await bot.rest.edit_role(gid, int(role["id"]), name="after")
            await until(lambda: any(s[0] == "role" for s in seen), "role update")
            assert ("role", "after", "before", "after") in seen

            user_id = int(fake.add_member(gid)["user"]["id"])
            await until(lambda: any(s[0] == "MemberCreateEvent" for s in seen), "member add")
            assert ("MemberCreateEvent", user_id, True, False) in seen
            await bot.rest.kick_user(gid, user_id)
            await until(lambda: any(s[0] == "MemberDeleteEvent" for s in seen), "member remove")
            # The cache forgot the member before the listener ran; the event kept it.
            assert ("MemberDeleteEvent", user_id, False, True) in seen
            assert bot.cache.get_member(gid, user_id) is None


async def test_a_slow_listener_applies_backpressure_without_a_reconnect() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", members=1, channels=1)
        channel_id = guild["channels"][0]["id"]
        bot = make_bot(fake, max_in_flight=2)
        running = 0
        most = 0
        handled = 0
        disconnects: list[ShardDisconnectedEvent] = []

        @bot.listen()
        async def slow(event: GuildMessageCreateEvent) -> None:
            nonlocal running, most, handled
            running += 1
            most = max(most, running)
            try:
                # Far longer than a heartbeat interval (41.25 s) in total.
                await anyio.sleep(30)
            finally:
                running -= 1
                handled += 1

        @bot.listen()
        async def on_disconnect(event: ShardDisconnectedEvent) -> None:
            disconnects.append(event)

        count = 24
        async with bot:
            started = anyio.current_time()
            for n in range(count):
                fake.add_message(channel_id, f"m{n}")
            await until(lambda: handled == count, "every slow call ran", within=3600)
            elapsed = anyio.current_time() - started
            assert most <= 2
            assert bot.event_manager.in_flight == 0
            # 24 calls, 2 at a time, 30 s each: the reader really waited for the listener.
            assert elapsed >= 30 * count / 2 - 1e-6
            assert elapsed > 3 * fake.gateway.heartbeat_interval
            # One connection and one IDENTIFY the whole time: no zombie reconnect, no resume.
            assert len(fake.gateway.identify_log) == 1
            assert len(fake.gateway.connections) == 1
            assert disconnects == []


async def test_unknown_event_names_are_raw_only_and_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", channels=1)
        channel_id = guild["channels"][0]["id"]
        bot = make_bot(fake)
        raw: list[tuple[str, dict[str, typing.Any]]] = []
        typed: list[str] = []

        @bot.listen()
        async def on_raw(event: ShardPayloadEvent) -> None:
            raw.append((event.name, dict(event.payload)))

        @bot.listen()
        async def on_message(event: GuildMessageCreateEvent) -> None:
            typed.append(event.message.content)

        caplog.set_level(logging.WARNING, logger="anycord.dispatch")
        async with bot:
            await fake.gateway.dispatch("SOMETHING_NEW", {"x": 1})
            await fake.gateway.dispatch("SOMETHING_NEW", {"x": 2})
            # The shard keeps going: a known event after them arrives typed.
            fake.add_message(channel_id, "still alive")
            await until(lambda: typed == ["still alive"], "the next event")
        assert [p for n, p in raw if n == "SOMETHING_NEW"] == [{"x": 1}, {"x": 2}]
        warnings = [r for r in caplog.records if "SOMETHING_NEW" in r.getMessage()]
        assert len(warnings) == 1
        assert "ShardPayloadEvent" in warnings[0].getMessage()
