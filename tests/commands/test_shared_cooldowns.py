"""Cooldowns on Redis: bots share one bucket on one real redis-server, as a fleet's processes
do: two bots in this process (a gateway bot and an HTTP bot, two CommandClients, two Redis
connections), and two bots in two other OS processes (`cooldown_process.py`)."""

from __future__ import annotations

import contextlib
import os
import pathlib
import secrets
import subprocess
import sys

import anyio
import anyio.abc
import pytest

from anycord import commands
from anycord.commands.redis import RedisCooldownStore
from anycord.orchestrator.redis import connect_redis
from anycord.testing import FakeDiscord
from anycord.testing.commands import CommandInvoker
from tests.commands.harness import running

pytestmark = pytest.mark.redis
ROOT = str(pathlib.Path(__file__).resolve().parents[2])


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


async def test_two_processes_share_a_cooldown_bucket_on_redis(
    redis_url: str, anyio_backend: str
) -> None:
    namespace = f"test:{secrets.token_hex(8)}"
    async with FakeDiscord() as fake, contextlib.AsyncExitStack() as stack:
        guild = fake.add_guild(name="guild", members=3, channels=1)
        channel = guild["channels"][0]["id"]
        first_user, second_user = [m["user"] for m in guild["members"] if not m["user"].get("bot")][
            :2
        ]
        env = {
            **os.environ,
            "PYTHONPATH": ROOT,
            "ANYCORD_TOKEN": fake.token,
            "ANYCORD_PUBLIC_KEY": fake.public_key,
        }
        command = [
            sys.executable,
            "-m",
            "tests.commands.cooldown_process",
            anyio_backend,
            redis_url,
            namespace,
            fake.rest_url,
        ]
        processes: list[anyio.abc.Process] = []
        addresses: list[str] = []
        with anyio.fail_after(60):
            for _ in range(2):
                process = await stack.enter_async_context(
                    await anyio.open_process(
                        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
                    )
                )
                processes.append(process)
                assert process.stdout is not None
                line = b""
                while not line.endswith(b"\n"):
                    chunk = await process.stdout.receive(1)
                    line += chunk
                addresses.append(line.decode().strip())
            first, second = (CommandInvoker(fake, a) for a in addresses)
            pids = {p.pid for p in processes}
            assert len(pids) == 2
            assert os.getpid() not in pids

            answered = await first.slash("roll", user=first_user, channel_id=channel)
            assert answered.content == f"rolled by {processes[0].pid}"
            # The other process has never seen this user: only Redis knows the bucket is spent.
            refused = await second.slash("roll", user=first_user, channel_id=channel)
            assert refused.content is not None
            assert refused.content.startswith("This is on cooldown")
            assert refused.is_ephemeral
            # The bucket is the user's, not the process's: another user still gets through.
            answered = await second.slash("roll", user=second_user, channel_id=channel)
            assert answered.content == f"rolled by {processes[1].pid}"
            refused = await first.slash("roll", user=second_user, channel_id=channel)
            assert refused.content is not None
            assert refused.content.startswith("This is on cooldown")

            for process in processes:
                assert process.stdin is not None
                await process.stdin.aclose()
            for process in processes:
                assert await process.wait() == 0
