"""MESSAGE_CREATE events decode their message on first read, and nobody can tell otherwise:
the message, equality, repr and `attrs.asdict` are those of an eagerly built event."""

from __future__ import annotations

import copy
import typing

import anyio
import attrs
import pytest

from anycord.cache import Cache
from anycord.dispatch.manager import EventManager
from anycord.events import (
    DMMessageCreateEvent,
    GuildMessageCreateEvent,
    MessageCreateEvent,
)
from anycord.serde.messages import decode_message
from tests.cache import payloads as p

MID = "800000000000000001"


async def received(payload: dict[str, typing.Any]) -> MessageCreateEvent:
    """The event a listener receives for `payload`, through the dispatcher and the cache."""
    manager = EventManager(cache=Cache())
    got: list[MessageCreateEvent] = []

    @manager.listen()
    async def on_message(event: MessageCreateEvent) -> None:
        got.append(event)

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.on_shard_dispatch(None, "MESSAGE_CREATE", payload)
        await manager.wait_idle()
        await manager.aclose()
    (event,) = got
    return event


@pytest.mark.parametrize(
    ("guild", "cls"), [(True, GuildMessageCreateEvent), (False, DMMessageCreateEvent)]
)
async def test_a_received_event_equals_the_eagerly_built_one(
    guild: bool, cls: type[MessageCreateEvent]
) -> None:
    payload = p.message(MID, "hello", guild=guild)
    eager = cls(message=decode_message(payload))
    for read in (repr, attrs.asdict, copy.copy, lambda e: e):
        event = await received(p.message(MID, "hello", guild=guild))
        assert type(event) is cls
        assert read(event) == read(eager)
        assert event == eager
    event = await received(payload)
    assert event.content == "hello"
    assert event.message is event.message
    assert event.message_id == int(MID)
    assert event.author_id == int(p.ME)


async def test_an_event_built_by_hand_keeps_its_message() -> None:
    message = decode_message(p.message(MID))
    event = GuildMessageCreateEvent(message=message)
    assert event.message is message
    with pytest.raises(AttributeError):
        event.no_such_field  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.parametrize("broken", [{"id": "x"}, {"channel_id": None}, {"author": 5}])
def test_a_payload_without_its_identity_is_refused_before_dispatch(
    broken: dict[str, typing.Any],
) -> None:
    with pytest.raises((KeyError, TypeError, ValueError)):
        GuildMessageCreateEvent.from_payload(None, None, {**p.message(MID), **broken})
