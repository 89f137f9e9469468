"""The pure bucket core: unit cases, and Hypothesis over arbitrary interleavings.

The simulated Discord below keeps the real server-side state (fixed windows that start
with the first request, or sliding windows), adds network latency both ways, and counts
every request it would have rejected. Hypothesis drives acquires, deliveries and clock
jumps in any order; the invariants are: Discord never rejects anything, the global log never
holds more than 50 sends in any second, every `Wait` either has a positive delay or waits
for a request actually in flight, and every caller eventually gets through.
"""

from __future__ import annotations

import collections
import heapq
import math

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.rest.ratelimits import (
    GLOBAL_KEY,
    GlobalLimiter,
    Grant,
    InvalidRequestCounter,
    RateLimiter,
    RateLimitInfo,
    Wait,
)
from anycord.rest.routes import Route

MESSAGES = Route("POST", "/channels/{channel_id}/messages")
EDIT = Route("PATCH", "/channels/{channel_id}/messages/{message_id}")
EXEMPT = Route(
    "POST", "/interactions/{interaction_id}/{interaction_token}/callback", global_limit=False
)


def info(
    bucket: str = "b", limit: int = 5, remaining: int = 4, reset_after: float = 5.0
) -> RateLimitInfo:
    return RateLimitInfo(bucket=bucket, limit=limit, remaining=remaining, reset_after=reset_after)


# -- unit cases -------------------------------------------------------------------------------


def test_parse_reads_headers_in_any_case_and_the_429_body() -> None:
    parsed = RateLimitInfo.parse(
        {
            "X-RateLimit-Bucket": "abcd",
            "x-ratelimit-limit": "5",
            "X-RATELIMIT-REMAINING": "0",
            "X-RateLimit-Reset-After": "1.25",
            "X-RateLimit-Scope": "shared",
            "Retry-After": "65",
        },
        {"retry_after": 64.57, "global": False},
    )
    assert parsed == RateLimitInfo(
        bucket="abcd", limit=5, remaining=0, reset_after=1.25, scope="shared", retry_after=64.57
    )
    glob = RateLimitInfo.parse({"X-RateLimit-Global": "true", "Retry-After": "3"})
    assert glob.is_global
    assert glob.retry_after == 3.0
    assert RateLimitInfo.parse({"x-ratelimit-remaining": "nan"}).remaining is None


def test_unknown_bucket_allows_one_probe_per_major_parameter() -> None:
    rl = RateLimiter()
    first = rl.acquire(MESSAGES.compile(channel_id=1), 0.0)
    assert isinstance(first, Grant)
    assert first.unknown
    second = rl.acquire(MESSAGES.compile(channel_id=1), 0.0)
    assert isinstance(second, Wait)
    assert second.delay is None
    other = rl.acquire(MESSAGES.compile(channel_id=2), 0.0)
    assert isinstance(other, Grant)


def test_learned_bucket_grants_what_discord_said_then_waits_for_the_reset() -> None:
    rl = RateLimiter()
    route = MESSAGES.compile(channel_id=1)
    grant = rl.acquire(route, 0.0)
    assert isinstance(grant, Grant)
    rl.on_response(grant, 0.1, 200, info(remaining=4, reset_after=5.0))
    assert rl.bucket_for(route) == "b"
    grants = [rl.acquire(route, 0.1) for _ in range(4)]
    assert all(isinstance(g, Grant) for g in grants)
    wait = rl.acquire(route, 0.1)
    assert isinstance(wait, Wait)
    assert wait.delay == pytest.approx(5.0)
    # After the reset only one probe goes until Discord says how much room there is.
    for g in grants:
        assert isinstance(g, Grant)
        rl.on_response(g, 0.2, 200, info(remaining=0, reset_after=4.9))
    probe = rl.acquire(route, 5.2)
    assert isinstance(probe, Grant)
    assert isinstance(rl.acquire(route, 5.2), Wait)


def test_in_flight_requests_are_subtracted_from_what_discord_reports() -> None:
    rl = RateLimiter()
    a = MESSAGES.compile(channel_id=1)
    g1 = rl.acquire(a, 0.0)
    assert isinstance(g1, Grant)
    rl.on_response(g1, 0.0, 200, info(remaining=2))
    g2, g3 = rl.acquire(a, 0.0), rl.acquire(a, 0.0)
    assert isinstance(g2, Grant)
    assert isinstance(g3, Grant)
    # g2's answer says 1 left, but g3 is still in flight and may not have been counted.
    rl.on_response(g2, 0.1, 200, info(remaining=1))
    assert isinstance(rl.acquire(a, 0.1), Wait)


def test_routes_without_bucket_headers_are_learned_as_unlimited() -> None:
    rl = RateLimiter()
    route = Route("GET", "/gateway/bot").compile()
    grant = rl.acquire(route, 0.0)
    assert isinstance(grant, Grant)
    rl.on_response(grant, 0.0, 200, RateLimitInfo())
    grants = [rl.acquire(route, 0.0) for _ in range(10)]
    assert all(isinstance(g, Grant) and g.key is None for g in grants)


def test_a_429_blocks_the_bucket_for_retry_after_and_counts_as_invalid() -> None:
    rl = RateLimiter()
    route = MESSAGES.compile(channel_id=1)
    grant = rl.acquire(route, 0.0)
    assert isinstance(grant, Grant)
    rl.on_response(
        grant,
        1.0,
        429,
        RateLimitInfo(
            bucket="b", limit=5, remaining=0, reset_after=3.0, scope="user", retry_after=3.0
        ),
    )
    wait = rl.acquire(route, 1.0)
    assert isinstance(wait, Wait)
    assert wait.delay == pytest.approx(3.0)
    assert rl.invalid.count(1.0) == 1


def test_shared_429_is_not_counted_against_the_invalid_budget() -> None:
    rl = RateLimiter()
    grant = rl.acquire(MESSAGES.compile(channel_id=1), 0.0)
    assert isinstance(grant, Grant)
    rl.on_response(grant, 0.0, 429, RateLimitInfo(scope="shared", retry_after=2.0))
    assert rl.invalid.count(0.0) == 0
    wait = rl.acquire(MESSAGES.compile(channel_id=1), 0.0)
    assert isinstance(wait, Wait)
    assert wait.delay == pytest.approx(2.0)


def test_global_429_blocks_every_global_route_but_not_exempt_ones() -> None:
    rl = RateLimiter()
    grant = rl.acquire(MESSAGES.compile(channel_id=1), 0.0)
    assert isinstance(grant, Grant)
    rl.on_response(grant, 0.0, 429, RateLimitInfo(is_global=True, scope="global", retry_after=2.5))
    wait = rl.acquire(EDIT.compile(channel_id=9, message_id=1), 0.0)
    assert isinstance(wait, Wait)
    assert wait.key == GLOBAL_KEY
    assert wait.delay == pytest.approx(2.5)
    assert isinstance(
        rl.acquire(EXEMPT.compile(interaction_id=1, interaction_token="t"), 0.0), Grant
    )


def test_global_limiter_is_a_sliding_log() -> None:
    gl = GlobalLimiter(limit=3, period=1.0)
    for t in (0.0, 0.2, 0.4):
        assert gl.delay(t) == 0
        gl.take(t)
    assert gl.delay(0.5) == pytest.approx(0.5)
    assert gl.delay(1.0) == 0
    with pytest.raises(ValueError, match="at least 1"):
        GlobalLimiter(limit=0)


@settings(max_examples=200, deadline=None)
@given(
    limit=st.integers(1, 8),
    gaps=st.lists(st.floats(0.0, 0.4), min_size=1, max_size=30),
    count=st.integers(1, 12),
    blocked=st.floats(0.0, 3.0),
)
def test_global_delay_for_several_sends_is_exactly_when_they_fit(
    limit: int, gaps: list[float], count: int, blocked: float
) -> None:
    # `delay(now, count)`: the earliest time `count` sends (at most the limit) may all go.
    gl = GlobalLimiter(limit=limit, period=1.0)
    now = 0.0
    for gap in gaps:
        now += gap
        if gl.delay(now) == 0:
            gl.take(now)
    gl.block(now, blocked)
    wait = gl.delay(now, count)
    assert wait >= gl.delay(now)
    if wait > 1e-6:
        # Not any earlier: a moment before, the sends would not all have fitted.
        assert gl.delay(now + wait - 1e-6, count) > 0
    at = now + wait + 1e-9  # past float rounding (the client's timer adds a margin too)
    for _ in range(min(count, limit)):
        assert gl.delay(at) == 0
        gl.take(at)


def test_invalid_request_counter_reports_each_threshold_once() -> None:
    counter = InvalidRequestCounter(limit=100, period=600.0)
    crossed = [counter.record(float(i)) for i in range(100)]
    assert [c for c in crossed if c is not None] == [0.25, 0.5, 0.75, 0.9, 0.99]
    assert counter.count(700.0) == 0


def test_gc_forgets_only_idle_stale_buckets() -> None:
    rl = RateLimiter()
    idle = rl.acquire(MESSAGES.compile(channel_id=1), 0.0)
    busy = rl.acquire(MESSAGES.compile(channel_id=2), 0.0)
    assert isinstance(idle, Grant)
    assert isinstance(busy, Grant)
    rl.on_response(idle, 0.0, 200, info(remaining=4, reset_after=5.0))
    # Channel 1's probe state and learned bucket go; channel 2 still has a request in flight.
    assert rl.gc(100.0) == 2
    assert len(rl) == 1
    assert busy.key is not None
    assert rl.in_flight(busy.key) == 1


def test_tokens_never_appear_in_bucket_keys() -> None:
    secret = "a-very-secret-interaction-token"
    route = EXEMPT.compile(interaction_id=1, interaction_token=secret)
    rl = RateLimiter()
    grant = rl.acquire(route, 0.0)
    assert isinstance(grant, Grant)
    for text in (route.bucket_key, route.major_key, str(grant), repr(route), route.safe_path):
        assert secret not in text


# -- the simulation ----------------------------------------------------------------------------


@attrs.define
class SimServer:
    """Discord's side: per-(bucket, channel) windows; counts what it would reject."""

    limit: int
    period: float
    sliding: bool
    windows: dict[int, list[float]] = attrs.field(factory=dict)
    fixed: dict[int, tuple[float, int]] = attrs.field(factory=dict)
    rejected: int = 0

    def receive(self, channel: int, now: float) -> RateLimitInfo:
        if self.sliding:
            log = [t for t in self.windows.get(channel, []) if t + self.period > now]
            if len(log) >= self.limit:
                self.rejected += 1
                reset_after = log[0] + self.period - now
                return RateLimitInfo(
                    bucket="b",
                    limit=self.limit,
                    remaining=0,
                    reset_after=reset_after,
                    retry_after=reset_after,
                    scope="user",
                )
            log.append(now)
            self.windows[channel] = log
            remaining = self.limit - len(log)
            reset_after = log[0] + self.period - now
        else:
            end, used = self.fixed.get(channel, (-math.inf, 0))
            if now >= end:
                end, used = now + self.period, 0
            if used >= self.limit:
                self.rejected += 1
                return RateLimitInfo(
                    bucket="b",
                    limit=self.limit,
                    remaining=0,
                    reset_after=end - now,
                    retry_after=end - now,
                    scope="user",
                )
            used += 1
            self.fixed[channel] = (end, used)
            remaining = self.limit - used
            reset_after = end - now
        return RateLimitInfo(
            bucket="b", limit=self.limit, remaining=remaining, reset_after=reset_after
        )


@attrs.define
class Sim:
    server: SimServer
    rl: RateLimiter = attrs.field(factory=RateLimiter)
    now: float = 0.0
    seq: int = 0
    # (time, seq, kind, grant, channel, info)
    events: list[tuple[float, int, str, Grant, int, RateLimitInfo | None]] = attrs.field(
        factory=list
    )
    sends: list[float] = attrs.field(factory=list)

    def push(
        self, at: float, kind: str, grant: Grant, channel: int, inf: RateLimitInfo | None
    ) -> None:
        self.seq += 1
        heapq.heappush(self.events, (at, self.seq, kind, grant, channel, inf))

    def try_send(self, channel: int, up: float, down: float) -> Wait | None:
        route = MESSAGES.compile(channel_id=channel)
        decision = self.rl.acquire(route, self.now)
        if isinstance(decision, Wait):
            assert decision.delay is None or decision.delay > 0
            if decision.delay is None:
                assert self.rl.in_flight(decision.key) > 0
            return decision
        self.sends.append(self.now)
        self.push(self.now + up, "arrive", decision, channel, RateLimitInfo(retry_after=down))
        return None

    def step(self) -> bool:
        if not self.events:
            return False
        at, _, kind, grant, channel, inf = heapq.heappop(self.events)
        self.now = max(self.now, at)
        if kind == "arrive":
            assert inf is not None
            assert inf.retry_after is not None
            answer = self.server.receive(channel, self.now)
            self.push(self.now + inf.retry_after, "answer", grant, channel, answer)
        else:
            assert inf is not None
            self.rl.on_response(grant, self.now, 429 if inf.retry_after is not None else 200, inf)
        return True

    def advance(self, dt: float) -> None:
        target = self.now + dt
        while self.events and self.events[0][0] <= target:
            self.step()
        self.now = max(self.now, target)


latency = st.floats(min_value=0.0, max_value=0.5, allow_nan=False)
operation = st.one_of(
    st.tuples(st.just("send"), st.integers(0, 3), latency, latency),
    st.tuples(st.just("advance"), st.floats(min_value=0.0, max_value=20.0, allow_nan=False)),
    st.tuples(st.just("jump"), st.floats(min_value=100.0, max_value=1e6, allow_nan=False)),
    st.tuples(st.just("deliver")),
)


@settings(max_examples=300, deadline=None)
@given(
    limit=st.integers(1, 6),
    period=st.floats(min_value=0.05, max_value=10.0, allow_nan=False),
    sliding=st.booleans(),
    ops=st.lists(operation, max_size=80),
)
def test_no_window_is_ever_exceeded_and_every_caller_gets_through(
    limit: int, period: float, sliding: bool, ops: list[tuple[object, ...]]
) -> None:
    sim = Sim(SimServer(limit, period, sliding))
    backlog: collections.deque[tuple[int, float, float]] = collections.deque()
    for op in ops:
        if op[0] == "send":
            _, channel, up, down = op
            assert isinstance(channel, int)
            assert isinstance(up, float)
            assert isinstance(down, float)
            if sim.try_send(channel, up, down) is not None:
                backlog.append((channel, up, down))
        elif op[0] in ("advance", "jump"):
            assert isinstance(op[1], float)
            sim.advance(op[1])
        else:
            sim.step()
    # Drain: every waiting caller retries exactly when its Wait says; progress is bounded.
    steps = 0
    while backlog:
        steps += 1
        assert steps < 10_000, "no progress: a caller waits forever or spins"
        channel, up, down = backlog[0]
        wait = sim.try_send(channel, up, down)
        if wait is None:
            backlog.popleft()
        elif wait.delay is None:
            assert sim.step()
        else:
            sim.advance(wait.delay)
    while sim.step():
        pass
    assert sim.server.rejected == 0
    sends = sorted(sim.sends)
    assert all(b - a >= 1.0 - 1e-9 for a, b in zip(sends, sends[50:], strict=False))


@settings(max_examples=100, deadline=None)
@given(
    count=st.integers(51, 200),
    start=st.floats(min_value=0.0, max_value=1e9, allow_nan=False),
)
def test_global_limit_holds_for_bursts_over_many_channels(count: int, start: float) -> None:
    rl = RateLimiter()
    now = start
    sent: list[float] = []
    pending = list(range(count))
    while pending:
        decision = rl.acquire(MESSAGES.compile(channel_id=pending[0]), now)
        if isinstance(decision, Grant):
            sent.append(now)
            rl.on_response(decision, now, 200, info(remaining=4))
            pending.pop(0)
        else:
            assert decision.delay is not None
            assert decision.delay > 0
            now += decision.delay
    assert all(b - a >= 1.0 - 1e-6 for a, b in zip(sent, sent[50:], strict=False))
    assert now - start == pytest.approx(((count - 1) // 50) * 1.0, abs=1e-6)
