"""Thread events: create (or gained access), update, delete, list sync and thread members."""

from __future__ import annotations

import typing

import attrs

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C
from anycord.events.accessors import ChannelFetcher, GuildAccessor
from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.intents import Intents as I
from anycord.serde.channels import decode_channel
from anycord.serde.threads import decode_thread_member
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.threads import GuildThreadChannel, ThreadMember

__all__ = [
    "ROWS",
    "GuildThreadAccessEvent",
    "GuildThreadCreateEvent",
    "GuildThreadDeleteEvent",
    "GuildThreadEvent",
    "GuildThreadUpdateEvent",
    "ThreadListSyncEvent",
    "ThreadMemberUpdateEvent",
    "ThreadMembersUpdateEvent",
]

Payload = dict[str, typing.Any]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildThreadEvent(GuildAccessor, ChannelFetcher, ShardBoundEvent):
    """Base of events about one thread."""

    guild_id: Snowflake
    thread_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildThreadCreateEvent(GuildThreadEvent):
    """THREAD_CREATE for a new thread (`newly_created`)."""

    thread: GuildThreadChannel


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildThreadAccessEvent(GuildThreadEvent):
    """THREAD_CREATE for an existing thread the bot was given access to."""

    thread: GuildThreadChannel


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildThreadUpdateEvent(GuildThreadEvent):
    """THREAD_UPDATE; `old_thread` when cached."""

    thread: GuildThreadChannel
    old_thread: GuildThreadChannel | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildThreadDeleteEvent(GuildThreadEvent):
    """THREAD_DELETE (Discord sends only `id`, `guild_id`, `parent_id`, `type`)."""

    parent_id: Snowflake | None = None
    old_thread: GuildThreadChannel | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ThreadListSyncEvent(ShardBoundEvent):
    """THREAD_LIST_SYNC: the active threads of some channels (all when `channel_ids` is None)."""

    guild_id: Snowflake
    channel_ids: Sequence[Snowflake] | None
    threads: Mapping[Snowflake, GuildThreadChannel]
    members: Sequence[ThreadMember]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ThreadMemberUpdateEvent(GuildThreadEvent):
    """THREAD_MEMBER_UPDATE: the bot's own thread member changed."""

    member: ThreadMember


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ThreadMembersUpdateEvent(GuildThreadEvent):
    """THREAD_MEMBERS_UPDATE: users were added to or removed from a thread."""

    member_count: int
    added_members: Sequence[ThreadMember] = ()
    removed_member_ids: Sequence[Snowflake] = ()


def _thread(payload: Payload, app: EventApp | None, guild_id: Snowflake) -> GuildThreadChannel:
    return typing.cast("GuildThreadChannel", decode_channel(payload, app, guild_id))


def _ids(payload: Payload) -> tuple[Snowflake, Snowflake]:
    return Snowflake(payload["guild_id"]), Snowflake(payload["id"])


def on_thread_create(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> GuildThreadEvent:
    """THREAD_CREATE."""
    guild_id, thread_id = _ids(payload)
    thread = _thread(payload, app, guild_id)
    cls = GuildThreadCreateEvent if payload.get("newly_created") else GuildThreadAccessEvent
    return cls(app=app, shard=shard, guild_id=guild_id, thread_id=thread_id, thread=thread)


def on_thread_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], GuildThreadChannel] | None,
) -> GuildThreadUpdateEvent:
    """THREAD_UPDATE."""
    guild_id, thread_id = _ids(payload)
    return GuildThreadUpdateEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        thread_id=thread_id,
        thread=_thread(payload, app, guild_id),
        old_thread=old() if old is not None else None,
    )


def on_thread_delete(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], GuildThreadChannel] | None,
) -> GuildThreadDeleteEvent:
    """THREAD_DELETE."""
    guild_id, thread_id = _ids(payload)
    parent = payload.get("parent_id")
    return GuildThreadDeleteEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        thread_id=thread_id,
        parent_id=Snowflake(parent) if parent is not None else None,
        old_thread=old() if old is not None else None,
    )


def on_thread_list_sync(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> ThreadListSyncEvent:
    """THREAD_LIST_SYNC."""
    guild_id = Snowflake(payload["guild_id"])
    channel_ids = payload.get("channel_ids")
    return ThreadListSyncEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        channel_ids=tuple(map(Snowflake, channel_ids)) if channel_ids is not None else None,
        threads={Snowflake(t["id"]): _thread(t, app, guild_id) for t in payload.get("threads", ())},
        members=tuple(
            decode_thread_member(m, app, guild_id=guild_id) for m in payload.get("members", ())
        ),
    )


def on_thread_member_update(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> ThreadMemberUpdateEvent:
    """THREAD_MEMBER_UPDATE."""
    guild_id = Snowflake(payload["guild_id"])
    return ThreadMemberUpdateEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        thread_id=Snowflake(payload["id"]),
        member=decode_thread_member(payload, app, guild_id=guild_id),
    )


def on_thread_members_update(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> ThreadMembersUpdateEvent:
    """THREAD_MEMBERS_UPDATE."""
    guild_id, thread_id = _ids(payload)
    return ThreadMembersUpdateEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        thread_id=thread_id,
        member_count=payload.get("member_count", 0),
        added_members=tuple(
            decode_thread_member(m, app, guild_id=guild_id)
            for m in payload.get("added_members", ())
        ),
        removed_member_ids=tuple(map(Snowflake, payload.get("removed_member_ids", ()))),
    )


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "THREAD_CREATE",
        on_thread_create,
        (GuildThreadCreateEvent, GuildThreadAccessEvent),
        intents=(I.GUILDS,),
        cache=Cache.apply_thread_create,
        components=C.GUILD_THREADS,
    ),
    Row(
        "THREAD_UPDATE",
        on_thread_update,
        (GuildThreadUpdateEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_thread_update,
        components=C.GUILD_THREADS,
    ),
    Row(
        "THREAD_DELETE",
        on_thread_delete,
        (GuildThreadDeleteEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_thread_delete,
        components=C.GUILD_THREADS,
    ),
    Row(
        "THREAD_LIST_SYNC",
        on_thread_list_sync,
        (ThreadListSyncEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_thread_list_sync,
        components=C.GUILD_THREADS,
    ),
    Row(
        "THREAD_MEMBER_UPDATE",
        on_thread_member_update,
        (ThreadMemberUpdateEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_thread_member_update,
        components=C.THREAD_MEMBERS,
    ),
    Row(
        "THREAD_MEMBERS_UPDATE",
        on_thread_members_update,
        (ThreadMembersUpdateEvent,),
        intents=(I.GUILDS, I.GUILD_MEMBERS),
        cache=Cache.apply_thread_members_update,
        components=C.GUILD_THREADS | C.THREAD_MEMBERS,
    ),
)
