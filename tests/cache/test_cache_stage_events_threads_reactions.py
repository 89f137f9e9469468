"""Stage instances, scheduled events, thread members and reaction counts in the cache, fed
through the dispatcher exactly as a shard feeds it (payload shapes from the docs)."""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord.cache import Cache
from anycord.config import CacheComponents, CacheSettings
from anycord.dispatch.manager import EventManager
from anycord.events import (
    GuildMessageCreateEvent,  # noqa: TC001 - listen() reads annotations at runtime
    GuildReactionAddEvent,  # noqa: TC001 - listen() reads annotations at runtime
    ScheduledEventUpdateEvent,  # noqa: TC001 - listen() reads annotations at runtime
    StageInstanceUpdateEvent,  # noqa: TC001 - listen() reads annotations at runtime
    ThreadMembersUpdateEvent,  # noqa: TC001 - listen() reads annotations at runtime
)
from anycord.snowflakes import Snowflake
from tests.cache import payloads as p

U1 = "700000000000000001"
U2 = "700000000000000002"
MSG = "900000000000000001"
CUSTOM = "500000000000000009"

Payload = dict[str, typing.Any]


def make(settings: CacheSettings | None = None) -> tuple[Cache, EventManager]:
    cache = Cache(settings)
    return cache, EventManager(cache=cache)


async def feed(manager: EventManager, *sequence: tuple[str, Payload]) -> None:
    for name, payload in sequence:
        await manager.on_shard_dispatch(None, name, payload)


def guild_with(**lists: typing.Any) -> Payload:
    return {**p.guild_create(), **lists}


# -- stage instances ----------------------------------------------------------------------------


async def test_stage_instances_create_update_delete_with_old() -> None:
    cache, manager = make()
    seen: list[tuple[str | None, str | None]] = []

    @manager.listen()
    async def on_update(event: StageInstanceUpdateEvent) -> None:
        # The cache already holds the new state; the event carries the old one.
        now = cache.get_stage_instance(int(p.STAGE_INSTANCE))
        old = event.old_stage_instance
        seen.append((now.topic if now else None, old.topic if old else None))

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await feed(manager, ("READY", p.ready()), ("GUILD_CREATE", guild_with(stage_instances=[])))
        assert cache.get_stage_instances_view_for_guild(int(p.GUILD)) == {}
        await feed(manager, ("STAGE_INSTANCE_CREATE", p.stage_instance("first")))
        created = cache.get_stage_instance(int(p.STAGE_INSTANCE))
        assert created is not None
        assert created.topic == "first"
        assert cache.get_stage_instance_for_channel(int(p.STAGE)) == created
        await feed(manager, ("STAGE_INSTANCE_UPDATE", p.stage_instance("second")))
        await manager.wait_idle()
        assert seen == [("second", "first")]
        await feed(manager, ("STAGE_INSTANCE_DELETE", p.stage_instance("second")))
        assert cache.get_stage_instance(int(p.STAGE_INSTANCE)) is None
        assert cache.get_stage_instance_for_channel(int(p.STAGE)) is None
        assert len(cache.get_stage_instances_view()) == 0
        await manager.aclose()


async def test_guild_create_brings_stage_instances_and_guild_delete_drops_them() -> None:
    cache, manager = make()
    await feed(
        manager,
        ("READY", p.ready()),
        ("GUILD_CREATE", guild_with(stage_instances=[p.stage_instance()])),
    )
    view = cache.get_stage_instances_view_for_guild(int(p.GUILD))
    assert list(view) == [int(p.STAGE_INSTANCE)]
    assert view[Snowflake(p.STAGE_INSTANCE)].guild_id == int(p.GUILD)
    # A second GUILD_CREATE (after an outage) replaces the list.
    await feed(manager, ("GUILD_CREATE", guild_with(stage_instances=[])))
    assert cache.get_stage_instance(int(p.STAGE_INSTANCE)) is None
    await feed(manager, ("STAGE_INSTANCE_CREATE", p.stage_instance()))
    await feed(manager, ("GUILD_DELETE", {"id": p.GUILD, "unavailable": True}))
    assert cache.get_stage_instance(int(p.STAGE_INSTANCE)) is not None  # outage keeps data
    await feed(manager, ("GUILD_DELETE", {"id": p.GUILD}))
    assert cache.get_stage_instance(int(p.STAGE_INSTANCE)) is None
    assert len(cache.get_stage_instances_view()) == 0


# -- scheduled events ---------------------------------------------------------------------------


async def test_scheduled_events_lifecycle_user_counts_and_old_event() -> None:
    cache, manager = make()
    olds: list[tuple[int, int | None]] = []

    @manager.listen()
    async def on_update(event: ScheduledEventUpdateEvent) -> None:
        assert event.old_event is not None
        olds.append((int(event.old_event.status), event.old_event.user_count))

    event_id = int(p.SCHEDULED_EVENT)
    user = {"guild_scheduled_event_id": p.SCHEDULED_EVENT, "user_id": U1, "guild_id": p.GUILD}
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await feed(
            manager,
            ("READY", p.ready()),
            ("GUILD_CREATE", guild_with(guild_scheduled_events=[p.scheduled_event(user_count=3)])),
        )
        assert cache.get_scheduled_event(event_id).user_count == 3  # type: ignore[union-attr]
        await feed(manager, ("GUILD_SCHEDULED_EVENT_USER_ADD", user))
        assert cache.get_scheduled_event(event_id).user_count == 4  # type: ignore[union-attr]
        await feed(manager, ("GUILD_SCHEDULED_EVENT_USER_REMOVE", user))
        await feed(manager, ("GUILD_SCHEDULED_EVENT_USER_REMOVE", {**user, "user_id": U2}))
        assert cache.get_scheduled_event(event_id).user_count == 2  # type: ignore[union-attr]
        # An update (no count in it) starts the event; the count survives.
        await feed(manager, ("GUILD_SCHEDULED_EVENT_UPDATE", p.scheduled_event(status=2)))
        await manager.wait_idle()
        now = cache.get_scheduled_event(event_id)
        assert now is not None
        assert int(now.status) == 2
        assert now.user_count == 2
        assert olds == [(1, 2)]
        other = p.scheduled_event(eid="800000000000000003")
        await feed(manager, ("GUILD_SCHEDULED_EVENT_CREATE", other))
        assert set(cache.get_scheduled_events_view_for_guild(int(p.GUILD))) == {
            event_id,
            int(other["id"]),
        }
        await feed(manager, ("GUILD_SCHEDULED_EVENT_DELETE", p.scheduled_event(status=3)))
        assert cache.get_scheduled_event(event_id) is None
        assert list(cache.get_scheduled_events_view()) == [int(other["id"])]
        await manager.aclose()


@pytest.mark.parametrize(
    ("flag", "stages_kept", "events_kept"),
    [
        (CacheComponents.STAGE_INSTANCES, False, True),
        (CacheComponents.SCHEDULED_EVENTS, True, False),
        (CacheComponents.GUILDS, True, True),  # no longer what switches them
    ],
)
async def test_stage_instances_and_scheduled_events_have_their_own_flags(
    flag: CacheComponents, stages_kept: bool, events_kept: bool
) -> None:
    cache, manager = make(CacheSettings(components=CacheComponents.ALL & ~flag))
    later = "800000000000000003"
    user = {"guild_scheduled_event_id": later, "user_id": U1, "guild_id": p.GUILD}
    await feed(
        manager,
        ("READY", p.ready()),
        (
            "GUILD_CREATE",
            guild_with(
                guild_scheduled_events=[p.scheduled_event()], stage_instances=[p.stage_instance()]
            ),
        ),
        ("GUILD_SCHEDULED_EVENT_CREATE", p.scheduled_event(eid=later, user_count=1)),
        ("GUILD_SCHEDULED_EVENT_USER_ADD", user),
        ("STAGE_INSTANCE_CREATE", p.stage_instance(sid="800000000000000004")),
    )
    stages = (
        cache.get_stage_instance(int(p.STAGE_INSTANCE)),
        cache.get_stage_instance(800000000000000004),
    )
    assert all(s is not None for s in stages) is stages_kept
    assert any(s is not None for s in stages) is stages_kept
    assert len(cache.get_stage_instances_view()) == (2 if stages_kept else 0)
    assert len(cache.get_stage_instances_view_for_guild(int(p.GUILD))) == (2 if stages_kept else 0)
    events = (
        cache.get_scheduled_event(int(p.SCHEDULED_EVENT)),
        cache.get_scheduled_event(int(later)),
    )
    assert all(e is not None for e in events) is events_kept
    assert any(e is not None for e in events) is events_kept
    assert len(cache.get_scheduled_events_view()) == (2 if events_kept else 0)
    assert len(cache.get_scheduled_events_view_for_guild(int(p.GUILD))) == (2 if events_kept else 0)
    if events_kept:
        assert events[1].user_count == 2  # type: ignore[union-attr]


# -- thread members -----------------------------------------------------------------------------


async def test_thread_members_from_guild_create_updates_and_thread_delete() -> None:
    cache, manager = make()
    thread_id = int(p.THREAD)
    counts: list[int | None] = []

    @manager.listen()
    async def on_members(event: ThreadMembersUpdateEvent) -> None:
        thread = cache.get_thread(thread_id)
        counts.append(getattr(thread, "approximate_member_count", None))

    own = {**p.thread(), "member": p.thread_member()}  # the bot's own, without ids
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await feed(manager, ("READY", p.ready()), ("GUILD_CREATE", guild_with(threads=[own])))
        mine = cache.get_thread_member(thread_id, int(p.ME))
        assert mine is not None
        assert (mine.thread_id, mine.user_id) == (thread_id, int(p.ME))
        added = p.thread_member(U1, p.THREAD, member=p.member(U1, "one"))
        await feed(
            manager,
            (
                "THREAD_MEMBERS_UPDATE",
                {"id": p.THREAD, "guild_id": p.GUILD, "member_count": 2, "added_members": [added]},
            ),
        )
        await manager.wait_idle()
        assert counts == [2]  # the thread's count was updated before the listener ran
        one = cache.get_thread_member(thread_id, int(U1))
        assert one is not None
        assert one.member is not None
        assert one.member.user.username == "one"
        assert set(cache.get_thread_members_view_for_thread(thread_id)) == {int(p.ME), int(U1)}
        await feed(
            manager,
            (
                "THREAD_MEMBERS_UPDATE",
                {
                    "id": p.THREAD,
                    "guild_id": p.GUILD,
                    "member_count": 1,
                    "removed_member_ids": [U1],
                },
            ),
        )
        assert cache.get_thread_member(thread_id, int(U1)) is None
        assert cache.get_thread(thread_id).approximate_member_count == 1  # type: ignore[union-attr]
        # The bot's own membership changes (THREAD_MEMBER_UPDATE has `guild_id`).
        update = {**p.thread_member(p.ME, p.THREAD, flags=2), "guild_id": p.GUILD}
        await feed(manager, ("THREAD_MEMBER_UPDATE", update))
        assert int(cache.get_thread_member(thread_id, int(p.ME)).flags) == 2  # type: ignore[union-attr]
        await feed(
            manager,
            (
                "THREAD_DELETE",
                {"id": p.THREAD, "guild_id": p.GUILD, "parent_id": p.TEXT, "type": 11},
            ),
        )
        assert cache.get_thread_member(thread_id, int(p.ME)) is None
        assert len(cache.get_thread_members_view_for_thread(thread_id)) == 0
        await manager.aclose()


async def test_thread_members_from_list_sync_and_thread_create_and_guild_leave() -> None:
    cache, manager = make()
    other = "300000000000000009"
    await feed(manager, ("READY", p.ready()), ("GUILD_CREATE", guild_with(threads=[p.thread()])))
    assert cache.get_thread_member(int(p.THREAD), int(p.ME)) is None
    # THREAD_CREATE when the bot is added to an existing private thread carries its member.
    await feed(manager, ("THREAD_CREATE", {**p.thread(other), "member": p.thread_member()}))
    assert cache.get_thread_member(int(other), int(p.ME)) is not None
    # A list sync of the whole guild replaces the threads and gives the bot's memberships.
    await feed(
        manager,
        (
            "THREAD_LIST_SYNC",
            {
                "guild_id": p.GUILD,
                "threads": [p.thread()],
                "members": [p.thread_member(p.ME, p.THREAD)],
            },
        ),
    )
    assert cache.get_thread_member(int(other), int(p.ME)) is None  # its thread is gone
    assert cache.get_thread_member(int(p.THREAD), int(p.ME)) is not None
    await feed(manager, ("GUILD_DELETE", {"id": p.GUILD}))
    assert cache.get_thread_member(int(p.THREAD), int(p.ME)) is None


@pytest.mark.parametrize("flag", [CacheComponents.THREAD_MEMBERS, CacheComponents.GUILD_THREADS])
async def test_thread_members_off_with_their_flag_or_without_threads(
    flag: CacheComponents,
) -> None:
    cache, manager = make(CacheSettings(components=CacheComponents.ALL & ~flag))
    added = {
        "id": p.THREAD,
        "guild_id": p.GUILD,
        "member_count": 2,
        "added_members": [p.thread_member(U1, p.THREAD)],
    }
    sync = {"guild_id": p.GUILD, "threads": [], "members": [p.thread_member(p.ME, p.THREAD)]}
    await feed(
        manager,
        ("READY", p.ready()),
        ("GUILD_CREATE", guild_with(threads=[{**p.thread(), "member": p.thread_member()}])),
        ("THREAD_MEMBER_UPDATE", {**p.thread_member(p.ME, p.THREAD), "guild_id": p.GUILD}),
        ("THREAD_MEMBERS_UPDATE", added),
        ("THREAD_LIST_SYNC", sync),
    )
    assert cache.get_thread_member(int(p.THREAD), int(p.ME)) is None
    assert cache.get_thread_member(int(p.THREAD), int(U1)) is None
    assert len(cache.get_thread_members_view_for_thread(int(p.THREAD))) == 0
    assert cache._thread_members == {}  # nothing stored behind the getters either


async def test_threads_keep_their_member_count_without_thread_members() -> None:
    cache, manager = make(
        CacheSettings(components=CacheComponents.ALL & ~CacheComponents.THREAD_MEMBERS)
    )
    update = {"id": p.THREAD, "guild_id": p.GUILD, "member_count": 7, "added_members": []}
    await feed(
        manager,
        ("READY", p.ready()),
        ("GUILD_CREATE", guild_with(threads=[p.thread()])),
        ("THREAD_MEMBERS_UPDATE", update),
    )
    thread = cache.get_thread(int(p.THREAD))
    assert getattr(thread, "approximate_member_count", None) == 7


# -- reactions ----------------------------------------------------------------------------------


def counts(cache: Cache) -> list[tuple[str | None, int, int, int, bool, bool]]:
    message = cache.get_message(int(MSG))
    assert message is not None
    return [
        (
            getattr(r.emoji, "name", None),
            r.count,
            r.count_details.normal,
            r.count_details.burst,
            r.is_me,
            r.is_me_burst,
        )
        for r in message.reactions
    ]


async def test_reaction_counts_follow_add_remove_emoji_and_all() -> None:
    cache, manager = make()
    before: list[typing.Any] = []
    in_listener: list[typing.Any] = []

    @manager.listen()
    async def on_message(event: GuildMessageCreateEvent) -> None:
        before.append(event.message)

    @manager.listen()
    async def on_reaction(event: GuildReactionAddEvent) -> None:
        in_listener.append(counts(cache))

    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await feed(manager, ("READY", p.ready()), ("MESSAGE_CREATE", p.message(MSG)))
        await manager.wait_idle()
        await feed(manager, ("MESSAGE_REACTION_ADD", p.reaction("🔥", U1)))
        await manager.wait_idle()
        # The listener saw the state after its event.
        assert in_listener == [[("🔥", 1, 1, 0, False, False)]]
        await feed(
            manager,
            ("MESSAGE_REACTION_ADD", p.reaction("🔥", p.ME)),
            ("MESSAGE_REACTION_ADD", p.reaction("blob", U1, emoji_id=CUSTOM, burst=True)),
        )
        await manager.wait_idle()
        assert counts(cache) == [("🔥", 2, 2, 0, True, False), ("blob", 1, 0, 1, False, False)]
        # The message a listener received earlier is not changed by later reactions.
        assert before[0].reactions == ()
        # A custom emoji is matched by ID even when its name changed.
        await feed(manager, ("MESSAGE_REACTION_ADD", p.reaction("renamed", p.ME, emoji_id=CUSTOM)))
        assert counts(cache)[1] == ("blob", 2, 1, 1, True, False)
        await feed(manager, ("MESSAGE_REACTION_REMOVE", p.reaction("🔥", p.ME)))
        assert counts(cache)[0] == ("🔥", 1, 1, 0, False, False)
        await feed(manager, ("MESSAGE_REACTION_REMOVE", p.reaction("🔥", U1)))
        assert [c[0] for c in counts(cache)] == ["blob"]  # the last one removes the entry
        await feed(manager, ("MESSAGE_REACTION_ADD", p.reaction("🔥", U1)))
        emoji_only = {k: v for k, v in p.reaction("x", U1, emoji_id=CUSTOM).items()}
        del emoji_only["user_id"]
        await feed(manager, ("MESSAGE_REACTION_REMOVE_EMOJI", emoji_only))
        assert [c[0] for c in counts(cache)] == ["🔥"]
        await feed(
            manager,
            (
                "MESSAGE_REACTION_REMOVE_ALL",
                {"channel_id": p.TEXT, "message_id": MSG, "guild_id": p.GUILD},
            ),
        )
        assert counts(cache) == []
        # Reactions on a message the cache does not hold change nothing and never fail.
        stray = {**p.reaction("🔥", U1), "message_id": "900000000000000099"}
        await feed(manager, ("MESSAGE_REACTION_ADD", stray), ("MESSAGE_REACTION_REMOVE", stray))
        assert cache.get_message(900000000000000099) is None
        await manager.wait_idle()
        await manager.aclose()


async def test_reactions_on_a_message_that_arrived_with_reactions() -> None:
    cache, manager = make()
    message = {
        **p.message(MSG),
        "reactions": [
            {
                "count": 3,
                "count_details": {"burst": 1, "normal": 2},
                "me": True,
                "me_burst": False,
                "emoji": {"id": None, "name": "👍"},
                "burst_colors": ["#ffffff"],
            }
        ],
    }
    await feed(manager, ("READY", p.ready()), ("MESSAGE_CREATE", message))
    await feed(manager, ("MESSAGE_REACTION_REMOVE", p.reaction("👍", U2, burst=True)))
    assert counts(cache) == [("👍", 2, 2, 0, True, False)]
    await feed(manager, ("MESSAGE_REACTION_REMOVE", p.reaction("👍", p.ME)))
    assert counts(cache) == [("👍", 1, 1, 0, False, False)]
    # The payload the cache received was not changed in place.
    assert message["reactions"][0]["count"] == 3
