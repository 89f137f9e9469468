"""First-come, first-served queues of callers held by a rate limit, woken one at a time.

`RESTClient` asks the pure limiter (`ratelimits.py`) for a grant; when the answer is `Wait`,
the caller queues here under the wait's key (a bucket, a major parameter, or the global limit).
Only the head of a queue is *active*: it sleeps until the wait's delay ends (rounded up to
a 10 ms tick) or, when it waits for a response, until a response on that key wakes it; then
it asks the limiter again. The others sleep without a timer
until the head leaves the queue (granted, moved to another key's queue, failed or cancelled),
which wakes exactly the next one. So a grant costs one wake-up, however many callers wait,
and callers held on one key are granted in the order they queued; a caller arriving while
others wait on its key queues behind them instead of overtaking them.

Guarantee: every non-empty queue has an active head, so no caller sleeps forever while the
limiter could grant it: the head's timer or its key's response wakes it, and leaving a queue
always hands the head's role to the next caller.
"""

from __future__ import annotations

import collections
import math
import typing

import anyio

__all__ = ["TICK", "WaitQueues"]

TICK: typing.Final = 0.01
"""Seconds: timed waits end on a multiple of this (see `WaitQueues.wait`)."""


class _Waiter:
    __slots__ = ("event",)

    def __init__(self) -> None:
        self.event = anyio.Event()


class WaitQueues:
    """One FIFO queue of waiting callers per wait key."""

    __slots__ = ("_queues", "wakeups")

    def __init__(self) -> None:
        self._queues: dict[str, collections.deque[_Waiter]] = {}
        self.wakeups = 0
        """How many times a queued caller has woken up (a timer or a wake), for tests and
        benchmarks: a herd shows as many wake-ups per grant."""

    def __contains__(self, key: str) -> bool:
        return key in self._queues

    def __len__(self) -> int:
        """Callers queued, over all keys."""
        return sum(map(len, self._queues.values()))

    def wake(self, key: str) -> None:
        """Something changed on `key` (a response, a release): wake that queue's head."""
        queue = self._queues.get(key)
        if queue:
            queue[0].event.set()

    def join(self, key: str) -> _Waiter:
        """Queue a caller at the back of `key`'s queue; `leave` it in a `finally`."""
        waiter = _Waiter()
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = collections.deque()
        queue.append(waiter)
        return waiter

    def is_head(self, key: str, waiter: _Waiter) -> bool:
        """Whether `waiter` is the active caller of `key`'s queue."""
        queue = self._queues.get(key)
        return queue is not None and queue[0] is waiter

    async def wait(self, key: str, waiter: _Waiter, delay: float | None) -> None:
        """Sleep until woken, or as the head with a `delay`, until that delay has passed.

        A timed head only sleeps: nothing a response says can end a timed wait early (a
        bucket's reset or the global window only move later), and the head asks the limiter
        again when it wakes. Its timer is rounded up to the next `TICK` of the clock, so
        slots that free within one tick (the sends of a burst expiring from the global
        window one by one) are granted on one wake-up instead of one each.
        """
        if delay is not None and self.is_head(key, waiter):
            now = anyio.current_time()
            # The epsilon keeps a wake-up already on a tick (1.0 s after a tick) from
            # moving a whole tick later through float rounding.
            await anyio.sleep(max(delay, math.ceil((now + delay) / TICK - 1e-6) * TICK - now))
        else:
            waiter.event = anyio.Event()
            await waiter.event.wait()
        self.wakeups += 1

    def leave(self, key: str, waiter: _Waiter) -> None:
        """Take `waiter` out of `key`'s queue; when it was the head, the next one takes over."""
        queue = self._queues.get(key)
        if queue is None:
            return
        if queue[0] is waiter:
            queue.popleft()
            if queue:
                queue[0].event.set()
        else:
            try:
                queue.remove(waiter)
            except ValueError:
                return
        if not queue:
            del self._queues[key]
