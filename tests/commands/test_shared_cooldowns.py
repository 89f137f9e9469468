"""Cooldowns on Redis: two bots (a gateway bot and an HTTP bot, two CommandClients, two
Redis connections) share one bucket on one real redis-server, as a fleet's processes do."""

from __future__ import annotations

import contextlib
import secrets

import pytest

from anycord import commands
from anycord.commands.redis import RedisCooldownStore
from anycord.orchestrator.redis import connect_redis
from anycord.testing import FakeDiscord
from tests.commands.harness import running

pytestmark = pytest.mark.redis


def make_client(store: commands.CooldownStore) -> commands.CommandClient:
    client = commands.CommandClient(cooldown_store=store)

    @client.slash(cooldown=commands.Cooldown(2, 30.0, "user"))
    async def roll(ctx: commands.CommandContext) -> None:
        """Twice per 30 s per user, across the fleet."""
        await ctx.respond("rolled")

    return client


async def test_two_bots_share_a_cooldown_bucket_on_redis(redis_url: str) -> None:
    namespace = f"test:{secrets.token_hex(8)}"
    async with (
        FakeDiscord() as fake,
        connect_redis(redis_url) as first_redis,
        connect_redis(redis_url) as second_redis,
        contextlib.AsyncExitStack() as stack,
    ):
        first = await stack.enter_async_context(
            running(
                make_client(RedisCooldownStore(first_redis, namespace=namespace)),
                "gateway",
                fake=fake,
            )
        )
        second = await stack.enter_async_context(
            running(
                make_client(RedisCooldownStore(second_redis, namespace=namespace)),
                "http",
                fake=fake,
            )
        )
        user, channel = first.user, first.channel["id"]
        assert (
            await first.invoker.slash("roll", user=user, channel_id=channel)
        ).content == "rolled"
        assert (
            await second.invoker.slash("roll", user=user, channel_id=channel)
        ).content == "rolled"
        refused = await first.invoker.slash("roll", user=user, channel_id=channel)
        assert refused.content is not None
        assert refused.content.startswith("This is on cooldown")
        refused = await second.invoker.slash("roll", user=user, channel_id=channel)
        assert refused.content is not None
        assert refused.content.startswith("This is on cooldown")
        other = second.user if second.user["id"] != user["id"] else None
        if other is not None:
            assert (
                await second.invoker.slash("roll", user=other, channel_id=channel)
            ).content == "rolled"


async def test_memory_and_redis_stores_agree_on_a_window(redis_url: str) -> None:
    async with connect_redis(redis_url) as redis:
        stores: list[commands.CooldownStore] = [
            commands.MemoryCooldownStore(),
            RedisCooldownStore(redis, namespace=f"test:{secrets.token_hex(8)}"),
        ]
        for store in stores:
            assert [await store.hit("k", 3, 60.0) for _ in range(3)] == [0.0, 0.0, 0.0]
            wait = await store.hit("k", 3, 60.0)
            assert 59.0 < wait <= 60.0
            assert await store.hit("other", 3, 60.0) == 0.0
