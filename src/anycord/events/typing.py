"""Typing events (TYPING_START), guild and DM flavours."""

from __future__ import annotations

import datetime
import typing

import attrs

from anycord.events.accessors import (
    ChannelAccessor,
    ChannelFetcher,
    GuildAccessor,
    MemberAccessor,
    UserAccessor,
)
from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.intents import Intents as I
from anycord.serde.members import decode_member
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.members import Member

__all__ = ["ROWS", "DMTypingEvent", "GuildTypingEvent", "TypingEvent"]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class TypingEvent(UserAccessor, ChannelFetcher, ShardBoundEvent):
    """Someone started typing."""

    channel_id: Snowflake
    user_id: Snowflake
    timestamp: datetime.datetime


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildTypingEvent(GuildAccessor, ChannelAccessor, MemberAccessor, TypingEvent):
    """Someone started typing in a guild channel."""

    guild_id: Snowflake
    member: Member | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class DMTypingEvent(TypingEvent):
    """Someone started typing in a DM."""


def on_typing_start(
    app: EventApp | None, shard: GatewayShard | None, payload: dict[str, typing.Any], old: object
) -> TypingEvent:
    """TYPING_START."""
    channel_id = Snowflake(payload["channel_id"])
    user_id = Snowflake(payload["user_id"])
    timestamp = datetime.datetime.fromtimestamp(payload["timestamp"], datetime.UTC)
    guild_id = payload.get("guild_id")
    if guild_id is not None:
        gid = Snowflake(guild_id)
        member = payload.get("member")
        return GuildTypingEvent(
            app=app,
            shard=shard,
            channel_id=channel_id,
            user_id=user_id,
            timestamp=timestamp,
            guild_id=gid,
            member=decode_member(member, app, gid) if member is not None else None,
        )
    return DMTypingEvent(
        app=app, shard=shard, channel_id=channel_id, user_id=user_id, timestamp=timestamp
    )


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "TYPING_START",
        on_typing_start,
        (GuildTypingEvent, DMTypingEvent),
        intents=(I.GUILD_MESSAGE_TYPING, I.DIRECT_MESSAGE_TYPING),
        event_intents={
            GuildTypingEvent: (I.GUILD_MESSAGE_TYPING,),
            DMTypingEvent: (I.DIRECT_MESSAGE_TYPING,),
        },
    ),
)
