"""The identify gate: who may send IDENTIFY, and when.

Discord allows `max_concurrency` IDENTIFYs per 5 seconds, one per rate-limit bucket
`shard_id % max_concurrency`, and a daily budget of session starts (1000 for most bots);
running out of it gets the token reset. A shard awaits `IdentifyGate.acquire(shard_id)` before
*every* IDENTIFY, at start-up and after an INVALID_SESSION(false) / 4007 / 4009 alike (RESUME
does not count and does not go through the gate). The bot (one process) uses
`LocalIdentifyGate`; the orchestrator implements the same protocol across processes.
"""

from __future__ import annotations

import math
import typing

import anyio

from anycord.errors import SessionBudgetExhaustedError

__all__ = ["IDENTIFY_WINDOW", "IdentifyGate", "IdentifyWindows", "LocalIdentifyGate"]

IDENTIFY_WINDOW: typing.Final[float] = 5.25
"""Seconds between two IDENTIFYs of one bucket: Discord's 5 s, plus 0.25 s because Discord
times the IDENTIFY when it *arrives*, and two sends exactly 5 s apart can arrive closer than
that (one connection is slower than the other). Less would earn an INVALID_SESSION now and then.
"""


class IdentifyGate(typing.Protocol):
    """The seam the bot and the orchestrator implement."""

    async def acquire(self, shard_id: int) -> None:
        """Return when `shard_id` may send IDENTIFY (bucket `shard_id % max_concurrency`, 5 s
        apart, within the daily session budget). Called before every IDENTIFY."""
        ...


class IdentifyWindows:
    """Pure bookkeeping for the gate: per-bucket next-allowed times and the session budget."""

    __slots__ = ("_max_concurrency", "_next_at", "_remaining", "_window")

    def __init__(
        self,
        max_concurrency: int = 1,
        *,
        remaining_sessions: int | None = None,
        window: float = IDENTIFY_WINDOW,
    ) -> None:
        if max_concurrency < 1:
            msg = f"max_concurrency must be at least 1, not {max_concurrency}"
            raise ValueError(msg)
        if window < 0:
            msg = f"window must be >= 0, not {window}"
            raise ValueError(msg)
        self._max_concurrency = max_concurrency
        self._window = window
        self._remaining = remaining_sessions
        self._next_at = [-math.inf] * max_concurrency

    @property
    def max_concurrency(self) -> int:
        return self._max_concurrency

    @property
    def remaining_sessions(self) -> int | None:
        return self._remaining

    def bucket(self, shard_id: int) -> int:
        return shard_id % self._max_concurrency

    def delay(self, shard_id: int, now: float) -> float:
        """Seconds until `shard_id`'s bucket may identify (0.0: now)."""
        return max(self._next_at[self.bucket(shard_id)] - now, 0.0)

    def take(self, shard_id: int, now: float) -> None:
        """Book an IDENTIFY at `now`; `SessionBudgetExhaustedError` when out of budget."""
        if self._remaining is not None:
            if self._remaining <= 0:
                raise SessionBudgetExhaustedError
            self._remaining -= 1
        self._next_at[self.bucket(shard_id)] = now + self._window


class LocalIdentifyGate:
    """An in-process `IdentifyGate`; waiters of one bucket go in arrival order."""

    def __init__(
        self,
        max_concurrency: int = 1,
        *,
        remaining_sessions: int | None = None,
        window: float = IDENTIFY_WINDOW,
    ) -> None:
        self._windows = IdentifyWindows(
            max_concurrency, remaining_sessions=remaining_sessions, window=window
        )
        self._locks: dict[int, anyio.Lock] = {}

    @property
    def windows(self) -> IdentifyWindows:
        return self._windows

    async def acquire(self, shard_id: int) -> None:
        bucket = self._windows.bucket(shard_id)
        lock = self._locks.get(bucket)
        if lock is None:
            lock = self._locks[bucket] = anyio.Lock()
        async with lock:
            # One sleep suffices: only this lock's holder books this bucket.
            await anyio.sleep(self._windows.delay(shard_id, anyio.current_time()))
            self._windows.take(shard_id, anyio.current_time())
