"""Soundboard sounds in the cache, fed through the dispatcher exactly as a shard feeds it
(payload shapes from events/gateway-events.mdx and resources/soundboard.mdx)."""

from __future__ import annotations

import typing

import anyio

from anycord.cache import Cache
from anycord.config import CacheComponents, CacheSettings
from anycord.dispatch.manager import EventManager
from anycord.events import (
    SoundboardSoundDeleteEvent,  # noqa: TC001 - listen() reads annotations at runtime
    SoundboardSoundsUpdateEvent,  # noqa: TC001 - listen() reads annotations at runtime
    SoundboardSoundUpdateEvent,  # noqa: TC001 - listen() reads annotations at runtime
)
from anycord.events.registry import REGISTRY
from anycord.snowflakes import Snowflake
from tests.cache import payloads as p

S2 = "1106714396018884650"
S3 = "1106714396018884651"

Payload = dict[str, typing.Any]


def make(settings: CacheSettings | None = None) -> tuple[Cache, EventManager]:
    cache = Cache(settings)
    return cache, EventManager(cache=cache)


async def feed(manager: EventManager, *sequence: tuple[str, Payload]) -> None:
    for name, payload in sequence:
        await manager.on_shard_dispatch(None, name, payload)


def guild_with(**lists: typing.Any) -> Payload:
    return {**p.guild_create(), **lists}


def names(cache: Cache, guild: str = p.GUILD) -> dict[int, str]:
    return {k: v.name for k, v in cache.get_soundboard_sounds_view_for_guild(int(guild)).items()}


async def test_create_update_delete_with_old_sounds() -> None:
    cache, manager = make()
    seen: list[tuple[typing.Any, ...]] = []

    @manager.listen()
    async def on_update(event: SoundboardSoundUpdateEvent) -> None:
        # The cache already holds the new state; the event carries the old one.
        now = cache.get_soundboard_sound(int(p.SOUND))
        seen.append(("update", now.name if now else None, event.old_sound.name))

    @manager.listen()
    async def on_delete(event: SoundboardSoundDeleteEvent) -> None:
        old = event.old_sound
        seen.append(("delete", cache.get_soundboard_sound(event.sound_id), old and old.name))

    @manager.listen()
    async def on_many(event: SoundboardSoundsUpdateEvent) -> None:
        seen.append(
            ("many", tuple(s.name for s in event.sounds), tuple(s.name for s in event.old_sounds))
        )

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await feed(
            manager, ("READY", p.ready()), ("GUILD_CREATE", guild_with(soundboard_sounds=[]))
        )
        assert names(cache) == {}
        await feed(manager, ("GUILD_SOUNDBOARD_SOUND_CREATE", p.soundboard_sound("Yay")))
        created = cache.get_soundboard_sound(int(p.SOUND))
        assert created is not None
        assert (created.name, created.guild_id, created.emoji_id) == (
            "Yay",
            int(p.GUILD),
            989193655938064464,
        )
        await feed(
            manager, ("GUILD_SOUNDBOARD_SOUND_UPDATE", p.soundboard_sound("Hooray", volume=0.5))
        )
        await manager.wait_idle()
        assert seen == [("update", "Hooray", "Yay")]
        assert cache.get_soundboard_sound(int(p.SOUND)).volume == 0.5  # type: ignore[union-attr]
        # Several at once: a new one is added, a known one replaced, the others stay.
        await feed(manager, ("GUILD_SOUNDBOARD_SOUND_CREATE", p.soundboard_sound("keep", S3)))
        many = {
            "guild_id": p.GUILD,
            "soundboard_sounds": [p.soundboard_sound("Yay!"), p.soundboard_sound("new", S2)],
        }
        await feed(manager, ("GUILD_SOUNDBOARD_SOUNDS_UPDATE", many))
        await manager.wait_idle()
        assert seen.pop() == ("many", ("Yay!", "new"), ("Hooray",))
        assert names(cache) == {int(p.SOUND): "Yay!", int(S2): "new", int(S3): "keep"}
        # The delete payload only carries IDs; the event gets the sound from the cache.
        await feed(
            manager, ("GUILD_SOUNDBOARD_SOUND_DELETE", {"sound_id": p.SOUND, "guild_id": p.GUILD})
        )
        await manager.wait_idle()
        assert seen.pop() == ("delete", None, "Yay!")
        assert names(cache) == {int(S2): "new", int(S3): "keep"}
        assert set(cache.get_soundboard_sounds_view()) == {int(S2), int(S3)}
        # A delete of a sound never cached has no old sound and never fails.
        await feed(
            manager, ("GUILD_SOUNDBOARD_SOUND_DELETE", {"sound_id": p.SOUND, "guild_id": p.GUILD})
        )
        await manager.wait_idle()
        assert seen.pop() == ("delete", None, None)
        await manager.aclose()


async def test_whole_lists_replace_and_guild_delete_drops() -> None:
    cache, manager = make()
    other = {
        **guild_with(soundboard_sounds=[p.soundboard_sound("theirs", S3, guild_id=None)]),
        "id": p.OTHER_GUILD,
    }
    # GUILD_CREATE's sounds may omit guild_id (like its other lists): the guild's ID fills in.
    first = guild_with(
        soundboard_sounds=[p.soundboard_sound("a"), p.soundboard_sound("b", S2, guild_id=None)]
    )
    await feed(
        manager,
        ("READY", p.ready((p.GUILD, p.OTHER_GUILD))),
        ("GUILD_CREATE", first),
        ("GUILD_CREATE", other),
    )
    assert names(cache) == {int(p.SOUND): "a", int(S2): "b"}
    assert names(cache, p.OTHER_GUILD) == {int(S3): "theirs"}
    sound = cache.get_soundboard_sound(int(S2))
    assert sound is not None
    assert sound.guild_id == int(p.GUILD)
    view = cache.get_soundboard_sounds_view_for_guild(int(p.GUILD))
    assert view[Snowflake(p.SOUND)].name == "a"
    # SOUNDBOARD_SOUNDS (answer to op 31) is the guild's whole list: S2 is gone.
    await feed(
        manager,
        (
            "SOUNDBOARD_SOUNDS",
            {"guild_id": p.GUILD, "soundboard_sounds": [p.soundboard_sound("a2")]},
        ),
    )
    assert names(cache) == {int(p.SOUND): "a2"}
    assert cache.get_soundboard_sound(int(S2)) is None
    # A second GUILD_CREATE (after an outage) replaces the list; an outage itself keeps it.
    await feed(
        manager, ("GUILD_CREATE", guild_with(soundboard_sounds=[p.soundboard_sound("b", S2)]))
    )
    assert names(cache) == {int(S2): "b"}
    await feed(manager, ("GUILD_DELETE", {"id": p.GUILD, "unavailable": True}))
    assert names(cache) == {int(S2): "b"}
    await feed(manager, ("GUILD_DELETE", {"id": p.GUILD}))
    assert cache.get_soundboard_sound(int(S2)) is None
    assert names(cache, p.OTHER_GUILD) == {int(S3): "theirs"}  # other guilds untouched
    assert set(cache.get_soundboard_sounds_view()) == {int(S3)}
    # The payloads the cache received were not changed in place.
    assert "guild_id" not in first["soundboard_sounds"][1]


async def test_soundboard_flag_off_stores_nothing_and_events_still_flow() -> None:
    cache, manager = make(
        CacheSettings(components=CacheComponents.ALL & ~CacheComponents.SOUNDBOARD_SOUNDS)
    )
    olds: list[typing.Any] = []

    @manager.listen()
    async def on_update(event: SoundboardSoundUpdateEvent) -> None:
        olds.append(event.old_sound)

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await feed(
            manager,
            ("READY", p.ready()),
            ("GUILD_CREATE", guild_with(soundboard_sounds=[p.soundboard_sound()])),
            ("GUILD_SOUNDBOARD_SOUND_CREATE", p.soundboard_sound("x", S2)),
            ("GUILD_SOUNDBOARD_SOUND_UPDATE", p.soundboard_sound("y", S2)),
            (
                "GUILD_SOUNDBOARD_SOUNDS_UPDATE",
                {"guild_id": p.GUILD, "soundboard_sounds": [p.soundboard_sound("z", S3)]},
            ),
            (
                "SOUNDBOARD_SOUNDS",
                {"guild_id": p.GUILD, "soundboard_sounds": [p.soundboard_sound()]},
            ),
        )
        await manager.wait_idle()
        assert olds == [None]
        assert cache.get_soundboard_sound(int(p.SOUND)) is None
        assert cache.get_soundboard_sound(int(S2)) is None
        assert len(cache.get_soundboard_sounds_view()) == 0
        assert len(cache.get_soundboard_sounds_view_for_guild(int(p.GUILD))) == 0
        assert cache._soundboard_sounds == {}  # nothing stored behind the getters either
        # Other stores are unaffected.
        assert cache.get_guild(int(p.GUILD)) is not None
        await manager.aclose()


def test_the_dispatcher_runs_soundboard_updates_only_when_the_flag_is_on() -> None:
    names_ = (
        "GUILD_SOUNDBOARD_SOUND_CREATE", "GUILD_SOUNDBOARD_SOUND_UPDATE",
        "GUILD_SOUNDBOARD_SOUND_DELETE", "GUILD_SOUNDBOARD_SOUNDS_UPDATE", "SOUNDBOARD_SOUNDS",
    )  # fmt: skip
    for name in names_:
        assert REGISTRY[name].components == CacheComponents.SOUNDBOARD_SOUNDS
    for flag in (
        CacheComponents.STAGE_INSTANCES, CacheComponents.SCHEDULED_EVENTS,
        CacheComponents.THREAD_MEMBERS, CacheComponents.SOUNDBOARD_SOUNDS,
    ):  # fmt: skip
        assert REGISTRY["GUILD_CREATE"].components & flag
        assert REGISTRY["GUILD_DELETE"].components & flag


async def test_each_new_flag_alone_still_caches_its_store() -> None:
    # The dispatcher skips an update when none of its components is on: each new store must
    # be reached with only its own flag (threads need GUILD_THREADS too, by design).
    sounds = guild_with(soundboard_sounds=[p.soundboard_sound()])
    cache, manager = make(CacheSettings(components=CacheComponents.SOUNDBOARD_SOUNDS))
    await feed(manager, ("READY", p.ready()), ("GUILD_CREATE", sounds))
    await feed(manager, ("GUILD_SOUNDBOARD_SOUND_CREATE", p.soundboard_sound("x", S2)))
    assert set(cache.get_soundboard_sounds_view()) == {int(p.SOUND), int(S2)}
    assert cache.get_guild(int(p.GUILD)) is None

    cache, manager = make(CacheSettings(components=CacheComponents.STAGE_INSTANCES))
    await feed(
        manager,
        ("READY", p.ready()),
        ("GUILD_CREATE", guild_with(stage_instances=[p.stage_instance()])),
    )
    await feed(manager, ("STAGE_INSTANCE_CREATE", p.stage_instance(sid="800000000000000004")))
    assert len(cache.get_stage_instances_view()) == 2

    cache, manager = make(CacheSettings(components=CacheComponents.SCHEDULED_EVENTS))
    await feed(
        manager,
        ("READY", p.ready()),
        ("GUILD_CREATE", guild_with(guild_scheduled_events=[p.scheduled_event()])),
    )
    await feed(
        manager, ("GUILD_SCHEDULED_EVENT_CREATE", p.scheduled_event(eid="800000000000000003"))
    )
    assert len(cache.get_scheduled_events_view()) == 2

    both = CacheComponents.THREAD_MEMBERS | CacheComponents.GUILD_THREADS
    cache, manager = make(CacheSettings(components=both))
    await feed(manager, ("READY", p.ready()), ("GUILD_CREATE", guild_with(threads=[p.thread()])))
    added = {
        "id": p.THREAD,
        "guild_id": p.GUILD,
        "member_count": 2,
        "added_members": [p.thread_member("700000000000000001", p.THREAD)],
    }
    await feed(manager, ("THREAD_MEMBERS_UPDATE", added))
    assert set(cache.get_thread_members_view_for_thread(int(p.THREAD))) == {700000000000000001}
