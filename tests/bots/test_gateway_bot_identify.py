"""GatewayBot's identify timing on virtual time: max_concurrency buckets, 5 s apart, no slower.

What FakeDiscord records is the time each IDENTIFY *arrived* (`identify_log`) and every IDENTIFY
it refused for breaking the bucket rate (`identify_rejections`); the bot's gate spaces a
bucket's identifies `IDENTIFY_WINDOW` (5.25 s, see `anycord.gateway.identify`) apart.
"""

from __future__ import annotations

import itertools
import math
import typing

import anyio
import pytest

from anycord.bots.gateway_bot import GatewayBot
from anycord.gateway.identify import IDENTIFY_WINDOW
from anycord.testing import FakeDiscord
from tests.virtual_clock import virtual_time_backends

# Loopback I/O takes no virtual time, but the bot's own steps between READY and the next
# bucket's turn (GUILD_CREATE, events) may take a scheduler tick or two.
SLACK = 0.5


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    # 16 shards at max_concurrency 1 take 78.75 s of start-up: virtual time makes it instant.
    return request.param


def make_bot(fake: FakeDiscord, **options: typing.Any) -> GatewayBot:
    return GatewayBot(fake.token, rest_url=fake.rest_url, banner=None, logs=None, **options)


def by_bucket(log: list[tuple[float, int]], concurrency: int) -> dict[int, list[float]]:
    buckets: dict[int, list[float]] = {}
    for at, shard_id in log:
        buckets.setdefault(shard_id % concurrency, []).append(at)
    return {bucket: sorted(times) for bucket, times in buckets.items()}


def gaps(times: list[float]) -> list[float]:
    return [later - earlier for earlier, later in itertools.pairwise(times)]


@pytest.mark.parametrize("concurrency", [1, 16])
@pytest.mark.parametrize("shards", [1, 4, 16])
async def test_start_up_identifies_in_buckets_5_s_apart_and_no_slower(
    shards: int, concurrency: int
) -> None:
    async with FakeDiscord(shard_count=shards, max_concurrency=concurrency) as fake:
        for n in range(shards):
            fake.add_guild(name=f"g{n}", members=1, channels=1)
        bot = make_bot(fake)
        began = anyio.current_time()
        async with anyio.create_task_group() as tg:
            await tg.start(bot.start)
            ready_after = anyio.current_time() - began
            await bot.close()
        log = fake.gateway.identify_log
        assert sorted(shard_id for _, shard_id in log) == list(range(shards))
        assert fake.gateway.identify_rejections == []
        buckets = by_bucket(log, concurrency)
        assert len(buckets) == min(shards, concurrency)
        rounds = math.ceil(shards / concurrency)
        for times in buckets.values():
            assert len(times) == rounds
            # Never two identifies of one bucket within the window, and never a wasted pause.
            for gap in gaps(times):
                assert IDENTIFY_WINDOW - 1e-6 <= gap <= IDENTIFY_WINDOW + SLACK
            # Every bucket's first identify goes out at once.
            assert times[0] - began <= SLACK
        expected = (rounds - 1) * IDENTIFY_WINDOW
        assert expected <= ready_after <= expected + SLACK


async def test_re_identify_after_start_up_goes_through_the_same_gate() -> None:
    async with FakeDiscord(shard_count=2) as fake, make_bot(fake) as bot:
        log = fake.gateway.identify_log
        assert len(log) == 2
        last = log[-1][0]
        # Both sessions die right after start-up. Each shard waits a random 1-5 s and
        # identifies again: without the gate both would come sooner than 5.25 s after the
        # last identify, and at most one could be admitted.
        await fake.gateway.invalidate_session(0, resumable=False)
        await fake.gateway.invalidate_session(1, resumable=False)
        with anyio.fail_after(60):
            await fake.gateway.wait_until(
                lambda: len(fake.gateway.live_connections()) == 2 and len(log) == 4
            )
        times = [at for at, _ in log]
        assert sorted(shard_id for _, shard_id in log[2:]) == [0, 1]
        assert times[2] - last >= IDENTIFY_WINDOW - 1e-6
        assert times[3] - times[2] >= IDENTIFY_WINDOW - 1e-6
        assert fake.gateway.identify_rejections == []
        with anyio.fail_after(5):
            while not all(shard.is_connected for shard in bot.shards.values()):  # noqa: ASYNC110 - a property, no event
                await anyio.sleep(0.01)
        # A resume is not a session start: it skips the gate and the log.
        await fake.gateway.reconnect(0)
        with anyio.fail_after(60):
            await fake.gateway.wait_until(
                lambda: any(c.resumed and c.is_ready for c in fake.gateway.connections)
            )
        assert len(log) == 4
