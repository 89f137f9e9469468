"""Cache consistency after each event family: create/update/delete sequences fed through
the dispatcher exactly as a shard feeds it."""

from __future__ import annotations

import typing

import anyio
import attrs
import pytest

from anycord.cache import Cache
from anycord.config import CacheComponents, CacheSettings
from anycord.dispatch.manager import EventManager
from anycord.events import (
    GuildAvailableEvent,
    GuildJoinEvent,
    GuildLeaveEvent,
    GuildMessageDeleteEvent,
    GuildMessageUpdateEvent,
    MemberDeleteEvent,
    MemberUpdateEvent,
    RoleUpdateEvent,
)
from tests.cache import payloads as p

if typing.TYPE_CHECKING:
    from anycord.events.base import Event

U1 = "700000000000000001"
U2 = "700000000000000002"


def make(settings: CacheSettings | None = None) -> tuple[Cache, EventManager]:
    cache = Cache(settings)
    return cache, EventManager(cache=cache)


async def feed(manager: EventManager, name: str, payload: dict[str, typing.Any]) -> None:
    await manager.on_shard_dispatch(None, name, payload)


async def started(manager: EventManager, *sequence: tuple[str, dict[str, typing.Any]]) -> None:
    for name, payload in sequence:
        await feed(manager, name, payload)


async def test_ready_then_guild_create_fills_every_store() -> None:
    cache, manager = make()
    await started(manager, ("READY", p.ready()), ("GUILD_CREATE", p.guild_create(members=3)))
    me = cache.get_me()
    assert me is not None
    assert me.username == "bot"
    guild = cache.get_guild(int(p.GUILD))
    assert guild is not None
    assert guild.name == "a guild"
    assert set(cache.get_guild_channels_view_for_guild(int(p.GUILD))) == {int(p.TEXT), int(p.VOICE)}
    assert cache.get_guild_channel(int(p.TEXT)).name == "general"  # type: ignore[union-attr]
    assert cache.get_thread(int(p.THREAD)).name == "a thread"  # type: ignore[union-attr]
    assert set(cache.get_roles_view_for_guild(int(p.GUILD))) == {int(p.GUILD), int(p.ROLE)}
    assert cache.get_emoji(int(p.EMOJI)).name == "blob"  # type: ignore[union-attr]
    assert cache.get_sticker(int(p.STICKER)).name == "sticker"  # type: ignore[union-attr]
    members = cache.get_members_view_for_guild(int(p.GUILD))
    assert len(members) == 3
    mine = cache.get_member(int(p.GUILD), int(p.ME))
    assert mine is not None
    assert mine.role_ids == (int(p.ROLE),)
    assert mine.user.username == "me"
    assert mine.joined_at is not None
    assert mine.joined_at.microsecond == 123456
    assert mine.is_deaf is False
    assert mine.guild_id == int(p.GUILD)
    assert cache.get_presence(int(p.GUILD), int(p.ME)) is not None
    assert cache.get_voice_state(int(p.GUILD), int(p.ME)).channel_id == int(p.VOICE)  # type: ignore[union-attr]
    assert list(cache.get_voice_states_view_for_channel(int(p.GUILD), int(p.VOICE))) == [int(p.ME)]
    assert set(cache.get_users_view()) == {int(p.ME), int(U1), int(U2)}
    assert list(cache.get_guilds_view()) == [int(p.GUILD)]
    assert cache.get_unavailable_guild_ids() == []


async def test_ready_marks_guilds_unavailable_until_create() -> None:
    cache, manager = make()
    await feed(manager, "READY", p.ready((p.GUILD, p.OTHER_GUILD)))
    assert sorted(cache.get_unavailable_guild_ids()) == [int(p.GUILD), int(p.OTHER_GUILD)]
    assert cache.get_guild(int(p.GUILD)) is None
    await feed(manager, "GUILD_CREATE", p.guild_create())
    assert cache.get_unavailable_guild_ids() == [int(p.OTHER_GUILD)]


async def test_guild_update_and_old_guild() -> None:
    cache, manager = make()
    got: list[Event] = []

    async def on_update(event: Event) -> None:
        got.append(event)

    manager.subscribe(GuildAvailableEvent, on_update)
    from anycord.events import GuildUpdateEvent

    manager.subscribe(GuildUpdateEvent, on_update)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await feed(manager, "GUILD_CREATE", p.guild_create())
        update = {
            k: v
            for k, v in p.guild_create().items()
            if k not in ("members", "channels", "threads", "presences")
        }
        update["name"] = "renamed"
        update["roles"] = [p.role(p.GUILD, "@everyone", 0)]
        await feed(manager, "GUILD_UPDATE", update)
        await manager.wait_idle()
        await manager.aclose()
    assert cache.get_guild(int(p.GUILD)).name == "renamed"  # type: ignore[union-attr]
    assert set(cache.get_roles_view_for_guild(int(p.GUILD))) == {int(p.GUILD)}
    assert cache.get_role(int(p.ROLE)) is None
    updates = [e for e in got if isinstance(e, GuildUpdateEvent)]
    assert updates[0].old_guild is not None
    assert updates[0].old_guild.name == "a guild"
    assert updates[0].guild.name == "renamed"
    # Members survive a GUILD_UPDATE (it carries none).
    assert len(cache.get_members_view_for_guild(int(p.GUILD))) == 3


@pytest.mark.parametrize("components", [CacheComponents.ALL, CacheComponents.NONE])
async def test_guild_create_available_vs_join(components: CacheComponents) -> None:
    # gateway-events.mdx "Guild Create": backfill of READY's unavailable guilds and guilds back
    # from an outage are "available"; any other GUILD_CREATE is a join. Every payload carries
    # `unavailable: false`, so only what READY/GUILD_DELETE said can tell them apart, with or
    # without a cache.
    _, manager = make(CacheSettings(components=components))
    got: list[tuple[str, str]] = []

    @manager.listen()
    async def on_guild(event: GuildAvailableEvent | GuildJoinEvent) -> None:
        got.append((type(event).__name__, str(event.guild_id)))

    other = {**p.guild_create(), "id": p.OTHER_GUILD}
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await feed(manager, "READY", p.ready((p.GUILD,)))
        await feed(manager, "GUILD_CREATE", p.guild_create())  # READY backfill
        await feed(manager, "GUILD_CREATE", other)  # joined after READY
        await feed(manager, "GUILD_DELETE", {"id": p.GUILD, "unavailable": True})
        await feed(manager, "GUILD_CREATE", p.guild_create())  # back from the outage
        await feed(manager, "GUILD_DELETE", {"id": p.OTHER_GUILD})  # kicked
        await feed(manager, "GUILD_CREATE", {**p.guild_create(), "id": p.OTHER_GUILD})  # re-added
        await manager.wait_idle()
        await manager.aclose()
    assert got == [
        ("GuildAvailableEvent", p.GUILD),
        ("GuildJoinEvent", p.OTHER_GUILD),
        ("GuildAvailableEvent", p.GUILD),
        ("GuildJoinEvent", p.OTHER_GUILD),
    ]


async def test_guild_delete_unavailable_keeps_data_and_leave_drops_everything() -> None:
    cache, manager = make()
    left: list[GuildLeaveEvent] = []

    @manager.listen()
    async def on_leave(event: GuildLeaveEvent) -> None:
        left.append(event)

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await started(manager, ("READY", p.ready()), ("GUILD_CREATE", p.guild_create()))
        await feed(manager, "GUILD_DELETE", {"id": p.GUILD, "unavailable": True})
        assert cache.get_guild(int(p.GUILD)) is None
        assert cache.get_unavailable_guild_ids() == [int(p.GUILD)]
        assert len(cache.get_members_view_for_guild(int(p.GUILD))) == 3
        await feed(manager, "GUILD_CREATE", p.guild_create())
        await feed(manager, "GUILD_DELETE", {"id": p.GUILD})
        await manager.wait_idle()
        await manager.aclose()
    assert cache.get_guild(int(p.GUILD)) is None
    assert cache.get_guild_channel(int(p.TEXT)) is None
    assert cache.get_role(int(p.ROLE)) is None
    assert cache.get_emoji(int(p.EMOJI)) is None
    assert cache.get_thread(int(p.THREAD)) is None
    assert len(cache.get_members_view_for_guild(int(p.GUILD))) == 0
    # Only the bot's own user stays (referenced by `me`).
    assert set(cache.get_users_view()) == {int(p.ME)}
    assert left[0].old_guild is not None
    assert left[0].old_guild.name == "a guild"


async def test_channel_create_update_delete() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create())
    new = p.text_channel("300000000000000009", "new", guild_id=p.GUILD)
    await feed(manager, "CHANNEL_CREATE", new)
    assert cache.get_guild_channel(300000000000000009).name == "new"  # type: ignore[union-attr]
    await feed(
        manager, "CHANNEL_UPDATE", p.text_channel("300000000000000009", "renamed", guild_id=p.GUILD)
    )
    assert cache.get_guild_channel(300000000000000009).name == "renamed"  # type: ignore[union-attr]
    await feed(
        manager, "CHANNEL_DELETE", p.text_channel("300000000000000009", "renamed", guild_id=p.GUILD)
    )
    assert cache.get_guild_channel(300000000000000009) is None
    assert set(cache.get_guild_channels_view_for_guild(int(p.GUILD))) == {int(p.TEXT), int(p.VOICE)}


async def test_dm_channel_create_records_dm_channel_id() -> None:
    cache, manager = make()
    await feed(manager, "CHANNEL_CREATE", {"id": "900", "type": 1, "recipients": [p.user(U1)]})
    assert cache.get_dm_channel_id(int(U1)) == 900


async def test_threads_create_update_delete_and_list_sync() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create())
    other = p.thread("300000000000000010", name="second")
    await feed(manager, "THREAD_CREATE", {**other, "newly_created": True})
    assert cache.get_thread(300000000000000010).name == "second"  # type: ignore[union-attr]
    await feed(manager, "THREAD_UPDATE", p.thread("300000000000000010", name="renamed"))
    assert cache.get_thread(300000000000000010).name == "renamed"  # type: ignore[union-attr]
    await feed(
        manager,
        "THREAD_DELETE",
        {"id": "300000000000000010", "guild_id": p.GUILD, "parent_id": p.TEXT, "type": 11},
    )
    assert cache.get_thread(300000000000000010) is None
    sync = {
        "guild_id": p.GUILD,
        "channel_ids": [p.TEXT],
        "threads": [p.thread("300000000000000011")],
        "members": [],
    }
    await feed(manager, "THREAD_LIST_SYNC", sync)
    assert set(cache.get_threads_view_for_guild(int(p.GUILD))) == {300000000000000011}
    assert set(cache.get_threads_view_for_channel(int(p.GUILD), int(p.TEXT))) == {
        300000000000000011
    }


async def test_roles_create_update_delete_with_old_role() -> None:
    cache, manager = make()
    got: list[RoleUpdateEvent] = []

    @manager.listen()
    async def on_role(event: RoleUpdateEvent) -> None:
        # The cache already holds the new state when the listener runs.
        assert cache.get_role(event.role_id).name == "renamed"  # type: ignore[union-attr]
        got.append(event)

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await feed(manager, "GUILD_CREATE", p.guild_create())
        await feed(
            manager,
            "GUILD_ROLE_CREATE",
            {"guild_id": p.GUILD, "role": p.role("400000000000000002", "new")},
        )
        assert cache.get_role(400000000000000002).name == "new"  # type: ignore[union-attr]
        await feed(
            manager,
            "GUILD_ROLE_UPDATE",
            {"guild_id": p.GUILD, "role": p.role("400000000000000002", "renamed")},
        )
        await manager.wait_idle()
        await feed(
            manager, "GUILD_ROLE_DELETE", {"guild_id": p.GUILD, "role_id": "400000000000000002"}
        )
        await manager.aclose()
    assert cache.get_role(400000000000000002) is None
    assert got[0].old_role is not None
    assert got[0].old_role.name == "new"


async def test_emojis_and_stickers_updates_replace_the_lists() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create())
    await feed(
        manager,
        "GUILD_EMOJIS_UPDATE",
        {"guild_id": p.GUILD, "emojis": [p.emoji("500000000000000002", "new")]},
    )
    assert set(cache.get_emojis_view_for_guild(int(p.GUILD))) == {500000000000000002}
    assert cache.get_emoji(int(p.EMOJI)) is None
    await feed(manager, "GUILD_STICKERS_UPDATE", {"guild_id": p.GUILD, "stickers": []})
    assert len(cache.get_stickers_view_for_guild(int(p.GUILD))) == 0
    assert cache.get_sticker(int(p.STICKER)) is None


async def test_members_add_update_remove_and_user_refcounts() -> None:
    cache, manager = make()
    updates: list[MemberUpdateEvent] = []
    removes: list[MemberDeleteEvent] = []

    @manager.listen()
    async def on_member(event: MemberUpdateEvent | MemberDeleteEvent) -> None:
        (updates if isinstance(event, MemberUpdateEvent) else removes).append(event)  # type: ignore[arg-type]

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await feed(manager, "GUILD_CREATE", p.guild_create(members=1))
        new = "700000000000000050"
        await feed(manager, "GUILD_MEMBER_ADD", {**p.member(new, "newbie"), "guild_id": p.GUILD})
        assert cache.get_member(int(p.GUILD), int(new)).user.username == "newbie"  # type: ignore[union-attr]
        assert cache.get_user(int(new)) is not None
        # Update without deaf/mute: they keep their cached values.
        update = {
            k: v
            for k, v in p.member(new, "renamed", (p.ROLE,)).items()
            if k not in ("deaf", "mute")
        }
        await feed(manager, "GUILD_MEMBER_UPDATE", {**update, "guild_id": p.GUILD, "nick": "nick"})
        await manager.wait_idle()
        current = cache.get_member(int(p.GUILD), int(new))
        assert current is not None
        assert (current.nickname, current.role_ids, current.user.username) == (
            "nick",
            (int(p.ROLE),),
            "renamed",
        )
        assert current.is_deaf is False
        assert current.is_mute is False
        await feed(
            manager, "GUILD_MEMBER_REMOVE", {"guild_id": p.GUILD, "user": p.user(new, "renamed")}
        )
        await manager.wait_idle()
        await manager.aclose()
    assert cache.get_member(int(p.GUILD), int(new)) is None
    assert cache.get_user(int(new)) is None  # last reference gone
    old = updates[0].old_member
    assert old is not None
    assert old.nickname is None
    assert old.role_ids == ()
    assert old.user.username == "newbie"
    assert updates[0].member.nickname == "nick"
    assert removes[0].old_member is not None
    assert removes[0].old_member.nickname == "nick"


async def test_user_shared_between_guilds_stays_until_last_member_goes() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create(members=2))
    other = {**p.guild_create(members=2), "id": p.OTHER_GUILD}
    await feed(manager, "GUILD_CREATE", other)
    assert cache._user_refs[int(U1)] == 2
    await feed(manager, "GUILD_MEMBER_REMOVE", {"guild_id": p.GUILD, "user": p.user(U1)})
    assert cache.get_user(int(U1)) is not None
    await feed(manager, "GUILD_MEMBER_REMOVE", {"guild_id": p.OTHER_GUILD, "user": p.user(U1)})
    assert cache.get_user(int(U1)) is None


async def test_members_chunk_adds_members_and_presences() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create(members=1))
    chunk = {
        "guild_id": p.GUILD,
        "members": [p.member("700000000000000060", "c1"), p.member("700000000000000061", "c2")],
        "chunk_index": 0,
        "chunk_count": 1,
        "presences": [p.presence("700000000000000060")],
    }
    await feed(manager, "GUILD_MEMBERS_CHUNK", chunk)
    assert len(cache.get_members_view_for_guild(int(p.GUILD))) == 3
    assert cache.get_presence(int(p.GUILD), 700000000000000060) is not None


async def test_presence_update_and_offline_removes() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create())
    await feed(manager, "PRESENCE_UPDATE", p.presence(U1, "idle"))
    assert str(cache.get_presence(int(p.GUILD), int(U1)).visible_status) == "idle"  # type: ignore[union-attr]
    await feed(manager, "PRESENCE_UPDATE", p.presence(U1, "offline"))
    assert cache.get_presence(int(p.GUILD), int(U1)) is None


async def test_presence_update_with_user_fields_updates_the_shared_user() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create())
    await feed(manager, "PRESENCE_UPDATE", {**p.presence(U1), "user": p.user(U1, "newname")})
    assert cache.get_user(int(U1)).username == "newname"  # type: ignore[union-attr]
    assert cache.get_member(int(p.GUILD), int(U1)).user.username == "newname"  # type: ignore[union-attr]


async def test_voice_state_join_move_leave() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create())
    await feed(manager, "VOICE_STATE_UPDATE", p.voice_state(U1))
    assert cache.get_voice_state(int(p.GUILD), int(U1)) is not None
    await feed(manager, "VOICE_STATE_UPDATE", p.voice_state(U1, None))
    assert cache.get_voice_state(int(p.GUILD), int(U1)) is None
    assert set(cache.get_voice_states_view_for_guild(int(p.GUILD))) == {int(p.ME)}


async def test_messages_create_update_delete_bulk_and_bound() -> None:
    cache, manager = make(CacheSettings(max_messages=3))
    updates: list[GuildMessageUpdateEvent] = []
    deletes: list[GuildMessageDeleteEvent] = []

    @manager.listen()
    async def on_message(event: GuildMessageUpdateEvent | GuildMessageDeleteEvent) -> None:
        (updates if isinstance(event, GuildMessageUpdateEvent) else deletes).append(event)  # type: ignore[arg-type]

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        for i in range(1, 6):
            await feed(manager, "MESSAGE_CREATE", p.message(str(i), f"m{i}"))
        assert list(cache.get_messages_view()) == [3, 4, 5]
        assert cache.get_message(1) is None
        await feed(
            manager,
            "MESSAGE_UPDATE",
            {"id": "4", "channel_id": p.TEXT, "guild_id": p.GUILD, "content": "edited"},
        )
        assert cache.get_message(4).content == "edited"  # type: ignore[union-attr]
        await feed(
            manager, "MESSAGE_DELETE", {"id": "4", "channel_id": p.TEXT, "guild_id": p.GUILD}
        )
        await feed(
            manager,
            "MESSAGE_DELETE_BULK",
            {"ids": ["3", "5", "99"], "channel_id": p.TEXT, "guild_id": p.GUILD},
        )
        await manager.wait_idle()
        await manager.aclose()
    assert len(cache.get_messages_view()) == 0
    assert updates[0].old_message is not None
    assert updates[0].old_message.content == "m4"
    assert deletes[0].old_message is not None
    assert deletes[0].old_message.content == "edited"


async def test_dm_message_records_dm_channel_id() -> None:
    cache, manager = make()
    await feed(manager, "MESSAGE_CREATE", p.message("1", guild=False, author=U1))
    assert cache.get_dm_channel_id(int(U1)) == int(p.TEXT)


async def test_invites_and_user_update() -> None:
    cache, manager = make()
    await feed(manager, "READY", p.ready())
    invite = {
        "channel_id": p.TEXT,
        "code": "abc",
        "created_at": "2024-01-01T00:00:00+00:00",
        "guild_id": p.GUILD,
        "max_age": 0,
        "max_uses": 0,
        "temporary": False,
        "uses": 0,
    }
    await feed(manager, "INVITE_CREATE", invite)
    assert "abc" in cache.get_invites_view()
    await feed(manager, "INVITE_DELETE", {"channel_id": p.TEXT, "guild_id": p.GUILD, "code": "abc"})
    assert cache.get_invite("abc") is None
    await feed(manager, "USER_UPDATE", {**p.ready()["user"], "username": "renamed"})
    assert cache.get_me().username == "renamed"  # type: ignore[union-attr]
    assert cache.get_user(int(p.ME)).username == "renamed"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("component", "check"),
    [
        (CacheComponents.GUILDS, lambda c: c.get_guild(int(p.GUILD)) is None),
        (CacheComponents.MEMBERS, lambda c: len(c.get_members_view_for_guild(int(p.GUILD))) == 0),
        (CacheComponents.GUILD_CHANNELS, lambda c: c.get_guild_channel(int(p.TEXT)) is None),
        (CacheComponents.ROLES, lambda c: c.get_role(int(p.ROLE)) is None),
        (CacheComponents.PRESENCES, lambda c: c.get_presence(int(p.GUILD), int(p.ME)) is None),
        (
            CacheComponents.VOICE_STATES,
            lambda c: c.get_voice_state(int(p.GUILD), int(p.ME)) is None,
        ),
        (CacheComponents.EMOJIS, lambda c: c.get_emoji(int(p.EMOJI)) is None),
        (CacheComponents.GUILD_STICKERS, lambda c: c.get_sticker(int(p.STICKER)) is None),
        (CacheComponents.GUILD_THREADS, lambda c: c.get_thread(int(p.THREAD)) is None),
        (CacheComponents.ME, lambda c: c.get_me() is None),
    ],
)
async def test_each_component_can_be_switched_off(
    component: CacheComponents, check: typing.Callable[[Cache], bool]
) -> None:
    cache, manager = make(CacheSettings(components=CacheComponents.ALL & ~component))
    await started(manager, ("READY", p.ready()), ("GUILD_CREATE", p.guild_create()))
    assert check(cache)
    full, full_manager = make()
    await started(full_manager, ("READY", p.ready()), ("GUILD_CREATE", p.guild_create()))
    assert not check(full)


async def test_no_components_means_no_cache_calls() -> None:
    cache, manager = make(CacheSettings(components=CacheComponents.NONE))
    # A payload that would break every cache update: with nothing enabled, none runs.
    await feed(manager, "GUILD_CREATE", {"id": "not-a-number"})
    await feed(manager, "MESSAGE_CREATE", {})
    assert cache._guilds == {}


async def test_only_my_member() -> None:
    cache, manager = make(CacheSettings(only_my_member=True))
    await started(manager, ("READY", p.ready()), ("GUILD_CREATE", p.guild_create(members=5)))
    assert list(cache.get_members_view_for_guild(int(p.GUILD))) == [int(p.ME)]


async def test_models_read_from_cache_are_copies() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create())
    member = cache.get_member(int(p.GUILD), int(U1))
    assert member is not None
    attrs.evolve(member, nickname="changed")
    member.nickname = "changed"
    assert cache.get_member(int(p.GUILD), int(U1)).nickname is None  # type: ignore[union-attr]


async def test_clear_forgets_everything() -> None:
    cache, manager = make()
    await started(manager, ("READY", p.ready()), ("GUILD_CREATE", p.guild_create()))
    cache.clear()
    assert cache.get_me() is None
    assert cache.get_guild(int(p.GUILD)) is None
    assert len(cache.get_users_view()) == 0
