"""Guild member events: join, update, leave."""

from __future__ import annotations

import typing

import attrs

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C
from anycord.events.accessors import GuildAccessor, UserAccessor
from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.intents import Intents as I
from anycord.serde.members import decode_member
from anycord.serde.users import decode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.members import Member
    from anycord.models.users import User

__all__ = ["ROWS", "MemberCreateEvent", "MemberDeleteEvent", "MemberEvent", "MemberUpdateEvent"]

Payload = dict[str, typing.Any]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MemberEvent(GuildAccessor, UserAccessor, ShardBoundEvent):
    """Base of member events."""

    guild_id: Snowflake
    user: User

    @property
    def user_id(self) -> Snowflake:
        """The member's user ID."""
        return self.user.id


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MemberCreateEvent(MemberEvent):
    """GUILD_MEMBER_ADD."""

    member: Member


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MemberUpdateEvent(MemberEvent):
    """GUILD_MEMBER_UPDATE; `old_member` when cached."""

    member: Member
    old_member: Member | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MemberDeleteEvent(MemberEvent):
    """GUILD_MEMBER_REMOVE; `old_member` when cached."""

    old_member: Member | None = None


def _member(payload: Payload, app: EventApp | None) -> tuple[Snowflake, Member]:
    guild_id = Snowflake(payload["guild_id"])
    return guild_id, decode_member(payload, app, guild_id)


def on_member_add(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> MemberCreateEvent:
    """GUILD_MEMBER_ADD."""
    guild_id, member = _member(payload, app)
    return MemberCreateEvent(
        app=app, shard=shard, guild_id=guild_id, user=member.user, member=member
    )


def on_member_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], Member] | None,
) -> MemberUpdateEvent:
    """GUILD_MEMBER_UPDATE."""
    guild_id, member = _member(payload, app)
    return MemberUpdateEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        user=member.user,
        member=member,
        old_member=old() if old is not None else None,
    )


def on_member_remove(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], Member] | None,
) -> MemberDeleteEvent:
    """GUILD_MEMBER_REMOVE."""
    return MemberDeleteEvent(
        app=app,
        shard=shard,
        guild_id=Snowflake(payload["guild_id"]),
        user=decode_user(payload["user"], app),
        old_member=old() if old is not None else None,
    )


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "GUILD_MEMBER_ADD",
        on_member_add,
        (MemberCreateEvent,),
        intents=(I.GUILD_MEMBERS,),
        cache=Cache.apply_member_add,
        components=C.MEMBERS,
    ),
    Row(
        "GUILD_MEMBER_UPDATE",
        on_member_update,
        (MemberUpdateEvent,),
        intents=(I.GUILD_MEMBERS,),
        cache=Cache.apply_member_update,
        components=C.MEMBERS,
    ),
    Row(
        "GUILD_MEMBER_REMOVE",
        on_member_remove,
        (MemberDeleteEvent,),
        intents=(I.GUILD_MEMBERS,),
        cache=Cache.apply_member_remove,
        components=C.MEMBERS,
    ),
)
