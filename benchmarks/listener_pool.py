"""The listener worker pool against the same pool built from AnyIO parts, on both backends.

Run: `python benchmarks/listener_pool.py [--events N] [--rounds R]`.

A producer schedules N calls of one listener that counts and never suspends, the way the
shard's reader feeds the dispatcher (it lets the workers run every 64 queued calls), with
`max_in_flight` 1,024, then waits until every call has finished. Printed: µs per call
(median of R rounds) for

* **anycord**: `anycord.dispatch.workers.ListenerPool` (a deque, parked workers woken on
  demand, one worker runs queued calls back to back);
* **anyio parts**: a memory object stream of `(callback, event)` with a buffer of 1,024 and a
  `CapacityLimiter(1024)` bounding calls in flight (a token taken per call by the producer,
  without a checkpoint while tokens are left, given back by the worker when the call ends),
  read by 1,024 worker tasks (so a listener that blocks never holds up the others, as in the
  pool);
* **task per call**: `tg.start_soon(listener, event)` under the same limiter.

The issue (#14) asks for the AnyIO parts unless a hand-made scheduler is measurably faster;
this is that measurement.
"""

from __future__ import annotations

import argparse
import statistics
import time
import typing

import anyio
import anyio.lowlevel

from anycord.dispatch.workers import ListenerPool
from anycord.stats import DispatcherStats

LIMIT = 1024
YIELD_AT = 64


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, event: object) -> None:
        self.calls += 1


def _failed(callback: object, event: object, exc: Exception) -> None:
    raise AssertionError(exc)


async def anycord_pool(events: int) -> float:
    listener = Counter()
    pool = ListenerPool(LIMIT, DispatcherStats(), _failed)
    callbacks = (listener,)
    event = typing.cast("typing.Any", object())
    async with anyio.create_task_group() as tg:
        pool.attach(tg)
        began = time.perf_counter()
        for _ in range(events):
            if pool.in_flight >= pool.limit:
                await pool.wait_capacity()
            pool.submit(callbacks, event, None)
            if len(pool.queue) >= YIELD_AT:
                await anyio.lowlevel.checkpoint()
        await pool.wait_idle()
        elapsed = time.perf_counter() - began
        tg.cancel_scope.cancel()
    assert listener.calls == events
    return elapsed


async def anyio_parts(events: int) -> float:
    listener = Counter()
    limiter = anyio.CapacityLimiter(LIMIT)
    send, receive = anyio.create_memory_object_stream[tuple[Counter, object, object]](LIMIT)
    done = anyio.Event()

    async def worker() -> None:
        async for callback, event, token in receive:
            try:
                await callback(event)
            finally:
                limiter.release_on_behalf_of(token)
                if listener.calls == events:
                    done.set()

    async with anyio.create_task_group() as tg:
        for _ in range(LIMIT):
            tg.start_soon(worker)
        await anyio.sleep(0.05)  # every worker parked on the stream
        began = time.perf_counter()
        for _ in range(events):
            token = object()
            try:  # no checkpoint while tokens are left, as the pool's own bound check
                limiter.acquire_on_behalf_of_nowait(token)
            except anyio.WouldBlock:
                await limiter.acquire_on_behalf_of(token)
            send.send_nowait((listener, object(), token))
            if send.statistics().current_buffer_used >= YIELD_AT:
                await anyio.lowlevel.checkpoint()
        await done.wait()
        elapsed = time.perf_counter() - began
        tg.cancel_scope.cancel()
    assert listener.calls == events
    return elapsed


async def task_per_call(events: int) -> float:
    listener = Counter()
    limiter = anyio.CapacityLimiter(LIMIT)
    done = anyio.Event()

    async def call(event: object, token: object) -> None:
        try:
            await listener(event)
        finally:
            limiter.release_on_behalf_of(token)
            if listener.calls == events:
                done.set()

    async with anyio.create_task_group() as tg:
        began = time.perf_counter()
        for i in range(events):
            token = object()
            await limiter.acquire_on_behalf_of(token)
            tg.start_soon(call, i, token)
            if i % YIELD_AT == YIELD_AT - 1:
                await anyio.lowlevel.checkpoint()
        await done.wait()
        elapsed = time.perf_counter() - began
    assert listener.calls == events
    return elapsed


VARIANTS: dict[str, typing.Callable[[int], typing.Awaitable[float]]] = {
    "anycord ListenerPool": anycord_pool,
    "anyio parts (stream + limiter)": anyio_parts,
    "task per call (+ limiter)": task_per_call,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{args.events:,} listener calls, max_in_flight {LIMIT}; µs per call, median of "
        f"{args.rounds}"
    )
    for backend in ("asyncio", "trio"):
        results = {}
        for name, variant in VARIANTS.items():
            rounds = [anyio.run(variant, args.events, backend=backend) for _ in range(args.rounds)]
            results[name] = statistics.median(rounds) / args.events * 1e6
        base = results["anycord ListenerPool"]
        for name, us in results.items():
            print(f"  {backend:8}{name:34}{us:8.2f} µs  ({us / base:.1f}x)")


if __name__ == "__main__":
    main()
