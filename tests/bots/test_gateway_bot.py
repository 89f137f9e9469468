"""GatewayBot's lifecycle against FakeDiscord, under both backends."""

from __future__ import annotations

import os
import threading
import time
import typing

import anyio
import pytest

from anycord.bots.gateway_bot import GatewayBot
from anycord.errors import (
    ComponentStateConflictError,
    GatewayFatalCloseError,
    SessionBudgetExhaustedError,
)
from anycord.events.lifetime import StartedEvent, StartingEvent, StoppedEvent, StoppingEvent
from anycord.intents import Intents
from anycord.snowflakes import calculate_shard_id
from anycord.testing import FakeDiscord
from tests.virtual_clock import virtual_time_backends


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    # Identify windows are 5 s apart: virtual time runs them in milliseconds.
    return request.param


def make_bot(fake: FakeDiscord, **options: object) -> GatewayBot:
    options.setdefault("banner", None)
    options.setdefault("logs", None)
    return GatewayBot(fake.token, rest_url=fake.rest_url, **options)  # type: ignore[arg-type]


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def bot_tasks() -> list[str]:
    """Running tasks of anycord's own code (task names are qualified function names; the
    emulator's tasks, `anycord.testing.*`, are excluded)."""
    names = [task.name or "" for task in anyio.get_running_tasks()]
    return [n for n in names if n.startswith("anycord.") and not n.startswith("anycord.testing.")]


async def test_tg_start_reports_ready_after_every_shard_and_close_leaves_nothing() -> None:
    async with FakeDiscord(shard_count=3) as fake:
        fake.add_guild(name="g", members=2, channels=1)
        bot = make_bot(fake)
        assert bot_tasks() == []
        threads_before = threading.active_count()
        fds_before = open_fds()
        order: list[str] = []
        for event_type in (StartingEvent, StartedEvent, StoppingEvent, StoppedEvent):

            async def record(event: object, name: str = event_type.__name__) -> None:
                order.append(name)

            bot.subscribe(event_type, record)
        async with anyio.create_task_group() as tg:
            await tg.start(bot.start)
            assert bot.is_alive
            assert bot.shard_count == 3
            assert sorted(bot.shards) == [0, 1, 2]
            assert all(shard.is_connected for shard in bot.shards.values())
            assert len(fake.gateway.identify_log) == 3
            assert order == ["StartingEvent", "StartedEvent"]
            running = bot_tasks()
            assert running, "the probe must see the bot's own tasks while it runs"
            await bot.close()
            assert not bot.is_alive
        assert order == ["StartingEvent", "StartedEvent", "StoppingEvent", "StoppedEvent"]
        assert bot.shards == {}
        # Every connection was closed by the bot with 1001 (the session ends).
        assert {c.close_code for c in fake.gateway.connections} == {1001}
        # The fake's server-side tasks for the closed connections end as they notice the
        # close; the bot's own tasks are gone already. Give the fake a moment.
        assert bot_tasks() == []
        # The emulator's side of each closed connection ends when it sees the close; wait for
        # that in real time (the virtual clock does not count threads), then count sockets.
        for _ in range(200):
            if open_fds() <= fds_before:
                break
            await anyio.to_thread.run_sync(time.sleep, 0.01)
        assert open_fds() <= fds_before
        assert threading.active_count() == threads_before


async def test_async_with_and_restart() -> None:
    async with FakeDiscord() as fake:
        bot = make_bot(fake)
        for _ in range(2):
            async with bot:
                assert bot.is_alive
                assert bot.get_me() is not None
            assert not bot.is_alive


async def test_wrong_state_calls() -> None:
    async with FakeDiscord() as fake:
        bot = make_bot(fake)
        with pytest.raises(ComponentStateConflictError):
            await bot.close()
        with pytest.raises(ComponentStateConflictError):
            await bot.join()
        async with bot:
            with pytest.raises(ComponentStateConflictError, match="already"):
                await bot.start()


async def test_close_from_a_listener() -> None:
    async with FakeDiscord() as fake:
        bot = make_bot(fake)
        closed_from_listener = anyio.Event()

        @bot.listen()
        async def on_started(event: StartedEvent) -> None:
            await bot.close()  # inside the tree: starts the close, returns at once
            closed_from_listener.set()

        with anyio.fail_after(10):
            await bot.start()
        assert closed_from_listener.is_set()
        assert not bot.is_alive


async def test_close_from_starting_event_skips_the_shards() -> None:
    async with FakeDiscord() as fake:
        bot = make_bot(fake)

        @bot.listen()
        async def on_starting(event: StartingEvent) -> None:
            await bot.close()

        with anyio.fail_after(10):
            await bot.start()
        assert fake.gateway.identify_log == []


async def test_join_inside_the_tree_is_refused() -> None:
    async with FakeDiscord() as fake:
        bot = make_bot(fake)
        errors: list[BaseException] = []

        @bot.listen()
        async def on_started(event: StartedEvent) -> None:
            try:
                await bot.join()
            except ComponentStateConflictError as exc:
                errors.append(exc)
            await bot.close()

        with anyio.fail_after(10):
            await bot.start()
        assert len(errors) == 1


async def test_fatal_close_code_is_raised_from_start() -> None:
    # The application has not enabled the privileged GUILD_MEMBERS intent: Discord closes 4014.
    async with FakeDiscord(gateway_options={"enabled_privileged_intents": Intents.NONE}) as fake:
        bot = make_bot(fake, intents=Intents.GUILDS | Intents.GUILD_MEMBERS)
        with anyio.fail_after(10), pytest.raises(GatewayFatalCloseError) as info:
            await bot.start()
        assert info.value.code == 4014
        assert not bot.is_alive


async def test_session_budget_is_respected() -> None:
    async with FakeDiscord(shard_count=4, session_start_limit=2) as fake:
        bot = make_bot(fake)
        with pytest.raises(SessionBudgetExhaustedError):
            await bot.start()
        assert fake.gateway.identify_log == []


async def test_shard_arguments_are_validated() -> None:
    async with FakeDiscord() as fake:
        bot = make_bot(fake)
        with pytest.raises(ValueError, match="needs shard_count"):
            await bot.start(shard_ids=[0])
        with pytest.raises(ValueError, match="outside"):
            await bot.start(shard_ids=[0, 5], shard_count=2)
        with pytest.raises(ValueError, match="large_threshold"):
            await bot.start(large_threshold=10)


async def test_requests_reach_the_owning_shard() -> None:
    async with FakeDiscord(shard_count=4) as fake:
        guilds = [fake.add_guild(name=f"g{i}", channels=1) for i in range(8)]
        bot = make_bot(fake, intents=Intents.ALL_UNPRIVILEGED | Intents.GUILD_MEMBERS)
        async with bot:
            for guild in guilds:
                await bot.request_guild_members(guild["id"], query="a", limit=5)
                channel = guild["channels"][0]["id"]
                await bot.update_voice_state(guild["id"], channel, self_deaf=True)
            await bot.update_presence(status="idle")
            await anyio.sleep(0.2)
        by_shard: dict[int, list[dict[str, typing.Any]]] = {}
        for connection in fake.gateway.connections:
            assert connection.shard_id is not None
            by_shard.setdefault(connection.shard_id, []).extend(connection.received)
        for guild in guilds:
            owner = calculate_shard_id(4, int(guild["id"]))
            for shard_id, received in by_shard.items():
                ops = {
                    (p["op"], p["d"].get("guild_id"))
                    for p in received
                    if isinstance(p.get("d"), dict)
                }
                expected = shard_id == owner
                assert ((8, guild["id"]) in ops) is expected
                assert ((4, guild["id"]) in ops) is expected
        for received in by_shard.values():
            presences = [p for p in received if p["op"] == 3]
            assert [p["d"]["status"] for p in presences] == ["idle"]


async def test_requests_before_start_are_refused() -> None:
    async with FakeDiscord() as fake:
        bot = make_bot(fake)
        with pytest.raises(ComponentStateConflictError, match="no shards"):
            await bot.request_guild_members(1)


async def test_channel_info_requests_reach_the_owning_shard() -> None:
    async with FakeDiscord(shard_count=2) as fake:
        guilds = [fake.add_guild(name=f"g{i}") for i in range(4)]
        bot = make_bot(fake)
        async with bot:
            for guild in guilds:
                await bot.request_channel_info(guild["id"], ["status"])
            with pytest.raises(ValueError, match="field"):
                await bot.request_channel_info(guilds[0]["id"], ["colour"])
            await anyio.sleep(0.2)
        for guild in guilds:
            owner = calculate_shard_id(2, int(guild["id"]))
            for connection in fake.gateway.connections:
                sent = [p["d"] for p in connection.received if p["op"] == 43]
                expected = [{"guild_id": guild["id"], "fields": ["status"]}]
                matching = [d for d in sent if d["guild_id"] == guild["id"]]
                assert (matching == expected) is (connection.shard_id == owner)
