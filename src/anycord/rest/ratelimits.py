"""Discord's REST rate limits as a pure, clock-driven state machine (no I/O, no sleeping).

`RateLimiter.acquire(route, now)` answers either `Grant` (send now) or `Wait` (how long, or
until which response); `on_response(grant, now, status, info)` and `release(grant, now)` feed
back what happened. Time is a float argument (the driver passes `anyio.current_time()`), so
the same object runs under virtual clocks and Hypothesis.

The guarantee: the limiter never grants a request that Discord's last answer said would be
rejected. It holds whatever Discord's buckets are (fixed or sliding windows), because it only
ever believes what a response proved and assumes the worst about everything else:

* A response saying `remaining=R, reset_after=A` bounds the sends until `now + A` (measured
  when the response is *received*, which is never earlier than when Discord wrote it) to
  `R` minus every request still in flight (they may not have been counted yet).
* Two reports of the same bucket combine to the smaller `remaining` and the later reset.
* Once the reset time passes, nothing is known: the bucket is *stale*, and it allows one
  request in flight (a probe) until a response says how much room there is. The same rule
  covers a bucket never seen before, so concurrent first requests to N channels send N
  probes at once instead of queueing every channel behind one lock.
* A bucket is keyed by Discord's `X-RateLimit-Bucket` name plus the route's major
  parameters; until a route's bucket is learned, the key is the route plus major parameters.
  Routes whose answers carry no bucket header are learned as unlimited.
* The 50-per-second global limit is a sliding log of our own send times, applied before a
  request is sent (except to routes with `global_limit=False`), and a global 429 blocks all
  limited routes for its `retry_after`.
* A `Wait` always has a positive delay, or no delay at all when it waits for a response of a
  request in flight: a limited caller never spins.
* 401, 403 and non-shared 429 answers are counted against Discord's invalid-request budget
  (10,000 per 10 minutes); crossing 25/50/75/90/99 % of it is reported by `on_response`.
"""

from __future__ import annotations

import collections
import math
import typing

import attrs

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.rest.routes import CompiledRoute

__all__ = [
    "CLOUDFLARE_SCOPE",
    "GLOBAL_KEY",
    "GlobalLimiter",
    "Grant",
    "InvalidRequestCounter",
    "RateLimitInfo",
    "RateLimiter",
    "Wait",
]

GLOBAL_KEY: typing.Final[str] = "<global>"
"""The wait key of callers held by the global limit."""
CLOUDFLARE_SCOPE: typing.Final[str] = "cloudflare"
"""`RateLimitInfo.scope` of a 429 that is not Discord's: an IP ban by its edge (Cloudflare)."""

_UNLIMITED: typing.Final[str] = "<unlimited>"


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        out = float(value)
    except ValueError:
        return None
    return out if math.isfinite(out) else None


def _int(value: str | None) -> int | None:
    number = _float(value)
    return None if number is None else int(number)


@attrs.frozen(slots=True, kw_only=True)
class RateLimitInfo:
    """What a response says about rate limits (headers, and the body of a 429)."""

    bucket: str | None = None
    limit: int | None = None
    remaining: int | None = None
    reset_after: float | None = None
    is_global: bool = False
    scope: str | None = None
    """`user`, `global` or `shared` (sent only with a 429)."""
    retry_after: float | None = None
    """From a 429's body (`retry_after`), else its `Retry-After` header."""

    @classmethod
    def parse(cls, headers: Mapping[str, str], body: object = None) -> RateLimitInfo:
        """Read the `X-RateLimit-*` headers (any case) and, for a 429, its JSON body."""
        get = {k.lower(): v for k, v in headers.items()}.get
        retry_after: float | None = None
        body_global = False
        if isinstance(body, dict):
            raw = body.get("retry_after")
            retry_after = (
                float(raw) if isinstance(raw, (int, float)) and math.isfinite(raw) else None
            )
            body_global = body.get("global") is True
        if retry_after is None:
            retry_after = _float(get("retry-after"))
        scope = get("x-ratelimit-scope")
        if scope is None and body is not None and not isinstance(body, dict):
            # A 429 that is not Discord's (no JSON body, no scope): Cloudflare refusing the
            # IP after too many invalid requests. It stops every request, like a global limit.
            scope = CLOUDFLARE_SCOPE
        is_global = (
            body_global
            or get("x-ratelimit-global", "").lower() == "true"
            or scope in ("global", CLOUDFLARE_SCOPE)
        )
        return cls(
            bucket=get("x-ratelimit-bucket"),
            limit=_int(get("x-ratelimit-limit")),
            remaining=_int(get("x-ratelimit-remaining")),
            reset_after=_float(get("x-ratelimit-reset-after")),
            is_global=is_global,
            scope=scope,
            retry_after=None if retry_after is None else max(0.0, retry_after),
        )


@attrs.frozen(slots=True)
class Grant:
    """Permission to send one request; hand it back to `on_response` or `release`."""

    key: str | None
    """The bucket state the request counts against (`None` for a route learned as unlimited)."""
    route_key: str
    major: str
    is_global: bool
    unknown: bool


@attrs.frozen(slots=True)
class Wait:
    """Not yet: wait `delay` seconds, or (when `delay` is `None`) for a response on `key`."""

    delay: float | None
    key: str
    is_global: bool = False


@attrs.define(slots=True)
class _Bucket:
    limit: int = 1
    remaining: int = 0
    reset_at: float = -math.inf
    """Until then, at most `remaining` more sends; from then on the bucket is stale."""
    in_flight: int = 0


class GlobalLimiter:
    """At most `limit` sends in any `period` seconds (a log of send times), plus 429 blocks."""

    __slots__ = ("_log", "blocked_until", "limit", "period")

    def __init__(self, limit: int = 50, period: float = 1.0) -> None:
        if limit < 1 or period <= 0:
            msg = f"global limit must be at least 1 per positive period, not {limit} per {period}"
            raise ValueError(msg)
        self.limit = limit
        self.period = period
        self.blocked_until = -math.inf
        self._log: collections.deque[float] = collections.deque()

    def delay(self, now: float, count: int = 1) -> float:
        """Seconds until `count` more sends are allowed (0 when allowed now); a `count` over
        the limit counts as the limit."""
        log = self._log
        while log and log[0] + self.period <= now:
            log.popleft()
        wait = self.blocked_until - now
        # The oldest `expiring` sends must leave the window first.
        expiring = len(log) - self.limit + min(max(count, 1), self.limit)
        if expiring > 0:
            wait = max(wait, log[expiring - 1] + self.period - now)
        return max(0.0, wait)

    def take(self, now: float) -> None:
        """Record a send (call only when `delay(now) == 0`)."""
        self._log.append(now)

    def block(self, now: float, retry_after: float) -> None:
        """Discord answered with a global 429: nothing is sent for `retry_after` seconds."""
        self.blocked_until = max(self.blocked_until, now + retry_after)


class InvalidRequestCounter:
    """Counts 401/403/429 answers in a sliding window (Discord bans at 10,000 per 10 min)."""

    __slots__ = ("_log", "limit", "period")

    THRESHOLDS: typing.Final = (0.25, 0.5, 0.75, 0.9, 0.99)

    def __init__(self, limit: int = 10_000, period: float = 600.0) -> None:
        self.limit = limit
        self.period = period
        self._log: collections.deque[float] = collections.deque()

    def count(self, now: float) -> int:
        """Invalid requests in the last `period` seconds."""
        while self._log and self._log[0] + self.period <= now:
            self._log.popleft()
        return len(self._log)

    def record(self, now: float) -> float | None:
        """Count one; returns the fraction of the budget when this crossed a threshold."""
        before = self.count(now)
        self._log.append(now)
        after = before + 1
        for fraction in self.THRESHOLDS:
            mark = math.ceil(self.limit * fraction)
            if before < mark <= after:
                return fraction
        return None


def _major_wake_key(major: str) -> str:
    return f"<major>{major}"


class RateLimiter:
    """The rate-limit state of one token (see the module docstring for the guarantees)."""

    __slots__ = ("_buckets", "_learned", "_unknown_in_flight", "global_limiter", "invalid")

    def __init__(
        self,
        *,
        global_limit: int = 50,
        global_period: float = 1.0,
        invalid_limit: int = 10_000,
        invalid_period: float = 600.0,
    ) -> None:
        self.global_limiter = GlobalLimiter(global_limit, global_period)
        self.invalid = InvalidRequestCounter(invalid_limit, invalid_period)
        self._learned: dict[str, str] = {}
        self._buckets: dict[str, _Bucket] = {}
        self._unknown_in_flight: collections.Counter[str] = collections.Counter()

    # -- introspection ---------------------------------------------------------------------

    def bucket_for(self, route: CompiledRoute) -> str | None:
        """Discord's bucket name learned for `route` (`None` while unknown or unlimited)."""
        learned = self._learned.get(route.route_key)
        return None if learned in (None, _UNLIMITED) else learned

    def state_key(self, route: CompiledRoute) -> str | None:
        """The bucket state a request on `route` counts against now (`None`: unlimited)."""
        return self._key(route.route_key, route.major_key)

    def remaining(self, key: str, now: float) -> int | None:
        """Sends the state `key` allows before its reset (`None` while stale or unknown)."""
        bucket = self._buckets.get(key)
        if bucket is None or now >= bucket.reset_at:
            return None
        return bucket.remaining

    def in_flight(self, key: str) -> int:
        """Granted requests on `key` (a state or wait key) with no response yet."""
        if key.startswith("<major>"):
            return self._unknown_in_flight.get(key.removeprefix("<major>"), 0)
        bucket = self._buckets.get(key)
        return 0 if bucket is None else bucket.in_flight

    def __len__(self) -> int:
        return len(self._buckets)

    # -- the state machine -----------------------------------------------------------------

    def _key(self, route_key: str, major: str) -> str | None:
        learned = self._learned.get(route_key)
        if learned is None:
            return f"?{route_key}|{major}"
        if learned == _UNLIMITED:
            return None
        return f"#{learned}|{major}"

    def acquire(self, route: CompiledRoute, now: float) -> Grant | Wait:
        """Grant one request on `route` now, or say how to wait for one."""
        is_global = route.route.global_limit
        route_key = route.route_key
        major = route.major_key
        key = self._key(route_key, major)
        if is_global:
            delay = self.global_limiter.delay(now)
            if delay > 0:
                return Wait(delay, GLOBAL_KEY, is_global=True)
        bucket: _Bucket | None = None
        if key is not None:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket()
            if now < bucket.reset_at:
                if bucket.remaining <= 0:
                    return Wait(bucket.reset_at - now, key)
                bucket.remaining -= 1
            elif bucket.in_flight > 0:
                # Stale or never seen: one probe at a time, the rest wait for its answer.
                return Wait(None, key)
            elif not key.startswith("?") and self._unknown_in_flight.get(major, 0) > 0:
                # A request sent before the route's bucket was learned may still land in it.
                return Wait(None, _major_wake_key(major))
            bucket.in_flight += 1
        unknown = key is not None and key.startswith("?")
        if unknown:
            self._unknown_in_flight[major] += 1
        if is_global:
            self.global_limiter.take(now)
        return Grant(key, route_key, major, is_global, unknown)

    def _finish(self, grant: Grant) -> set[str]:
        if grant.key is not None:
            bucket = self._buckets.get(grant.key)
            if bucket is not None and bucket.in_flight > 0:
                bucket.in_flight -= 1
        woken: set[str] = set()
        if grant.key is not None:
            woken.add(grant.key)
        if grant.unknown:
            woken.add(_major_wake_key(grant.major))
            self._unknown_in_flight[grant.major] -= 1
            if self._unknown_in_flight[grant.major] <= 0:
                del self._unknown_in_flight[grant.major]
        return woken

    def release(self, grant: Grant, now: float) -> set[str]:
        """The request got no usable answer (connection error, cancelled, 5xx without headers).

        Whatever it may have consumed stays consumed. Returns the wait keys to wake.
        """
        del now
        return self._finish(grant)

    def on_response(
        self, grant: Grant, now: float, status: int, info: RateLimitInfo
    ) -> tuple[set[str], float | None]:
        """Learn from an answer. Returns the wait keys to wake and, when the invalid-request
        budget just crossed a threshold, the fraction used (else `None`)."""
        woken = self._finish(grant)
        crossed: float | None = None
        if status in (401, 403) or (status == 429 and info.scope != "shared"):
            crossed = self.invalid.record(now)
        if status == 429 and info.is_global:
            self.global_limiter.block(
                now, info.retry_after if info.retry_after is not None else 1.0
            )

        if info.bucket is not None:
            self._learned[grant.route_key] = info.bucket
            key = f"#{info.bucket}|{grant.major}"
            woken.add(key)
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket()
            if info.remaining is not None and info.reset_after is not None:
                others = bucket.in_flight + self._unknown_in_flight.get(grant.major, 0)
                room = max(0, info.remaining - others)
                reset_at = now + max(0.0, info.reset_after)
                if now >= bucket.reset_at:
                    bucket.remaining = room
                    bucket.reset_at = reset_at
                else:
                    bucket.remaining = min(bucket.remaining, room)
                    bucket.reset_at = max(bucket.reset_at, reset_at)
                if info.limit is not None and info.limit > 0:
                    bucket.limit = info.limit
            if status == 429 and not info.is_global:
                self._block(bucket, now, info)
        elif status == 429 and not info.is_global:
            key = self._key(grant.route_key, grant.major) or f"?{grant.route_key}|{grant.major}"
            if key.startswith("?"):
                self._learned.pop(grant.route_key, None)
            woken.add(key)
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket()
            self._block(bucket, now, info)
        elif 200 <= status < 300 and grant.unknown and grant.route_key not in self._learned:
            # Discord sends bucket headers wherever a route is limited; none means no limit.
            self._learned[grant.route_key] = _UNLIMITED
        return woken, crossed

    @staticmethod
    def _block(bucket: _Bucket, now: float, info: RateLimitInfo) -> None:
        retry_after = info.retry_after if info.retry_after is not None else info.reset_after
        bucket.remaining = 0
        bucket.reset_at = max(bucket.reset_at, now + max(0.0, retry_after or 0.0))

    def gc(self, now: float, *, grace: float = 10.0) -> int:
        """Forget idle buckets stale for `grace` seconds (learned bucket names are kept)."""
        dead = [
            key
            for key, bucket in self._buckets.items()
            if bucket.in_flight == 0 and bucket.reset_at + grace <= now
        ]
        for key in dead:
            del self._buckets[key]
        return len(dead)
