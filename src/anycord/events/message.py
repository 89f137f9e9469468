"""Message events: create, update, delete and bulk delete, each in a guild and a DM flavour.

Listen to `MessageCreateEvent` for both flavours, or to `GuildMessageCreateEvent` /
`DMMessageCreateEvent` for one. Update and delete events carry the cached message as
`old_message` when the message cache had it.
"""

from __future__ import annotations

import typing

import attrs

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C
from anycord.events.accessors import ChannelAccessor, GuildAccessor, MemberAccessor
from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.intents import Intents as I
from anycord.serde.messages import decode_message, decode_partial_message
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.embeds import Embed
    from anycord.models.members import Member
    from anycord.models.messages import Message, PartialMessage
    from anycord.models.users import User

__all__ = [
    "ROWS",
    "DMMessageCreateEvent",
    "DMMessageDeleteEvent",
    "DMMessageUpdateEvent",
    "GuildBulkMessageDeleteEvent",
    "GuildMessageCreateEvent",
    "GuildMessageDeleteEvent",
    "GuildMessageUpdateEvent",
    "MessageCreateEvent",
    "MessageDeleteEvent",
    "MessageEvent",
    "MessageUpdateEvent",
]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MessageEvent(ShardBoundEvent):
    """Base of message events (each has `message_id` and `channel_id`)."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MessageCreateEvent(MessageEvent):
    """A message was sent (MESSAGE_CREATE).

    An event received from the gateway decodes `message` from its payload the first time
    `message` (or a property reading it) is used, then keeps it: a listener that only counts
    messages or reads `channel_id` pays for no `Message`. Equality, `repr` and
    `attrs.asdict` read `message` like any other field, so they see the decoded message.
    """

    message: Message
    # The MESSAGE_CREATE payload `message` is decoded from while its slot is still empty.
    _payload: dict[str, typing.Any] | None = attrs.field(
        default=None, init=False, repr=False, eq=False
    )

    @classmethod
    def from_payload(
        cls, app: EventApp | None, shard: GatewayShard | None, payload: dict[str, typing.Any]
    ) -> typing.Self:
        """An event whose `message` is decoded from `payload` when first read.

        The payload's identity (`id`, `channel_id`, `author.id`) is checked now, so a payload
        without one is refused here (`KeyError`, `TypeError`, `ValueError`) rather than in a
        listener.
        """
        int(payload["id"])
        int(payload["channel_id"])
        int(payload["author"]["id"])
        # Skips __init__ on purpose: the `message` slot stays empty until `__getattr__`
        # fills it on first read.
        event = object.__new__(cls)
        event.app = app
        event.shard = shard
        event._payload = payload
        return event

    if not typing.TYPE_CHECKING:  # keeps attribute typos visible to mypy

        def __getattr__(self, name: str) -> Message:
            # Python calls this only when normal lookup fails: for `message`, that is an
            # event built by `from_payload` whose message has not been read yet.
            payload = self._payload
            if name != "message" or payload is None:
                raise AttributeError(name)
            self.message = message = decode_message(payload, self.app)
            self._payload = None
            return message

    @property
    def message_id(self) -> Snowflake:
        """The message's ID."""
        return self.message.id

    @property
    def channel_id(self) -> Snowflake:
        """The channel's ID."""
        return self.message.channel_id

    @property
    def author(self) -> User:
        """Who sent it."""
        return self.message.author

    @property
    def author_id(self) -> Snowflake:
        """Who sent it (ID)."""
        return self.message.author.id

    @property
    def content(self) -> str:
        """The text."""
        return self.message.content

    @property
    def is_bot(self) -> bool:
        """Whether a bot sent it."""
        return self.message.author.is_bot

    @property
    def is_webhook(self) -> bool:
        """Whether a webhook sent it."""
        return self.message.webhook_id is not None

    @property
    def is_human(self) -> bool:
        """Neither a bot nor a webhook sent it."""
        return not self.is_bot and not self.is_webhook

    @property
    def embeds(self) -> Sequence[Embed]:
        """The embeds."""
        return self.message.embeds


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildMessageCreateEvent(GuildAccessor, ChannelAccessor, MemberAccessor, MessageCreateEvent):
    """A message was sent in a guild."""

    @property
    def guild_id(self) -> Snowflake:
        """The guild's ID."""
        return typing.cast("Snowflake", self.message.guild_id)

    @property
    def member(self) -> Member | None:
        """The author's member object (`None` for webhooks)."""
        return self.message.member


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class DMMessageCreateEvent(MessageCreateEvent):
    """A message was sent in a DM."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MessageUpdateEvent(MessageEvent):
    """A message was edited (MESSAGE_UPDATE); `message` holds the fields sent."""

    message: PartialMessage
    old_message: Message | None = None

    @property
    def message_id(self) -> Snowflake:
        """The message's ID."""
        return self.message.id

    @property
    def channel_id(self) -> Snowflake:
        """The channel's ID."""
        return self.message.channel_id

    # hikari's shortcuts to the edited message. A field Discord did not send is UNDEFINED,
    # and so is every answer that depends on the author when the author was not sent.

    @property
    def author(self) -> UndefinedOr[User]:
        """Who sent the message (UNDEFINED when the update did not say)."""
        return self.message.author

    @property
    def author_id(self) -> UndefinedOr[Snowflake]:
        """Who sent the message (ID; UNDEFINED when the update did not say)."""
        author = self.message.author
        return UNDEFINED if author is UNDEFINED else author.id

    @property
    def content(self) -> UndefinedOr[str]:
        """The new text (UNDEFINED when the update did not carry it)."""
        return self.message.content

    @property
    def embeds(self) -> UndefinedOr[Sequence[Embed]]:
        """The new embeds (UNDEFINED when the update did not carry them)."""
        return self.message.embeds

    @property
    def is_bot(self) -> UndefinedOr[bool]:
        """Whether a bot sent the message."""
        author = self.message.author
        return UNDEFINED if author is UNDEFINED else author.is_bot

    @property
    def is_webhook(self) -> UndefinedOr[bool]:
        """Whether a webhook sent the message."""
        if self.message.author is UNDEFINED:
            return UNDEFINED
        return self.message.webhook_id not in (UNDEFINED, None)

    @property
    def is_human(self) -> UndefinedOr[bool]:
        """Neither a bot nor a webhook sent the message."""
        is_bot, is_webhook = self.is_bot, self.is_webhook
        if is_bot is UNDEFINED or is_webhook is UNDEFINED:
            return UNDEFINED
        return not is_bot and not is_webhook


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildMessageUpdateEvent(GuildAccessor, ChannelAccessor, MemberAccessor, MessageUpdateEvent):
    """A guild message was edited."""

    @property
    def guild_id(self) -> Snowflake:
        """The guild's ID."""
        return typing.cast("Snowflake", self.message.guild_id)

    @property
    def member(self) -> UndefinedOr[Member]:
        """The author's member object, as the update carried it (UNDEFINED otherwise)."""
        return self.message.member


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class DMMessageUpdateEvent(MessageUpdateEvent):
    """A DM message was edited."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MessageDeleteEvent(MessageEvent):
    """A message was deleted (MESSAGE_DELETE)."""

    message_id: Snowflake
    channel_id: Snowflake
    old_message: Message | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildMessageDeleteEvent(GuildAccessor, ChannelAccessor, MessageDeleteEvent):
    """A guild message was deleted."""

    guild_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class DMMessageDeleteEvent(MessageDeleteEvent):
    """A DM message was deleted."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildBulkMessageDeleteEvent(GuildAccessor, ChannelAccessor, ShardBoundEvent):
    """Several guild messages were deleted at once (MESSAGE_DELETE_BULK).

    `old_messages` holds those the cache had, by ID.
    """

    message_ids: Sequence[Snowflake]
    channel_id: Snowflake
    guild_id: Snowflake
    old_messages: Mapping[Snowflake, Message] = attrs.field(factory=dict)


# -- factories -------------------------------------------------------------------------------


def on_message_create(
    app: EventApp | None, shard: GatewayShard | None, payload: dict[str, typing.Any], old: object
) -> MessageCreateEvent:
    """MESSAGE_CREATE (the message itself is decoded when a listener reads it)."""
    if payload.get("guild_id") is not None:
        return GuildMessageCreateEvent.from_payload(app, shard, payload)
    return DMMessageCreateEvent.from_payload(app, shard, payload)


def on_message_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: dict[str, typing.Any],
    old: Callable[[], Message | None] | None,
) -> MessageUpdateEvent:
    """MESSAGE_UPDATE (`old`: a thunk building the cached message, or `None`)."""
    message = decode_partial_message(payload, app)
    old_message = old() if old is not None else None
    if message.guild_id is not None:
        return GuildMessageUpdateEvent(
            app=app, shard=shard, message=message, old_message=old_message
        )
    return DMMessageUpdateEvent(app=app, shard=shard, message=message, old_message=old_message)


def on_message_delete(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: dict[str, typing.Any],
    old: Callable[[], Message | None] | None,
) -> MessageDeleteEvent:
    """MESSAGE_DELETE."""
    old_message = old() if old is not None else None
    message_id = Snowflake(payload["id"])
    channel_id = Snowflake(payload["channel_id"])
    guild_id = payload.get("guild_id")
    if guild_id is not None:
        return GuildMessageDeleteEvent(
            app=app,
            shard=shard,
            message_id=message_id,
            channel_id=channel_id,
            guild_id=Snowflake(guild_id),
            old_message=old_message,
        )
    return DMMessageDeleteEvent(
        app=app, shard=shard, message_id=message_id, channel_id=channel_id, old_message=old_message
    )


def on_message_delete_bulk(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: dict[str, typing.Any],
    old: Callable[[], dict[Snowflake, Message]] | None,
) -> GuildBulkMessageDeleteEvent:
    """MESSAGE_DELETE_BULK (`old`: a thunk building `{id: cached message}`)."""
    return GuildBulkMessageDeleteEvent(
        app=app,
        shard=shard,
        message_ids=tuple(Snowflake(i) for i in payload["ids"]),
        channel_id=Snowflake(payload["channel_id"]),
        guild_id=Snowflake(payload["guild_id"]),
        old_messages=old() if old is not None else {},
    )


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "MESSAGE_CREATE",
        on_message_create,
        (GuildMessageCreateEvent, DMMessageCreateEvent),
        intents=(I.GUILD_MESSAGES, I.DIRECT_MESSAGES),
        cache=Cache.apply_message_create,
        components=C.MESSAGES | C.DM_CHANNEL_IDS,
        event_intents={
            GuildMessageCreateEvent: (I.GUILD_MESSAGES,),
            DMMessageCreateEvent: (I.DIRECT_MESSAGES,),
        },
    ),
    Row(
        "MESSAGE_UPDATE",
        on_message_update,
        (GuildMessageUpdateEvent, DMMessageUpdateEvent),
        intents=(I.GUILD_MESSAGES, I.DIRECT_MESSAGES),
        cache=Cache.apply_message_update,
        components=C.MESSAGES,
        event_intents={
            GuildMessageUpdateEvent: (I.GUILD_MESSAGES,),
            DMMessageUpdateEvent: (I.DIRECT_MESSAGES,),
        },
    ),
    Row(
        "MESSAGE_DELETE",
        on_message_delete,
        (GuildMessageDeleteEvent, DMMessageDeleteEvent),
        intents=(I.GUILD_MESSAGES, I.DIRECT_MESSAGES),
        cache=Cache.apply_message_delete,
        components=C.MESSAGES,
        event_intents={
            GuildMessageDeleteEvent: (I.GUILD_MESSAGES,),
            DMMessageDeleteEvent: (I.DIRECT_MESSAGES,),
        },
    ),
    Row(
        "MESSAGE_DELETE_BULK",
        on_message_delete_bulk,
        (GuildBulkMessageDeleteEvent,),
        intents=(I.GUILD_MESSAGES,),
        cache=Cache.apply_message_delete_bulk,
        components=C.MESSAGES,
    ),
)
