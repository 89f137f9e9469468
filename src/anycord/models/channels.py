"""Channels (resources/channel.mdx "Channel Object"): DMs, group DMs and every guild channel.

Threads live in `anycord.models.threads`. `anycord.serde.channels.decode_channel` picks the
class from `type`; an unknown type decodes to `GuildChannel` (in a guild) or `PartialChannel`.
"""

from __future__ import annotations

import datetime
import enum
import typing
from collections.abc import AsyncIterable, Iterable

import attrs

from anycord import enums
from anycord.models import cdn
from anycord.models.base import Unique, require_app
from anycord.models.emojis import UnicodeEmoji
from anycord.models.members import Member
from anycord.models.roles import PartialRole
from anycord.models.users import PartialUser, User
from anycord.permissions import Permissions
from anycord.snowflakes import calculate_shard_id, to_snowflake
from anycord.traits import model_cache
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.models.guilds import GatewayGuild, RESTGuild
    from anycord.models.message_options import MessageCreateOptions
    from anycord.models.messages import Message
    from anycord.models.webhooks import PartialWebhook
    from anycord.rest.pagination import LazyIterator
    from anycord.rest.typing_indicator import TypingIndicator
    from anycord.snowflakes import (
        SearchableSnowflakeish,
        SearchableSnowflakeishOr,
        Snowflake,
        SnowflakeishOr,
    )
    from anycord.traits import RESTAware
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = [
    "ChannelEditOptions",
    "ChannelFlag",
    "ChannelFollow",
    "ChannelType",
    "DMChannel",
    "ForumLayoutType",
    "ForumSortOrderType",
    "ForumTag",
    "GroupDMChannel",
    "GuildCategory",
    "GuildChannel",
    "GuildForumChannel",
    "GuildMediaChannel",
    "GuildNewsChannel",
    "GuildStageChannel",
    "GuildTextChannel",
    "GuildThreadHostChannel",
    "GuildVoiceChannel",
    "PartialChannel",
    "PermissibleGuildChannel",
    "PermissionOverwrite",
    "PermissionOverwriteType",
    "PrivateChannel",
    "TextableChannel",
    "VideoQualityMode",
]


class ChannelEditOptions(typing.TypedDict, total=False):
    """`RESTClient.edit_channel`'s keywords but `reason` (`PartialChannel.edit` takes them)."""

    name: UndefinedOr[str]
    position: UndefinedOr[int]
    topic: UndefinedNoneOr[str]
    nsfw: UndefinedOr[bool]
    bitrate: UndefinedOr[int]
    user_limit: UndefinedOr[int]
    rate_limit_per_user: UndefinedOr[int]
    region: UndefinedNoneOr[str]
    permission_overwrites: UndefinedOr[Sequence[PermissionOverwrite | dict[str, typing.Any]]]
    parent_category: UndefinedNoneOr[SnowflakeishOr]
    default_auto_archive_duration: UndefinedOr[int]
    flags: UndefinedOr[int]
    archived: UndefinedOr[bool]
    locked: UndefinedOr[bool]
    invitable: UndefinedOr[bool]
    auto_archive_duration: UndefinedOr[int]
    applied_tags: UndefinedOr[Sequence[SnowflakeishOr]]


class ChannelType(enums.IntEnum):
    """The kind of a channel."""

    GUILD_TEXT = 0
    DM = 1
    GUILD_VOICE = 2
    GROUP_DM = 3
    GUILD_CATEGORY = 4
    GUILD_NEWS = 5
    GUILD_NEWS_THREAD = 10
    GUILD_PUBLIC_THREAD = 11
    GUILD_PRIVATE_THREAD = 12
    GUILD_STAGE = 13
    GUILD_DIRECTORY = 14
    GUILD_FORUM = 15
    GUILD_MEDIA = 16

    @property
    def is_thread(self) -> bool:
        """Whether channels of this type are threads."""
        return self.value in (10, 11, 12)


class ChannelFlag(enum.IntFlag, boundary=enum.KEEP):
    """Channel flags."""

    NONE = 0
    PINNED = 1 << 1
    """A thread pinned to the top of its forum or media channel."""
    REQUIRE_TAG = 1 << 4
    """Threads in this forum or media channel need a tag."""
    HIDE_MEDIA_DOWNLOAD_OPTIONS = 1 << 15
    """Media channels: hide the embedded media download options."""


class VideoQualityMode(enums.IntEnum):
    """Camera video quality in voice channels."""

    AUTO = 1
    FULL = 2


class ForumSortOrderType(enums.IntEnum):
    """How a forum or media channel sorts its posts."""

    LATEST_ACTIVITY = 0
    CREATION_DATE = 1


class ForumLayoutType(enums.IntEnum):
    """How a forum channel lays out its posts."""

    NOT_SET = 0
    LIST_VIEW = 1
    GALLERY_VIEW = 2


class PermissionOverwriteType(enums.IntEnum):
    """Whom an overwrite targets."""

    ROLE = 0
    MEMBER = 1


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class PermissionOverwrite:
    """Permissions allowed and denied for one role or member in one channel."""

    id: Snowflake
    type: PermissionOverwriteType
    allow: Permissions = Permissions.NONE
    deny: Permissions = Permissions.NONE

    @property
    def created_at(self) -> datetime.datetime:
        """When the role or user the overwrite targets was created (from `id`)."""
        return self.id.created_at

    @property
    def unset(self) -> Permissions:
        """Permissions neither allowed nor denied (inherited)."""
        return Permissions(~(self.allow | self.deny) & Permissions.all_permissions())


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class ForumTag:
    """A tag that can be applied to threads in a forum or media channel."""

    id: Snowflake | None = None
    """`None` only for tags not created yet (when sending new tags)."""
    name: str
    moderated: bool = False
    emoji_id: Snowflake | None = None
    emoji_name: str | None = None

    @property
    def created_at(self) -> datetime.datetime | None:
        """When the tag was created (from `id`; `None` for a tag not created yet)."""
        return None if self.id is None else self.id.created_at

    @property
    def unicode_emoji(self) -> UnicodeEmoji | None:
        """The tag's standard emoji, or `None` when it has none or a custom one (`emoji_id`)."""
        if self.emoji_id is not None or not self.emoji_name:
            return None
        return UnicodeEmoji(name=self.emoji_name)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ChannelFollow:
    """An announcement channel followed into another channel: `channel_id` is the followed
    channel, `webhook_id` the webhook that relays its posts (`RESTClient.follow_channel`)."""

    app: RESTAware | None = attrs.field(default=None, repr=False, eq=False)
    channel_id: Snowflake
    webhook_id: Snowflake

    async def fetch_channel(self) -> PartialChannel:
        """Fetch the followed channel."""
        app = require_app(self.app, "ChannelFollow.fetch_channel")
        return await app.rest.fetch_channel(self.channel_id)

    async def fetch_webhook(self) -> PartialWebhook:
        """Fetch the webhook relaying the posts (a `ChannelFollowerWebhook`)."""
        app = require_app(self.app, "ChannelFollow.fetch_webhook")
        return await app.rest.fetch_webhook(self.webhook_id)

    def get_channel(self) -> GuildChannel | None:
        """The followed channel from the cache (`None` when not cached or the app has none)."""
        cache = model_cache(self.app)
        return None if cache is None else cache.get_guild_channel(self.channel_id)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PartialChannel(Unique):
    """A channel of which the ID, name and type are known (and the base of every channel)."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    name: str | None = None
    type: ChannelType

    @property
    def mention(self) -> str:
        """`<#id>`."""
        return f"<#{self.id}>"

    async def fetch(self) -> PartialChannel:
        """Fetch the up-to-date channel."""
        app = require_app(self.app, "PartialChannel.fetch")
        return await app.rest.fetch_channel(self.id)

    async def delete(self) -> PartialChannel:
        """Delete this channel (or close the DM); returns the deleted channel."""
        app = require_app(self.app, "PartialChannel.delete")
        return await app.rest.delete_channel(self.id)

    async def edit(
        self, *, reason: UndefinedOr[str] = UNDEFINED, **fields: typing.Unpack[ChannelEditOptions]
    ) -> PartialChannel:
        """Edit this channel (`RESTClient.edit_channel` arguments); returns the updated one."""
        app = require_app(self.app, "PartialChannel.edit")
        return await app.rest.edit_channel(self.id, reason=reason, **fields)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class TextableChannel(PartialChannel):
    """A channel that holds messages (the base of text, announcement, voice, stage, thread
    and DM channels); its methods need the channel to be bound to an app."""

    async def send(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[MessageCreateOptions],
    ) -> Message:
        """Send a message (same arguments as `RESTClient.create_message`); returns it."""
        app = require_app(self.app, "send")
        return await app.rest.create_message(self.id, content, **options)

    async def fetch_message(self, message: SnowflakeishOr) -> Message:
        """Fetch one message of this channel."""
        app = require_app(self.app, "fetch_message")
        return await app.rest.fetch_message(self.id, message)

    def fetch_history(
        self,
        *,
        before: UndefinedOr[SearchableSnowflakeishOr] = UNDEFINED,
        after: UndefinedOr[SearchableSnowflakeishOr] = UNDEFINED,
        around: UndefinedOr[SearchableSnowflakeishOr] = UNDEFINED,
    ) -> LazyIterator[Message]:
        """This channel's messages, as `RESTClient.fetch_messages` walks them (newest first
        by default, oldest first with `after=`, one page around a message with `around=`).
        Bounds are messages, IDs or datetimes."""
        app = require_app(self.app, "fetch_history")
        history = app.rest.fetch_messages(
            self.id, before=_bound(before), after=_bound(after), around=_bound(around)
        )
        # `ModelREST` may not name rest's classes (traits sits below rest); every app's
        # `rest` is a `RESTClient`, whose history is a `LazyIterator`.
        return typing.cast("LazyIterator[Message]", history)

    async def fetch_pins(self) -> list[Message]:
        """The pinned messages, most recently pinned first (up to 50)."""
        return await require_app(self.app, "fetch_pins").rest.fetch_pins(self.id)

    async def pin_message(self, message: SnowflakeishOr) -> None:
        """Pin a message of this channel."""
        await require_app(self.app, "pin_message").rest.pin_message(self.id, message)

    async def unpin_message(self, message: SnowflakeishOr) -> None:
        """Unpin a message of this channel."""
        await require_app(self.app, "unpin_message").rest.unpin_message(self.id, message)

    def trigger_typing(self) -> TypingIndicator:
        """Show the bot typing here: `await` it for one indicator (about 10 seconds), or
        `async with` it to keep typing until the block ends."""
        indicator = require_app(self.app, "trigger_typing").rest.trigger_typing(self.id)
        return typing.cast("TypingIndicator", indicator)  # a `RESTClient`'s (see fetch_history)

    async def delete_messages(
        self,
        messages: SnowflakeishOr | Iterable[SnowflakeishOr] | AsyncIterable[SnowflakeishOr],
        /,
        *other_messages: SnowflakeishOr,
    ) -> None:
        """Delete messages of this channel: one, an iterable or async iterable of them, plus
        any more given positionally (bulk deletes of up to 100, as `RESTClient.delete_messages`).

        Raises `BulkDeleteError` naming what was deleted when a chunk fails part way.
        """
        app = require_app(self.app, "delete_messages")
        ids: list[SnowflakeishOr] = []
        if isinstance(messages, AsyncIterable):
            ids.extend([m async for m in messages])
        elif isinstance(messages, Iterable) and not isinstance(messages, str):
            ids.extend(messages)
        else:
            ids.append(messages)
        ids.extend(other_messages)
        await app.rest.delete_messages(self.id, ids)


def _bound(value: UndefinedOr[SearchableSnowflakeishOr]) -> UndefinedOr[SearchableSnowflakeish]:
    """A history bound as `RESTClient.fetch_messages` takes it (an object becomes its ID)."""
    if value is UNDEFINED or isinstance(value, (datetime.datetime, int, str)):
        return value
    return to_snowflake(value)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PrivateChannel(PartialChannel):
    """A DM or group DM."""

    last_message_id: Snowflake | None = None
    last_pin_timestamp: datetime.datetime | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class DMChannel(PrivateChannel, TextableChannel):
    """A direct message channel with one user."""

    recipient: User | None = None

    @property
    def shard_id(self) -> int:
        """0: DM events arrive on the first shard."""
        return 0


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GroupDMChannel(PrivateChannel, TextableChannel):
    """A group DM."""

    owner_id: Snowflake | None = None
    icon_hash: str | None = None
    application_id: Snowflake | None = None
    recipients: Mapping[Snowflake, User] = attrs.field(factory=dict)
    is_managed: bool = False

    @property
    def icon_url(self) -> str | None:
        """The group's icon URL, or `None` without an icon."""
        return self.make_icon_url()

    def make_icon_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The icon's URL in a chosen format and size, or `None` without an icon (`ValueError`
        for a bad `ext`, `file_format` or `size`; `file_format`/`lossless` as hikari takes them)."""
        if self.icon_hash is None:
            return None
        return cdn.group_dm_icon_url(self.id, self.icon_hash, ext=ext, size=size, **fmt)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildChannel(PartialChannel):
    """Any channel in a guild (threads included). Also used for guild channel types this
    release does not know."""

    guild_id: Snowflake
    parent_id: Snowflake | None = None
    position: int = 0
    flags: ChannelFlag = ChannelFlag.NONE
    application_id: Snowflake | None = None
    """The application the channel is associated with, if any."""

    @property
    def shard_id(self) -> int | None:
        """The shard receiving this channel's guild events, when the app knows its shard count."""
        count = getattr(self.app, "shard_count", None)
        return (
            calculate_shard_id(count, self.guild_id)
            if isinstance(count, int) and count > 0
            else None
        )

    async def fetch_guild(self) -> RESTGuild:
        """Fetch the guild this channel is in."""
        return await require_app(self.app, "fetch_guild").rest.fetch_guild(self.guild_id)

    def get_guild(self) -> GatewayGuild | None:
        """The cached guild this channel is in (`None` when not cached or the app has no cache)."""
        cache = model_cache(self.app)
        return None if cache is None else cache.get_guild(self.guild_id)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PermissibleGuildChannel(GuildChannel):
    """A guild channel with permission overwrites (every guild channel but threads)."""

    is_nsfw: bool = False
    permission_overwrites: Mapping[Snowflake, PermissionOverwrite] = attrs.field(factory=dict)

    async def edit_overwrite(
        self,
        target: SnowflakeishOr,
        *,
        target_type: UndefinedOr[PermissionOverwriteType | int] = UNDEFINED,
        allow: UndefinedOr[Permissions] = UNDEFINED,
        deny: UndefinedOr[Permissions] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Create or replace the overwrite of a role or member on this channel.

        `target` is a `PermissionOverwrite`, a `Role`, a `User`/`Member`, or an ID with
        `target_type`; without `target_type` the type comes from `target` (`TypeError` for a
        bare ID).
        """
        app = require_app(self.app, "edit_overwrite")
        if target_type is UNDEFINED:
            target_type = _overwrite_type(target)
        await app.rest.edit_permission_overwrite(
            self.id, target, target_type=int(target_type), allow=allow, deny=deny, reason=reason
        )

    async def remove_overwrite(self, target: SnowflakeishOr) -> None:
        """Remove the overwrite of a role or member (an overwrite, a role, a user or an ID)."""
        await require_app(self.app, "remove_overwrite").rest.delete_permission_overwrite(
            self.id, target
        )


def _overwrite_type(target: object) -> PermissionOverwriteType:
    if isinstance(target, PermissionOverwrite):
        return target.type
    if isinstance(target, PartialRole):
        return PermissionOverwriteType.ROLE
    if isinstance(target, (PartialUser, User, Member)):
        return PermissionOverwriteType.MEMBER
    msg = f"cannot tell whether {target!r} is a role or a member: pass target_type"
    raise TypeError(msg)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildCategory(PermissibleGuildChannel):
    """A category that groups channels."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildTextChannel(PermissibleGuildChannel, TextableChannel):
    """A text channel."""

    topic: str | None = None
    last_message_id: Snowflake | None = None
    last_pin_timestamp: datetime.datetime | None = None
    rate_limit_per_user: int = 0
    """Slow mode, in seconds."""
    default_auto_archive_duration: int = 1440
    """Minutes of inactivity before new threads are archived."""
    default_thread_rate_limit_per_user: int = 0


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildNewsChannel(PermissibleGuildChannel, TextableChannel):
    """An announcement channel (others can follow it)."""

    topic: str | None = None
    last_message_id: Snowflake | None = None
    last_pin_timestamp: datetime.datetime | None = None
    rate_limit_per_user: int = 0
    default_auto_archive_duration: int = 1440
    default_thread_rate_limit_per_user: int = 0


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildVoiceChannel(PermissibleGuildChannel, TextableChannel):
    """A voice channel (with its text chat)."""

    bitrate: int = 64000
    user_limit: int = 0
    region: str | None = None
    """The RTC region; `None` is automatic."""
    video_quality_mode: VideoQualityMode = VideoQualityMode.AUTO
    last_message_id: Snowflake | None = None
    rate_limit_per_user: int = 0


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildStageChannel(PermissibleGuildChannel, TextableChannel):
    """A stage channel."""

    topic: str | None = None
    bitrate: int = 64000
    user_limit: int = 0
    region: str | None = None
    video_quality_mode: VideoQualityMode = VideoQualityMode.AUTO
    last_message_id: Snowflake | None = None
    rate_limit_per_user: int = 0


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildThreadHostChannel(PermissibleGuildChannel):
    """A forum or media channel: it holds only threads (posts)."""

    topic: str | None = None
    last_thread_id: Snowflake | None = None
    """The ID of the last thread created (Discord's `last_message_id` here)."""
    rate_limit_per_user: int = 0
    default_thread_rate_limit_per_user: int = 0
    default_auto_archive_duration: int = 1440
    available_tags: Sequence[ForumTag] = ()
    default_reaction_emoji_id: Snowflake | None = None
    default_reaction_emoji_name: str | None = None
    default_sort_order: ForumSortOrderType | None = None
    default_layout: ForumLayoutType = ForumLayoutType.NOT_SET
    """How posts are laid out by default (Discord's `default_forum_layout`)."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildForumChannel(GuildThreadHostChannel):
    """A forum channel."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildMediaChannel(GuildThreadHostChannel):
    """A media channel."""
