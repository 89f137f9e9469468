"""`ListenerPool`: the event manager's listener workers, and `DispatchHandle`.

Guarantees:

* **Structured.** Listener calls run in workers, tasks of the task group `attach` was given:
  a worker runs queued calls one after another, in the order they were scheduled, and parks
  when the queue is empty. Workers are started on demand, one more whenever a call blocks
  while others wait, so listeners run concurrently exactly as if each call had its own task,
  without paying for a task per call. (Context variables set by a listener are visible to
  later calls on the same worker; do not rely on them.)
* **Bounded.** `in_flight` counts calls queued or running; `wait_capacity()` returns once it
  is under `limit`, and at most `limit` workers exist.
* **Errors are reported, cancellation is not.** A call that raises `Exception` is counted and
  handed to the pool's `failed(callback, event, exc)`; cancellation propagates and ends its
  worker.
* **Grace.** `cancel_all()` cancels every worker (shielded) and releases the handles of calls
  that never ran; `wait_idle()` returns when nothing is in flight.

Why not AnyIO's memory object streams and a `CapacityLimiter` (what issue #14 asks for unless
a hand-made scheduler is measurably faster): `benchmarks/listener_pool.py`, 30,000 calls of a
listener that never suspends, `max_in_flight` 1,024, shared 2-core machine at load ~2,
median of 5: this pool 0.47 µs per call on asyncio and 0.68 on Trio; the same pool from
AnyIO parts (a stream of calls read by 1,024 worker tasks, a limiter token per call, taken
without a checkpoint while tokens are left) 15.2 and 19.0 µs (32x and 28x), because every
`receive()` on a memory object stream is a checkpoint (a trip through the event loop) and
hands the call to a parked task; a task per call under the limiter 18.9 and 25.1 µs. Here
one worker runs queued calls back to back and another is woken only while calls wait.
Running a listener inline in the reader (`coro.send(None)` until it suspends) would save
about 0.1-0.2 µs more per call, but a listener that suspends would then have entered its
cancel scopes and context in the reader's task: not done.
"""

from __future__ import annotations

import collections
import time
import typing

import anyio

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Generator, Sequence

    from anycord.events.base import Event
    from anycord.stats import DispatcherStats

__all__ = ["DispatchHandle", "ListenerPool"]

Callback = typing.Callable[[typing.Any], "Coroutine[typing.Any, typing.Any, None]"]
_UNBOUNDED: typing.Final = 1 << 62


class DispatchHandle:
    """What `dispatch()` returns: await it to wait until the event's listeners have finished.

    Awaiting is optional; the listeners run either way.
    """

    __slots__ = ("_done", "_pending")

    def __init__(self) -> None:
        self._pending = 0
        self._done: anyio.Event | None = None

    @property
    def pending(self) -> int:
        """Listener calls of this event still running."""
        return self._pending

    def _finish_one(self) -> None:
        self._pending -= 1
        if self._pending == 0 and self._done is not None:
            self._done.set()

    async def wait(self) -> None:
        """Return once every listener call of this event has finished."""
        if self._pending:
            if self._done is None:
                self._done = anyio.Event()
            await self._done.wait()

    def __await__(self) -> Generator[typing.Any, None, None]:
        return self.wait().__await__()


FINISHED: typing.Final = DispatchHandle()
"""The handle of an event nobody listens to."""


class ListenerPool:
    """Bounded listener workers (module doc). `limit=None`: unbounded."""

    __slots__ = (
        "_capacity",
        "_failed",
        "_idle",
        "_parked",
        "_scopes",
        "_stats",
        "_tg",
        "_waking",
        "_workers",
        "_workers_gone",
        "in_flight",
        "limit",
        "queue",
    )

    def __init__(
        self,
        limit: int | None,
        stats: DispatcherStats,
        failed: Callable[[Callback, Event, Exception], None],
    ) -> None:
        self.limit = _UNBOUNDED if limit is None else limit
        """The bound on calls in flight (a huge number when unbounded)."""
        self.in_flight = 0
        """Calls queued or running."""
        self._stats = stats
        self._failed = failed
        self.queue: collections.deque[tuple[Callback, Event, DispatchHandle | None]] = (
            collections.deque()
        )
        """Calls scheduled and not started: (callback, event, handle or None); None for the
        shard's dispatches, which nobody awaits, so the hot path builds no handle. Read-only
        outside the pool."""
        self._tg: anyio.abc.TaskGroup | None = None
        self._parked: list[anyio.Event] = []
        self._workers = 0
        self._waking = 0
        self._scopes: set[anyio.CancelScope] = set()
        self._workers_gone: anyio.Event | None = None
        self._capacity: anyio.Event | None = None
        self._idle: anyio.Event | None = None

    @property
    def bounded(self) -> bool:
        return self.limit != _UNBOUNDED

    @property
    def queued(self) -> int:
        """Calls scheduled and not started yet (part of `in_flight`)."""
        return len(self.queue)

    def attach(self, tg: anyio.abc.TaskGroup | None) -> None:
        """Start workers in `tg` from now on (`None`: the group is gone; release what is
        still queued, since it will never run)."""
        self._tg = tg
        if tg is None:
            self._release_queued()
            self.in_flight = 0
            self._parked.clear()
            self._scopes.clear()
            self._workers = self._waking = 0

    def submit(
        self, callbacks: Sequence[Callback], event: Event, handle: DispatchHandle | None
    ) -> None:
        """Queue one call of each callback with `event` and get a worker going."""
        self.in_flight += len(callbacks)
        queue = self.queue
        for callback in callbacks:
            queue.append((callback, event, handle))
        if not self._waking:
            self._ensure_worker()

    def _ensure_worker(self) -> None:
        # Wake one parked worker, or start one while under the bound. One worker "on its
        # way" at a time is enough: each worker wakes the next one before it runs a call
        # while calls are still queued, so a listener that blocks never holds up the others.
        parked = self._parked
        if parked:
            self._waking += 1
            parked.pop().set()
        elif self._workers < self.limit and self._tg is not None:
            self._waking += 1
            self._workers += 1
            self._tg.start_soon(self._worker, name="anycord listener worker")

    async def _worker(self) -> None:
        queue = self.queue
        stats = self._stats
        clock = time.perf_counter
        with anyio.CancelScope() as scope:
            self._scopes.add(scope)
            try:
                self._waking -= 1
                while True:
                    while queue:
                        callback, event, handle = queue.popleft()
                        if queue and not self._waking:
                            self._ensure_worker()
                        # The call is inlined here (no helper coroutine per call): this loop
                        # is the listener hot path.
                        timed = stats.timed
                        began = clock() if timed else 0.0
                        try:
                            await callback(event)
                        except Exception as exc:
                            stats.listener_errors += 1
                            self._failed(callback, event, exc)
                        finally:
                            stats.listener_calls += 1
                            if timed:
                                stats.listener_seconds += clock() - began
                            self.in_flight -= 1
                            if handle is not None:
                                handle._finish_one()
                            if self._capacity is not None and self.in_flight < self.limit:
                                self._capacity.set()
                                self._capacity = None
                            if not self.in_flight and self._idle is not None:
                                self._idle.set()
                                self._idle = None
                    wakeup = anyio.Event()
                    self._parked.append(wakeup)
                    await wakeup.wait()
                    self._waking -= 1
            finally:
                self._scopes.discard(scope)
                self._workers -= 1
                if not self._workers and self._workers_gone is not None:
                    self._workers_gone.set()

    async def wait_capacity(self) -> None:
        """Return once fewer than `limit` calls are in flight."""
        while self.in_flight >= self.limit:
            if self._capacity is None:
                self._capacity = anyio.Event()
            await self._capacity.wait()

    async def wait_idle(self) -> None:
        """Return when no call is in flight."""
        while self.in_flight:
            if self._idle is None:
                self._idle = anyio.Event()
            await self._idle.wait()

    async def cancel_all(self) -> None:
        """Cancel every worker (shielded), then drop what is still queued; waiters on
        capacity and idleness are released. The pool stays usable."""
        with anyio.CancelScope(shield=True):
            self._workers_gone = gone = anyio.Event()
            for scope in list(self._scopes):
                scope.cancel()
            if self._workers:
                await gone.wait()
            self._workers_gone = None
        # Every worker has exited: what is still queued never ran.
        self._release_queued()
        self._parked.clear()
        self._waking = 0
        if self._capacity is not None:
            self._capacity.set()
            self._capacity = None
        if self._idle is not None:
            self._idle.set()
            self._idle = None

    def _release_queued(self) -> None:
        queue = self.queue
        while queue:
            self.in_flight -= 1
            handle = queue.popleft()[2]
            if handle is not None:
                handle._finish_one()
