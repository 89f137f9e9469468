"""The gateway's outbound rate limit, as pure state with the clock passed in.

Discord allows 120 payloads per 60 s on one connection and closes it with 4008 beyond that.
`SendLimiter` keeps the send times of the last window (a sliding window, so *every* 60 s span
holds at most `limit` sends, whichever way the server aligns its own window) and reserves a
few slots for heartbeats: ordinary payloads may use `limit - reserved` slots, heartbeats all
of them. A margin of `slack` seconds is added to the window to cover jitter between the moment
we send and the moment Discord counts.

The limiter never drops anything: `delay(now, priority=...)` says how long to wait before the
next send may go out, and `record(now)` books a send. The AnyIO driver sleeps for the delay and
asks again; it uses one limiter per connection (Discord counts per connection).
"""

from __future__ import annotations

import collections
import typing

__all__ = ["GATEWAY_SEND_LIMIT", "GATEWAY_SEND_PERIOD", "HEARTBEAT_RESERVE", "SendLimiter"]

GATEWAY_SEND_LIMIT: typing.Final[int] = 120
GATEWAY_SEND_PERIOD: typing.Final[float] = 60.0
HEARTBEAT_RESERVE: typing.Final[int] = 3


class SendLimiter:
    """A sliding-window send budget with a reserve for priority (heartbeat) sends."""

    __slots__ = ("_limit", "_period", "_reserved", "_sent")

    def __init__(
        self,
        limit: int = GATEWAY_SEND_LIMIT,
        period: float = GATEWAY_SEND_PERIOD,
        *,
        reserved: int = HEARTBEAT_RESERVE,
        slack: float = 1.0,
    ) -> None:
        if limit < 1:
            msg = f"limit must be at least 1, not {limit}"
            raise ValueError(msg)
        if not 0 <= reserved < limit:
            msg = f"reserved must be in 0..{limit - 1}, not {reserved}"
            raise ValueError(msg)
        if period <= 0 or slack < 0:
            msg = f"period must be > 0 and slack >= 0, not {period} and {slack}"
            raise ValueError(msg)
        self._limit = limit
        self._reserved = reserved
        self._period = period + slack
        self._sent: collections.deque[float] = collections.deque()

    @property
    def limit(self) -> int:
        return self._limit

    def _expire(self, now: float) -> None:
        horizon = now - self._period
        sent = self._sent
        while sent and sent[0] <= horizon:
            sent.popleft()

    def used(self, now: float) -> int:
        """Sends booked within the window ending at `now`."""
        self._expire(now)
        return len(self._sent)

    def delay(self, now: float, *, priority: bool = False) -> float:
        """Seconds to wait before a send may go out (0.0: now)."""
        self._expire(now)
        allowed = self._limit if priority else self._limit - self._reserved
        used = len(self._sent)
        if used < allowed:
            return 0.0
        # The send becomes possible once enough of the oldest sends have left the window.
        return max(self._sent[used - allowed] + self._period - now, 0.0) or 1e-6

    def record(self, now: float) -> None:
        """Book a send at `now` (call only when `delay(now, ...)` returned 0)."""
        self._sent.append(now)

    def try_acquire(self, now: float, *, priority: bool = False) -> float:
        """Book a send if one is allowed now and return 0.0; otherwise the wait, nothing booked."""
        wait = self.delay(now, priority=priority)
        if wait == 0.0:
            self._sent.append(now)
        return wait
