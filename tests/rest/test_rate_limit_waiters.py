"""Callers held by a rate limit wait in line: woken one at a time, in the order they came.

A thundering herd (every waiter waking whenever one slot frees) shows as many limiter
queries per request; the queues in `anycord.rest.waiters` keep it to about two per caller.
"""

from __future__ import annotations

import functools
import typing

import anyio
import pytest

from anycord.config import HTTPSettings
from anycord.rest.endpoints.messages import POST_MESSAGE
from anycord.rest.ratelimits import Grant, RateLimiter, Wait
from anycord.testing.fake import FakeDiscord

if typing.TYPE_CHECKING:
    from anycord.rest.client import RESTClient
    from anycord.rest.routes import CompiledRoute
    from tests.rest.conftest import Fake


class CountingLimiter(RateLimiter):
    """The real limiter, counting how often callers ask it for a grant."""

    def __init__(self, **kwargs: typing.Any) -> None:
        super().__init__(**kwargs)
        self.asked = 0

    def acquire(self, route: CompiledRoute, now: float) -> Grant | Wait:
        self.asked += 1
        return super().acquire(route, now)


async def _send_staggered(
    rest: RESTClient, channel_ids: list[str], gap: float, content: str = "hi"
) -> None:
    async def one(index: int, channel_id: str) -> None:
        await anyio.sleep(index * gap)
        route = POST_MESSAGE.compile(channel_id=channel_id)
        await rest._request(route, json={"content": f"{content}{index}"})

    async with anyio.create_task_group() as tg:
        for index, channel_id in enumerate(channel_ids):
            tg.start_soon(one, index, channel_id)


def _order(fake: Fake) -> list[int]:
    return [int(r.json["content"][2:]) for r in fake.rest.requests if r.method == "POST"]


async def test_global_limit_waiters_wake_one_at_a_time_in_order(fake: Fake) -> None:
    # 200 callers arriving every 5 ms against 50/s: from the 51st on, each waits for a slot
    # freed by one expiring send. A herd would wake every waiter at each expiry (thousands
    # of limiter queries); the queue wakes only the next one.
    fake.rest.global_limit = 50
    channels = [fake.world.add_channel(fake.guild["id"])["id"] for _ in range(200)]
    limiter = CountingLimiter()
    async with fake.client(rate_limiter=limiter) as rest:
        await _send_staggered(rest, channels, 0.005)
        wakeups = rest._waiters.wakeups
    assert fake.rest.stats.too_many_requests == 0
    assert _order(fake) == list(range(200))
    assert limiter.asked <= 2 * 200
    assert wakeups <= 2 * 150


async def test_bucket_waiters_are_granted_in_arrival_order(fake: Fake) -> None:
    fake.rest.limit("POST", "/channels/{channel_id}/messages", limit=5, per=5.0)
    channel = fake.channels[0]["id"]
    limiter = CountingLimiter()
    async with fake.client(rate_limiter=limiter) as rest:
        await _send_staggered(rest, [channel] * 40, 0.01)
    assert fake.rest.stats.too_many_requests == 0
    assert fake.rest.stats.exhausted_sends == 0
    assert _order(fake) == list(range(40))
    # Each window frees five slots: the head and the four callers it hands over to ask once,
    # the sixth asks and becomes the new timed head; nobody else wakes.
    assert limiter.asked <= 3 * 40


async def test_a_cancelled_head_hands_its_place_to_the_next_caller(fake: Fake) -> None:
    fake.rest.global_limit = 1
    channels = [fake.world.add_channel(fake.guild["id"])["id"] for _ in range(4)]
    async with fake.client(http_settings=HTTPSettings(global_rate_limit=1)) as rest:
        await rest._request(POST_MESSAGE.compile(channel_id=channels[0]), json={"content": "x"})
        doomed = anyio.CancelScope()
        async with anyio.create_task_group() as tg:
            tg.start_soon(_cancellable, rest, channels[1], doomed)
            await anyio.sleep(0.1)
            tg.start_soon(_send_staggered, rest, channels[2:], 0.01)
            await anyio.sleep(0.1)
            doomed.cancel()
        assert len(rest._waiters) == 0
    sent = [(r.json["content"], r.time) for r in fake.rest.requests if r.method == "POST"]
    assert [content for content, _ in sent] == ["x", "hi0", "hi1"]
    assert fake.rest.stats.too_many_requests == 0


async def _cancellable(rest: RESTClient, channel_id: str, scope: anyio.CancelScope) -> None:
    with scope:
        await rest._request(POST_MESSAGE.compile(channel_id=channel_id), json={"content": "c"})


@pytest.mark.parametrize("per_second", [120, 7])
async def test_global_rate_limit_setting_is_honoured(fake: Fake, per_second: int) -> None:
    fake.rest.global_limit = per_second
    count = per_second * 2 + 1
    channels = [fake.world.add_channel(fake.guild["id"])["id"] for _ in range(count)]
    settings = HTTPSettings(global_rate_limit=per_second)
    async with fake.client(http_settings=settings) as rest:
        assert rest.rate_limiter.global_limiter.limit == per_second
        start = anyio.current_time()
        async with anyio.create_task_group() as tg:
            for channel_id in channels:
                route = POST_MESSAGE.compile(channel_id=channel_id)
                tg.start_soon(functools.partial(rest._request, route, json={"content": "hi"}))
        elapsed = anyio.current_time() - start
    assert fake.rest.stats.global_429s == 0
    assert fake.rest.stats.too_many_requests == 0
    times = sorted(r.time for r in fake.rest.requests)
    assert all(b - a >= 1.0 for a, b in zip(times, times[per_second:], strict=False))
    assert 2.0 <= elapsed < 2.5


async def test_default_global_rate_limit_is_discords_and_the_emulator_matches() -> None:
    assert HTTPSettings().global_rate_limit == 50
    assert FakeDiscord().rest.global_limit == 50
    assert FakeDiscord(global_rate_limit=250).rest.global_limit == 250


def test_global_rate_limit_must_be_a_positive_integer() -> None:
    for bad in (0, -5, 2.5, True):
        with pytest.raises(ValueError, match="global_rate_limit"):
            HTTPSettings(global_rate_limit=bad)  # type: ignore[arg-type]
