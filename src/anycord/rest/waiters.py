"""First-come, first-served queues of callers held by a rate limit, served by their head.

`RESTClient` asks the pure limiter (`ratelimits.py`) for a grant; when the answer is `Wait`,
the caller queues here under the wait's key (a bucket, a major parameter, or the global limit).
Only the head of a queue is *active*: it sleeps until the wait's delay ends or, when it waits
for a response, until a response on that key wakes it (the client sets a global head's timer
to when the queued callers' slots have all freed, at most `TICK` past the first). Then it
*serves* the queue (`WaitQueues.serve`): it asks the limiter on behalf of each caller in
order, from itself on, waking each one granted with its grant and moving each one told to
wait on another key to that key's queue, until the limiter says the queue's own key is
still exhausted; the caller that got that answer is the new head. The others sleep without
a timer.

So a caller wakes once for its grant, plus once when it becomes a head with a timer to
start; it never wakes to find that someone else took the slot: no thundering herd. Slots
freed together are granted together, so the callers granted send in one turn of the event
loop instead of one turn each. Grants on one key follow the order the callers
queued in; a caller arriving while others wait on its key queues behind them instead of
overtaking them.

Guarantee: every non-empty queue has an active head, so no caller sleeps forever while the
limiter could grant it: the head's timer or its key's response wakes it, and a head that
leaves (granted, moved, failed or cancelled) always hands the role to the next caller.
"""

from __future__ import annotations

import collections
import typing

import anyio

from anycord.rest.ratelimits import Grant, Wait

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.rest.routes import CompiledRoute

__all__ = ["TICK", "WaitQueues", "Waiter"]

TICK: typing.Final = 0.01
"""Seconds: the longest a timed head waits past its first free slot for more slots to free
(the sends of a burst leave the global window one by one), to grant them on one wake-up."""
_MARGIN: typing.Final = 1e-6
"""Seconds added to a timer, so that it never ends a float rounding before the slot frees
(the head would find the slot still taken and start another timer)."""


class Waiter:
    """One caller in a queue: its route, and the limiter's answer once one is handed to it."""

    __slots__ = ("decision", "event", "key", "route")

    def __init__(self, route: CompiledRoute) -> None:
        self.route = route
        self.key: str | None = None
        """The queue it is in."""
        self.event = anyio.Event()
        self.decision: Grant | Wait | None = None
        """Set by `WaitQueues.serve` for a caller other than the serving one, with its wake."""

    def take(self) -> Grant | Wait | None:
        """The answer handed to this caller, once (`None` when woken only to serve)."""
        decision, self.decision = self.decision, None
        return decision


class WaitQueues:
    """One FIFO queue of waiting callers per wait key."""

    __slots__ = ("_queues", "wakeups")

    def __init__(self) -> None:
        self._queues: dict[str, collections.deque[Waiter]] = {}
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

    def join(self, key: str, waiter: Waiter) -> None:
        """Queue a caller (in no queue) at the back of `key`'s; `leave` it in a `finally`."""
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = collections.deque()
        queue.append(waiter)
        waiter.key = key

    def is_head(self, key: str, waiter: Waiter) -> bool:
        """Whether `waiter` is the active caller of `key`'s queue."""
        queue = self._queues.get(key)
        return queue is not None and queue[0] is waiter

    def queued(self, key: str) -> int:
        """Callers in `key`'s queue."""
        queue = self._queues.get(key)
        return 0 if queue is None else len(queue)

    async def wait(self, waiter: Waiter, delay: float | None) -> None:
        """Sleep `delay` seconds (a timed head), or with `None` until woken.

        A timed head only sleeps: nothing a response says can end a timed wait early (a
        bucket's reset or the global window only move later), and it serves its queue when
        it wakes. No timer is rounded to a grid: a grid (10 ms ticks before) made a queue
        held by the global limit start each window up to one tick late, and as each
        window's sends then set the next one's expiry, the loss repeated every second.
        """
        if delay is not None:
            await anyio.sleep(delay + _MARGIN)
        else:
            if waiter.event.is_set():
                waiter.event = anyio.Event()
            await waiter.event.wait()
        self.wakeups += 1

    def serve(
        self,
        key: str,
        server: Waiter,
        acquire: Callable[[CompiledRoute], Grant | Wait],
    ) -> Grant | Wait:
        """Hand the limiter's answers to `key`'s queue in order; returns `server`'s own.

        `server` is the head, woken by its timer or a response. A caller granted leaves the
        queue and is woken with its grant; one told to wait on another key moves to the back
        of that key's queue at once, and is woken only when it heads that queue with a timer
        to start. Serving stops at the first caller told to wait on `key` itself: it stays
        the head, woken to start its timer when the wait has a delay. `server`'s own answer
        is returned instead of handed.
        """
        queue = self._queues.get(key)
        if not queue or queue[0] is not server:
            msg = f"only the head of the {key!r} queue serves it"
            raise RuntimeError(msg)
        mine: Grant | Wait = acquire(server.route)
        decision = mine
        head = server
        while True:
            if isinstance(decision, Wait) and decision.key == key:
                if head is not server and decision.delay is not None:
                    self._hand(head, decision)
                break
            queue.popleft()
            head.key = None
            if isinstance(decision, Wait):
                # Moved now, not when it wakes: a response on the new key in between
                # would find nobody to wake.
                self.join(decision.key, head)
                if head is not server and (
                    decision.delay is not None and self.is_head(decision.key, head)
                ):
                    self._hand(head, decision)
            elif head is not server:
                self._hand(head, decision)
            if not queue:
                del self._queues[key]
                break
            head = queue[0]
            decision = acquire(head.route)
        return mine

    @staticmethod
    def _hand(waiter: Waiter, decision: Grant | Wait) -> None:
        waiter.decision = decision
        waiter.event.set()

    def leave(self, waiter: Waiter) -> None:
        """Take `waiter` out of its queue; when it was the head, the next one takes over."""
        key, waiter.key = waiter.key, None
        if key is None:
            return
        queue = self._queues[key]
        if queue[0] is waiter:
            queue.popleft()
            if queue:
                queue[0].event.set()
        else:
            queue.remove(waiter)
        if not queue:
            del self._queues[key]
