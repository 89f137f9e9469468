"""A dispatch that cannot be decoded: raw listeners still get it, one log line names it, and
the cache keeps only what decodes; gateway notices are logged whether or not anyone listens."""

from __future__ import annotations

import logging
import typing

import anyio

from anycord.cache import Cache
from anycord.dispatch.manager import EventManager
from anycord.events import (  # noqa: TC001 - listen() reads the annotations at runtime
    GuildBulkMessageDeleteEvent,
    GuildMessageCreateEvent,
    GuildMessageDeleteEvent,
    ShardPayloadEvent,
)
from tests.cache import payloads as p

if typing.TYPE_CHECKING:
    import pytest

    from anycord.events.base import Event

GOOD = "800000000000000001"
BAD = "800000000000000002"


def bad_message() -> dict[str, typing.Any]:
    # An author that is not an object: the message decoder cannot read it.
    return {**p.message(BAD), "author": 12345}


async def test_an_undecodable_message_reaches_raw_listeners_and_is_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    manager = EventManager(cache=Cache())
    raw: list[str] = []
    typed: list[Event] = []

    @manager.listen()
    async def on_raw(event: ShardPayloadEvent) -> None:
        raw.append(event.name)

    @manager.listen()
    async def on_message(event: GuildMessageCreateEvent) -> None:
        typed.append(event)

    with caplog.at_level(logging.WARNING):
        async with anyio.create_task_group() as tg:
            await tg.start(manager.run)
            await manager.on_shard_dispatch(None, "MESSAGE_CREATE", bad_message())
            await manager.wait_idle()
            await manager.aclose()
    assert raw == ["MESSAGE_CREATE"]
    assert typed == []
    failures = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(failures) == 1
    assert "MESSAGE_CREATE" in failures[0].getMessage()


async def test_a_cached_message_that_does_not_decode_never_breaks_a_later_event() -> None:
    cache = Cache()
    manager = EventManager(cache=cache)
    bulk: list[GuildBulkMessageDeleteEvent] = []
    deleted: list[GuildMessageDeleteEvent] = []

    @manager.listen()
    async def on_bulk(event: GuildBulkMessageDeleteEvent) -> None:
        bulk.append(event)

    @manager.listen()
    async def on_delete(event: GuildMessageDeleteEvent) -> None:
        deleted.append(event)

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        # Nobody listens to creations: both are cached raw, neither decoded yet.
        for payload in (p.message(GOOD), bad_message(), {**bad_message(), "id": "3"}):
            await manager.on_shard_dispatch(None, "MESSAGE_CREATE", payload)
        await manager.on_shard_dispatch(
            None,
            "MESSAGE_DELETE_BULK",
            {"ids": [GOOD, BAD], "channel_id": p.TEXT, "guild_id": p.GUILD},
        )
        await manager.on_shard_dispatch(
            None, "MESSAGE_DELETE", {"id": "3", "channel_id": p.TEXT, "guild_id": p.GUILD}
        )
        await manager.wait_idle()
        await manager.aclose()
    assert len(bulk) == 1
    assert set(bulk[0].message_ids) == {int(GOOD), int(BAD)}
    assert set(bulk[0].old_messages) == {int(GOOD)}
    assert len(deleted) == 1
    assert deleted[0].old_message is None


async def test_the_cache_drops_a_message_it_cannot_read() -> None:
    cache = Cache()
    manager = EventManager(cache=cache)
    await manager.on_shard_dispatch(None, "MESSAGE_CREATE", bad_message())
    await manager.on_shard_dispatch(None, "MESSAGE_CREATE", p.message(GOOD))
    assert cache.get_message(int(BAD)) is None
    assert cache.get_message(int(GOOD)) is not None
    assert set(cache.get_messages_view()) == {int(GOOD)}


async def test_rate_limited_is_logged_though_nobody_listens(
    caplog: pytest.LogCaptureFixture,
) -> None:
    manager = EventManager()
    with caplog.at_level(logging.WARNING, logger="anycord.gateway"):
        await manager.on_shard_dispatch(None, "RATE_LIMITED", {"opcode": 8, "retry_after": 2})
    assert any("rate limited" in r.getMessage() for r in caplog.records)
