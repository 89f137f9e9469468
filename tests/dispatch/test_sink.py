"""The shard sink: raw payload events, unknown names, skipping decode, backpressure."""

from __future__ import annotations

import logging
import typing

import anyio
import pytest

from anycord.cache import Cache
from anycord.dispatch.manager import EventManager
from anycord.events import GuildMessageCreateEvent
from anycord.events.base import Event
from anycord.events.registry import REGISTRY
from anycord.events.shard import (
    ShardConnectedEvent,
    ShardDisconnectedEvent,
    ShardEvent,
    ShardPayloadEvent,
    ShardRateLimitedEvent,
    ShardResumedEvent,
)
from tests.cache import payloads as p

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable

RATE_LIMITED = {"opcode": 8, "retry_after": 1.5, "meta": {"guild_id": "1", "nonce": "x"}}


async def test_raw_payload_events_and_typed_event_in_order() -> None:
    manager = EventManager()
    seen: list[Event] = []

    async def on_any(event: ShardPayloadEvent | ShardRateLimitedEvent) -> None:
        seen.append(event)

    manager.listen()(on_any)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.on_shard_dispatch(None, "RATE_LIMITED", dict(RATE_LIMITED))
        await manager.wait_idle()
        await manager.aclose()
    # Both are dispatched in that order; their listener tasks may run in any order (Trio
    # randomises scheduling), so compare as a set.
    assert {type(e) for e in seen} == {ShardPayloadEvent, ShardRateLimitedEvent}
    raw, typed = sorted(seen, key=lambda e: type(e).__name__)
    assert isinstance(raw, ShardPayloadEvent)
    assert raw.name == "RATE_LIMITED"
    assert isinstance(typed, ShardRateLimitedEvent)
    assert (typed.opcode, typed.retry_after) == (8, 1.5)


async def test_unknown_event_is_raw_only_and_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    manager = EventManager()
    raw: list[ShardPayloadEvent] = []

    @manager.listen()
    async def on_raw(event: ShardPayloadEvent) -> None:
        raw.append(event)

    with caplog.at_level(logging.WARNING, logger="anycord.dispatch"):
        async with anyio.create_task_group() as tg:
            await tg.start(manager.run)
            for _ in range(3):
                await manager.on_shard_dispatch(None, "BRAND_NEW_THING", {"x": 1})
            await manager.wait_idle()
            await manager.aclose()
    assert [e.name for e in raw] == ["BRAND_NEW_THING"] * 3
    assert sum("BRAND_NEW_THING" in r.getMessage() for r in caplog.records) == 1


async def test_decode_skipped_when_nobody_needs_it() -> None:
    manager = EventManager()
    # A payload the factory would choke on: not decoding it is the only way no error is logged.
    broken: dict[str, object] = {"opcode": "not-a-number", "retry_after": object()}
    assert not manager.is_needed("RATE_LIMITED")
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.on_shard_dispatch(None, "RATE_LIMITED", broken)

        @manager.listen()
        async def on_other(event: ShardResumedEvent) -> None: ...

        assert manager.is_needed("RESUMED")
        assert not manager.is_needed("RATE_LIMITED")
        await manager.aclose()


async def test_needed_flags_follow_base_class_listeners() -> None:
    manager = EventManager()

    async def on_shard_event(event: ShardEvent) -> None: ...

    manager.subscribe(ShardEvent, on_shard_event)
    assert manager.is_needed("RATE_LIMITED")
    assert manager.is_needed("RESUMED")
    manager.unsubscribe(ShardEvent, on_shard_event)
    assert not any(manager.is_needed(name) for name in REGISTRY)

    async def on_everything(event: Event) -> None: ...

    manager.subscribe(Event, on_everything)
    assert all(manager.is_needed(name) for name in REGISTRY)


async def test_decode_failure_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    manager = EventManager()

    @manager.listen()
    async def on_rl(event: ShardRateLimitedEvent) -> None: ...

    with caplog.at_level(logging.ERROR, logger="anycord.dispatch"):
        async with anyio.create_task_group() as tg:
            await tg.start(manager.run)
            await manager.on_shard_dispatch(None, "RATE_LIMITED", {"retry_after": "soon"})
            await manager.aclose()
    assert any("RATE_LIMITED" in r.getMessage() for r in caplog.records)


async def test_connected_and_disconnected_events() -> None:
    manager = EventManager()
    seen: list[type[Event]] = []

    @manager.listen()
    async def on_state(event: ShardConnectedEvent | ShardDisconnectedEvent) -> None:
        seen.append(type(event))

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.on_shard_connected(None)  # type: ignore[arg-type]
        await manager.on_shard_disconnected(None)  # type: ignore[arg-type]
        await manager.wait_idle()
        await manager.aclose()
    assert sorted(t.__name__ for t in seen) == ["ShardConnectedEvent", "ShardDisconnectedEvent"]


async def test_slow_listener_bounds_in_flight_and_pauses_the_sink() -> None:
    manager = EventManager(max_in_flight=4)
    release = anyio.Event()
    peak = 0

    @manager.listen()
    async def slow(event: ShardRateLimitedEvent) -> None:
        nonlocal peak
        peak = max(peak, manager.in_flight)
        await release.wait()

    fed = 0

    async def shard_reader() -> None:
        nonlocal fed
        for _ in range(100):
            await manager.on_shard_dispatch(None, "RATE_LIMITED", dict(RATE_LIMITED))
            fed += 1

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        tg.start_soon(shard_reader)
        await anyio.wait_all_tasks_blocked()
        # The reader is parked: four calls run, the fifth dispatch waits for a slot.
        assert manager.in_flight == 4
        assert fed == 4
        release.set()
        await anyio.wait_all_tasks_blocked()
        assert fed == 100
        await manager.aclose()
    assert peak <= 4


async def test_unbounded_when_configured() -> None:
    manager = EventManager(max_in_flight=None)
    assert manager.max_in_flight is None
    with pytest.raises(ValueError, match="max_in_flight"):
        EventManager(max_in_flight=0)


async def test_message_create_not_decoded_without_listeners_but_cached(
    caplog: pytest.LogCaptureFixture,
) -> None:
    cache = Cache()
    manager = EventManager(cache=cache)
    # No "author": decoding would raise KeyError. The message cache stores payloads as
    # received, so only a decode can fail.
    undecodable = {"id": "5", "channel_id": "6", "guild_id": "7", "content": "x"}
    with caplog.at_level(logging.ERROR, logger="anycord.dispatch"):
        async with anyio.create_task_group() as tg:
            await tg.start(manager.run)
            await manager.on_shard_dispatch(None, "MESSAGE_CREATE", dict(undecodable))
            assert not caplog.records
            assert 5 in cache.get_messages_view()

            @manager.listen()
            async def on_message(event: GuildMessageCreateEvent) -> None: ...

            await manager.on_shard_dispatch(None, "MESSAGE_CREATE", dict(undecodable, id="8"))
            await manager.aclose()
    assert any("MESSAGE_CREATE" in r.getMessage() for r in caplog.records)


async def test_raw_subscribers_run_in_order_after_the_cache_and_survive_errors(
    caplog: pytest.LogCaptureFixture,
) -> None:
    cache = Cache()
    manager = EventManager(cache=cache)
    calls: list[tuple[str, object]] = []

    async def every(shard: object, payload: dict[str, object]) -> None:
        calls.append(("every", payload.get("id")))

    async def on_create(shard: object, payload: dict[str, object]) -> None:
        # The cache already holds the message: subscribers run after the update.
        calls.append(("create", cache.get_message(int(str(payload["id"]))) is not None))
        raise RuntimeError("boom")

    manager.subscribe_raw(None, every)
    manager.subscribe_raw("MESSAGE_CREATE", on_create)
    with caplog.at_level(logging.ERROR, logger="anycord.dispatch"):
        await manager.on_shard_dispatch(None, "MESSAGE_CREATE", p.message("5"))
        await manager.on_shard_dispatch(None, "SOMETHING_NEW", {"id": "6"})
    assert calls == [("every", "5"), ("create", True), ("every", "6")]
    assert sum("raw subscriber" in r.getMessage() for r in caplog.records) == 1
    manager.unsubscribe_raw(None, every)
    manager.unsubscribe_raw("MESSAGE_CREATE", on_create)
    await manager.on_shard_dispatch(None, "MESSAGE_CREATE", p.message("7"))
    assert len(calls) == 3


async def test_message_create_gets_the_extras_subscribed_midway() -> None:
    # MESSAGE_CREATE takes the sink's short path while nobody wants its raw payload; a
    # ShardPayloadEvent listener or a raw subscriber added between two dispatches gets the
    # next one, and removing them brings the short path back with nothing left behind.
    cache = Cache()
    manager = EventManager(cache=cache)
    typed: list[str] = []
    raw: list[object] = []
    hooked: list[object] = []

    async def on_message(event: GuildMessageCreateEvent) -> None:
        typed.append(str(event.message_id))

    async def on_raw(event: ShardPayloadEvent) -> None:
        raw.append(event.payload["id"])

    async def hook(shard: object, payload: dict[str, object]) -> None:
        hooked.append(payload["id"])

    manager.subscribe(GuildMessageCreateEvent, on_message)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.on_shard_dispatch(None, "MESSAGE_CREATE", p.message("5"))
        manager.subscribe(ShardPayloadEvent, on_raw)
        await manager.on_shard_dispatch(None, "MESSAGE_CREATE", p.message("6"))
        manager.unsubscribe(ShardPayloadEvent, on_raw)
        manager.subscribe_raw("MESSAGE_CREATE", hook)
        await manager.on_shard_dispatch(None, "MESSAGE_CREATE", p.message("7"))
        manager.unsubscribe_raw("MESSAGE_CREATE", hook)
        await manager.on_shard_dispatch(None, "MESSAGE_CREATE", p.message("8"))
        await manager.wait_idle()
        await manager.aclose()
    assert sorted(typed) == ["5", "6", "7", "8"]
    assert raw == ["6"]
    assert hooked == ["7"]
    assert all(cache.get_message(i) is not None for i in (5, 6, 7, 8))


async def test_the_usual_dispatch_gives_the_shard_nothing_to_await() -> None:
    # The shard's hot path: under the bound, with no raw subscriber, delivering a dispatch is
    # a plain call. At the bound, and for raw subscribers, the shard gets something to await,
    # and nothing past the wait happens before it does.
    manager = EventManager(cache=Cache(), max_in_flight=1)
    release = anyio.Event()
    seen: list[int] = []
    hooked: list[str] = []

    @manager.listen()
    async def slow(event: GuildMessageCreateEvent) -> None:
        seen.append(event.message_id)
        await release.wait()

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        assert manager.deliver_dispatch(None, "MESSAGE_CREATE", p.message("5")) is None
        wait = manager.deliver_dispatch(None, "MESSAGE_CREATE", p.message("6"))
        assert wait is not None  # at the bound: the shard must wait for a slot
        await anyio.wait_all_tasks_blocked()
        assert seen == [5]
        assert manager.in_flight == 1

        delivered = anyio.Event()

        async def shard(wait: Awaitable[None]) -> None:
            await wait
            delivered.set()

        tg.start_soon(shard, wait)
        await anyio.wait_all_tasks_blocked()
        assert seen == [5]
        assert not delivered.is_set()
        release.set()
        await delivered.wait()
        await manager.wait_idle()
        assert seen == [5, 6]

        async def hook(shard: object, payload: dict[str, object]) -> None:
            hooked.append(str(payload["id"]))

        manager.subscribe_raw("MESSAGE_CREATE", hook)
        wait = manager.deliver_dispatch(None, "MESSAGE_CREATE", p.message("7"))
        assert wait is not None
        assert hooked == []  # raw subscribers run when the shard awaits
        await wait
        assert hooked == ["7"]
        await manager.wait_idle()
        await manager.aclose()
    assert seen == [5, 6, 7]
