"""Guild events: availability, join/leave, update, bans, emojis, stickers, integrations,
presences, audit log entries, and soundboard sounds."""

from __future__ import annotations

import typing

import attrs

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C
from anycord.events._factories import decoded_factory
from anycord.events.accessors import GuildAccessor, UserAccessor, rest_of
from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.intents import Intents as I
from anycord.serde.audit_logs import decode_audit_log_entry
from anycord.serde.emojis import decode_known_custom_emoji
from anycord.serde.guilds import decode_gateway_guild, decode_integration
from anycord.serde.presences import decode_member_presence
from anycord.serde.soundboard import decode_soundboard_sound
from anycord.serde.stickers import decode_guild_sticker
from anycord.serde.users import decode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.emojis import KnownCustomEmoji
    from anycord.models.guild_satellites import GuildBan, Integration
    from anycord.models.guilds import GatewayGuild
    from anycord.models.presences import MemberPresence
    from anycord.models.soundboard import SoundboardSound
    from anycord.models.stickers import GuildSticker
    from anycord.models.users import User

__all__ = [
    "ROWS",
    "AuditLogEntryCreateEvent",
    "BanCreateEvent",
    "BanDeleteEvent",
    "BanEvent",
    "EmojisUpdateEvent",
    "GuildAvailableEvent",
    "GuildEvent",
    "GuildIntegrationsUpdateEvent",
    "GuildJoinEvent",
    "GuildLeaveEvent",
    "GuildUnavailableEvent",
    "GuildUpdateEvent",
    "GuildVisibility",
    "GuildVisibilityEvent",
    "IntegrationCreateEvent",
    "IntegrationDeleteEvent",
    "IntegrationEvent",
    "IntegrationUpdateEvent",
    "PresenceUpdateEvent",
    "SoundboardSoundCreateEvent",
    "SoundboardSoundDeleteEvent",
    "SoundboardSoundEvent",
    "SoundboardSoundUpdateEvent",
    "SoundboardSoundsEvent",
    "SoundboardSoundsUpdateEvent",
    "StickersUpdateEvent",
]

Payload = dict[str, typing.Any]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildEvent(GuildAccessor, ShardBoundEvent):
    """Base of events about one guild (`guild_id`)."""

    guild_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildVisibilityEvent(GuildEvent):
    """Base of events that make a guild visible or invisible to the bot."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class _GuildCreateBase(GuildVisibilityEvent):
    guild: GatewayGuild
    raw: Payload = attrs.field(repr=False)
    """The GUILD_CREATE payload: `channels`, `members`, `presences`, … as Discord sent them
    (the cache holds them decoded)."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildAvailableEvent(_GuildCreateBase):
    """A guild the bot was already in became available: the backfill of a guild READY listed
    as unavailable, or a guild back from an outage (see `GuildVisibility`)."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildJoinEvent(_GuildCreateBase):
    """The bot joined a guild (a GUILD_CREATE for a guild neither READY nor an outage
    announced)."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildLeaveEvent(GuildVisibilityEvent):
    """The bot left (or was removed from) a guild; `old_guild` if it was cached."""

    old_guild: GatewayGuild | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildUnavailableEvent(GuildVisibilityEvent):
    """A guild became unavailable (outage)."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildUpdateEvent(GuildEvent):
    """GUILD_UPDATE."""

    guild: GatewayGuild
    old_guild: GatewayGuild | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class BanEvent(UserAccessor, GuildEvent):
    """Base of ban events."""

    user: User

    @property
    def user_id(self) -> Snowflake:
        """The banned (or unbanned) user's ID."""
        return self.user.id


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class BanCreateEvent(BanEvent):
    """GUILD_BAN_ADD."""

    async def fetch_ban(self) -> GuildBan:
        """The ban (with its reason), fetched."""
        return await rest_of(self).fetch_ban(self.guild_id, self.user.id)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class BanDeleteEvent(BanEvent):
    """GUILD_BAN_REMOVE."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EmojisUpdateEvent(GuildEvent):
    """GUILD_EMOJIS_UPDATE: `emojis` is the guild's whole new list."""

    emojis: Sequence[KnownCustomEmoji]
    old_emojis: Sequence[KnownCustomEmoji] | None = None

    async def fetch_emojis(self) -> Sequence[KnownCustomEmoji]:
        """The guild's emojis, fetched."""
        emojis = await rest_of(self).fetch_guild_emojis(self.guild_id)
        return typing.cast("Sequence[KnownCustomEmoji]", emojis)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class StickersUpdateEvent(GuildEvent):
    """GUILD_STICKERS_UPDATE: `stickers` is the guild's whole new list."""

    stickers: Sequence[GuildSticker]
    old_stickers: Sequence[GuildSticker] | None = None

    async def fetch_stickers(self) -> Sequence[GuildSticker]:
        """The guild's stickers, fetched."""
        stickers = await rest_of(self).fetch_guild_stickers(self.guild_id)
        return typing.cast("Sequence[GuildSticker]", stickers)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildIntegrationsUpdateEvent(GuildEvent):
    """GUILD_INTEGRATIONS_UPDATE: something about the guild's integrations changed."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class IntegrationEvent(GuildEvent):
    """Base of integration events."""

    async def fetch_integrations(self) -> Sequence[Integration]:
        """The guild's integrations, fetched."""
        found = await rest_of(self).fetch_integrations(self.guild_id)
        return typing.cast("Sequence[Integration]", found)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class IntegrationCreateEvent(IntegrationEvent):
    """INTEGRATION_CREATE."""

    integration: typing.Any


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class IntegrationUpdateEvent(IntegrationEvent):
    """INTEGRATION_UPDATE."""

    integration: typing.Any


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class IntegrationDeleteEvent(IntegrationEvent):
    """INTEGRATION_DELETE."""

    id: Snowflake
    application_id: Snowflake | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PresenceUpdateEvent(UserAccessor, GuildEvent):
    """PRESENCE_UPDATE; `user` is set when the user's own fields changed too."""

    presence: MemberPresence
    old_presence: MemberPresence | None = None
    user_id: Snowflake
    user: Payload | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AuditLogEntryCreateEvent(GuildEvent):
    """GUILD_AUDIT_LOG_ENTRY_CREATE."""

    entry: typing.Any


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SoundboardSoundEvent(GuildEvent):
    """Base of soundboard events."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SoundboardSoundCreateEvent(SoundboardSoundEvent):
    """GUILD_SOUNDBOARD_SOUND_CREATE."""

    sound: typing.Any


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SoundboardSoundUpdateEvent(SoundboardSoundEvent):
    """GUILD_SOUNDBOARD_SOUND_UPDATE; `old_sound` when it was cached."""

    sound: typing.Any
    old_sound: typing.Any = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SoundboardSoundDeleteEvent(SoundboardSoundEvent):
    """GUILD_SOUNDBOARD_SOUND_DELETE; `old_sound` when it was cached."""

    sound_id: Snowflake
    old_sound: typing.Any = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SoundboardSoundsUpdateEvent(SoundboardSoundEvent):
    """GUILD_SOUNDBOARD_SOUNDS_UPDATE: several sounds changed; `old_sounds` holds those of them
    that were cached, as they were (empty when none was, or the cache is off)."""

    sounds: Sequence[typing.Any]
    old_sounds: Sequence[typing.Any] = ()


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SoundboardSoundsEvent(SoundboardSoundEvent):
    """SOUNDBOARD_SOUNDS: the answer to a Request Soundboard Sounds command."""

    sounds: Sequence[typing.Any]


# -- availability ----------------------------------------------------------------------------


class GuildVisibility:
    """Tells a GUILD_CREATE for a guild the bot was already in from one for a guild it joined.

    Discord sends GUILD_CREATE in three cases (gateway-events "Guild Create"): to backfill the
    unavailable guilds listed in READY, when a guild comes back after an outage (announced by
    GUILD_DELETE with `unavailable: true`), and when the bot joins a guild. The payloads look
    the same (each carries `unavailable: false`), so the only way to tell is to remember which
    guilds READY and outages announced. That is what this plain object does: the READY,
    GUILD_CREATE and GUILD_DELETE rows name its methods as their `track`, which the
    dispatcher runs whether or not anything is cached.

    A guild first seen in a GUILD_CREATE marked unavailable (a join during an outage) stays a
    join when its full GUILD_CREATE arrives. Memory: one entry per guild still awaited.
    """

    __slots__ = ("_awaited",)

    def __init__(self) -> None:
        # guild ID -> whether the bot was already in it (False: joined while unavailable).
        self._awaited: dict[int, bool] = {}

    def ready(self, shard: object, payload: Payload) -> bool:
        """READY: every guild it lists is one the bot is in (their GUILD_CREATEs follow)."""
        awaited = self._awaited
        for guild in payload.get("guilds", ()):
            awaited[int(guild["id"])] = True
        return False

    def guild_delete(self, shard: object, payload: Payload) -> bool:
        """GUILD_DELETE: an outage (`unavailable`) keeps the guild awaited, a leave forgets it."""
        guild_id = int(payload["id"])
        if payload.get("unavailable"):
            self._awaited[guild_id] = True
        else:
            self._awaited.pop(guild_id, None)
        return False

    def guild_create(self, shard: object, payload: Payload) -> bool:
        """GUILD_CREATE: for an available guild, whether the bot was already in it (`True`:
        `GuildAvailableEvent`, `False`: `GuildJoinEvent`)."""
        guild_id = int(payload["id"])
        if payload.get("unavailable"):
            self._awaited.setdefault(guild_id, False)
            return False
        return self._awaited.pop(guild_id, False)


# -- factories -------------------------------------------------------------------------------


def _gid(payload: Payload, key: str = "guild_id") -> Snowflake:
    return Snowflake(payload[key])


def on_guild_create(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: bool | None
) -> ShardBoundEvent | None:
    """GUILD_CREATE: `GuildAvailableEvent` when `old` is true (the dispatcher's
    `GuildVisibility` knew the bot was in the guild: READY listed it, or an outage hid it),
    else `GuildJoinEvent`. A payload marked unavailable produces no event."""
    if payload.get("unavailable"):
        return None
    guild = decode_gateway_guild(payload, app)
    cls = GuildAvailableEvent if old else GuildJoinEvent
    return cls(app=app, shard=shard, guild_id=_gid(payload, "id"), guild=guild, raw=payload)


def on_guild_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], GatewayGuild] | None,
) -> GuildUpdateEvent:
    """GUILD_UPDATE."""
    return GuildUpdateEvent(
        app=app,
        shard=shard,
        guild_id=_gid(payload, "id"),
        guild=decode_gateway_guild(payload, app),
        old_guild=old() if old is not None else None,
    )


def on_guild_delete(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], GatewayGuild] | None,
) -> GuildVisibilityEvent:
    """GUILD_DELETE: unavailable (outage) or leave (its `track` never reports true, so `old`
    is only ever what the cache held)."""
    if payload.get("unavailable"):
        return GuildUnavailableEvent(app=app, shard=shard, guild_id=_gid(payload, "id"))
    return GuildLeaveEvent(
        app=app,
        shard=shard,
        guild_id=_gid(payload, "id"),
        old_guild=old() if old is not None else None,
    )


def on_ban_add(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> BanCreateEvent:
    """GUILD_BAN_ADD."""
    return BanCreateEvent(
        app=app, shard=shard, guild_id=_gid(payload), user=decode_user(payload["user"], app)
    )


def on_ban_remove(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> BanDeleteEvent:
    """GUILD_BAN_REMOVE."""
    return BanDeleteEvent(
        app=app, shard=shard, guild_id=_gid(payload), user=decode_user(payload["user"], app)
    )


def on_emojis_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], Sequence[KnownCustomEmoji]] | None,
) -> EmojisUpdateEvent:
    """GUILD_EMOJIS_UPDATE."""
    guild_id = _gid(payload)
    emojis = tuple(decode_known_custom_emoji(e, app, guild_id) for e in payload.get("emojis", ()))
    return EmojisUpdateEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        emojis=emojis,
        old_emojis=old() if old is not None else None,
    )


def on_stickers_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], Sequence[GuildSticker]] | None,
) -> StickersUpdateEvent:
    """GUILD_STICKERS_UPDATE."""
    guild_id = _gid(payload)
    stickers = tuple(decode_guild_sticker(s, app, guild_id) for s in payload.get("stickers", ()))
    return StickersUpdateEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        stickers=stickers,
        old_stickers=old() if old is not None else None,
    )


def on_integrations_update(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> GuildIntegrationsUpdateEvent:
    """GUILD_INTEGRATIONS_UPDATE."""
    return GuildIntegrationsUpdateEvent(app=app, shard=shard, guild_id=_gid(payload))


on_integration_create = decoded_factory(
    IntegrationCreateEvent, "integration", decode_integration, with_guild_id=True
)


on_integration_update = decoded_factory(
    IntegrationUpdateEvent, "integration", decode_integration, with_guild_id=True
)


def on_integration_delete(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> IntegrationDeleteEvent:
    """INTEGRATION_DELETE."""
    app_id = payload.get("application_id")
    return IntegrationDeleteEvent(
        app=app,
        shard=shard,
        guild_id=_gid(payload),
        id=Snowflake(payload["id"]),
        application_id=Snowflake(app_id) if app_id is not None else None,
    )


def on_presence_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], MemberPresence] | None,
) -> PresenceUpdateEvent:
    """PRESENCE_UPDATE."""
    guild_id = _gid(payload)
    user = payload["user"]
    return PresenceUpdateEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        presence=decode_member_presence(payload, app, guild_id),
        old_presence=old() if old is not None else None,
        user_id=Snowflake(user["id"]),
        user=user if "username" in user else None,
    )


on_audit_log_entry_create = decoded_factory(
    AuditLogEntryCreateEvent, "entry", decode_audit_log_entry, with_guild_id=True
)


on_soundboard_sound_create = decoded_factory(
    SoundboardSoundCreateEvent, "sound", decode_soundboard_sound
)


on_soundboard_sound_update = decoded_factory(
    SoundboardSoundUpdateEvent, "sound", decode_soundboard_sound, old_field="old_sound"
)


def on_soundboard_sound_delete(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], SoundboardSound] | None,
) -> SoundboardSoundDeleteEvent:
    """GUILD_SOUNDBOARD_SOUND_DELETE."""
    return SoundboardSoundDeleteEvent(
        app=app,
        shard=shard,
        guild_id=_gid(payload),
        sound_id=Snowflake(payload["sound_id"]),
        old_sound=old() if old is not None else None,
    )


def on_soundboard_sounds_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], Sequence[SoundboardSound]] | None,
) -> SoundboardSoundsUpdateEvent:
    """GUILD_SOUNDBOARD_SOUNDS_UPDATE."""
    guild_id = _gid(payload)
    sounds = tuple(decode_soundboard_sound(s, app) for s in payload.get("soundboard_sounds", ()))
    old_sounds = tuple(old()) if old is not None else ()
    return SoundboardSoundsUpdateEvent(
        app=app, shard=shard, guild_id=guild_id, sounds=sounds, old_sounds=old_sounds
    )


def on_soundboard_sounds(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> SoundboardSoundsEvent:
    """SOUNDBOARD_SOUNDS."""
    guild_id = _gid(payload)
    sounds = tuple(decode_soundboard_sound(s, app) for s in payload.get("soundboard_sounds", ()))
    return SoundboardSoundsEvent(app=app, shard=shard, guild_id=guild_id, sounds=sounds)


def presences_of(payload: Payload, app: EventApp | None) -> Mapping[Snowflake, MemberPresence]:
    """The presences of a GUILD_CREATE payload, decoded (for listeners that want them)."""
    guild_id = _gid(payload, "id")
    return {
        Snowflake(p["user"]["id"]): decode_member_presence(p, app, guild_id)
        for p in payload.get("presences", ())
    }


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

_GUILD_ALL = (
    C.GUILDS | C.GUILD_CHANNELS | C.GUILD_THREADS | C.ROLES | C.EMOJIS | C.GUILD_STICKERS | C.MEMBERS
    | C.PRESENCES | C.VOICE_STATES | C.INVITES | C.STAGE_INSTANCES | C.SCHEDULED_EVENTS
    | C.THREAD_MEMBERS | C.SOUNDBOARD_SOUNDS
)  # fmt: skip

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "GUILD_CREATE",
        on_guild_create,
        (GuildAvailableEvent, GuildJoinEvent),
        intents=(I.GUILDS,),
        cache=Cache.apply_guild_create,
        track=GuildVisibility.guild_create,
        components=_GUILD_ALL,
    ),
    Row(
        "GUILD_UPDATE",
        on_guild_update,
        (GuildUpdateEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_guild_update,
        components=C.GUILDS | C.ROLES | C.EMOJIS | C.GUILD_STICKERS,
    ),
    Row(
        "GUILD_DELETE",
        on_guild_delete,
        (GuildLeaveEvent, GuildUnavailableEvent),
        intents=(I.GUILDS,),
        cache=Cache.apply_guild_delete,
        track=GuildVisibility.guild_delete,
        components=_GUILD_ALL,
    ),
    Row(
        "GUILD_AUDIT_LOG_ENTRY_CREATE",
        on_audit_log_entry_create,
        (AuditLogEntryCreateEvent,),
        intents=(I.GUILD_MODERATION,),
    ),
    Row("GUILD_BAN_ADD", on_ban_add, (BanCreateEvent,), intents=(I.GUILD_MODERATION,)),
    Row("GUILD_BAN_REMOVE", on_ban_remove, (BanDeleteEvent,), intents=(I.GUILD_MODERATION,)),
    Row(
        "GUILD_EMOJIS_UPDATE",
        on_emojis_update,
        (EmojisUpdateEvent,),
        intents=(I.GUILD_EXPRESSIONS,),
        cache=Cache.apply_emojis_update,
        components=C.EMOJIS,
    ),
    Row(
        "GUILD_STICKERS_UPDATE",
        on_stickers_update,
        (StickersUpdateEvent,),
        intents=(I.GUILD_EXPRESSIONS,),
        cache=Cache.apply_stickers_update,
        components=C.GUILD_STICKERS,
    ),
    Row(
        "GUILD_INTEGRATIONS_UPDATE",
        on_integrations_update,
        (GuildIntegrationsUpdateEvent,),
        intents=(I.GUILD_INTEGRATIONS,),
    ),
    Row(
        "INTEGRATION_CREATE",
        on_integration_create,
        (IntegrationCreateEvent,),
        intents=(I.GUILD_INTEGRATIONS,),
    ),
    Row(
        "INTEGRATION_UPDATE",
        on_integration_update,
        (IntegrationUpdateEvent,),
        intents=(I.GUILD_INTEGRATIONS,),
    ),
    Row(
        "INTEGRATION_DELETE",
        on_integration_delete,
        (IntegrationDeleteEvent,),
        intents=(I.GUILD_INTEGRATIONS,),
    ),
    Row(
        "PRESENCE_UPDATE",
        on_presence_update,
        (PresenceUpdateEvent,),
        intents=(I.GUILD_PRESENCES,),
        cache=Cache.apply_presence_update,
        components=C.MEMBERS | C.PRESENCES,
    ),
    Row(
        "GUILD_SOUNDBOARD_SOUND_CREATE",
        on_soundboard_sound_create,
        (SoundboardSoundCreateEvent,),
        intents=(I.GUILD_EXPRESSIONS,),
        cache=Cache.apply_soundboard_sound_create,
        components=C.SOUNDBOARD_SOUNDS,
    ),
    Row(
        "GUILD_SOUNDBOARD_SOUND_UPDATE",
        on_soundboard_sound_update,
        (SoundboardSoundUpdateEvent,),
        intents=(I.GUILD_EXPRESSIONS,),
        cache=Cache.apply_soundboard_sound_update,
        components=C.SOUNDBOARD_SOUNDS,
    ),
    Row(
        "GUILD_SOUNDBOARD_SOUND_DELETE",
        on_soundboard_sound_delete,
        (SoundboardSoundDeleteEvent,),
        intents=(I.GUILD_EXPRESSIONS,),
        cache=Cache.apply_soundboard_sound_delete,
        components=C.SOUNDBOARD_SOUNDS,
    ),
    Row(
        "GUILD_SOUNDBOARD_SOUNDS_UPDATE",
        on_soundboard_sounds_update,
        (SoundboardSoundsUpdateEvent,),
        intents=(I.GUILD_EXPRESSIONS,),
        cache=Cache.apply_soundboard_sounds_update,
        components=C.SOUNDBOARD_SOUNDS,
    ),
    Row(
        "SOUNDBOARD_SOUNDS",
        on_soundboard_sounds,
        (SoundboardSoundsEvent,),
        cache=Cache.apply_soundboard_sounds,
        components=C.SOUNDBOARD_SOUNDS,
    ),
)
