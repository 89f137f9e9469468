"""Fleet scenarios shared by the in-process tests: orchestrator bots against FakeDiscord on one
coordinator. test_fleet.py runs them on the memory coordinator in virtual time with Discord's
real numbers; test_fleet_redis.py runs them on Redis in real time with short ones."""

from __future__ import annotations

import logging
import math
import typing

import anyio
import attrs

from anycord.events.shard import ShardPayloadEvent
from anycord.intents import Intents
from anycord.orchestrator import Bot, ShardPlan
from anycord.snowflakes import calculate_shard_id
from tests.orchestrator.fleet import Partitionable, identify_gaps, poll

if typing.TYPE_CHECKING:
    import pytest

    from anycord.testing import FakeDiscord

INTENTS = Intents.ALL_UNPRIVILEGED | Intents.GUILD_MEMBERS
FENCING_WARNINGS = ("stopping at once", "could not renew", "lease not confirmed")


@attrs.frozen(kw_only=True)
class Timing:
    """The numbers a scenario runs with."""

    fake_window: float
    """The identify window FakeDiscord enforces."""
    plan_window: float
    """The coordinator's identify window (a margin above `fake_window`)."""
    ttl: float
    status_interval: float
    deadline: float
    """`fail_after` for the whole scenario, in the test's clock."""
    slack: float
    """How late a timed step may be (scheduling; a loaded machine in real time)."""
    max_latency: float = 1.0
    """The largest plausible heartbeat latency (virtual time makes it meaningless: a reply
    that is not readable yet when the clock jumps arrives seconds later)."""


def plan_for(
    fake: FakeDiscord, timing: Timing, *, shard_count: int, max_concurrency: int = 1
) -> ShardPlan:
    fake.gateway.identify_gate.window = timing.fake_window
    return ShardPlan(
        shard_count=shard_count,
        max_concurrency=max_concurrency,
        intents=int(INTENTS),
        gateway_url=fake.gateway_url,
        identify_window=timing.plan_window,
    )


def make_bot(
    coordinator: typing.Any, fake: FakeDiscord, owner: str, local: int, timing: Timing
) -> Bot:
    return Bot(
        coordinator,
        fake.token,
        local_shard_count=local,
        owner=owner,
        lease_ttl=timing.ttl,
        status_interval=timing.status_interval,
        rest_url=fake.rest_url,
        logs=None,
        banner=None,
    )


def fencing_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "anycord.orchestrator"
        and r.levelno >= logging.WARNING
        and any(w in r.getMessage() for w in FENCING_WARNINGS)
    ]


def sent(fake: FakeDiscord, op: int, shard_id: int) -> list[typing.Any]:
    return [
        p["d"]
        for c in fake.gateway.live_connections(shard_id)
        for p in c.received
        if isinstance(p, dict) and p.get("op") == op
    ]


async def four_bots_never_break_the_identify_rule(
    fake: FakeDiscord, coord: typing.Any, timing: Timing, caplog: pytest.LogCaptureFixture
) -> None:
    """16 shards, max_concurrency 2, four bots of four slots: one IDENTIFY per bucket per
    window at most, every bot runs four shards, a clean close leaves no lease and no session."""
    bots = [make_bot(coord, fake, f"bot{i}", 4, timing) for i in range(4)]
    with anyio.fail_after(timing.deadline):
        async with anyio.create_task_group() as tg:
            for bot in bots:
                tg.start_soon(bot.start)
            await fake.gateway.wait_ready(16)
            assert fake.gateway.identify_rejections == []
            assert sorted(s for _, s in fake.gateway.identify_log) == list(range(16))
            assert min(identify_gaps(fake.gateway.identify_log, 2)) >= timing.fake_window
            held = [set(bot.leases) for bot in bots]
            assert all(len(h) == 4 for h in held)
            assert set().union(*held) == set(range(16))
            for bot in bots:
                tg.start_soon(bot.close)
    # A clean close releases every lease, forgets the ended sessions and fences nothing.
    assert await coord.owners() == {}
    assert [await coord.load_session(i) for i in range(16)] == [None] * 16
    assert fencing_warnings(caplog) == []


async def client_sees_state_and_routes_commands(
    fake: FakeDiscord,
    coord: typing.Any,
    timing: Timing,
    client: typing.Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """`remote_shards` shows real state and latency; presence reaches every shard, member
    requests only the guild's, from a Client or from a bot that does not run that shard."""
    guild = fake.add_guild(name="g", members=3)
    owner_shard = calculate_shard_id(4, int(guild["id"]))
    bots = [make_bot(coord, fake, f"bot{i}", 2, timing) for i in range(2)]
    with anyio.fail_after(timing.deadline):
        async with anyio.create_task_group() as tg:
            for bot in bots:
                await tg.start(bot.start)
            await fake.gateway.wait_ready(4)
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
                assert remote.session_id == fake.gateway.live_connections(shard_id)[0].session_id
                assert remote.seq is not None
                assert remote.seq >= 1
                assert 0 <= remote.heartbeat_latency < timing.max_latency

            await client.update_presence(status="idle")
            await client.request_guild_members(guild["id"], query="", limit=5, nonce="n1")
            await fake.gateway.wait_until(
                lambda: all(sent(fake, 3, s) for s in range(4)) and bool(sent(fake, 8, owner_shard))
            )
            assert all(sent(fake, 3, s)[-1]["status"] == "idle" for s in range(4))
            assert sent(fake, 8, owner_shard)[-1]["nonce"] == "n1"
            assert not any(sent(fake, 8, s) for s in range(4) if s != owner_shard)
            # A bot routes to the guild's shard even when another process runs it.
            other = next(b for b in bots if owner_shard not in b.leases)
            await other.request_guild_members(guild["id"], query="x", limit=1, nonce="n2")
            await fake.gateway.wait_until(lambda: sent(fake, 8, owner_shard)[-1]["nonce"] == "n2")
            # The presence is remembered for shards that identify later.
            assert (await coord.load_presence())["status"] == "idle"
            for bot in bots:
                tg.start_soon(bot.close)
    assert fencing_warnings(caplog) == []


async def partitioned_owner_stops_and_its_shards_resume_elsewhere(
    fake: FakeDiscord, coord: typing.Any, timing: Timing, caplog: pytest.LogCaptureFixture
) -> None:
    """An owner cut off from the coordinator closes its shards (resumably) before their leases
    expire; another owner adopts and RESUMEs them; no dispatch is lost; no shard ran twice."""
    link = Partitionable(coord)
    first = make_bot(link, fake, "first", 2, timing)
    second = make_bot(coord, fake, "second", 2, timing)
    seen: dict[str, list[tuple[int, int]]] = {"first": [], "second": []}
    for bot, name in ((first, "first"), (second, "second")):

        async def record(event: ShardPayloadEvent, name: str = name) -> None:
            if event.name == "ANYCORD_TEST" and event.shard is not None:
                seen[name].append((event.shard.id, int(event.payload["n"])))

        bot.subscribe(ShardPayloadEvent, record)

    with anyio.fail_after(timing.deadline):
        async with anyio.create_task_group() as tg:
            await tg.start(first.start)
            await tg.start(second.start)
            assert set(first.leases) == {0, 1}
            assert not second.leases
            old = {c.shard_id: c for c in fake.gateway.live_connections()}
            for n in range(1, 11):
                for shard_id in (0, 1):
                    await fake.gateway.dispatch("ANYCORD_TEST", {"n": n}, shard_id=shard_id)

            async def saved() -> bool:
                sessions = [await coord.load_session(s) for s in (0, 1)]
                return all(
                    x is not None and x.sequence >= old[s].sequence
                    for s, x in zip((0, 1), sessions, strict=True)
                )

            while not await saved():  # noqa: ASYNC110 (the reporter writes to the store)
                await anyio.sleep(0.05)
            link.cut = True
            cut_at = anyio.current_time()
            n = 10
            while set(second.leases) != {0, 1} or len(fake.gateway.live_connections()) < 2:
                n += 1
                for shard_id in (0, 1):
                    fake.gateway.dispatch_nowait("ANYCORD_TEST", {"n": n}, shard_id=shard_id)
                await anyio.sleep(0.05)
            # Adopted once the leases expired: within the TTL and one adopt poll.
            assert anyio.current_time() - cut_at <= timing.ttl + timing.ttl / 3 + timing.slack
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
                assert closed_at - cut_at <= timing.ttl * 2 / 3 + timing.slack
                assert new[shard_id].resumed
                assert new[shard_id].session_id == old[shard_id].session_id
            assert len(fake.gateway.identify_log) == 2  # resumed, never re-identified
            # At-least-once: every dispatch reached one of the owners.
            union = set(seen["first"]) | set(seen["second"])
            assert {(s, m) for s in (0, 1) for m in range(1, last + 1)} <= union
            assert not first.shards
            # The cut-off owner said why it stopped (and the clean-close checks can see it).
            assert any("could not renew" in m for m in fencing_warnings(caplog))
            link.cut = False
            for bot in (first, second):
                tg.start_soon(bot.close)
