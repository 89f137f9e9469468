"""Shard events: connection state, the raw payload of every dispatch, member chunks,
gateway rate limits, and the gateway-only notices (channel info, soundboard lists)."""

from __future__ import annotations

import logging
import typing

import attrs

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C
from anycord.events.base import ShardBoundEvent
from anycord.events.guild import GuildVisibility
from anycord.events.rows import Row
from anycord.serde.members import decode_member
from anycord.serde.presences import decode_member_presence
from anycord.serde.users import decode_own_user
from anycord.snowflakes import Snowflake

_LOGGER = logging.getLogger("anycord.gateway")

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.users import OwnUser

__all__ = [
    "ROWS",
    "MemberChunkEvent",
    "ShardConnectedEvent",
    "ShardDisconnectedEvent",
    "ShardEvent",
    "ShardPayloadEvent",
    "ShardRateLimitedEvent",
    "ShardReadyEvent",
    "ShardResumedEvent",
    "ShardStateEvent",
]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ShardEvent(ShardBoundEvent):
    """Base of events about a shard itself."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ShardPayloadEvent(ShardEvent):
    """Every dispatch the shard received, raw (`name` is `t`, `payload` is `d`).

    Delivered before the typed event, and for names anycord does not know. Nothing is
    decoded for it: subscribing costs one object per dispatch.
    """

    name: str
    payload: Mapping[str, typing.Any]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ShardStateEvent(ShardEvent):
    """Base of shard connection-state events."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ShardConnectedEvent(ShardStateEvent):
    """The shard's session is up: READY or RESUMED was delivered on this connection."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ShardDisconnectedEvent(ShardStateEvent):
    """A connection that had completed its handshake closed (the shard may reconnect)."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ShardReadyEvent(ShardStateEvent):
    """READY: a new session started."""

    actual_gateway_version: int
    session_id: str
    my_user: OwnUser
    unavailable_guilds: Sequence[Snowflake]
    application_id: Snowflake
    application_flags: int
    resume_gateway_url: str
    shard_info: tuple[int, int] | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ShardResumedEvent(ShardStateEvent):
    """RESUMED: the session resumed and missed events were replayed."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ShardRateLimitedEvent(ShardEvent):
    """RATE_LIMITED: the gateway refused a request (e.g. REQUEST_GUILD_MEMBERS) for a while."""

    opcode: int
    retry_after: float
    meta: Mapping[str, typing.Any]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MemberChunkEvent(ShardEvent):
    """GUILD_MEMBERS_CHUNK: one chunk of a REQUEST_GUILD_MEMBERS answer.

    `members` maps user ID to member; `presences` is empty unless presences were asked for.
    """

    guild_id: Snowflake
    members: Mapping[Snowflake, typing.Any]
    chunk_index: int
    chunk_count: int
    not_found: Sequence[Snowflake]
    presences: Mapping[Snowflake, typing.Any]
    nonce: str | None


# -- factories (see anycord.events.factory) -------------------------------------------------


def on_ready(
    app: EventApp | None, shard: GatewayShard | None, payload: dict[str, typing.Any], old: object
) -> ShardReadyEvent:
    """READY."""
    application = payload.get("application") or {}
    shard_info = payload.get("shard")
    return ShardReadyEvent(
        app=app,
        shard=shard,
        actual_gateway_version=payload.get("v", 10),
        session_id=payload["session_id"],
        my_user=decode_own_user(payload["user"], app),
        unavailable_guilds=[Snowflake(g["id"]) for g in payload.get("guilds", ())],
        application_id=Snowflake(application.get("id", 0)),
        application_flags=application.get("flags", 0),
        resume_gateway_url=payload.get("resume_gateway_url", ""),
        shard_info=(shard_info[0], shard_info[1]) if shard_info else None,
    )


def on_resumed(
    app: EventApp | None, shard: GatewayShard | None, payload: dict[str, typing.Any], old: object
) -> ShardResumedEvent:
    """RESUMED."""
    return ShardResumedEvent(app=app, shard=shard)


def on_rate_limited(
    app: EventApp | None, shard: GatewayShard | None, payload: dict[str, typing.Any], old: object
) -> ShardRateLimitedEvent:
    """RATE_LIMITED."""
    return ShardRateLimitedEvent(
        app=app,
        shard=shard,
        opcode=payload.get("opcode", 0),
        retry_after=float(payload.get("retry_after", 0.0)),
        meta=payload.get("meta") or {},
    )


def log_rate_limited(
    visibility: object, shard: GatewayShard | None, payload: dict[str, typing.Any]
) -> bool:
    """RATE_LIMITED is logged whether or not anybody listens (a gateway command was refused)."""
    _LOGGER.warning(
        "shard %s was rate limited by the gateway: %s", getattr(shard, "id", None), payload
    )
    return False


def on_member_chunk(
    app: EventApp | None, shard: GatewayShard | None, payload: dict[str, typing.Any], old: object
) -> MemberChunkEvent:
    """GUILD_MEMBERS_CHUNK."""
    guild_id = Snowflake(payload["guild_id"])
    members = {}
    for raw in payload.get("members", ()):
        member = decode_member(raw, app, guild_id)
        members[Snowflake(raw["user"]["id"])] = member
    presences = {}
    for raw in payload.get("presences", ()) or ():
        presences[Snowflake(raw["user"]["id"])] = decode_member_presence(raw, app, guild_id)
    return MemberChunkEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        members=members,
        chunk_index=payload.get("chunk_index", 0),
        chunk_count=payload.get("chunk_count", 1),
        not_found=[Snowflake(x) for x in payload.get("not_found", ())],
        presences=presences,
        nonce=payload.get("nonce"),
    )


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "READY",
        on_ready,
        (ShardReadyEvent,),
        cache=Cache.apply_ready,
        components=C.GUILDS | C.ME,
        track=GuildVisibility.ready,
    ),
    Row("RESUMED", on_resumed, (ShardResumedEvent,)),
    Row("RATE_LIMITED", on_rate_limited, (ShardRateLimitedEvent,), track=log_rate_limited),
    Row(
        "GUILD_MEMBERS_CHUNK",
        on_member_chunk,
        (MemberChunkEvent,),
        cache=Cache.apply_members_chunk,
        components=C.MEMBERS | C.PRESENCES,
    ),
)
