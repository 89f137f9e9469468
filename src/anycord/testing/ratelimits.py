"""The fake's server-side rate limits: Discord's per-route buckets and the global limit.

A sans-IO model: `ServerRateLimits.check(...)` takes the route, its major parameters, the
caller's token and the current time (`anyio.current_time()` in the fake, so virtual clocks
apply) and returns a `Verdict`: allowed or not, the headers to send, and the 429 body.

What it guarantees, following developers/topics/rate-limits.mdx:

* every bucketed response carries `X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket`;
  `Reset` is wall-clock epoch seconds with decimals, derived from the same clock;
* a bucket is a fixed window of `limit` requests per `per` seconds that starts with the
  first request, partitioned by token and by the route's major parameters (channel, guild,
  webhook + token); routes configured with the same `bucket` name share one window and one
  `X-RateLimit-Bucket` hash (the hash does not include the major parameters);
* a request over a route limit gets 429 `{"message", "retry_after", "global": false}` with
  `X-RateLimit-Scope: user`; over the global limit (50/s per token unless configured),
  429 with `"global": true`, `X-RateLimit-Global: true` and `X-RateLimit-Scope: global`;
  global-exempt routes (interaction callbacks, webhook-with-token) never count towards it;
* counters: every 429 (`too_many_requests`), the global ones (`global_429s`), and
  `exhausted_sends`: requests that arrived in a bucket whose last response had already said
  `Remaining: 0`, before that bucket reset. A client that honours the headers keeps it at 0;
* the invalid-request limit ("Cloudflare bans"): `InvalidRequestLimit` counts 401, 403 and
  non-shared 429 answers in a sliding window (10,000 per 600 s by default); reaching the
  limit bans the caller for `ban_duration` seconds, during which every request gets a 429
  that is not Discord's: a `text/plain` body `error code: 1015`, `Retry-After`, and no
  `X-RateLimit-*` headers.
"""

from __future__ import annotations

import collections
import hashlib
import math
import typing

import attrs

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_ROUTE_LIMIT",
    "InvalidRequestLimit",
    "RateLimitStats",
    "RouteLimit",
    "ServerRateLimits",
    "Verdict",
    "bucket_hash",
]


@attrs.frozen(slots=True)
class RouteLimit:
    """A route's limit: `limit` requests per `per` seconds, in the bucket named `bucket`."""

    limit: int
    per: float
    bucket: str


DEFAULT_ROUTE_LIMIT: typing.Final[tuple[int, float]] = (10, 1.0)
"""Limit and period for any route without an entry in `DEFAULT_LIMITS`."""

_REACTIONS = "reactions"
DEFAULT_LIMITS: typing.Final[dict[tuple[str, str], tuple[int, float, str | None]]] = {
    # Values as commonly reported by Discord's headers; all configurable per fake.
    ("POST", "/channels/{channel_id}/messages"): (5, 5.0, None),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}"): (5, 5.0, None),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}"): (5, 1.0, None),
    ("POST", "/channels/{channel_id}/messages/bulk-delete"): (1, 1.0, None),
    ("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me"): (
        1,
        0.25,
        _REACTIONS,
    ),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me"): (
        1,
        0.25,
        _REACTIONS,
    ),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/{user_id}"): (
        1,
        0.25,
        _REACTIONS,
    ),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}"): (
        1,
        0.25,
        _REACTIONS,
    ),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions"): (1, 0.25, _REACTIONS),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"): (5, 2.0, None),
    ("PATCH", "/guilds/{guild_id}/members/{user_id}"): (10, 10.0, None),
    ("POST", "/channels/{channel_id}/typing"): (5, 5.0, None),
}
"""Routes whose default limit differs from `DEFAULT_ROUTE_LIMIT`: (limit, per, bucket name)."""


def bucket_hash(name: str) -> str:
    """The stable `X-RateLimit-Bucket` value for a bucket name (32 hex digits)."""
    return hashlib.sha256(name.encode()).hexdigest()[:32]


@attrs.define(slots=True)
class RateLimitStats:
    """What the fake counted. Reset with `reset()`."""

    too_many_requests: int = 0
    """Every 429 sent, whatever its scope."""
    global_429s: int = 0
    """429s for the global limit."""
    shared_429s: int = 0
    """429s with `X-RateLimit-Scope: shared` (injected with `fail_next(status=429)`)."""
    exhausted_sends: int = 0
    """Requests sent into a bucket the fake had already reported exhausted, before its reset."""
    global_exhausted_sends: int = 0
    """Requests sent while a global 429 the fake had sent was still in force."""
    invalid_requests: int = 0
    """401, 403 and non-shared 429 answers (Discord's "invalid requests")."""
    cloudflare_bans: int = 0
    """Requests refused because the invalid-request limit was reached (an IP ban)."""
    by_bucket: dict[str, int] = attrs.field(factory=dict)
    """429s per `X-RateLimit-Bucket` hash."""
    requests_by_bucket: dict[str, int] = attrs.field(factory=dict)
    """Requests per `X-RateLimit-Bucket` hash (allowed or not)."""

    def reset(self) -> None:
        """Set every counter back to zero."""
        self.too_many_requests = self.global_429s = self.shared_429s = 0
        self.exhausted_sends = self.global_exhausted_sends = 0
        self.invalid_requests = self.cloudflare_bans = 0
        self.by_bucket.clear()
        self.requests_by_bucket.clear()


@attrs.frozen(slots=True)
class Verdict:
    """The outcome of one `check`: headers to send always; a 429 body when not allowed."""

    allowed: bool
    headers: tuple[tuple[str, str], ...]
    body: dict[str, typing.Any] | None = None


@attrs.define(slots=True)
class _Window:
    limit: int
    reset_at: float
    remaining: int
    reported_exhausted: bool = False


def _fmt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


class ServerRateLimits:
    """Per-route buckets and the global limit, for one fake. Time is always an argument."""

    __slots__ = ("_global", "_limits", "_windows", "global_limit", "stats", "wall_offset")

    def __init__(self, *, global_limit: int = 50, wall_offset: float = 0.0) -> None:
        self.global_limit = global_limit
        """Requests per second per token outside the exempt routes; 0 disables the limit."""
        self.wall_offset = wall_offset
        """Added to the clock's time to get the epoch seconds of `X-RateLimit-Reset`."""
        self.stats = RateLimitStats()
        self._limits: dict[tuple[str, str], RouteLimit] = {}
        for (method, template), (limit, per, bucket) in DEFAULT_LIMITS.items():
            self._limits[method, template] = RouteLimit(
                limit, per, bucket or f"{method} {template}"
            )
        self._windows: dict[tuple[str, str, str], _Window] = {}
        # token -> [window end, count, a global 429 was sent in this window]
        self._global: dict[str, list[typing.Any]] = {}

    def limit(
        self, method: str, template: str, *, limit: int, per: float, bucket: str | None = None
    ) -> None:
        """Set a route's limit; routes given the same `bucket` name share one window."""
        if limit < 1 or per <= 0:
            msg = f"limit must be >= 1 and per > 0, got limit={limit!r} per={per!r}"
            raise ValueError(msg)
        method = method.upper()
        self._limits[method, template] = RouteLimit(limit, per, bucket or f"{method} {template}")

    def route_limit(self, method: str, template: str) -> RouteLimit:
        """The limit in force for a route (the default when none was configured)."""
        found = self._limits.get((method, template))
        if found is None:
            limit, per = DEFAULT_ROUTE_LIMIT
            found = RouteLimit(limit, per, f"{method} {template}")
        return found

    def reset(self) -> None:
        """Forget every window (counters are kept; see `stats.reset()`)."""
        self._windows.clear()
        self._global.clear()

    def check(
        self,
        method: str,
        template: str,
        major: str,
        token: str,
        now: float,
        *,
        global_exempt: bool = False,
        bucketed: bool = True,
    ) -> Verdict:
        """Account for one request at time `now` and say whether it may proceed."""
        if not global_exempt and self.global_limit > 0:
            verdict = self._check_global(token, now)
            if verdict is not None:
                return verdict
        if not bucketed:
            return Verdict(True, ())
        rl = self.route_limit(method, template)
        name = bucket_hash(rl.bucket)
        stats = self.stats
        stats.requests_by_bucket[name] = stats.requests_by_bucket.get(name, 0) + 1
        key = (token, rl.bucket, major)
        window = self._windows.get(key)
        if window is not None and now < window.reset_at and window.reported_exhausted:
            stats.exhausted_sends += 1
        if window is None or now >= window.reset_at:
            window = _Window(limit=rl.limit, reset_at=now + rl.per, remaining=rl.limit)
            self._windows[key] = window
        reset_after = max(window.reset_at - now, 0.0)
        allowed = window.remaining > 0
        if allowed:
            window.remaining -= 1
        if window.remaining == 0:
            window.reported_exhausted = True
        headers = [
            ("x-ratelimit-limit", str(window.limit)),
            ("x-ratelimit-remaining", str(window.remaining)),
            ("x-ratelimit-reset", _fmt(round(window.reset_at + self.wall_offset, 3))),
            ("x-ratelimit-reset-after", _fmt(round(reset_after, 3))),
            ("x-ratelimit-bucket", name),
        ]
        if allowed:
            return Verdict(True, tuple(headers))
        stats.too_many_requests += 1
        stats.by_bucket[name] = stats.by_bucket.get(name, 0) + 1
        headers.append(("retry-after", str(math.ceil(reset_after))))
        headers.append(("x-ratelimit-scope", "user"))
        body = {
            "message": "You are being rate limited.",
            "retry_after": round(reset_after, 3),
            "global": False,
        }
        return Verdict(False, tuple(headers), body)

    def _check_global(self, token: str, now: float) -> Verdict | None:
        state = self._global.get(token)
        if state is None or now >= state[0]:
            state = [now + 1.0, 0, False]
            self._global[token] = state
        elif state[2]:
            self.stats.global_exhausted_sends += 1
        if state[1] < self.global_limit:
            state[1] += 1
            return None
        state[2] = True
        retry_after = max(state[0] - now, 0.0)
        self.stats.too_many_requests += 1
        self.stats.global_429s += 1
        headers = (
            ("retry-after", str(math.ceil(retry_after))),
            ("x-ratelimit-global", "true"),
            ("x-ratelimit-scope", "global"),
        )
        body = {
            "message": "You are being rate limited.",
            "retry_after": round(retry_after, 3),
            "global": True,
        }
        return Verdict(False, headers, body)


CLOUDFLARE_BODY: typing.Final = b"error code: 1015"


class InvalidRequestLimit:
    """Discord's invalid-request limit: `limit` answers of 401, 403 or a non-shared 429 within
    `window` seconds ban the caller (the fake has one caller: loopback) for `ban_duration`."""

    __slots__ = ("_banned_until", "_times", "ban_duration", "limit", "window")

    def __init__(
        self, *, limit: int = 10_000, window: float = 600.0, ban_duration: float = 600.0
    ) -> None:
        self.limit = limit
        """Invalid answers per `window` that trigger a ban; 0 disables the limit."""
        self.window = window
        self.ban_duration = ban_duration
        self._times: collections.deque[float] = collections.deque()
        self._banned_until = -math.inf

    def banned_for(self, now: float) -> float:
        """Seconds the ban still lasts at `now` (0 when not banned)."""
        return max(self._banned_until - now, 0.0)

    def record(self, status: int, scope: str | None, now: float) -> bool:
        """Count one answer; whether it was an invalid request."""
        if not (status in (401, 403) or (status == 429 and scope != "shared")):
            return False
        times = self._times
        times.append(now)
        while times and times[0] <= now - self.window:
            times.popleft()
        if self.limit > 0 and len(times) >= self.limit and now >= self._banned_until:
            self._banned_until = now + self.ban_duration
            times.clear()
        return True

    def reset(self) -> None:
        """Forget the count and lift a ban."""
        self._times.clear()
        self._banned_until = -math.inf
