"""wait_for and stream: results, predicates, timeouts, cancellation, bounds."""

from __future__ import annotations

import anyio
import pytest

from anycord.dispatch.manager import EventManager
from anycord.errors import ComponentStateConflictError
from tests.dispatch.test_manager import BaseEv, ChildEv, OtherEv


async def test_wait_for_returns_first_matching_event_polymorphically() -> None:
    manager = EventManager()
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        result: list[BaseEv] = []

        async def waiter() -> None:
            result.append(await manager.wait_for(BaseEv, lambda e: e.n == 2))

        tg.start_soon(waiter)
        await anyio.wait_all_tasks_blocked()
        assert manager.is_needed("RESUMED") is False
        manager.dispatch(BaseEv(n=1))
        manager.dispatch(OtherEv())
        manager.dispatch(ChildEv(n=2))
        manager.dispatch(BaseEv(n=2))
        await anyio.wait_all_tasks_blocked()
        assert len(result) == 1
        assert type(result[0]) is ChildEv
        assert manager._waiters == {}
        await manager.aclose()


async def test_wait_for_timeout_raises_and_leaves_no_waiter() -> None:
    manager = EventManager()
    with pytest.raises(TimeoutError):
        await manager.wait_for(BaseEv, timeout=0.01)
    assert manager._waiters == {}
    with pytest.raises(TimeoutError), anyio.fail_after(0.01):
        await manager.wait_for(BaseEv)
    assert manager._waiters == {}


async def test_wait_for_cancelled_leaves_no_stale_waiter_and_consumer_off() -> None:
    from anycord.events.shard import ShardResumedEvent

    manager = EventManager()
    async with anyio.create_task_group() as tg:
        tg.start_soon(manager.wait_for, ShardResumedEvent)
        await anyio.wait_all_tasks_blocked()
        assert manager.is_needed("RESUMED")
        tg.cancel_scope.cancel()
    assert manager._waiters == {}
    assert not manager.is_needed("RESUMED")


async def test_wait_for_predicate_error_is_raised_to_the_waiter() -> None:
    manager = EventManager()

    def predicate(event: BaseEv) -> bool:
        raise KeyError("bad predicate")

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        caught: list[BaseException] = []

        async def waiter() -> None:
            try:
                await manager.wait_for(BaseEv, predicate)
            except KeyError as exc:
                caught.append(exc)

        tg.start_soon(waiter)
        await anyio.wait_all_tasks_blocked()
        manager.dispatch(BaseEv())
        await anyio.wait_all_tasks_blocked()
        assert len(caught) == 1
        await manager.aclose()


async def test_stream_filter_map_limit() -> None:
    manager = EventManager()
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        async with manager.stream(BaseEv, limit=10) as stream:
            for n in range(8):
                manager.dispatch(BaseEv(n=n))
            manager.dispatch(OtherEv())
            got = [
                n
                async for n in stream.filter(lambda e: e.n % 2 == 0)
                .map(lambda e: e.n * 10)
                .limit(3)
            ]
        assert got == [0, 20, 40]
        assert manager._feeds == {}
        await manager.aclose()


async def test_stream_drops_newest_when_full_and_counts() -> None:
    manager = EventManager()
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        async with manager.stream(BaseEv, limit=3, timeout=0.01) as stream:
            for n in range(10):
                manager.dispatch(BaseEv(n=n))
            got = [e.n async for e in stream]
            assert got == [0, 1, 2]
            assert stream.dropped == 7
        await manager.aclose()


async def test_stream_takes_timeout_then_limit_by_position_as_hikari_does() -> None:
    manager = EventManager()
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        async with manager.stream(BaseEv, 0.01, 2) as stream:
            for n in range(5):
                manager.dispatch(BaseEv(n=n))
            got = [e.n async for e in stream]  # ends after 0.01 s without an event
        assert got == [0, 1]
        assert stream.dropped == 3
        # hikari's `limit=None` (its "unlimited") is the default bound here, never unbounded.
        async with manager.stream(BaseEv, 0.01, None) as stream:
            for n in range(101):
                manager.dispatch(BaseEv(n=n))
            assert len([e async for e in stream]) == 100
        assert stream.dropped == 1
        await manager.aclose()


async def test_prefilter_keeps_rejected_events_out_of_buffer() -> None:
    manager = EventManager()
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        async with manager.stream(BaseEv, limit=2, timeout=0.01) as stream:
            evens = stream.filter(lambda e: e.n % 2 == 0)
            for n in range(6):
                manager.dispatch(BaseEv(n=n))
            got = [e.n async for e in evens]
        assert got == [0, 2]
        assert stream.dropped == 1  # 4 arrived when the buffer held 0 and 2
        await manager.aclose()


async def test_stream_cancelled_while_iterating_unsubscribes() -> None:
    manager = EventManager()
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)

        async def reader() -> None:
            async with manager.stream(BaseEv) as stream:
                async for _ in stream:
                    pass

        async with anyio.create_task_group() as inner:
            inner.start_soon(reader)
            await anyio.wait_all_tasks_blocked()
            assert BaseEv in manager._feeds
            inner.cancel_scope.cancel()
        assert manager._feeds == {}
        await manager.aclose()


async def test_stream_misuse() -> None:
    manager = EventManager()
    stream = manager.stream(BaseEv)
    with pytest.raises(ComponentStateConflictError):
        async for _ in stream:
            pass
    with pytest.raises(ValueError, match="limit"):
        manager.stream(BaseEv, limit=0)
    with pytest.raises(ValueError, match="limit"):
        stream.limit(-1)
