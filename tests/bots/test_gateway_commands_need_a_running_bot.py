"""Gateway commands before start() or after close() raise, never return silently (both backends)."""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord.bots.gateway_bot import GatewayBot
from anycord.errors import ComponentStateConflictError
from anycord.gateway import GatewayShard
from anycord.intents import Intents
from anycord.testing import FakeDiscord
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


def commands(bot: GatewayBot, guild: int) -> dict[str, Callable[[], Awaitable[None]]]:
    return {
        "update_presence": lambda: bot.update_presence(status="idle"),
        "update_voice_state": lambda: bot.update_voice_state(guild, None),
        "request_guild_members": lambda: bot.request_guild_members(guild),
        "request_channel_info": lambda: bot.request_channel_info(guild, ["status"]),
    }


async def test_bot_commands_before_start_and_after_close_raise() -> None:
    async with FakeDiscord() as fake:
        guild = int(fake.add_guild(name="g")["id"])
        bot = GatewayBot(
            fake.token,
            rest_url=fake.rest_url,
            banner=None,
            logs=None,
            intents=Intents.ALL_UNPRIVILEGED | Intents.GUILD_MEMBERS,
        )
        for call in commands(bot, guild).values():
            with pytest.raises(ComponentStateConflictError, match="no shards"):
                await call()
        async with bot:
            for call in commands(bot, guild).values():
                await call()
        sent_while_running = sum(len(c.received) for c in fake.gateway.connections)
        for call in commands(bot, guild).values():
            with pytest.raises(ComponentStateConflictError, match="no shards"):
                await call()
        assert sum(len(c.received) for c in fake.gateway.connections) == sent_while_running


async def test_shard_commands_before_run_and_after_close_raise() -> None:
    class Sink:
        def deliver_dispatch(self, shard: object, name: str, payload: object) -> None:
            pass

        async def on_shard_connected(self, shard: object) -> None:
            pass

        async def on_shard_disconnected(self, shard: object) -> None:
            pass

    async with FakeDiscord(rest_over_tcp=False) as fake:
        shard = GatewayShard(
            token=fake.token, url=fake.gateway.url, intents=Intents.GUILDS, sink=Sink()
        )
        with pytest.raises(ComponentStateConflictError, match="not started"):
            await shard.update_presence(status="idle")
        async with anyio.create_task_group() as tg:
            await tg.start(shard.run)
            await shard.update_presence(status="dnd")
            await shard.close()
        with pytest.raises(ComponentStateConflictError, match="closed"):
            await shard.update_presence(status="idle")
        with pytest.raises(ComponentStateConflictError, match="closed"):
            await shard.request_soundboard_sounds([1])
        presences = [p["d"]["status"] for p in fake.gateway.connections[0].received if p["op"] == 3]
        assert presences == ["dnd"]


async def test_handshake_timeouts_reach_the_shards() -> None:
    async with FakeDiscord() as fake:
        bot = GatewayBot(
            fake.token,
            rest_url=fake.rest_url,
            banner=None,
            logs=None,
            gateway_hello_timeout=7.0,
            gateway_ready_timeout=90.0,
        )
        async with bot:
            (shard,) = bot.shards.values()
            assert shard.protocol.hello_timeout == 7.0
            assert shard.protocol.ready_timeout == 90.0
