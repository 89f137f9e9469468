"""One conformance suite for every ShardCoordinator back-end (memory and Redis)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import anyio
import pytest

from anycord.errors import SessionBudgetExhaustedError
from anycord.gateway.identify import IDENTIFY_WINDOW
from anycord.orchestrator.coordinator import (
    REPLAY_WINDOW,
    SessionInfo,
    ShardCommand,
    ShardPlan,
    ShardStatus,
)
from anycord.orchestrator.memory import MemoryCoordinator
from anycord.orchestrator.redis import RedisCoordinator, connect_redis

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

_namespaces = itertools.count()


@pytest.fixture(params=["memory", "redis"])
async def make(request: pytest.FixtureRequest, redis_url: str) -> AsyncIterator[object]:
    """A factory: `await make(plan, remaining_sessions=..., window=...)` → a fresh coordinator."""
    async with connect_redis(redis_url) as client:

        async def factory(
            plan: ShardPlan,
            remaining_sessions: int | None = None,
            window: float = 5.0,
            replay_window: float = REPLAY_WINDOW,
        ) -> object:
            if request.param == "memory":
                return MemoryCoordinator(
                    plan,
                    remaining_sessions=remaining_sessions,
                    identify_window=window,
                    replay_window=replay_window,
                )
            coordinator = RedisCoordinator(
                client,
                f"test{next(_namespaces)}",
                identify_window=window,
                replay_window=replay_window,
            )
            await coordinator.publish_plan(
                plan, remaining_sessions=remaining_sessions, reset_after=3600
            )
            return coordinator

        yield factory


async def test_leases_are_exclusive_and_fenced(make) -> None:
    coord = await make(ShardPlan(shard_count=2))
    a = await coord.claim("a", ttl=5)
    b = await coord.claim("b", ttl=5)
    assert (a.shard_id, b.shard_id) == (0, 1)
    assert await coord.claim("c", ttl=5) is None
    assert await coord.renew(a)
    await coord.release(a)
    c = await coord.claim("c", ttl=5)
    assert c.shard_id == 0
    assert c.epoch == a.epoch + 1
    # The old owner is fenced out of everything.
    assert not await coord.renew(a)
    session = SessionInfo(session_id="s", sequence=3, resume_gateway_url="ws://x")
    assert not await coord.save_session(a, session)
    assert await coord.save_session(c, session)
    assert await coord.load_session(0) == session
    status = ShardStatus(shard_id=0, owner="a", epoch=a.epoch, state="running")
    assert not await coord.report(a, status)


async def test_expired_lease_is_reassigned(make) -> None:
    coord = await make(ShardPlan(shard_count=1))
    a = await coord.claim("a", ttl=0.2)
    assert a is not None
    assert await coord.claim("b", ttl=0.2) is None
    await anyio.sleep(0.35)
    b = await coord.claim("b", ttl=5)
    assert b is not None
    assert b.epoch > a.epoch
    assert not await coord.renew(a)


async def test_claim_specific_shards(make) -> None:
    coord = await make(ShardPlan(shard_count=4))
    lease = await coord.claim("a", [3, 2], ttl=5)
    assert lease.shard_id == 3
    lease = await coord.claim("a", [3, 2], ttl=5)
    assert lease.shard_id == 2
    assert await coord.claim("a", [3, 2], ttl=5) is None


async def test_status_round_trip(make) -> None:
    coord = await make(ShardPlan(shard_count=2))
    lease = await coord.claim("a", [1], ttl=5)
    status = ShardStatus(
        shard_id=1,
        owner="a",
        epoch=lease.epoch,
        state="running",
        latency=0.042,
        session_id="s",
        sequence=9,
    )
    assert await coord.report(lease, status)
    statuses = await coord.statuses()
    assert list(statuses) == [1]
    got = statuses[1]
    assert (got.state, got.latency, got.session_id, got.sequence) == ("running", 0.042, "s", 9)
    assert got.last_seen > 0


async def test_identify_buckets_follow_max_concurrency(make) -> None:
    coord = await make(ShardPlan(shard_count=4, max_concurrency=2), window=0.3)
    start = anyio.current_time()
    times: dict[int, float] = {}

    async def identify(shard_id: int) -> None:
        await coord.acquire_identify(shard_id)
        times[shard_id] = anyio.current_time() - start

    async with anyio.create_task_group() as tg:
        for shard_id in range(4):
            tg.start_soon(identify, shard_id)
    # Buckets are shard_id % 2: {0, 2} and {1, 3}. Each bucket's first identify goes at once,
    # its second one window later; the two buckets do not wait for each other.
    for bucket in ((0, 2), (1, 3)):
        first, second = sorted(times[s] for s in bucket)
        assert first < 0.15
        assert 0.28 <= second < 0.6


async def test_session_budget_is_enforced(make) -> None:
    coord = await make(
        ShardPlan(shard_count=2, max_concurrency=2), remaining_sessions=1, window=0.01
    )
    await coord.acquire_identify(0)
    with pytest.raises(SessionBudgetExhaustedError, match="exhausted"):
        await coord.acquire_identify(1)


async def test_commands_reach_the_owner(make) -> None:
    coord = await make(ShardPlan(shard_count=2))
    received: list[ShardCommand] = []
    async with coord.commands(1) as commands:
        await coord.send_command(
            ShardCommand(shard_id=1, kind="presence", payload={"status": "idle"})
        )
        await coord.send_command(
            ShardCommand(shard_id=0, kind="presence", payload={"status": "dnd"})
        )
        await coord.send_command(
            ShardCommand(shard_id=1, kind="request_members", payload={"guild_id": "5"})
        )
        with anyio.fail_after(5):
            async for command in commands:
                received.append(command)
                if len(received) == 2:
                    break
    assert [(c.kind, dict(c.payload)) for c in received] == [
        ("presence", {"status": "idle"}),
        ("request_members", {"guild_id": "5"}),
    ]
    with pytest.raises(ValueError, match="outside"):
        await coord.send_command(ShardCommand(shard_id=7, kind="presence"))


async def _take(commands: AsyncIterator[ShardCommand], count: int) -> list[ShardCommand]:
    out: list[ShardCommand] = []
    with anyio.fail_after(5):
        async for command in commands:
            out.append(command)
            if len(out) == count:
                break
    return out


def _presence(status: str) -> ShardCommand:
    return ShardCommand(shard_id=1, kind="presence", payload={"status": status})


async def test_commands_sent_meanwhile_are_replayed_after_a_cursor(make) -> None:
    coord = await make(ShardPlan(shard_count=2))
    async with coord.commands(1) as commands:
        await coord.send_command(_presence("a"))
        await coord.send_command(_presence("b"))
        first = await _take(commands, 2)
    assert [c.payload["status"] for c in first] == ["a", "b"]
    assert all(c.cursor for c in first)
    assert first[0].cursor != first[1].cursor
    # Nobody listens (an owner crashed, or its store connection dropped): kept for replay.
    await coord.send_command(_presence("c"))
    await coord.send_command(_presence("d"))
    async with coord.commands(1, after=first[1].cursor) as commands:
        await coord.send_command(_presence("e"))
        replayed = await _take(commands, 3)
    assert [c.payload["status"] for c in replayed] == ["c", "d", "e"]
    # From a cursor in the middle, and without one (from now on: nothing old).
    async with coord.commands(1, after=replayed[0].cursor) as commands:
        assert [c.payload["status"] for c in await _take(commands, 2)] == ["d", "e"]
    async with coord.commands(1) as commands:
        await coord.send_command(_presence("f"))
        assert [c.payload["status"] for c in await _take(commands, 1)] == ["f"]


async def test_replay_stops_at_the_replay_window(make) -> None:
    coord = await make(ShardPlan(shard_count=2), replay_window=0.3)
    async with coord.commands(1) as commands:
        await coord.send_command(_presence("a"))
        (seen,) = await _take(commands, 1)
    await coord.send_command(_presence("stale"))
    await anyio.sleep(0.5)
    await coord.send_command(_presence("fresh"))
    async with coord.commands(1, after=seen.cursor) as commands:
        assert [c.payload["status"] for c in await _take(commands, 1)] == ["fresh"]


async def test_a_foreign_cursor_means_from_now(make, caplog: pytest.LogCaptureFixture) -> None:
    coord = await make(ShardPlan(shard_count=2))
    await coord.send_command(_presence("old"))
    async with coord.commands(1, after="not-a-cursor") as commands:
        await coord.send_command(_presence("new"))
        assert [c.payload["status"] for c in await _take(commands, 1)] == ["new"]
    assert "cursor of another back-end" in caplog.text


def test_sessions_carry_the_command_cursor_and_old_ones_still_load() -> None:
    session = SessionInfo(
        session_id="s", sequence=4, resume_gateway_url="wss://x", command_cursor="17"
    )
    assert SessionInfo.from_json(session.to_json()) == session
    old = {"session_id": "s", "sequence": 4, "resume_gateway_url": "wss://x"}
    assert SessionInfo.from_json(old).command_cursor is None


def test_the_plan_identifies_as_far_apart_as_a_single_bot() -> None:
    # One window for the whole library: Discord's 5 s plus the arrival margin (docs/scaling.md).
    assert ShardPlan(shard_count=1).identify_window == IDENTIFY_WINDOW
    assert ShardPlan.from_json({"shard_count": 1}).identify_window == IDENTIFY_WINDOW
    assert IDENTIFY_WINDOW > 5.0
