"""Role events: create, update, delete."""

from __future__ import annotations

import typing

import attrs

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C
from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.intents import Intents as I
from anycord.serde.roles import decode_role
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.roles import Role

__all__ = ["ROWS", "RoleCreateEvent", "RoleDeleteEvent", "RoleEvent", "RoleUpdateEvent"]

Payload = dict[str, typing.Any]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class RoleEvent(ShardBoundEvent):
    """Base of role events."""

    guild_id: Snowflake
    role_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class RoleCreateEvent(RoleEvent):
    """GUILD_ROLE_CREATE."""

    role: Role


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class RoleUpdateEvent(RoleEvent):
    """GUILD_ROLE_UPDATE; `old_role` when cached."""

    role: Role
    old_role: Role | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class RoleDeleteEvent(RoleEvent):
    """GUILD_ROLE_DELETE; `old_role` when cached."""

    old_role: Role | None = None


def on_role_create(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> RoleCreateEvent:
    """GUILD_ROLE_CREATE."""
    guild_id = Snowflake(payload["guild_id"])
    role = payload["role"]
    return RoleCreateEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        role_id=Snowflake(role["id"]),
        role=decode_role(role, app, guild_id),
    )


def on_role_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], Role] | None,
) -> RoleUpdateEvent:
    """GUILD_ROLE_UPDATE."""
    guild_id = Snowflake(payload["guild_id"])
    role = payload["role"]
    return RoleUpdateEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        role_id=Snowflake(role["id"]),
        role=decode_role(role, app, guild_id),
        old_role=old() if old is not None else None,
    )


def on_role_delete(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], Role] | None,
) -> RoleDeleteEvent:
    """GUILD_ROLE_DELETE."""
    return RoleDeleteEvent(
        app=app,
        shard=shard,
        guild_id=Snowflake(payload["guild_id"]),
        role_id=Snowflake(payload["role_id"]),
        old_role=old() if old is not None else None,
    )


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "GUILD_ROLE_CREATE",
        on_role_create,
        (RoleCreateEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_role_create,
        components=C.ROLES,
    ),
    Row(
        "GUILD_ROLE_UPDATE",
        on_role_update,
        (RoleUpdateEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_role_update,
        components=C.ROLES,
    ),
    Row(
        "GUILD_ROLE_DELETE",
        on_role_delete,
        (RoleDeleteEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_role_delete,
        components=C.ROLES,
    ),
)
