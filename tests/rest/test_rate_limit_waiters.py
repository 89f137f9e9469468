"""Callers held by a rate limit wait in line: granted in the order they came, each woken once.

A thundering herd (every waiter waking whenever a slot frees, to find most slots taken)
shows as many limiter queries and wake-ups per request; the queues in
`anycord.rest.waiters` ask the limiter about once per caller, and wake a caller once for its
grant (plus once when it becomes the timed head of a queue).
"""

from __future__ import annotations

import functools
import random
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


def _sent_in_arrival_order(fake: Fake, count: int) -> bool:
    """Whether caller `i` was sent no later than caller `i + 1`, for every `i`.

    Callers granted together run in one turn of the event loop (one instant of virtual
    time), where Trio promises no order, so within an instant the wire order may vary.
    """
    sent = {int(r.json["content"][2:]): r.time for r in fake.rest.requests if r.method == "POST"}
    times = [sent[i] for i in range(count)]
    return times == sorted(times)


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
    assert sorted(_order(fake)) == list(range(200))
    assert _sent_in_arrival_order(fake, 200)
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
    assert sorted(_order(fake)) == list(range(40))
    assert _sent_in_arrival_order(fake, 40)
    # Each window frees five slots: the head asks for itself and the next four, then for
    # the sixth, which becomes the new timed head; nobody else is asked about.
    assert limiter.asked <= 3 * 40


@pytest.mark.parametrize(("limit", "callers"), [(50, 150), (5, 40)])
async def test_a_throttled_burst_asks_and_wakes_once_per_caller(
    fake: Fake, limit: int, callers: int
) -> None:
    # All callers at once against the global limit: each window of one second frees
    # `limit` slots together. A herd wakes every waiter at each window and asks the limiter
    # for all of them (about callers**2 / (2 * limit) queries); served queues ask once per
    # caller plus once per window (the caller that becomes the next timed head).
    fake.rest.global_limit = limit
    channels = [fake.world.add_channel(fake.guild["id"])["id"] for _ in range(callers)]
    limiter = CountingLimiter(global_limit=limit)
    windows = -(-callers // limit)
    async with fake.client(rate_limiter=limiter) as rest:
        start = anyio.current_time()
        await _send_staggered(rest, channels, 0.0)
        elapsed = anyio.current_time() - start
        wakeups = rest._waiters.wakeups
        assert len(rest._waiters) == 0
    assert fake.rest.stats.too_many_requests == 0
    assert fake.rest.stats.global_429s == 0
    assert windows - 1 <= elapsed < windows - 1 + 0.05
    assert limiter.asked <= callers + windows
    held = callers - limit
    assert held <= wakeups <= held + windows


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_callers_cancelled_while_queued_or_just_granted_lose_no_slot(
    fake: Fake, seed: int
) -> None:
    # Callers cancelled at random moments: queued, heading a queue, or granted by the head
    # but not yet running. The others are all sent, in order, within the limit, and nothing
    # is left queued or counted in flight.
    rng = random.Random(seed)
    fake.rest.global_limit = 10
    channels = [fake.world.add_channel(fake.guild["id"])["id"] for _ in range(60)]
    doomed = set(rng.sample(range(60), 20))
    scopes = {index: anyio.CancelScope() for index in doomed}

    async def one(index: int) -> None:
        with scopes.get(index, anyio.CancelScope()):
            route = POST_MESSAGE.compile(channel_id=channels[index])
            await rest._request(route, json={"content": f"hi{index}"})

    async def cancel(index: int) -> None:
        await anyio.sleep(rng.choice([0.0, 0.5, 1.0, 1.0, 2.0, 3.0]))
        scopes[index].cancel()

    async with fake.client(http_settings=HTTPSettings(global_rate_limit=10)) as rest:
        async with anyio.create_task_group() as tg:
            for index in range(60):
                tg.start_soon(one, index)
            for index in doomed:
                tg.start_soon(cancel, index)
        assert len(rest._waiters) == 0
        limiter = rest.rate_limiter
        keys = [limiter.state_key(POST_MESSAGE.compile(channel_id=c)) for c in channels]
        assert all(limiter.in_flight(k) == 0 for k in keys if k is not None)
    sent = sorted(_order(fake))
    assert set(range(60)) - doomed <= set(sent)
    assert fake.rest.stats.too_many_requests == 0
    assert fake.rest.stats.global_429s == 0
    times = sorted(r.time for r in fake.rest.requests)
    assert all(b - a >= 1.0 for a, b in zip(times, times[10:], strict=False))


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


@pytest.mark.parametrize("offset", [0.0003, 0.0071])
async def test_callers_held_by_the_global_limit_go_when_their_slots_free(
    fake: Fake, offset: float
) -> None:
    # A burst sent between two 10 ms ticks of the clock: the next window's callers are sent
    # the moment the burst's sends leave the window, not at the next tick (a grid of timers
    # lost up to a tick per window, and every window after inherited the delay).
    fake.rest.global_limit = 50
    channels = [fake.world.add_channel(fake.guild["id"])["id"] for _ in range(150)]
    async with fake.client() as rest:
        await anyio.sleep(offset)
        start = anyio.current_time()
        await _send_staggered(rest, channels, 0.0)
        wakeups = rest._waiters.wakeups
    assert fake.rest.stats.too_many_requests == 0
    assert fake.rest.stats.global_429s == 0
    times = sorted(r.time - start for r in fake.rest.requests)
    assert times[0] == times[49] == pytest.approx(0.0, abs=1e-9)
    assert times[50] == times[99] == pytest.approx(1.0, abs=1e-4)
    assert times[100] == times[149] == pytest.approx(2.0, abs=1e-4)
    assert wakeups <= 100 + 2
