"""Voice events: voice states, voice servers, and voice channel effects."""

from __future__ import annotations

import typing

import attrs

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C
from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.intents import Intents as I
from anycord.serde.emojis import decode_emoji
from anycord.serde.voices import decode_voice_state
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.voices import VoiceState

__all__ = [
    "ROWS",
    "VoiceChannelEffectSendEvent",
    "VoiceEvent",
    "VoiceServerUpdateEvent",
    "VoiceStateUpdateEvent",
]

Payload = dict[str, typing.Any]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class VoiceEvent(ShardBoundEvent):
    """Base of voice events."""

    guild_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class VoiceStateUpdateEvent(VoiceEvent):
    """VOICE_STATE_UPDATE; `old_state` when cached."""

    state: VoiceState
    old_state: VoiceState | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class VoiceServerUpdateEvent(VoiceEvent):
    """VOICE_SERVER_UPDATE: where to connect for voice (`endpoint` is `None` while Discord
    allocates a server)."""

    token: str = attrs.field(repr=False)
    endpoint: str | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class VoiceChannelEffectSendEvent(VoiceEvent):
    """VOICE_CHANNEL_EFFECT_SEND: someone sent an emoji reaction or soundboard sound."""

    channel_id: Snowflake
    user_id: Snowflake
    emoji: typing.Any = None
    animation_type: int | None = None
    animation_id: int | None = None
    sound_id: Snowflake | int | None = None
    sound_volume: float | None = None


def on_voice_state_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], VoiceState] | None,
) -> VoiceStateUpdateEvent | None:
    """VOICE_STATE_UPDATE (only guild voice states have events)."""
    if payload.get("guild_id") is None:
        return None
    guild_id = Snowflake(payload["guild_id"])
    return VoiceStateUpdateEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        state=decode_voice_state(payload, app, guild_id),
        old_state=old() if old is not None else None,
    )


def on_voice_server_update(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> VoiceServerUpdateEvent:
    """VOICE_SERVER_UPDATE."""
    return VoiceServerUpdateEvent(
        app=app,
        shard=shard,
        guild_id=Snowflake(payload["guild_id"]),
        token=payload["token"],
        endpoint=payload.get("endpoint"),
    )


def on_voice_channel_effect_send(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> VoiceChannelEffectSendEvent:
    """VOICE_CHANNEL_EFFECT_SEND."""
    emoji = payload.get("emoji")
    sound = payload.get("sound_id")
    return VoiceChannelEffectSendEvent(
        app=app,
        shard=shard,
        guild_id=Snowflake(payload["guild_id"]),
        channel_id=Snowflake(payload["channel_id"]),
        user_id=Snowflake(payload["user_id"]),
        emoji=decode_emoji(emoji) if emoji is not None else None,
        animation_type=payload.get("animation_type"),
        animation_id=payload.get("animation_id"),
        sound_id=Snowflake(sound) if isinstance(sound, str) else sound,
        sound_volume=payload.get("sound_volume"),
    )


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "VOICE_STATE_UPDATE",
        on_voice_state_update,
        (VoiceStateUpdateEvent,),
        intents=(I.GUILD_VOICE_STATES,),
        cache=Cache.apply_voice_state_update,
        components=C.VOICE_STATES,
    ),
    Row("VOICE_SERVER_UPDATE", on_voice_server_update, (VoiceServerUpdateEvent,)),
    Row(
        "VOICE_CHANNEL_EFFECT_SEND",
        on_voice_channel_effect_send,
        (VoiceChannelEffectSendEvent,),
        intents=(I.GUILD_VOICE_STATES,),
    ),
)
