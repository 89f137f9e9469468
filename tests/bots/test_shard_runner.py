"""The shard-runner seam: a GatewayBot runs whatever shards its runner gives it, and gateway
commands for a guild whose shard runs elsewhere go to the runner."""

from __future__ import annotations

import typing

import anyio
import attrs

from anycord.bots.gateway_bot import GatewayBot
from anycord.bots.shards import CommandKind, LocalShards, ShardSetup
from anycord.intents import Intents
from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from anycord.gateway.shard import GatewayShard


class HalfShards(LocalShards):
    """Runs shard 0 of 2 locally; records what it is asked to forward."""

    def __init__(self) -> None:
        super().__init__()
        self.forwarded: list[tuple[int, str, dict[str, typing.Any]]] = []
        self.setups: list[ShardSetup] = []

    async def run(
        self,
        setup: ShardSetup,
        *,
        task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        self.setups.append(setup)
        await super().run(
            attrs.evolve(setup, shard_ids=[0], shard_count=2), task_status=task_status
        )

    @property
    def intents(self) -> Intents | None:
        return Intents.GUILDS | Intents.GUILD_MEMBERS

    async def forward(
        self, shard_id: int, kind: CommandKind, payload: dict[str, typing.Any]
    ) -> None:
        self.forwarded.append((shard_id, kind, payload))


async def test_a_bot_runs_its_runners_shards_and_forwards_the_rest() -> None:
    async with FakeDiscord(shard_count=2) as fake:
        runner = HalfShards()
        bot = GatewayBot(
            fake.token, rest_url=fake.rest_url, banner=None, logs=None, shard_runner=runner
        )
        assert bot.shard_runner is runner
        async with bot:
            assert set(bot.shards) == {0}
            assert bot.shard_count == 2
            assert bot.intents == Intents.GUILDS | Intents.GUILD_MEMBERS
            shard: GatewayShard = bot.shards[0]
            assert shard.is_alive
            # A guild of shard 1 (id parity decides: shard = (id >> 22) % 2).
            remote = next(g for g in range(1 << 22, 1 << 26, 1 << 22) if (g >> 22) % 2 == 1)
            await bot.update_voice_state(remote, None)
            await bot.request_guild_members(remote, limit=0, query="")
            assert [(i, kind) for i, kind, _ in runner.forwarded] == [
                (1, "voice_state"),
                (1, "request_members"),
            ]
            assert runner.forwarded[0][2]["guild_id"] == str(remote)
        assert runner.setups[0].events is bot.event_manager
        assert runner.setups[0].rest is bot.rest
        assert fake.token not in repr(runner.setups[0])
        assert bot.shards == {}
