"""Reaction events: add, remove, remove all, remove one emoji; guild and DM flavours."""

from __future__ import annotations

import typing

import attrs

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C
from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.intents import Intents as I
from anycord.models.emojis import CustomEmoji, UnicodeEmoji
from anycord.serde.emojis import decode_emoji
from anycord.serde.members import decode_member
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.members import Member

__all__ = [
    "ROWS",
    "DMReactionAddEvent",
    "DMReactionDeleteAllEvent",
    "DMReactionDeleteEmojiEvent",
    "DMReactionDeleteEvent",
    "DMReactionEvent",
    "GuildReactionAddEvent",
    "GuildReactionDeleteAllEvent",
    "GuildReactionDeleteEmojiEvent",
    "GuildReactionDeleteEvent",
    "GuildReactionEvent",
    "ReactionAddEvent",
    "ReactionDeleteAllEvent",
    "ReactionDeleteEmojiEvent",
    "ReactionDeleteEvent",
    "ReactionEvent",
]

Payload = dict[str, typing.Any]


class EmojiShortcuts:
    """hikari's shortcuts to a reaction event's `emoji`: `emoji_id`, `emoji_name`,
    `is_animated` and `is_for_emoji()`."""

    __slots__ = ()

    emoji: UnicodeEmoji | CustomEmoji

    @property
    def emoji_id(self) -> Snowflake | None:
        """The custom emoji's ID (`None` for a Unicode emoji)."""
        return self.emoji.id if isinstance(self.emoji, CustomEmoji) else None

    @property
    def emoji_name(self) -> str | None:
        """The Unicode emoji itself, or the custom emoji's name (`None` when Discord no longer
        knows it, e.g. a deleted emoji)."""
        return self.emoji.name

    def is_for_emoji(self, emoji: UnicodeEmoji | CustomEmoji | str, /) -> bool:
        """Whether the reaction is for `emoji`: a custom emoji matches by ID, a Unicode emoji
        (or a string) by its characters."""
        if isinstance(emoji, CustomEmoji):
            return emoji.id == self.emoji_id
        text = emoji.name if isinstance(emoji, UnicodeEmoji) else emoji
        return self.emoji_id is None and text == self.emoji_name


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ReactionEvent(ShardBoundEvent):
    """Base of reaction events."""

    channel_id: Snowflake
    message_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildReactionEvent(ReactionEvent):
    """Base of reaction events in a guild (each has `guild_id`)."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class DMReactionEvent(ReactionEvent):
    """Base of reaction events in a DM."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ReactionAddEvent(EmojiShortcuts, ReactionEvent):
    """MESSAGE_REACTION_ADD."""

    user_id: Snowflake
    emoji: UnicodeEmoji | CustomEmoji
    is_burst: bool = False
    burst_colors: tuple[str, ...] = ()
    message_author_id: Snowflake | None = None

    @property
    def is_animated(self) -> bool:
        """Whether the emoji is an animated custom emoji."""
        return isinstance(self.emoji, CustomEmoji) and self.emoji.is_animated


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ReactionDeleteEvent(EmojiShortcuts, ReactionEvent):
    """MESSAGE_REACTION_REMOVE."""

    user_id: Snowflake
    emoji: UnicodeEmoji | CustomEmoji
    is_burst: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ReactionDeleteAllEvent(ReactionEvent):
    """MESSAGE_REACTION_REMOVE_ALL."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ReactionDeleteEmojiEvent(EmojiShortcuts, ReactionEvent):
    """MESSAGE_REACTION_REMOVE_EMOJI."""

    emoji: UnicodeEmoji | CustomEmoji


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildReactionAddEvent(ReactionAddEvent, GuildReactionEvent):
    """A reaction was added in a guild; `member` is the reacting member."""

    guild_id: Snowflake

    member: Member | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildReactionDeleteEvent(ReactionDeleteEvent, GuildReactionEvent):
    """A reaction was removed in a guild."""

    guild_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildReactionDeleteAllEvent(ReactionDeleteAllEvent, GuildReactionEvent):
    """Every reaction was removed from a guild message."""

    guild_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildReactionDeleteEmojiEvent(ReactionDeleteEmojiEvent, GuildReactionEvent):
    """Every reaction with one emoji was removed from a guild message."""

    guild_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class DMReactionAddEvent(ReactionAddEvent, DMReactionEvent):
    """A reaction was added in a DM."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class DMReactionDeleteEvent(ReactionDeleteEvent, DMReactionEvent):
    """A reaction was removed in a DM."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class DMReactionDeleteAllEvent(ReactionDeleteAllEvent, DMReactionEvent):
    """Every reaction was removed from a DM message."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class DMReactionDeleteEmojiEvent(ReactionDeleteEmojiEvent, DMReactionEvent):
    """Every reaction with one emoji was removed from a DM message."""


def _base(payload: Payload) -> dict[str, typing.Any]:
    out: dict[str, typing.Any] = {
        "channel_id": Snowflake(payload["channel_id"]),
        "message_id": Snowflake(payload["message_id"]),
    }
    if payload.get("guild_id") is not None:
        out["guild_id"] = Snowflake(payload["guild_id"])
    return out


def on_reaction_add(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> ReactionAddEvent:
    """MESSAGE_REACTION_ADD."""
    fields = _base(payload)
    author = payload.get("message_author_id")
    fields.update(
        user_id=Snowflake(payload["user_id"]),
        emoji=decode_emoji(payload["emoji"]),
        is_burst=bool(payload.get("burst", False)),
        burst_colors=tuple(payload.get("burst_colors", ())),
        message_author_id=Snowflake(author) if author is not None else None,
    )
    if "guild_id" in fields:
        member = payload.get("member")
        if member is not None:
            fields["member"] = decode_member(member, app, fields["guild_id"])
        return GuildReactionAddEvent(app=app, shard=shard, **fields)
    return DMReactionAddEvent(app=app, shard=shard, **fields)


def on_reaction_remove(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> ReactionDeleteEvent:
    """MESSAGE_REACTION_REMOVE."""
    fields = _base(payload)
    fields.update(
        user_id=Snowflake(payload["user_id"]),
        emoji=decode_emoji(payload["emoji"]),
        is_burst=bool(payload.get("burst", False)),
    )
    cls = GuildReactionDeleteEvent if "guild_id" in fields else DMReactionDeleteEvent
    return cls(app=app, shard=shard, **fields)


def on_reaction_remove_all(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> ReactionDeleteAllEvent:
    """MESSAGE_REACTION_REMOVE_ALL."""
    fields = _base(payload)
    cls = GuildReactionDeleteAllEvent if "guild_id" in fields else DMReactionDeleteAllEvent
    return cls(app=app, shard=shard, **fields)


def on_reaction_remove_emoji(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> ReactionDeleteEmojiEvent:
    """MESSAGE_REACTION_REMOVE_EMOJI."""
    fields = _base(payload)
    fields["emoji"] = decode_emoji(payload["emoji"])
    cls = GuildReactionDeleteEmojiEvent if "guild_id" in fields else DMReactionDeleteEmojiEvent
    return cls(app=app, shard=shard, **fields)


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "MESSAGE_REACTION_ADD",
        on_reaction_add,
        (GuildReactionAddEvent, DMReactionAddEvent),
        intents=(I.GUILD_MESSAGE_REACTIONS, I.DIRECT_MESSAGE_REACTIONS),
        cache=Cache.apply_reaction_add,
        components=C.MESSAGES,
        event_intents={
            GuildReactionAddEvent: (I.GUILD_MESSAGE_REACTIONS,),
            DMReactionAddEvent: (I.DIRECT_MESSAGE_REACTIONS,),
        },
    ),
    Row(
        "MESSAGE_REACTION_REMOVE",
        on_reaction_remove,
        (GuildReactionDeleteEvent, DMReactionDeleteEvent),
        intents=(I.GUILD_MESSAGE_REACTIONS, I.DIRECT_MESSAGE_REACTIONS),
        cache=Cache.apply_reaction_remove,
        components=C.MESSAGES,
        event_intents={
            GuildReactionDeleteEvent: (I.GUILD_MESSAGE_REACTIONS,),
            DMReactionDeleteEvent: (I.DIRECT_MESSAGE_REACTIONS,),
        },
    ),
    Row(
        "MESSAGE_REACTION_REMOVE_ALL",
        on_reaction_remove_all,
        (GuildReactionDeleteAllEvent, DMReactionDeleteAllEvent),
        intents=(I.GUILD_MESSAGE_REACTIONS, I.DIRECT_MESSAGE_REACTIONS),
        cache=Cache.apply_reaction_remove_all,
        components=C.MESSAGES,
        event_intents={
            GuildReactionDeleteAllEvent: (I.GUILD_MESSAGE_REACTIONS,),
            DMReactionDeleteAllEvent: (I.DIRECT_MESSAGE_REACTIONS,),
        },
    ),
    Row(
        "MESSAGE_REACTION_REMOVE_EMOJI",
        on_reaction_remove_emoji,
        (GuildReactionDeleteEmojiEvent, DMReactionDeleteEmojiEvent),
        intents=(I.GUILD_MESSAGE_REACTIONS, I.DIRECT_MESSAGE_REACTIONS),
        cache=Cache.apply_reaction_remove_emoji,
        components=C.MESSAGES,
        event_intents={
            GuildReactionDeleteEmojiEvent: (I.GUILD_MESSAGE_REACTIONS,),
            DMReactionDeleteEmojiEvent: (I.DIRECT_MESSAGE_REACTIONS,),
        },
    ),
)
