"""Messages and what hangs off them: attachments, reactions, references, snapshots,
interaction metadata, activity, role subscription data, calls, and `AllowedMentions`.

Shapes from resources/message.mdx. `Message` is the full object (MESSAGE_CREATE, REST);
`PartialMessage` is MESSAGE_UPDATE's form, where fields Discord did not send are
`UNDEFINED`. Both carry the convenience methods (`respond`, `edit`, `delete`, reactions,
pins), which need the message to be decoded with an app.
"""

from __future__ import annotations

import enum
import typing

import attrs

from anycord import enums
from anycord.colors import Color
from anycord.files import URL
from anycord.models.base import Unique, require_app
from anycord.models.channels import PartialChannel
from anycord.models.downloads import Downloadable
from anycord.snowflakes import to_snowflake
from anycord.traits import model_cache
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from anycord.models.applications import ApplicationIntegrationType
    from anycord.models.components import PartialComponent
    from anycord.models.embeds import Embed
    from anycord.models.emojis import Emoji
    from anycord.models.interactions import InteractionType, ResolvedOptionData
    from anycord.models.members import Member, PartialMember
    from anycord.models.message_options import MessageEditOptions, MessageRespondOptions
    from anycord.models.polls import Poll
    from anycord.models.roles import Role
    from anycord.models.stickers import PartialSticker
    from anycord.models.users import User
    from anycord.snowflakes import Snowflake, SnowflakeishOr
    from anycord.traits import RESTAware

__all__ = [
    "AllowedMentions",
    "Attachment",
    "AttachmentFlag",
    "ChannelMention",
    "Mentions",
    "Message",
    "MessageActivity",
    "MessageActivityType",
    "MessageApplication",
    "MessageCall",
    "MessageFlag",
    "MessageInteraction",
    "MessageInteractionMetadata",
    "MessageReference",
    "MessageReferenceType",
    "MessageSnapshot",
    "MessageType",
    "PartialMessage",
    "Reaction",
    "ReactionCountDetails",
    "RoleSubscriptionData",
]


class MessageType(enums.IntEnum):
    """The `type` of a message."""

    DEFAULT = 0
    RECIPIENT_ADD = 1
    RECIPIENT_REMOVE = 2
    CALL = 3
    CHANNEL_NAME_CHANGE = 4
    CHANNEL_ICON_CHANGE = 5
    CHANNEL_PINNED_MESSAGE = 6
    GUILD_MEMBER_JOIN = 7
    USER_PREMIUM_GUILD_SUBSCRIPTION = 8
    USER_PREMIUM_GUILD_SUBSCRIPTION_TIER_1 = 9
    USER_PREMIUM_GUILD_SUBSCRIPTION_TIER_2 = 10
    USER_PREMIUM_GUILD_SUBSCRIPTION_TIER_3 = 11
    CHANNEL_FOLLOW_ADD = 12
    GUILD_DISCOVERY_DISQUALIFIED = 14
    GUILD_DISCOVERY_REQUALIFIED = 15
    GUILD_DISCOVERY_GRACE_PERIOD_INITIAL_WARNING = 16
    GUILD_DISCOVERY_GRACE_PERIOD_FINAL_WARNING = 17
    THREAD_CREATED = 18
    REPLY = 19
    CHAT_INPUT = 20
    THREAD_STARTER_MESSAGE = 21
    GUILD_INVITE_REMINDER = 22
    CONTEXT_MENU_COMMAND = 23
    AUTO_MODERATION_ACTION = 24
    ROLE_SUBSCRIPTION_PURCHASE = 25
    INTERACTION_PREMIUM_UPSELL = 26
    STAGE_START = 27
    STAGE_END = 28
    STAGE_SPEAKER = 29
    STAGE_TOPIC = 31
    GUILD_APPLICATION_PREMIUM_SUBSCRIPTION = 32
    GUILD_INCIDENT_ALERT_MODE_ENABLED = 36
    GUILD_INCIDENT_ALERT_MODE_DISABLED = 37
    GUILD_INCIDENT_REPORT_RAID = 38
    GUILD_INCIDENT_REPORT_FALSE_ALARM = 39
    PURCHASE_NOTIFICATION = 44
    POLL_RESULT = 46

    # Discord's names for the values hikari names differently.
    USER_JOIN = 7
    GUILD_BOOST = 8
    GUILD_BOOST_TIER_1 = 9
    GUILD_BOOST_TIER_2 = 10
    GUILD_BOOST_TIER_3 = 11
    CHAT_INPUT_COMMAND = 20


class MessageFlag(enum.IntFlag, boundary=enum.KEEP):
    """Message flags."""

    NONE = 0
    CROSSPOSTED = 1 << 0
    IS_CROSSPOST = 1 << 1
    SUPPRESS_EMBEDS = 1 << 2
    SOURCE_MESSAGE_DELETED = 1 << 3
    URGENT = 1 << 4
    HAS_THREAD = 1 << 5
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7
    FAILED_TO_MENTION_SOME_ROLES_IN_THREAD = 1 << 8
    SUPPRESS_NOTIFICATIONS = 1 << 12
    IS_VOICE_MESSAGE = 1 << 13
    HAS_SNAPSHOT = 1 << 14
    IS_COMPONENTS_V2 = 1 << 15


class MessageActivityType(enums.IntEnum):
    """Rich Presence message activity."""

    NONE = 0
    JOIN = 1
    SPECTATE = 2
    LISTEN = 3
    JOIN_REQUEST = 5
    STREAM_REQUEST = 6


class MessageReferenceType(enums.IntEnum):
    """What a message reference points at: a reply (DEFAULT) or a forward."""

    DEFAULT = 0
    FORWARD = 1


class AttachmentFlag(enum.IntFlag, boundary=enum.KEEP):
    """Attachment flags."""

    NONE = 0
    IS_CLIP = 1 << 0
    IS_THUMBNAIL = 1 << 1
    IS_REMIX = 1 << 2
    IS_SPOILER = 1 << 3
    IS_ANIMATED = 1 << 5


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Attachment(Unique, Downloadable):
    """A file attached to a message."""

    filename: str
    size: int
    url: str
    proxy_url: str
    title: str | None = None
    description: str | None = None
    media_type: str | None = None
    """The MIME type (Discord's `content_type`)."""
    height: int | None = None
    width: int | None = None
    placeholder: str | None = None
    placeholder_version: int | None = None
    is_ephemeral: bool = False
    duration: float | None = None
    """Seconds, for audio and voice messages (`duration_secs`)."""
    waveform: str | None = None
    flags: AttachmentFlag = AttachmentFlag.NONE
    clip_participants: Sequence[User] = ()
    clip_created_at: datetime.datetime | None = None
    application: Mapping[str, typing.Any] | None = None

    @property
    def extension(self) -> str | None:
        """The file extension, if the name has one."""
        _, dot, ext = self.filename.rpartition(".")
        return ext if dot else None

    @property
    def resource(self) -> URL:
        """The file at `url`, under `filename` (`read()`, `stream()`, `save()` download it)."""
        return URL(self.url, self.filename)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ReactionCountDetails:
    """Normal and super (burst) reaction counts."""

    burst: int = 0
    normal: int = 0


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class Reaction:
    """A reaction on a message."""

    count: int
    emoji: Emoji
    is_me: bool = False
    is_me_burst: bool = False
    count_details: ReactionCountDetails = attrs.field(factory=ReactionCountDetails)
    burst_colors: Sequence[str] = ()
    """The super reaction's colours as Discord sends them (`#rrggbb`)."""

    @property
    def burst_colours(self) -> Sequence[Color]:
        """`burst_colors` as `Color`s."""
        return tuple(Color.from_hex_code(c) for c in self.burst_colors)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MessageActivity:
    """A Rich Presence activity attached to a message."""

    type: MessageActivityType
    party_id: str | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class MessageApplication(Unique):
    """The partial application of a Rich Presence message."""

    name: str
    description: str | None = None
    icon_hash: str | None = None
    cover_image_hash: str | None = None
    primary_sku_id: Snowflake | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MessageReference:
    """Where a reply, crosspost, pin notice or forward points. `id` is the referenced message."""

    app: RESTAware | None = attrs.field(default=None, repr=False, eq=False)
    type: MessageReferenceType = MessageReferenceType.DEFAULT
    id: Snowflake | None = None
    channel_id: Snowflake | None = None
    guild_id: Snowflake | None = None
    fail_if_not_exists: bool | None = None

    @property
    def channel_link(self) -> str | None:
        """The jump URL of the referenced message's channel (`None` without `channel_id`)."""
        if self.channel_id is None:
            return None
        return f"https://discord.com/channels/{self.guild_id or '@me'}/{self.channel_id}"

    @property
    def message_link(self) -> str | None:
        """The jump URL of the referenced message (`None` when the reference names no message,
        as channel-follow notices do; the message may since have been deleted)."""
        channel = self.channel_link
        return None if channel is None or self.id is None else f"{channel}/{self.id}"


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ChannelMention:
    """A channel mentioned in a crossposted message."""

    id: Snowflake
    guild_id: Snowflake
    type: typing.Any
    """The `anycord.models.channels.ChannelType`."""
    name: str


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MessageCall:
    """The call a call message is about."""

    participant_ids: Sequence[Snowflake] = ()
    ended_timestamp: datetime.datetime | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class RoleSubscriptionData:
    """The purchase behind a ROLE_SUBSCRIPTION_PURCHASE message."""

    role_subscription_listing_id: Snowflake
    tier_name: str
    total_months_subscribed: int
    is_renewal: bool


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class MessageInteraction(Unique):
    """Deprecated by Discord in favour of `MessageInteractionMetadata`: the command a message answers.

    `user` (who invoked it) is `None` when Discord leaves it out, which its spec allows.
    """

    type: InteractionType
    name: str
    user: User | None = None
    member: PartialMember | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class MessageInteractionMetadata(Unique):
    """The interaction a message answers: command, component or modal submission metadata in one class.

    Which optional fields are set depends on `type`: `target_user`/`target_message_id` for
    context-menu commands, `interacted_message_id` for components,
    `triggering_interaction_metadata` for modal submissions. `user` (who triggered the
    interaction) is `None` when Discord leaves it out, which its spec allows for every kind.
    """

    type: InteractionType
    user: User | None = None
    authorizing_integration_owners: Mapping[ApplicationIntegrationType, Snowflake] = attrs.field(
        factory=dict
    )
    original_response_message_id: Snowflake | None = None
    target_user: User | None = None
    target_message_id: Snowflake | None = None
    interacted_message_id: Snowflake | None = None
    triggering_interaction_metadata: MessageInteractionMetadata | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class Mentions:
    """Who a message mentions. `users` maps IDs to users."""

    users: Mapping[Snowflake, User] = attrs.field(factory=dict)
    role_ids: Sequence[Snowflake] = ()
    channels: Sequence[ChannelMention] = ()
    everyone: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MessageSnapshot:
    """A forwarded message, frozen as it was (a subset of a message's fields, no author)."""

    type: MessageType = MessageType.DEFAULT
    content: str = ""
    embeds: Sequence[Embed] = ()
    attachments: Sequence[Attachment] = ()
    timestamp: datetime.datetime | None = None
    edited_timestamp: datetime.datetime | None = None
    flags: MessageFlag = MessageFlag.NONE
    user_mentions: Sequence[User] = ()
    role_mention_ids: Sequence[Snowflake] = ()
    stickers: Sequence[PartialSticker] = ()
    components: Sequence[PartialComponent] = ()


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class _MessageBase(Unique):
    """IDs and the convenience methods shared by `Message` and `PartialMessage`."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    channel_id: Snowflake
    guild_id: Snowflake | None = None

    @property
    def link(self) -> str:
        """The jump URL of the message."""
        return f"https://discord.com/channels/{self.guild_id or '@me'}/{self.channel_id}/{self.id}"

    async def respond(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        *,
        reply: bool = False,
        **options: typing.Unpack[MessageRespondOptions],
    ) -> Message:
        """Send a message to this message's channel (`reply=True` makes it a reply to this one).

        Other keyword arguments are those of `RESTClient.create_message`.
        """
        rest = require_app(self.app, "Message.respond").rest
        if reply:
            return await rest.create_message(self.channel_id, content, reply=self, **options)
        return await rest.create_message(self.channel_id, content, **options)

    async def edit(
        self,
        content: UndefinedNoneOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[MessageEditOptions],
    ) -> Message:
        """Edit this message (keyword arguments of `RESTClient.edit_message`)."""
        rest = require_app(self.app, "Message.edit").rest
        return await rest.edit_message(self.channel_id, self.id, content, **options)

    async def delete(self) -> None:
        """Delete this message."""
        await require_app(self.app, "Message.delete").rest.delete_message(self.channel_id, self.id)

    async def add_reaction(
        self,
        emoji: typing.Any,  # noqa: ANN401 (a str, a custom emoji, anything with name and id)
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """React with `emoji` (an `Emoji`, a Unicode string, or a custom emoji name with `emoji_id`)."""
        rest = require_app(self.app, "Message.add_reaction").rest
        await rest.add_reaction(self.channel_id, self.id, emoji, emoji_id)

    async def remove_reaction(
        self,
        emoji: typing.Any,  # noqa: ANN401 (a str, a custom emoji, anything with name and id)
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        *,
        user: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Remove the bot's reaction, or `user`'s when given."""
        rest = require_app(self.app, "Message.remove_reaction").rest
        if user is UNDEFINED:
            await rest.delete_my_reaction(self.channel_id, self.id, emoji, emoji_id)
        else:
            await rest.delete_reaction(self.channel_id, self.id, user, emoji, emoji_id)

    async def pin(self) -> None:
        """Pin this message."""
        await require_app(self.app, "Message.pin").rest.pin_message(self.channel_id, self.id)

    async def unpin(self) -> None:
        """Unpin this message."""
        await require_app(self.app, "Message.unpin").rest.unpin_message(self.channel_id, self.id)

    async def crosspost(self) -> Message:
        """Publish this announcement-channel message to following channels."""
        rest = require_app(self.app, "Message.crosspost").rest
        return await rest.crosspost_message(self.channel_id, self.id)

    def make_link(self, guild: SnowflakeishOr | None) -> str:
        """The jump URL of the message in `guild` (an object or ID; `None` for a DM). Messages
        fetched over REST carry no `guild_id`, so `link` cannot tell; this takes it."""
        where = "@me" if guild is None else str(int(to_snowflake(guild)))
        return f"https://discord.com/channels/{where}/{self.channel_id}/{self.id}"

    async def remove_all_reactions(
        self,
        emoji: UndefinedOr[typing.Any] = UNDEFINED,
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Remove every user's reactions of `emoji`, or every reaction when no emoji is given."""
        rest = require_app(self.app, "Message.remove_all_reactions").rest
        if emoji is UNDEFINED:
            await rest.delete_all_reactions(self.channel_id, self.id)
        else:
            await rest.delete_all_reactions_for_emoji(self.channel_id, self.id, emoji, emoji_id)

    async def fetch_channel(self) -> PartialChannel:
        """Fetch the channel this message is in."""
        return await require_app(self.app, "Message.fetch_channel").rest.fetch_channel(
            self.channel_id
        )


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Message(_MessageBase):
    """A message."""

    author: User
    member: Member | None = None
    """The author's membership, for guild messages received over the gateway."""
    content: str = ""
    timestamp: datetime.datetime
    edited_timestamp: datetime.datetime | None = None
    is_tts: bool = False
    mentions: Mentions = attrs.field(factory=Mentions)
    attachments: Sequence[Attachment] = ()
    embeds: Sequence[Embed] = ()
    reactions: Sequence[Reaction] = ()
    nonce: str | int | None = None
    is_pinned: bool = False
    webhook_id: Snowflake | None = None
    type: MessageType = MessageType.DEFAULT
    activity: MessageActivity | None = None
    application: MessageApplication | None = None
    application_id: Snowflake | None = None
    flags: MessageFlag = MessageFlag.NONE
    message_reference: MessageReference | None = None
    message_snapshots: Sequence[MessageSnapshot] = ()
    referenced_message: UndefinedNoneOr[Message] = UNDEFINED
    """The replied-to message; `None` when Discord says it was deleted, `UNDEFINED` when not sent."""
    interaction_metadata: MessageInteractionMetadata | None = None
    interaction: MessageInteraction | None = None
    thread: typing.Any | None = None
    """The thread started from this message (`anycord.models.threads.GuildThreadChannel`)."""
    components: Sequence[PartialComponent] = ()
    stickers: Sequence[PartialSticker] = ()
    position: int | None = None
    role_subscription_data: RoleSubscriptionData | None = None
    resolved: ResolvedOptionData | None = None
    poll: Poll | None = None
    call: MessageCall | None = None

    @property
    def user_mentions(self) -> Mapping[Snowflake, User]:
        """The mentioned users, by ID."""
        return self.mentions.users

    @property
    def user_mentions_ids(self) -> Sequence[Snowflake]:
        """IDs of the mentioned users."""
        return tuple(self.mentions.users)

    @property
    def channel_mentions(self) -> Mapping[Snowflake, PartialChannel]:
        """Channels of another guild mentioned in a crossposted message, by ID (Discord sends
        them only for crossposts)."""
        return _channel_mentions(self.mentions, self.app)

    @property
    def channel_mention_ids(self) -> Sequence[Snowflake]:
        """IDs of `channel_mentions`."""
        return tuple(c.id for c in self.mentions.channels)

    def get_member_mentions(self) -> Mapping[Snowflake, Member]:
        """The mentioned users' cached members (empty in a DM, on a cacheless app, or when the
        message has no `guild_id`, as REST messages do)."""
        return _cached_members(self.app, self.guild_id, self.mentions)

    def get_role_mentions(self) -> Mapping[Snowflake, Role]:
        """The mentioned roles found in the cache (empty under the same conditions as
        `get_member_mentions`)."""
        return _cached_roles(self.app, self.guild_id, self.mentions)

    @property
    def role_mention_ids(self) -> Sequence[Snowflake]:
        """IDs of the mentioned roles."""
        return self.mentions.role_ids

    @property
    def mentions_everyone(self) -> bool:
        """Whether the message mentions @everyone or @here."""
        return self.mentions.everyone

    def __str__(self) -> str:
        return self.content


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PartialMessage(_MessageBase):
    """A message of which only some fields are known (MESSAGE_UPDATE); the others are `UNDEFINED`."""

    author: UndefinedOr[User] = UNDEFINED
    member: UndefinedOr[Member] = UNDEFINED
    content: UndefinedOr[str] = UNDEFINED
    timestamp: UndefinedOr[datetime.datetime] = UNDEFINED
    edited_timestamp: UndefinedNoneOr[datetime.datetime] = UNDEFINED
    is_tts: UndefinedOr[bool] = UNDEFINED
    mentions: UndefinedOr[Mentions] = UNDEFINED
    attachments: UndefinedOr[Sequence[Attachment]] = UNDEFINED
    embeds: UndefinedOr[Sequence[Embed]] = UNDEFINED
    reactions: UndefinedOr[Sequence[Reaction]] = UNDEFINED
    is_pinned: UndefinedOr[bool] = UNDEFINED
    webhook_id: UndefinedOr[Snowflake] = UNDEFINED
    type: UndefinedOr[MessageType] = UNDEFINED
    application_id: UndefinedOr[Snowflake] = UNDEFINED
    flags: UndefinedOr[MessageFlag] = UNDEFINED
    message_reference: UndefinedOr[MessageReference] = UNDEFINED
    components: UndefinedOr[Sequence[PartialComponent]] = UNDEFINED
    stickers: UndefinedOr[Sequence[PartialSticker]] = UNDEFINED
    poll: UndefinedOr[Poll] = UNDEFINED
    nonce: UndefinedNoneOr[str | int] = UNDEFINED
    activity: UndefinedNoneOr[MessageActivity] = UNDEFINED
    application: UndefinedNoneOr[MessageApplication] = UNDEFINED
    message_snapshots: UndefinedOr[Sequence[MessageSnapshot]] = UNDEFINED
    referenced_message: UndefinedNoneOr[Message] = UNDEFINED
    """The replied-to message; `None` when Discord says it was deleted."""
    interaction_metadata: UndefinedNoneOr[MessageInteractionMetadata] = UNDEFINED

    @property
    def user_mentions(self) -> UndefinedOr[Mapping[Snowflake, User]]:
        """The mentioned users, by ID (`UNDEFINED` when the update left mentions out)."""
        return UNDEFINED if self.mentions is UNDEFINED else self.mentions.users

    @property
    def user_mentions_ids(self) -> UndefinedOr[Sequence[Snowflake]]:
        """IDs of the mentioned users (`UNDEFINED` when unknown)."""
        return UNDEFINED if self.mentions is UNDEFINED else tuple(self.mentions.users)

    @property
    def role_mention_ids(self) -> UndefinedOr[Sequence[Snowflake]]:
        """IDs of the mentioned roles (`UNDEFINED` when unknown)."""
        return UNDEFINED if self.mentions is UNDEFINED else self.mentions.role_ids

    @property
    def mentions_everyone(self) -> UndefinedOr[bool]:
        """Whether the message mentions @everyone or @here (`UNDEFINED` when unknown)."""
        return UNDEFINED if self.mentions is UNDEFINED else self.mentions.everyone

    @property
    def channel_mentions(self) -> UndefinedOr[Mapping[Snowflake, PartialChannel]]:
        """Crosspost channel mentions, by ID (`UNDEFINED` when unknown)."""
        return (
            UNDEFINED if self.mentions is UNDEFINED else _channel_mentions(self.mentions, self.app)
        )

    @property
    def channel_mention_ids(self) -> UndefinedOr[Sequence[Snowflake]]:
        """IDs of `channel_mentions` (`UNDEFINED` when unknown)."""
        return (
            UNDEFINED if self.mentions is UNDEFINED else tuple(c.id for c in self.mentions.channels)
        )

    def get_member_mentions(self) -> UndefinedOr[Mapping[Snowflake, Member]]:
        """The mentioned users' cached members (`UNDEFINED` when mentions are unknown)."""
        if self.mentions is UNDEFINED:
            return UNDEFINED
        return _cached_members(self.app, self.guild_id, self.mentions)

    def get_role_mentions(self) -> UndefinedOr[Mapping[Snowflake, Role]]:
        """The mentioned roles found in the cache (`UNDEFINED` when mentions are unknown)."""
        if self.mentions is UNDEFINED:
            return UNDEFINED
        return _cached_roles(self.app, self.guild_id, self.mentions)


def _channel_mentions(mentions: Mentions, app: RESTAware | None) -> dict[Snowflake, PartialChannel]:
    return {
        c.id: PartialChannel(id=c.id, name=c.name, type=c.type, app=app) for c in mentions.channels
    }


def _cached_members(
    app: RESTAware | None, guild_id: Snowflake | None, mentions: Mentions
) -> dict[Snowflake, Member]:
    cache = model_cache(app)
    if cache is None or guild_id is None:
        return {}
    found = {uid: cache.get_member(guild_id, uid) for uid in mentions.users}
    return {uid: member for uid, member in found.items() if member is not None}


def _cached_roles(
    app: RESTAware | None, guild_id: Snowflake | None, mentions: Mentions
) -> dict[Snowflake, Role]:
    cache = model_cache(app)
    if cache is None or guild_id is None:
        return {}
    found = {rid: cache.get_role(rid) for rid in mentions.role_ids}
    return {rid: role for rid, role in found.items() if role is not None}


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AllowedMentions:
    """Which mentions in a sent message notify (resources/message.mdx "Allowed Mentions").

    `everyone`/`users`/`roles` are `True` (parse all of that kind), `False` (none) or a
    collection of IDs (only those); `UNDEFINED` leaves the kind out. `replied_user` pings the
    author of the replied-to message.
    """

    everyone: UndefinedOr[bool] = UNDEFINED
    users: UndefinedOr[bool | Sequence[SnowflakeishOr]] = UNDEFINED
    roles: UndefinedOr[bool | Sequence[SnowflakeishOr]] = UNDEFINED
    replied_user: UndefinedOr[bool] = UNDEFINED
