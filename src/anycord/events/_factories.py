"""Builders for the many event factories that are one decoded entity plus a few IDs.

`decoded_factory(cls, field, kind)` is the factory of an event whose payload *is* one entity
(a stage instance, an entitlement, an integration …): the entity is decoded with the serde
family for `kind` and stored in `field`, next to `guild_id` (unless `in_guild=False`) and the
snowflakes named in `ids` (event field → payload key). The factory's docstring is the
event's, so the factory table stays self-describing.
"""

from __future__ import annotations

import typing

from anycord.events._decode import decode
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.events.base import ShardBoundEvent

__all__ = ["Factory", "decoded_factory"]

Payload = typing.Mapping[str, typing.Any]
Factory = typing.Callable[[typing.Any, typing.Any, Payload, typing.Any], "ShardBoundEvent"]
"""`(app, shard, payload, old) -> event`."""

_E = typing.TypeVar("_E", bound="ShardBoundEvent")


def decoded_factory(
    cls: type[_E],
    field: str,
    kind: str,
    *,
    in_guild: bool = True,
    ids: Mapping[str, str] | None = None,
) -> typing.Callable[[typing.Any, typing.Any, Payload, typing.Any], _E]:
    """The factory of `cls`: `field` holds the payload decoded as `kind` (see the module)."""
    id_keys = dict(ids or {})

    def factory(app: typing.Any, shard: typing.Any, payload: Payload, old: typing.Any) -> _E:
        kwargs: dict[str, typing.Any] = {k: Snowflake(payload[v]) for k, v in id_keys.items()}
        if in_guild:
            guild_id = kwargs["guild_id"] = Snowflake(payload["guild_id"])
            kwargs[field] = decode(kind, payload, app, guild_id)
        else:
            kwargs[field] = decode(kind, payload, app)
        return cls(app=app, shard=shard, **kwargs)

    factory.__doc__ = cls.__doc__
    return factory
