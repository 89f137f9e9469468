"""The in-process fleet scenarios (see scenarios.py) on a real Redis, in real time: Redis keeps
its own clock for TTLs and identify windows, so the numbers are short ones (the fake's
identify window 0.1 s, the plan's 0.6 s, leases 2 s). The four-bot identify scenario runs
across real processes in test_redis_fleet.py instead."""

from __future__ import annotations

import contextlib
import itertools
import typing

from anycord.orchestrator import Client, RedisCoordinator
from anycord.orchestrator.redis import connect_redis
from anycord.testing import FakeDiscord
from tests.orchestrator import scenarios
from tests.orchestrator.fleet import FAKE_WINDOW, PLAN_WINDOW

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    import pytest

TIMING = scenarios.Timing(
    fake_window=FAKE_WINDOW,
    plan_window=PLAN_WINDOW,
    ttl=2.0,
    status_interval=0.2,
    deadline=20.0,
    slack=1.0,
)
_namespaces = itertools.count()


@contextlib.asynccontextmanager
async def redis_fleet(
    redis_url: str, shard_count: int
) -> AsyncIterator[tuple[FakeDiscord, RedisCoordinator]]:
    async with FakeDiscord(shard_count=shard_count, heartbeat_interval=0.5) as fake:
        plan = scenarios.plan_for(fake, TIMING, shard_count=shard_count)
        async with connect_redis(redis_url) as client:
            coordinator = RedisCoordinator(client, f"fleet{next(_namespaces)}")
            await coordinator.publish_plan(plan, remaining_sessions=1000, reset_after=3600)
            yield fake, coordinator


async def test_client_sees_state_and_routes_commands(
    redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with (
        redis_fleet(redis_url, 4) as (fake, coord),
        Client(fake.token, coord, refresh_interval=0.1) as client,
    ):
        await scenarios.client_sees_state_and_routes_commands(fake, coord, TIMING, client, caplog)


async def test_partitioned_owner_stops_and_its_shards_resume_elsewhere(
    redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with redis_fleet(redis_url, 2) as (fake, coord):
        await scenarios.partitioned_owner_stops_and_its_shards_resume_elsewhere(
            fake, coord, TIMING, caplog
        )
