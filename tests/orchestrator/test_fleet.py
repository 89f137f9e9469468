"""Orchestrator bots in one process against FakeDiscord, on the memory and Redis coordinators.

Real time (Redis keeps its own clock for TTLs), with short windows: the fake's identify window
is 0.1 s (the plan: 0.35 s), leases live 1.5 s.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import typing

import anyio
import pytest

from anycord.events.shard import ShardPayloadEvent
from anycord.intents import Intents
from anycord.orchestrator import Bot, Client, MemoryCoordinator, RedisCoordinator, ShardPlan
from anycord.orchestrator.redis import connect_redis
from anycord.snowflakes import calculate_shard_id
from anycord.testing import FakeDiscord
from tests.orchestrator.fleet import (
    FAKE_WINDOW,
    PLAN_WINDOW,
    Partitionable,
    identify_gaps,
    poll,
)

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

_namespaces = itertools.count()
INTENTS = Intents.ALL_UNPRIVILEGED | Intents.GUILD_MEMBERS
TTL = 3.0


@pytest.fixture(params=["memory", "redis"])
def backend(request: pytest.FixtureRequest) -> str:
    return typing.cast("str", request.param)


@contextlib.asynccontextmanager
async def open_fleet(
    backend: str, redis_url: str, *, shard_count: int, max_concurrency: int = 1
) -> AsyncIterator[tuple[FakeDiscord, typing.Any]]:
    async with FakeDiscord(
        shard_count=shard_count, max_concurrency=max_concurrency, heartbeat_interval=0.5
    ) as fake:
        fake.gateway.identify_gate.window = FAKE_WINDOW
        plan = ShardPlan(
            shard_count=shard_count,
            max_concurrency=max_concurrency,
            intents=int(INTENTS),
            gateway_url=fake.gateway_url,
            identify_window=PLAN_WINDOW,
        )
        if backend == "memory":
            yield fake, MemoryCoordinator(plan, remaining_sessions=1000)
            return
        async with connect_redis(redis_url) as client:
            coordinator = RedisCoordinator(client, f"fleet{next(_namespaces)}")
            await coordinator.publish_plan(plan, remaining_sessions=1000, reset_after=3600)
            yield fake, coordinator


def make_bot(coordinator: typing.Any, fake: FakeDiscord, owner: str, local: int) -> Bot:
    return Bot(
        coordinator,
        fake.token,
        local_shard_count=local,
        owner=owner,
        lease_ttl=TTL,
        status_interval=0.2,
        rest_url=fake.rest_url,
        logs=None,
        banner=None,
    )


async def test_four_bots_never_break_the_identify_rule(backend: str, redis_url: str) -> None:
    async with open_fleet(backend, redis_url, shard_count=16, max_concurrency=2) as (fake, coord):
        bots = [make_bot(coord, fake, f"bot{i}", 4) for i in range(4)]
        with anyio.fail_after(20):
            async with anyio.create_task_group() as tg:
                for bot in bots:
                    tg.start_soon(bot.start)
                await fake.gateway.wait_ready(16)
                assert fake.gateway.identify_rejections == []
                assert sorted(s for _, s in fake.gateway.identify_log) == list(range(16))
                assert min(identify_gaps(fake.gateway.identify_log, 2)) >= FAKE_WINDOW
                held = [set(bot.leases) for bot in bots]
                assert all(len(h) == 4 for h in held)
                assert set().union(*held) == set(range(16))
                for bot in bots:
                    tg.start_soon(bot.close)
        # A clean close releases every lease and forgets the ended sessions.
        assert await coord.owners() == {}
        assert [await coord.load_session(i) for i in range(16)] == [None] * 16


async def test_client_sees_state_and_routes_commands(backend: str, redis_url: str) -> None:
    async with open_fleet(backend, redis_url, shard_count=4) as (fake, coord):
        guild = fake.add_guild(name="g", members=3)
        owner_shard = calculate_shard_id(4, int(guild["id"]))
        bots = [make_bot(coord, fake, f"bot{i}", 2) for i in range(2)]
        with anyio.fail_after(20):
            async with (
                anyio.create_task_group() as tg,
                Client(fake.token, coord, refresh_interval=0.1) as client,
            ):
                for bot in bots:
                    await tg.start(bot.start)
                await fake.gateway.wait_ready(4)
                # Heartbeats every 0.5 s: wait until every shard reported a latency.
                await poll(
                    lambda: all(
                        s.is_connected and not math.isnan(s.heartbeat_latency)
                        for s in client.remote_shards.values()
                    )
                )
                shards = client.remote_shards
                assert sorted(shards) == [0, 1, 2, 3]
                for shard_id, remote in shards.items():
                    owner = next(b.owner for b in bots if shard_id in b.leases)
                    assert remote.owner == owner
                    assert remote.state == "running"
                    assert (
                        remote.session_id == fake.gateway.live_connections(shard_id)[0].session_id
                    )
                    assert remote.seq is not None
                    assert remote.seq >= 1
                    assert 0 <= remote.heartbeat_latency < 1

                await client.update_presence(status="idle")
                await client.request_guild_members(guild["id"], query="", limit=5, nonce="n1")

                def sent(op: int, shard_id: int) -> list[typing.Any]:
                    return [
                        p["d"]
                        for c in fake.gateway.live_connections(shard_id)
                        for p in c.received
                        if isinstance(p, dict) and p.get("op") == op
                    ]

                await fake.gateway.wait_until(
                    lambda: all(sent(3, s) for s in range(4)) and bool(sent(8, owner_shard))
                )
                assert all(sent(3, s)[-1]["status"] == "idle" for s in range(4))
                assert sent(8, owner_shard)[-1]["nonce"] == "n1"
                assert not any(sent(8, s) for s in range(4) if s != owner_shard)
                # A bot routes to the guild's shard even when another process runs it.
                other = next(b for b in bots if owner_shard not in b.leases)
                await other.request_guild_members(guild["id"], query="x", limit=1, nonce="n2")
                await fake.gateway.wait_until(lambda: sent(8, owner_shard)[-1]["nonce"] == "n2")
                # The presence is remembered for shards that identify later.
                assert (await coord.load_presence())["status"] == "idle"
                for bot in bots:
                    tg.start_soon(bot.close)


async def test_partitioned_owner_stops_and_its_shards_resume_elsewhere(
    backend: str, redis_url: str
) -> None:
    async with open_fleet(backend, redis_url, shard_count=2) as (fake, coord):
        link = Partitionable(coord)
        first = make_bot(link, fake, "first", 2)
        second = make_bot(coord, fake, "second", 2)
        seen: dict[str, list[tuple[int, int]]] = {"first": [], "second": []}
        for bot, name in ((first, "first"), (second, "second")):

            async def record(event: ShardPayloadEvent, name: str = name) -> None:
                if event.name == "ANYCORD_TEST" and event.shard is not None:
                    seen[name].append((event.shard.id, int(event.payload["n"])))

            bot.subscribe(ShardPayloadEvent, record)

        with anyio.fail_after(20):
            async with anyio.create_task_group() as tg:
                await tg.start(first.start)
                await tg.start(second.start)
                assert set(first.leases) == {0, 1}
                assert not second.leases
                old = {c.shard_id: c for c in fake.gateway.live_connections()}
                for n in range(1, 11):
                    for shard_id in (0, 1):
                        await fake.gateway.dispatch("ANYCORD_TEST", {"n": n}, shard_id=shard_id)
                await anyio.sleep(0.5)  # let the reporter save the sessions
                link.cut = True
                n = 10
                while set(second.leases) != {0, 1} or len(fake.gateway.live_connections()) < 2:
                    n += 1
                    for shard_id in (0, 1):
                        fake.gateway.dispatch_nowait("ANYCORD_TEST", {"n": n}, shard_id=shard_id)
                    await anyio.sleep(0.05)
                last = n
                await poll(lambda: {(0, last), (1, last)} <= set(seen["second"]))
                # Fencing: the cut-off owner closed (resumably) before the new owner connected.
                new = {c.shard_id: c for c in fake.gateway.live_connections()}
                for shard_id in (0, 1):
                    closed_at, opened_at = old[shard_id].closed_at, new[shard_id].opened_at
                    assert closed_at is not None
                    assert opened_at is not None
                    assert old[shard_id].close_code not in (1000, 1001)
                    assert closed_at <= opened_at
                    assert new[shard_id].resumed
                    assert new[shard_id].session_id == old[shard_id].session_id
                assert len(fake.gateway.identify_log) == 2  # resumed, never re-identified
                # At-least-once: every dispatch reached one of the owners.
                union = set(seen["first"]) | set(seen["second"])
                assert {(s, m) for s in (0, 1) for m in range(1, last + 1)} <= union
                assert not first.shards
                link.cut = False
                for bot in (first, second):
                    tg.start_soon(bot.close)
