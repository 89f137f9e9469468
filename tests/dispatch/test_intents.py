"""`MissingIntentWarning`: registering for an event the intents can never deliver."""

from __future__ import annotations

import json
import pathlib
import warnings

import anyio
import pytest

import anycord.events as ev
from anycord.cache.cache import Cache
from anycord.dispatch.manager import EventManager
from anycord.events.intents import (
    MissingIntentWarning,
    missing_intents,
    required_intents,
)
from anycord.events.lifetime import StartedEvent
from anycord.events.registry import REGISTRY
from anycord.intents import Intents as I
from anycord.rest.client import RESTClient

EVENT_INDEX = pathlib.Path("/work/shared/discord-api/docs/examples/event_index.json")


async def nothing(event: ev.Event) -> None:
    pass


def caught(fn: object, *args: object) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        fn(*args)  # type: ignore[operator]
    return [w for w in got if issubclass(w.category, MissingIntentWarning)]


def test_warns_once_per_event_class_naming_the_missing_intent() -> None:
    manager = EventManager(intents=I.ALL_UNPRIVILEGED)
    first = caught(manager.subscribe, ev.MemberCreateEvent, nothing)
    assert len(first) == 1
    assert "MemberCreateEvent" in str(first[0].message)
    assert "GUILD_MEMBERS" in str(first[0].message)
    assert first[0].filename == __file__ or first[0].filename.endswith("test_intents.py")

    async def other(event: ev.MemberCreateEvent) -> None:
        pass

    assert caught(manager.subscribe, ev.MemberCreateEvent, other) == []
    # Another class is warned about on its own.
    assert len(caught(manager.subscribe, ev.PresenceUpdateEvent, nothing)) == 1
    assert len(caught(manager.subscribe, ev.MemberEvent, nothing)) == 1


def test_guild_and_dm_flavours_are_checked_apart() -> None:
    guild_only = EventManager(intents=I.GUILDS | I.GUILD_MESSAGES)
    assert caught(guild_only.subscribe, ev.GuildMessageCreateEvent, nothing) == []
    assert caught(guild_only.subscribe, ev.MessageCreateEvent, nothing) == []
    assert len(caught(guild_only.subscribe, ev.DMMessageCreateEvent, nothing)) == 1
    assert len(caught(guild_only.subscribe, ev.DMReactionAddEvent, nothing)) == 1
    dm_only = EventManager(intents=I.DIRECT_MESSAGES)
    assert caught(dm_only.subscribe, ev.MessageCreateEvent, nothing) == []
    assert len(caught(dm_only.subscribe, ev.GuildMessageCreateEvent, nothing)) == 1
    assert len(caught(dm_only.subscribe, ev.GuildBulkMessageDeleteEvent, nothing)) == 1
    assert caught(dm_only.subscribe, ev.DMPinsUpdateEvent, nothing) == []
    assert len(caught(dm_only.subscribe, ev.GuildPinsUpdateEvent, nothing)) == 1


def test_events_no_dispatch_produces_or_that_need_no_intent_never_warn() -> None:
    manager = EventManager(intents=I.NONE)
    for event_type in (
        ev.Event,
        ev.ShardPayloadEvent,
        ev.ExceptionEvent,
        StartedEvent,
        ev.ShardReadyEvent,
        ev.InteractionCreateEvent,
        ev.OwnUserUpdateEvent,
        ev.EntitlementCreateEvent,
    ):
        assert caught(manager.subscribe, event_type, nothing) == [], event_type
    assert len(caught(manager.subscribe, ev.GuildChannelCreateEvent, nothing)) == 1


def test_unknown_intents_check_nothing_and_the_apps_intents_are_used() -> None:
    assert caught(EventManager().subscribe, ev.MemberCreateEvent, nothing) == []

    class App:
        # An `EventApp` (the rest client is never opened) that also has intents.
        rest = RESTClient("t" * 20)
        cache = Cache()
        intents = I.GUILDS

    manager = EventManager(App())
    assert manager.intents == I.GUILDS
    assert len(caught(manager.subscribe, ev.MemberCreateEvent, nothing)) == 1
    # The constructor's value wins over the app's.
    assert EventManager(App(), intents=I.ALL).intents == I.ALL


def test_listen_decorator_warns_at_the_decorated_function() -> None:
    manager = EventManager(intents=I.GUILDS)
    with pytest.warns(MissingIntentWarning, match="VoiceStateUpdateEvent") as record:

        @manager.listen()
        async def on_voice(event: ev.VoiceStateUpdateEvent) -> None:
            pass

    assert record[0].filename.endswith("test_intents.py")


async def test_wait_for_and_stream_warn_too() -> None:
    manager = EventManager(intents=I.GUILDS)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        with pytest.warns(MissingIntentWarning, match="BanCreateEvent"):
            with anyio.move_on_after(0.01):
                await manager.wait_for(ev.BanCreateEvent)
        with pytest.warns(MissingIntentWarning, match="TypingEvent"):
            async with manager.stream(ev.TypingEvent, timeout=0.01) as stream:
                assert [e async for e in stream] == []
        await manager.aclose()


def test_required_intents_are_any_of_for_polymorphic_listeners() -> None:
    assert required_intents(ev.MessageCreateEvent) == (I.GUILD_MESSAGES, I.DIRECT_MESSAGES)
    assert required_intents(ev.ThreadMembersUpdateEvent) == (I.GUILDS, I.GUILD_MEMBERS)
    assert required_intents(ev.ExceptionEvent) is None
    assert required_intents(ev.Event) == ()
    assert missing_intents(ev.ThreadMembersUpdateEvent, I.GUILD_MEMBERS) == ()
    assert missing_intents(ev.PollVoteCreateEvent, I.DIRECT_MESSAGE_POLLS) == ()
    assert missing_intents(ev.PollVoteCreateEvent, I.GUILDS) == (
        I.GUILD_MESSAGE_POLLS,
        I.DIRECT_MESSAGE_POLLS,
    )


def test_every_dispatch_is_classified_and_matches_the_docs_index() -> None:
    if not EVENT_INDEX.exists():
        pytest.skip("the docs' event index is not on this machine")
    index = json.loads(EVENT_INDEX.read_text())
    documented = {
        e["name"]: tuple(I(i["value"]) for i in e["intents"])
        for e in index
        if e["direction"] == "receive" and e["name"] in REGISTRY
    }
    assert documented == {name: row.intents for name, row in REGISTRY.items()}
