"""Builders for the many event factories that are one decoded entity plus a few IDs.

`decoded_factory(cls, field, decoder)` is the factory of an event whose payload *is* one
entity (a stage instance, an entitlement, an integration …): the entity is decoded with the
serde function `decoder` and stored in `field`, next to `guild_id` (unless `in_guild=False`)
and the snowflakes named in `ids` (event field → payload key). `with_guild_id=True` passes
the guild ID to decoders that take it. `old_field` names the event field that receives
what the cache held before (the `old` thunk of `anycord.cache.updates`). The factory's
docstring is the event's, so the factory table stays self-describing.
"""

from __future__ import annotations

import typing

from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from anycord.events.base import EventApp, ShardBoundEvent
    from anycord.gateway.shard import GatewayShard

__all__ = ["Factory", "decoded_factory"]

Payload = typing.Mapping[str, typing.Any]
Factory = typing.Callable[
    ["EventApp | None", "GatewayShard | None", Payload, "Callable[[], object] | None"],
    "ShardBoundEvent",
]
"""`(app, shard, payload, old) -> event`; `old` builds what the cache held, if anything."""

_E = typing.TypeVar("_E", bound="ShardBoundEvent")


def decoded_factory(
    cls: type[_E],
    field: str,
    decoder: typing.Callable[..., object],
    *,
    in_guild: bool = True,
    with_guild_id: bool = False,
    ids: Mapping[str, str] | None = None,
    old_field: str | None = None,
) -> Callable[[EventApp | None, GatewayShard | None, Payload, Callable[[], object] | None], _E]:
    """The factory of `cls`: `field` holds the payload decoded by `decoder` (module doc)."""
    id_keys = dict(ids or {})

    def factory(
        app: EventApp | None,
        shard: GatewayShard | None,
        payload: Payload,
        old: Callable[[], object] | None,
    ) -> _E:
        kwargs: dict[str, object] = {k: Snowflake(payload[v]) for k, v in id_keys.items()}
        if in_guild:
            guild_id = kwargs["guild_id"] = Snowflake(payload["guild_id"])
            if with_guild_id:
                kwargs[field] = decoder(payload, app, guild_id)
            else:
                kwargs[field] = decoder(payload, app)
        else:
            kwargs[field] = decoder(payload, app)
        if old_field is not None and old is not None:
            kwargs[old_field] = old()
        return cls(app=app, shard=shard, **kwargs)

    factory.__doc__ = cls.__doc__
    return factory
