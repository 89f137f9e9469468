"""Channel events: guild channel create/update/delete, pins, invites, webhooks, and the
voice channel status notices."""

from __future__ import annotations

import datetime
import typing

import attrs

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C
from anycord.events.accessors import ChannelAccessor, ChannelFetcher, GuildAccessor, rest_of
from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.intents import Intents as I
from anycord.serde.channels import decode_channel
from anycord.serde.invites import decode_invite_with_metadata
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.channels import GuildChannel
    from anycord.models.invites import Invite
    from anycord.models.messages import Message
    from anycord.models.webhooks import PartialWebhook

__all__ = [
    "ROWS",
    "ChannelEvent",
    "ChannelInfoEvent",
    "DMPinsUpdateEvent",
    "GuildChannelCreateEvent",
    "GuildChannelDeleteEvent",
    "GuildChannelEvent",
    "GuildChannelUpdateEvent",
    "GuildPinsUpdateEvent",
    "InviteCreateEvent",
    "InviteDeleteEvent",
    "InviteEvent",
    "PinsUpdateEvent",
    "VoiceChannelStartTimeUpdateEvent",
    "VoiceChannelStatusUpdateEvent",
    "WebhookUpdateEvent",
]

Payload = dict[str, typing.Any]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ChannelEvent(ChannelFetcher, ShardBoundEvent):
    """Base of events about one channel (`channel_id`)."""

    channel_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildChannelEvent(GuildAccessor, ChannelAccessor, ChannelEvent):
    """Base of events about a guild channel."""

    guild_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildChannelCreateEvent(GuildChannelEvent):
    """CHANNEL_CREATE in a guild."""

    channel: GuildChannel


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildChannelUpdateEvent(GuildChannelEvent):
    """CHANNEL_UPDATE; `old_channel` when cached."""

    channel: GuildChannel
    old_channel: GuildChannel | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildChannelDeleteEvent(GuildChannelEvent):
    """CHANNEL_DELETE."""

    channel: GuildChannel


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PinsUpdateEvent(ChannelEvent):
    """CHANNEL_PINS_UPDATE: a message was pinned or unpinned."""

    last_pin_timestamp: datetime.datetime | None = None

    async def fetch_pins(self) -> Sequence[Message]:
        """The channel's pinned messages, fetched (the most recent 50)."""
        return typing.cast("Sequence[Message]", await rest_of(self).fetch_pins(self.channel_id))


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildPinsUpdateEvent(GuildAccessor, ChannelAccessor, PinsUpdateEvent):
    """Pins changed in a guild channel."""

    guild_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class DMPinsUpdateEvent(PinsUpdateEvent):
    """Pins changed in a DM."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class InviteEvent(GuildAccessor, ChannelAccessor, ChannelEvent):
    """Base of invite events."""

    guild_id: Snowflake | None = None
    code: str

    async def fetch_invite(self) -> Invite:
        """The invite, fetched by its code (`NotFoundError` once it was deleted)."""
        return await rest_of(self).fetch_invite(self.code)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class InviteCreateEvent(InviteEvent):
    """INVITE_CREATE."""

    invite: typing.Any


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class InviteDeleteEvent(InviteEvent):
    """INVITE_DELETE; `old_invite` when cached."""

    old_invite: typing.Any = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class WebhookUpdateEvent(GuildChannelEvent):
    """WEBHOOKS_UPDATE: a channel's webhooks changed (fetch them to see how)."""

    async def fetch_channel_webhooks(self) -> Sequence[PartialWebhook]:
        """The channel's webhooks, fetched."""
        webhooks = await rest_of(self).fetch_channel_webhooks(self.channel_id)
        return typing.cast("Sequence[PartialWebhook]", webhooks)

    async def fetch_guild_webhooks(self) -> Sequence[PartialWebhook]:
        """The guild's webhooks, fetched."""
        webhooks = await rest_of(self).fetch_guild_webhooks(self.guild_id)
        return typing.cast("Sequence[PartialWebhook]", webhooks)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ChannelInfoEvent(ShardBoundEvent):
    """CHANNEL_INFO: ephemeral channel details (voice status, start times) for a guild."""

    guild_id: Snowflake
    channels: Sequence[typing.Mapping[str, typing.Any]]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class VoiceChannelStatusUpdateEvent(GuildChannelEvent):
    """VOICE_CHANNEL_STATUS_UPDATE."""

    status: str | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class VoiceChannelStartTimeUpdateEvent(GuildChannelEvent):
    """VOICE_CHANNEL_START_TIME_UPDATE."""

    voice_start_time: datetime.datetime | None = None


# -- factories -------------------------------------------------------------------------------


def _opt_time(value: str | float | None) -> datetime.datetime | None:
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, datetime.UTC)
    return datetime.datetime.fromisoformat(value)


def _channel(payload: Payload, app: EventApp | None) -> tuple[Snowflake, Snowflake, GuildChannel]:
    guild_id = Snowflake(payload["guild_id"])
    # With a guild ID, `decode_channel` builds a `GuildChannel` (or a subclass).
    channel = typing.cast("GuildChannel", decode_channel(payload, app, guild_id))
    return Snowflake(payload["id"]), guild_id, channel


def on_channel_create(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> GuildChannelCreateEvent | None:
    """CHANNEL_CREATE (DM channels produce no event, as Discord no longer sends them)."""
    if payload.get("guild_id") is None:
        return None
    channel_id, guild_id, channel = _channel(payload, app)
    return GuildChannelCreateEvent(
        app=app, shard=shard, channel_id=channel_id, guild_id=guild_id, channel=channel
    )


def on_channel_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], GuildChannel] | None,
) -> GuildChannelUpdateEvent | None:
    """CHANNEL_UPDATE."""
    if payload.get("guild_id") is None:
        return None
    channel_id, guild_id, channel = _channel(payload, app)
    return GuildChannelUpdateEvent(
        app=app,
        shard=shard,
        channel_id=channel_id,
        guild_id=guild_id,
        channel=channel,
        old_channel=old() if old is not None else None,
    )


def on_channel_delete(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> GuildChannelDeleteEvent | None:
    """CHANNEL_DELETE."""
    if payload.get("guild_id") is None:
        return None
    channel_id, guild_id, channel = _channel(payload, app)
    return GuildChannelDeleteEvent(
        app=app, shard=shard, channel_id=channel_id, guild_id=guild_id, channel=channel
    )


def on_pins_update(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> PinsUpdateEvent:
    """CHANNEL_PINS_UPDATE."""
    channel_id = Snowflake(payload["channel_id"])
    last = _opt_time(payload.get("last_pin_timestamp"))
    guild_id = payload.get("guild_id")
    if guild_id is not None:
        return GuildPinsUpdateEvent(
            app=app,
            shard=shard,
            channel_id=channel_id,
            guild_id=Snowflake(guild_id),
            last_pin_timestamp=last,
        )
    return DMPinsUpdateEvent(app=app, shard=shard, channel_id=channel_id, last_pin_timestamp=last)


def on_invite_create(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> InviteCreateEvent:
    """INVITE_CREATE."""
    guild_id = payload.get("guild_id")
    return InviteCreateEvent(
        app=app,
        shard=shard,
        channel_id=Snowflake(payload["channel_id"]),
        guild_id=Snowflake(guild_id) if guild_id is not None else None,
        code=payload["code"],
        invite=decode_invite_with_metadata(payload, app),
    )


def on_invite_delete(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], typing.Any] | None,
) -> InviteDeleteEvent:
    """INVITE_DELETE."""
    guild_id = payload.get("guild_id")
    return InviteDeleteEvent(
        app=app,
        shard=shard,
        channel_id=Snowflake(payload["channel_id"]),
        guild_id=Snowflake(guild_id) if guild_id is not None else None,
        code=payload["code"],
        old_invite=old() if old is not None else None,
    )


def on_webhooks_update(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> WebhookUpdateEvent:
    """WEBHOOKS_UPDATE."""
    return WebhookUpdateEvent(
        app=app,
        shard=shard,
        channel_id=Snowflake(payload["channel_id"]),
        guild_id=Snowflake(payload["guild_id"]),
    )


def on_channel_info(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> ChannelInfoEvent:
    """CHANNEL_INFO."""
    return ChannelInfoEvent(
        app=app,
        shard=shard,
        guild_id=Snowflake(payload["guild_id"]),
        channels=tuple(payload.get("channels", ())),
    )


def on_voice_channel_status_update(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> VoiceChannelStatusUpdateEvent:
    """VOICE_CHANNEL_STATUS_UPDATE."""
    return VoiceChannelStatusUpdateEvent(
        app=app,
        shard=shard,
        channel_id=Snowflake(payload["id"]),
        guild_id=Snowflake(payload["guild_id"]),
        status=payload.get("status"),
    )


def on_voice_channel_start_time_update(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> VoiceChannelStartTimeUpdateEvent:
    """VOICE_CHANNEL_START_TIME_UPDATE."""
    return VoiceChannelStartTimeUpdateEvent(
        app=app,
        shard=shard,
        channel_id=Snowflake(payload["id"]),
        guild_id=Snowflake(payload["guild_id"]),
        voice_start_time=_opt_time(payload.get("voice_start_time")),
    )


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "CHANNEL_CREATE",
        on_channel_create,
        (GuildChannelCreateEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_channel_create,
        components=C.GUILD_CHANNELS | C.DM_CHANNEL_IDS,
    ),
    Row(
        "CHANNEL_UPDATE",
        on_channel_update,
        (GuildChannelUpdateEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_channel_update,
        components=C.GUILD_CHANNELS,
    ),
    Row(
        "CHANNEL_DELETE",
        on_channel_delete,
        (GuildChannelDeleteEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_channel_delete,
        components=C.GUILD_CHANNELS,
    ),
    Row("CHANNEL_INFO", on_channel_info, (ChannelInfoEvent,)),
    Row(
        "CHANNEL_PINS_UPDATE",
        on_pins_update,
        (GuildPinsUpdateEvent, DMPinsUpdateEvent),
        intents=(I.GUILDS, I.DIRECT_MESSAGES),
        event_intents={GuildPinsUpdateEvent: (I.GUILDS,), DMPinsUpdateEvent: (I.DIRECT_MESSAGES,)},
    ),
    Row(
        "VOICE_CHANNEL_STATUS_UPDATE",
        on_voice_channel_status_update,
        (VoiceChannelStatusUpdateEvent,),
        intents=(I.GUILDS,),
    ),
    Row(
        "VOICE_CHANNEL_START_TIME_UPDATE",
        on_voice_channel_start_time_update,
        (VoiceChannelStartTimeUpdateEvent,),
        intents=(I.GUILDS,),
    ),
    Row(
        "INVITE_CREATE",
        on_invite_create,
        (InviteCreateEvent,),
        intents=(I.GUILD_INVITES,),
        cache=Cache.apply_invite_create,
        components=C.INVITES,
    ),
    Row(
        "INVITE_DELETE",
        on_invite_delete,
        (InviteDeleteEvent,),
        intents=(I.GUILD_INVITES,),
        cache=Cache.apply_invite_delete,
        components=C.INVITES,
    ),
    Row("WEBHOOKS_UPDATE", on_webhooks_update, (WebhookUpdateEvent,), intents=(I.GUILD_WEBHOOKS,)),
)
