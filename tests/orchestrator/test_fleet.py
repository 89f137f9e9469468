"""Orchestrator bots in one process against FakeDiscord on the memory coordinator, in virtual
time with Discord's own numbers: a 5 s identify window at the fake, `IDENTIFY_WINDOW` (5.25 s)
in the plan, 15 s leases, 41.25 s heartbeats. The same scenarios run on Redis in real time in
test_fleet_redis.py."""

from __future__ import annotations

import itertools
import math
import typing

import anyio
import pytest

from anycord.gateway.identify import IDENTIFY_WINDOW
from anycord.orchestrator import Client, MemoryCoordinator
from anycord.testing import FakeDiscord
from tests.orchestrator import scenarios
from tests.orchestrator.fleet import Partitionable, poll
from tests.virtual_clock import virtual_time_backends

TIMING = scenarios.Timing(
    fake_window=5.0,
    plan_window=IDENTIFY_WINDOW,
    ttl=15.0,
    status_interval=1.0,
    deadline=600.0,
    slack=0.5,
    max_latency=math.inf,
)


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    # Eight identify rounds of 5.25 s, 15 s leases expiring: instant in virtual time.
    return request.param


def coordinator(fake: FakeDiscord, shard_count: int, max_concurrency: int = 1) -> typing.Any:
    plan = scenarios.plan_for(
        fake, TIMING, shard_count=shard_count, max_concurrency=max_concurrency
    )
    return MemoryCoordinator(plan, remaining_sessions=1000)


async def test_four_bots_never_break_the_identify_rule(caplog: pytest.LogCaptureFixture) -> None:
    async with FakeDiscord(shard_count=16, max_concurrency=2) as fake:
        coord = coordinator(fake, 16, 2)
        await scenarios.four_bots_never_break_the_identify_rule(fake, coord, TIMING, caplog)
        # Each bucket's identifies went out one plan window apart, no faster and no slower.
        times = sorted(t for t, s in coord.identify_log if s % 2 == 0)
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert all(IDENTIFY_WINDOW - 1e-6 <= g <= IDENTIFY_WINDOW + TIMING.slack for g in gaps)


async def test_client_sees_state_and_routes_commands(caplog: pytest.LogCaptureFixture) -> None:
    async with FakeDiscord(shard_count=4) as fake:
        coord = coordinator(fake, 4)
        async with Client(fake.token, coord, refresh_interval=0.1) as client:
            await scenarios.client_sees_state_and_routes_commands(
                fake, coord, TIMING, client, caplog
            )


async def test_partitioned_owner_stops_and_its_shards_resume_elsewhere(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with FakeDiscord(shard_count=2) as fake:
        coord = coordinator(fake, 2)
        await scenarios.partitioned_owner_stops_and_its_shards_resume_elsewhere(
            fake, coord, TIMING, caplog
        )


async def test_spare_slots_probe_once_per_interval_and_adopt_a_dead_owners_shards_together() -> (
    None
):
    # A claim reads every shard's lease; a process's idle slots must not each poll.
    async with FakeDiscord(shard_count=4, max_concurrency=4) as fake:
        coord = coordinator(fake, 4, 4)
        link = Partitionable(coord)
        first = scenarios.make_bot(link, fake, "first", 4, TIMING)
        spare = scenarios.make_bot(coord, fake, "spare", 8, TIMING)
        interval = TIMING.ttl / 3  # the default adopt interval
        with anyio.fail_after(TIMING.deadline):
            async with anyio.create_task_group() as tg:
                await tg.start(first.start)
                await tg.start(spare.start)
                assert set(first.leases) == {0, 1, 2, 3}
                watch_from = anyio.current_time()
                await anyio.sleep(10 * interval)
                probes = [c for c in coord.claim_log if c[0] >= watch_from and c[1] == "spare"]
                assert all(shard is None for _, _, shard in probes)
                assert 9 <= len(probes) <= 11  # eight idle slots, one probe per interval
                link.cut = True  # the first owner is cut off: its leases run out
                cut_at = anyio.current_time()
                await poll(lambda: set(spare.leases) == {0, 1, 2, 3})
                # All four adopted on the first probe after the leases expired, not one a probe.
                assert anyio.current_time() - cut_at <= TIMING.ttl + interval + TIMING.slack
                await poll(lambda: len(fake.gateway.live_connections()) == 4)
                assert all(c.resumed for c in fake.gateway.live_connections())
                assert fake.gateway.session_overlaps == []
                await spare.close()
                link.cut = False
                await first.close()
