"""`RedisCoordinator.forget_fleet`: a stopped fleet's keys go, a live fleet's stay."""

from __future__ import annotations

import itertools

import pytest

from anycord.errors import ComponentStateConflictError
from anycord.orchestrator.coordinator import SessionInfo, ShardCommand, ShardPlan, ShardStatus
from anycord.orchestrator.redis import RedisCoordinator, connect_redis

_namespaces = itertools.count()
PLAN = ShardPlan(shard_count=4, max_concurrency=2, intents=0, gateway_url="ws://x")


async def test_forget_fleet_refuses_while_leased_then_deletes_only_its_own_keys(
    redis_url: str,
) -> None:
    async with connect_redis(redis_url) as client:
        # A namespace with glob characters must not match (or spare) other fleets' keys.
        names = (f"forget[{next(_namespaces)}]*", f"forget{next(_namespaces)}")
        fleet, other = (RedisCoordinator(client, name) for name in names)
        for coordinator in (fleet, other):
            await coordinator.publish_plan(PLAN, remaining_sessions=10, reset_after=60)
            await coordinator.acquire_identify(0)
            await coordinator.store_presence({"status": "idle"})
            await coordinator.send_command(ShardCommand(shard_id=1, kind="presence", payload={}))
        lease = await fleet.claim("a", ttl=30)
        assert lease is not None
        session = SessionInfo(session_id="s", sequence=3, resume_gateway_url="ws://r")
        assert await fleet.save_session(lease, session)
        assert await fleet.report(
            lease,
            ShardStatus(shard_id=lease.shard_id, owner="a", epoch=lease.epoch, state="running"),
        )
        before = await client.dbsize()

        with pytest.raises(ComponentStateConflictError, match="still leased"):
            await fleet.forget_fleet()
        assert await client.dbsize() == before

        await fleet.release(lease)
        deleted = await fleet.forget_fleet()
        # plan, budget, identify bucket, presence, command log, epoch, session, status
        assert deleted == 8
        assert await client.dbsize() == before - 9  # and the released lease
        assert await other.remaining_sessions() == 9
        assert await fleet.remaining_sessions() is None
        assert await other.forget_fleet() == 5
