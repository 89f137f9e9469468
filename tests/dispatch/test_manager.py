"""EventManager: registration, polymorphic dispatch, inference, errors, lifecycle, bound."""

from __future__ import annotations

import logging
import typing

import anyio
import attrs
import pytest

from anycord.dispatch.manager import EventManager
from anycord.errors import ComponentStateConflictError
from anycord.events.base import Event, ExceptionEvent
from anycord.events.lifetime import StartedEvent, StartingEvent


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class BaseEv(Event):
    n: int = 0


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ChildEv(BaseEv):
    pass


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class OtherEv(Event):
    pass


async def test_dispatch_before_run_raises() -> None:
    manager = EventManager()
    with pytest.raises(ComponentStateConflictError):
        manager.dispatch(BaseEv())


async def test_polymorphic_dispatch_reaches_base_and_exact_listeners() -> None:
    manager = EventManager()
    seen: list[str] = []

    async def on_base(event: BaseEv) -> None:
        seen.append(f"base:{type(event).__name__}")

    async def on_child(event: ChildEv) -> None:
        seen.append("child")

    async def on_any(event: Event) -> None:
        seen.append(f"any:{type(event).__name__}")

    manager.subscribe(BaseEv, on_base)
    manager.subscribe(ChildEv, on_child)
    manager.subscribe(Event, on_any)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.dispatch(ChildEv())
        await manager.dispatch(BaseEv())
        await manager.dispatch(OtherEv())
        await manager.aclose()
    assert sorted(seen) == sorted(
        ["base:ChildEv", "child", "any:ChildEv", "base:BaseEv", "any:BaseEv", "any:OtherEv"]
    )
    assert manager.get_listeners(ChildEv) == [on_child, on_base, on_any]
    assert manager.get_listeners(ChildEv, polymorphic=False) == [on_child]


async def test_unsubscribe_stops_delivery() -> None:
    manager = EventManager()
    seen: list[int] = []

    async def listener(event: BaseEv) -> None:
        seen.append(event.n)

    manager.subscribe(BaseEv, listener)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.dispatch(BaseEv(n=1))
        manager.unsubscribe(BaseEv, listener)
        manager.unsubscribe(BaseEv, listener)  # absent: no-op
        await manager.dispatch(BaseEv(n=2))
        await manager.aclose()
    assert seen == [1]


async def test_listen_infers_types_from_annotations_including_unions() -> None:
    manager = EventManager()

    @manager.listen()
    async def single(event: ChildEv) -> None: ...

    @manager.listen()
    async def union(event: StartingEvent | StartedEvent) -> None: ...

    @manager.listen()
    async def old_union(event: typing.Union[OtherEv, BaseEv]) -> None: ...  # noqa: UP007

    @manager.listen(OtherEv)
    async def explicit(event: Event) -> None: ...

    assert manager.get_listeners(ChildEv, polymorphic=False) == [single]
    assert manager.get_listeners(StartingEvent, polymorphic=False) == [union]
    assert manager.get_listeners(StartedEvent, polymorphic=False) == [union]
    assert manager.get_listeners(OtherEv, polymorphic=False) == [old_union, explicit]
    assert manager.get_listeners(BaseEv, polymorphic=False) == [old_union]


async def test_listen_and_subscribe_reject_bad_input() -> None:
    manager = EventManager()

    async def no_annotation(event) -> None: ...

    async def two_required(event: BaseEv, other: int) -> None: ...

    async def not_event(event: int) -> None: ...

    def not_async(event: BaseEv) -> None: ...

    for bad in (no_annotation, two_required, not_event):
        with pytest.raises(TypeError):
            manager.listen()(bad)
    with pytest.raises(TypeError, match="async"):
        manager.subscribe(BaseEv, not_async)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not an Event"):
        manager.subscribe(int, no_annotation)  # type: ignore[type-var]


async def test_class_with_async_call_is_a_listener() -> None:
    manager = EventManager()
    got: list[Event] = []

    class Listener:
        async def __call__(self, event: BaseEv) -> None:
            got.append(event)

    manager.listen()(Listener())
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.dispatch(BaseEv())
        await manager.aclose()
    assert len(got) == 1


async def test_listener_exception_becomes_exception_event() -> None:
    manager = EventManager()
    failures: list[ExceptionEvent[typing.Any]] = []
    boom = ValueError("boom")

    async def bad(event: BaseEv) -> None:
        raise boom

    async def on_error(event: ExceptionEvent[typing.Any]) -> None:
        failures.append(event)

    manager.subscribe(BaseEv, bad)
    manager.subscribe(ExceptionEvent, on_error)
    ev = BaseEv(n=7)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.dispatch(ev)
        await manager.wait_idle()
        await manager.aclose()
    assert len(failures) == 1
    assert failures[0].exception is boom
    assert failures[0].failed_event is ev
    assert failures[0].failed_callback is bad


async def test_listener_exception_logged_when_nobody_listens(
    caplog: pytest.LogCaptureFixture,
) -> None:
    manager = EventManager()

    async def bad(event: BaseEv) -> None:
        raise RuntimeError("kaput")

    manager.subscribe(BaseEv, bad)
    with caplog.at_level(logging.ERROR, logger="anycord.dispatch"):
        async with anyio.create_task_group() as tg:
            await tg.start(manager.run)
            await manager.dispatch(BaseEv())
            await manager.aclose()
    assert any("kaput" in (r.exc_text or "") or r.exc_info for r in caplog.records)
    assert manager.in_flight == 0


async def test_exception_in_exception_listener_does_not_loop(
    caplog: pytest.LogCaptureFixture,
) -> None:
    manager = EventManager()
    calls = 0

    async def bad(event: BaseEv) -> None:
        raise RuntimeError("first")

    async def bad_handler(event: ExceptionEvent[typing.Any]) -> None:
        nonlocal calls
        calls += 1
        raise RuntimeError("second")

    manager.subscribe(BaseEv, bad)
    manager.subscribe(ExceptionEvent, bad_handler)
    with caplog.at_level(logging.ERROR, logger="anycord.dispatch"):
        async with anyio.create_task_group() as tg:
            await tg.start(manager.run)
            await manager.dispatch(BaseEv())
            await manager.wait_idle()
            await manager.aclose()
    assert calls == 1
    assert any(r.exc_info and "second" in str(r.exc_info[1]) for r in caplog.records)


async def test_cancellation_is_not_an_exception_event() -> None:
    manager = EventManager(grace=0.01)
    failures: list[Event] = []
    started = anyio.Event()

    async def forever(event: BaseEv) -> None:
        started.set()
        await anyio.sleep_forever()

    async def on_error(event: ExceptionEvent[typing.Any]) -> None:
        failures.append(event)

    manager.subscribe(BaseEv, forever)
    manager.subscribe(ExceptionEvent, on_error)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        manager.dispatch(BaseEv())
        await started.wait()
        await manager.aclose()
    assert failures == []
    assert manager.in_flight == 0


async def test_aclose_gives_grace_then_cancels() -> None:
    manager = EventManager()
    finished: list[str] = []

    async def quick(event: BaseEv) -> None:
        await anyio.sleep(0.01)
        finished.append("quick")

    async def slow(event: BaseEv) -> None:
        try:
            await anyio.sleep(30)
            finished.append("slow")
        finally:
            finished.append("slow-cleanup")

    manager.subscribe(BaseEv, quick)
    manager.subscribe(BaseEv, slow)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        manager.dispatch(BaseEv())
        with anyio.fail_after(5):
            await manager.aclose(grace=0.1)
    assert finished == ["quick", "slow-cleanup"]
    assert not manager.is_running
    with pytest.raises(ComponentStateConflictError):
        manager.dispatch(BaseEv())


async def test_run_twice_conflicts_and_restart_after_close_works() -> None:
    manager = EventManager()
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        with pytest.raises(ComponentStateConflictError):
            await manager.run()
        await manager.aclose()
        await tg.start(manager.run)
        assert manager.is_running
        await manager.aclose()


async def test_awaiting_dispatch_waits_for_listeners() -> None:
    manager = EventManager()
    done = []

    async def listener(event: BaseEv) -> None:
        await anyio.sleep(0.01)
        done.append(event.n)

    manager.subscribe(BaseEv, listener)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        handle = manager.dispatch(BaseEv(n=3))
        assert handle.pending == 1
        await handle
        assert done == [3]
        await manager.dispatch(OtherEv())  # nobody listens: finished at once
        await manager.aclose()


async def test_drain_cancels_stragglers_and_keeps_running() -> None:
    manager = EventManager(max_in_flight=2)
    log: list[str] = []
    release = anyio.Event()

    async def slow(event: BaseEv) -> None:
        try:
            await release.wait()
            log.append(f"done {event.n}")
        except anyio.get_cancelled_exc_class():
            log.append(f"cancelled {event.n}")
            raise

    async def fast(event: OtherEv) -> None:
        log.append("fast")

    manager.subscribe(BaseEv, slow)
    manager.subscribe(OtherEv, fast)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        handles = [manager.dispatch(BaseEv(n=n)) for n in range(4)]  # two run, two queued
        await anyio.wait_all_tasks_blocked()
        with anyio.fail_after(5):
            await manager.drain(grace=0.05)
            for handle in handles:
                await handle  # released even for calls that never ran
        assert sorted(log) == ["cancelled 0", "cancelled 1"]
        assert manager.in_flight == 0
        assert manager.is_running
        await manager.dispatch(OtherEv())
        assert log[-1] == "fast"
        await manager.aclose()
