"""Guilds (resources/guild.mdx): the guild itself in its partial, gateway and REST forms, with
its REST conveniences (`guild.fetch_roles()`, `guild.create_text_channel()` …) and cache reads
(`guild.get_member()` …). Previews, widgets, onboarding, bans … are in `guild_satellites`."""

from __future__ import annotations

import typing

import attrs

from anycord import traits
from anycord.models import cdn, guild_edits
from anycord.models.base import Unique, require_app
from anycord.models.channels import (
    ChannelType,
    GuildCategory,
    GuildChannel,
    GuildForumChannel,
    GuildNewsChannel,
    GuildStageChannel,
    GuildTextChannel,
    GuildVoiceChannel,
)
from anycord.models.guild_enums import (
    GuildExplicitContentFilterLevel,
    GuildFeature,
    GuildMessageNotificationsLevel,
    GuildMFALevel,
    GuildNSFWLevel,
    GuildPremiumTier,
    GuildSystemChannelFlag,
    GuildVerificationLevel,
)
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from anycord.files import Resourceish
    from anycord.models.channels import ForumTag, PermissionOverwrite
    from anycord.models.emojis import Emoji, KnownCustomEmoji
    from anycord.models.members import Member
    from anycord.models.presences import MemberPresence
    from anycord.models.roles import Role
    from anycord.models.stickers import GuildSticker
    from anycord.models.threads import GuildThreadChannel
    from anycord.models.voices import VoiceState
    from anycord.snowflakes import Snowflake, Snowflakeish, SnowflakeishOr
    from anycord.traits import RESTAware
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

_C = typing.TypeVar("_C", bound=GuildChannel)

__all__ = [
    "GatewayGuild",
    "GatewayGuildDefinition",
    "Guild",
    "PartialGuild",
    "RESTGuild",
    "UnavailableGuild",
]


class _InGuild(typing.Protocol):
    @property
    def guild_id(self) -> Snowflake | None: ...


_InGuildT = typing.TypeVar("_InGuildT", bound=_InGuild)


# -- guilds ----------------------------------------------------------------------------------


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PartialGuild(Unique):
    """A guild of which the ID, name and icon are known (user guild lists, invites)."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    name: str
    icon_hash: str | None = None

    @property
    def icon_url(self) -> str | None:
        """The icon's CDN URL, or `None`."""
        return cdn.guild_icon_url(self.id, self.icon_hash) if self.icon_hash else None

    @property
    def shard_id(self) -> int | None:
        """The shard receiving this guild's events, when the app knows its shard count."""
        count = getattr(self.app, "shard_count", None)
        return (self.id >> 22) % count if isinstance(count, int) and count > 0 else None

    def make_icon_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The icon's URL in a chosen format and size (`anycord.models.cdn`; `ValueError` for
        bad ones), or `None` without an icon."""
        return (
            cdn.guild_icon_url(self.id, self.icon_hash, ext=ext, size=size, **fmt)
            if self.icon_hash
            else None
        )

    async def fetch_self(self) -> RESTGuild:
        """Fetch this guild in full (`RESTClient.fetch_guild`)."""
        app = require_app(self.app, "PartialGuild.fetch_self")
        return await app.rest.fetch_guild(self.id)

    async def fetch_roles(self) -> Sequence[Role]:
        """Fetch the guild's roles."""
        app = require_app(self.app, "PartialGuild.fetch_roles")
        return await app.rest.fetch_roles(self.id)

    async def fetch_emojis(self) -> Sequence[KnownCustomEmoji]:
        """Fetch the guild's custom emojis."""
        app = require_app(self.app, "PartialGuild.fetch_emojis")
        return await app.rest.fetch_guild_emojis(self.id)

    async def fetch_emoji(self, emoji: SnowflakeishOr) -> KnownCustomEmoji:
        """Fetch one custom emoji of the guild."""
        app = require_app(self.app, "PartialGuild.fetch_emoji")
        return await app.rest.fetch_emoji(self.id, emoji)

    async def fetch_stickers(self) -> Sequence[GuildSticker]:
        """Fetch the guild's stickers."""
        app = require_app(self.app, "PartialGuild.fetch_stickers")
        return await app.rest.fetch_guild_stickers(self.id)

    async def fetch_sticker(self, sticker: SnowflakeishOr) -> GuildSticker:
        """Fetch one sticker of the guild."""
        app = require_app(self.app, "PartialGuild.fetch_sticker")
        return await app.rest.fetch_guild_sticker(self.id, sticker)

    async def create_sticker(
        self,
        name: str,
        tag: str,
        image: Resourceish,
        *,
        description: UndefinedOr[str] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildSticker:
        """Upload a sticker (`tag`: the Unicode emoji it stands for; PNG, APNG, GIF or Lottie)."""
        app = require_app(self.app, "PartialGuild.create_sticker")
        return await app.rest.create_sticker(
            self.id,
            name,
            tag,
            image,
            description="" if description is UNDEFINED else description,
            reason=reason,
        )

    async def edit_sticker(
        self,
        sticker: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        description: UndefinedNoneOr[str] = UNDEFINED,
        tag: UndefinedOr[str] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildSticker:
        """Change a sticker; only given fields are sent."""
        app = require_app(self.app, "PartialGuild.edit_sticker")
        return await app.rest.edit_sticker(
            self.id, sticker, name=name, description=description, tag=tag, reason=reason
        )

    async def delete_sticker(
        self, sticker: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Delete a sticker."""
        app = require_app(self.app, "PartialGuild.delete_sticker")
        await app.rest.delete_sticker(self.id, sticker, reason=reason)

    async def delete_channel(
        self, channel: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> GuildChannel:
        """Delete a channel of this guild; returns what it was."""
        app = require_app(self.app, "PartialGuild.delete_channel")
        deleted = await app.rest.delete_channel(channel, reason)
        return guild_edits.expect_channel(deleted, GuildChannel)

    async def edit(
        self,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        verification_level: UndefinedOr[GuildVerificationLevel] = UNDEFINED,
        default_message_notifications: UndefinedOr[GuildMessageNotificationsLevel] = UNDEFINED,
        explicit_content_filter_level: UndefinedOr[GuildExplicitContentFilterLevel] = UNDEFINED,
        afk_channel: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        afk_timeout: UndefinedOr[float | datetime.timedelta] = UNDEFINED,
        icon: UndefinedNoneOr[Resourceish] = UNDEFINED,
        owner: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        splash: UndefinedNoneOr[Resourceish] = UNDEFINED,
        banner: UndefinedNoneOr[Resourceish] = UNDEFINED,
        system_channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        rules_channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        public_updates_channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        preferred_locale: UndefinedOr[str] = UNDEFINED,
        features: UndefinedOr[Sequence[str]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> RESTGuild:
        """Change the guild's settings; only given ones are sent, `None` clears. Images are
        any `Resourceish`; `afk_timeout` is seconds or a `timedelta`."""
        app = require_app(self.app, "PartialGuild.edit")
        fields = await guild_edits.guild_edit_fields(
            verification_level=verification_level,
            default_message_notifications=default_message_notifications,
            explicit_content_filter_level=explicit_content_filter_level,
            afk_channel=afk_channel,
            afk_timeout=afk_timeout,
            icon=icon,
            owner=owner,
            splash=splash,
            banner=banner,
            system_channel=system_channel,
            rules_channel=rules_channel,
            public_updates_channel=public_updates_channel,
            preferred_locale=preferred_locale,
            features=features,
        )
        return await app.rest.edit_guild(self.id, name=name, reason=reason, **fields)

    async def create_category(
        self,
        name: str,
        *,
        position: UndefinedOr[int] = UNDEFINED,
        permission_overwrites: UndefinedOr[Sequence[PermissionOverwrite]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildCategory:
        """Create a category."""
        app = require_app(self.app, "PartialGuild.create_category")
        created = await app.rest.create_guild_channel(
            self.id,
            name,
            ChannelType.GUILD_CATEGORY,
            position=position,
            permission_overwrites=permission_overwrites,
            reason=reason,
        )
        return guild_edits.expect_channel(created, GuildCategory)

    async def create_text_channel(
        self,
        name: str,
        *,
        position: UndefinedOr[int] = UNDEFINED,
        topic: UndefinedOr[str] = UNDEFINED,
        nsfw: UndefinedOr[bool] = UNDEFINED,
        rate_limit_per_user: UndefinedOr[float | datetime.timedelta] = UNDEFINED,
        permission_overwrites: UndefinedOr[Sequence[PermissionOverwrite]] = UNDEFINED,
        category: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildTextChannel:
        """Create a text channel (`rate_limit_per_user`: slow mode, seconds or a `timedelta`)."""
        app = require_app(self.app, "PartialGuild.create_text_channel")
        created = await app.rest.create_guild_channel(
            self.id,
            name,
            ChannelType.GUILD_TEXT,
            position=position,
            topic=topic,
            nsfw=nsfw,
            rate_limit_per_user=guild_edits.seconds(rate_limit_per_user),
            permission_overwrites=permission_overwrites,
            category=category,
            reason=reason,
        )
        return guild_edits.expect_channel(created, GuildTextChannel)

    async def create_news_channel(
        self,
        name: str,
        *,
        position: UndefinedOr[int] = UNDEFINED,
        topic: UndefinedOr[str] = UNDEFINED,
        nsfw: UndefinedOr[bool] = UNDEFINED,
        rate_limit_per_user: UndefinedOr[float | datetime.timedelta] = UNDEFINED,
        permission_overwrites: UndefinedOr[Sequence[PermissionOverwrite]] = UNDEFINED,
        category: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildNewsChannel:
        """Create an announcement channel (the guild needs the NEWS feature)."""
        app = require_app(self.app, "PartialGuild.create_news_channel")
        created = await app.rest.create_guild_channel(
            self.id,
            name,
            ChannelType.GUILD_NEWS,
            position=position,
            topic=topic,
            nsfw=nsfw,
            rate_limit_per_user=guild_edits.seconds(rate_limit_per_user),
            permission_overwrites=permission_overwrites,
            category=category,
            reason=reason,
        )
        return guild_edits.expect_channel(created, GuildNewsChannel)

    async def create_forum_channel(
        self,
        name: str,
        *,
        position: UndefinedOr[int] = UNDEFINED,
        category: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        permission_overwrites: UndefinedOr[Sequence[PermissionOverwrite]] = UNDEFINED,
        topic: UndefinedOr[str] = UNDEFINED,
        nsfw: UndefinedOr[bool] = UNDEFINED,
        rate_limit_per_user: UndefinedOr[float | datetime.timedelta] = UNDEFINED,
        default_auto_archive_duration: UndefinedOr[float | datetime.timedelta] = UNDEFINED,
        default_thread_rate_limit_per_user: UndefinedOr[float | datetime.timedelta] = UNDEFINED,
        default_forum_layout: UndefinedOr[int] = UNDEFINED,
        default_sort_order: UndefinedOr[int] = UNDEFINED,
        available_tags: UndefinedOr[Sequence[ForumTag | Mapping[str, typing.Any]]] = UNDEFINED,
        default_reaction_emoji: UndefinedOr[str | Emoji | Snowflakeish] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildForumChannel:
        """Create a forum channel (`default_auto_archive_duration` in minutes, as Discord
        takes it; the rate limits in seconds or as `timedelta`s)."""
        app = require_app(self.app, "PartialGuild.create_forum_channel")
        created = await app.rest.create_guild_channel(
            self.id,
            name,
            ChannelType.GUILD_FORUM,
            position=position,
            category=category,
            permission_overwrites=permission_overwrites,
            topic=topic,
            nsfw=nsfw,
            rate_limit_per_user=guild_edits.seconds(rate_limit_per_user),
            default_auto_archive_duration=guild_edits.seconds(default_auto_archive_duration),
            default_thread_rate_limit_per_user=guild_edits.seconds(
                default_thread_rate_limit_per_user
            ),
            default_forum_layout=default_forum_layout,
            default_sort_order=default_sort_order,
            available_tags=guild_edits.forum_tags(available_tags),
            default_reaction_emoji=guild_edits.reaction_emoji(default_reaction_emoji),
            reason=reason,
        )
        return guild_edits.expect_channel(created, GuildForumChannel)

    async def create_voice_channel(
        self,
        name: str,
        *,
        position: UndefinedOr[int] = UNDEFINED,
        user_limit: UndefinedOr[int] = UNDEFINED,
        bitrate: UndefinedOr[int] = UNDEFINED,
        video_quality_mode: UndefinedOr[int] = UNDEFINED,
        permission_overwrites: UndefinedOr[Sequence[PermissionOverwrite]] = UNDEFINED,
        region: UndefinedOr[str] = UNDEFINED,
        category: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildVoiceChannel:
        """Create a voice channel."""
        app = require_app(self.app, "PartialGuild.create_voice_channel")
        created = await app.rest.create_guild_channel(
            self.id,
            name,
            ChannelType.GUILD_VOICE,
            position=position,
            user_limit=user_limit,
            bitrate=bitrate,
            video_quality_mode=video_quality_mode,
            permission_overwrites=permission_overwrites,
            region=region,
            category=category,
            reason=reason,
        )
        return guild_edits.expect_channel(created, GuildVoiceChannel)

    async def create_stage_channel(
        self,
        name: str,
        *,
        position: UndefinedOr[int] = UNDEFINED,
        user_limit: UndefinedOr[int] = UNDEFINED,
        bitrate: UndefinedOr[int] = UNDEFINED,
        permission_overwrites: UndefinedOr[Sequence[PermissionOverwrite]] = UNDEFINED,
        region: UndefinedOr[str] = UNDEFINED,
        category: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildStageChannel:
        """Create a stage channel (the guild needs the COMMUNITY feature)."""
        app = require_app(self.app, "PartialGuild.create_stage_channel")
        created = await app.rest.create_guild_channel(
            self.id,
            name,
            ChannelType.GUILD_STAGE,
            position=position,
            user_limit=user_limit,
            bitrate=bitrate,
            permission_overwrites=permission_overwrites,
            region=region,
            category=category,
            reason=reason,
        )
        return guild_edits.expect_channel(created, GuildStageChannel)

    async def set_incident_actions(
        self,
        *,
        invites_disabled_until: datetime.datetime | None = None,
        dms_disabled_until: datetime.datetime | None = None,
    ) -> Mapping[str, typing.Any]:
        """Pause invites and/or DMs until a time (at most 24 h ahead); `None` (the default)
        lifts that pause. Returns the guild's incidents data as Discord sends it."""
        app = require_app(self.app, "PartialGuild.set_incident_actions")
        return await app.rest.set_guild_incident_actions(
            self.id,
            invites_disabled_until=invites_disabled_until,
            dms_disabled_until=dms_disabled_until,
        )

    async def fetch_guild(self) -> RESTGuild:
        """Fetch the full guild."""
        app = require_app(self.app, "PartialGuild.fetch_guild")
        return await app.rest.fetch_guild(self.id)

    async def fetch_member(self, user: SnowflakeishOr) -> Member:
        """Fetch one member of this guild."""
        app = require_app(self.app, "PartialGuild.fetch_member")
        return await app.rest.fetch_member(self.id, user)

    async def kick(self, user: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED) -> None:
        """Kick a member."""
        app = require_app(self.app, "PartialGuild.kick")
        await app.rest.kick_user(self.id, user, reason=reason)

    async def ban(
        self,
        user: SnowflakeishOr,
        *,
        delete_message_seconds: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Ban a user."""
        app = require_app(self.app, "PartialGuild.ban")
        await app.rest.ban_user(
            self.id, user, delete_message_seconds=delete_message_seconds, reason=reason
        )

    async def unban(self, user: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED) -> None:
        """Lift a ban."""
        app = require_app(self.app, "PartialGuild.unban")
        await app.rest.unban_user(self.id, user, reason=reason)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Guild(PartialGuild):
    """The fields every full guild object has (see `GatewayGuild` and `RESTGuild`)."""

    features: Sequence[GuildFeature] = ()
    owner_id: Snowflake
    description: str | None = None
    splash_hash: str | None = None
    discovery_splash_hash: str | None = None
    banner_hash: str | None = None
    application_id: Snowflake | None = None
    afk_channel_id: Snowflake | None = None
    afk_timeout: int = 0
    """Seconds of inactivity before a member is moved to the AFK channel."""
    is_widget_enabled: bool | None = None
    widget_channel_id: Snowflake | None = None
    verification_level: GuildVerificationLevel = GuildVerificationLevel.NONE
    default_message_notifications: GuildMessageNotificationsLevel = (
        GuildMessageNotificationsLevel.ALL_MESSAGES
    )
    explicit_content_filter: GuildExplicitContentFilterLevel = (
        GuildExplicitContentFilterLevel.DISABLED
    )
    mfa_level: GuildMFALevel = GuildMFALevel.NONE
    nsfw_level: GuildNSFWLevel = GuildNSFWLevel.DEFAULT
    system_channel_id: Snowflake | None = None
    system_channel_flags: GuildSystemChannelFlag = GuildSystemChannelFlag.NONE
    rules_channel_id: Snowflake | None = None
    public_updates_channel_id: Snowflake | None = None
    safety_alerts_channel_id: Snowflake | None = None
    vanity_url_code: str | None = None
    premium_tier: GuildPremiumTier = GuildPremiumTier.NONE
    premium_subscription_count: int | None = None
    preferred_locale: str = "en-US"
    max_presences: int | None = None
    max_members: int | None = None
    max_video_channel_users: int | None = None
    max_stage_video_channel_users: int | None = None
    is_premium_progress_bar_enabled: bool = False
    incidents_data: Mapping[str, typing.Any] | None = None

    @property
    def banner_url(self) -> str | None:
        """The banner's CDN URL, or `None`."""
        return cdn.guild_banner_url(self.id, self.banner_hash) if self.banner_hash else None

    @property
    def splash_url(self) -> str | None:
        """The invite splash's CDN URL, or `None`."""
        return cdn.guild_splash_url(self.id, self.splash_hash) if self.splash_hash else None

    @property
    def discovery_splash_url(self) -> str | None:
        """The discovery splash's CDN URL, or `None`."""
        if not self.discovery_splash_hash:
            return None
        return cdn.guild_discovery_splash_url(self.id, self.discovery_splash_hash)

    @property
    def invites_disabled(self) -> bool:
        """Whether members cannot use invites now: the INVITES_DISABLED feature, or an
        incident action pausing invites (`incidents_data["invites_disabled_until"]`)."""
        paused = (self.incidents_data or {}).get("invites_disabled_until") is not None
        return paused or GuildFeature.INVITES_DISABLED in self.features

    def make_banner_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The banner's URL in a chosen format and size, or `None` without a banner."""
        if not self.banner_hash:
            return None
        return cdn.guild_banner_url(self.id, self.banner_hash, ext=ext, size=size, **fmt)

    def make_splash_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The invite splash's URL in a chosen format and size, or `None` without one."""
        if not self.splash_hash:
            return None
        return cdn.guild_splash_url(self.id, self.splash_hash, ext=ext, size=size, **fmt)

    def make_discovery_splash_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The discovery splash's URL in a chosen format and size, or `None` without one."""
        if not self.discovery_splash_hash:
            return None
        return cdn.guild_discovery_splash_url(
            self.id, self.discovery_splash_hash, ext=ext, size=size, **fmt
        )

    # -- cache reads (None, or an empty mapping, when the app has no cache) --

    def get_member(self, user: SnowflakeishOr) -> Member | None:
        """A cached member of this guild."""
        cache = traits.model_cache(self.app)
        return cache.get_member(self.id, user) if cache else None

    def get_members(self) -> Mapping[Snowflake, Member]:
        """The cached members of this guild, by user ID."""
        cache = traits.model_cache(self.app)
        return cache.get_members_view_for_guild(self.id) if cache else {}

    def get_my_member(self) -> Member | None:
        """The bot's own cached member of this guild."""
        cache = traits.model_cache(self.app)
        me = cache.get_me() if cache else None
        return cache.get_member(self.id, me.id) if cache and me else None

    def get_presence(self, user: SnowflakeishOr) -> MemberPresence | None:
        """A member's cached presence in this guild."""
        cache = traits.model_cache(self.app)
        return cache.get_presence(self.id, user) if cache else None

    def get_presences(self) -> Mapping[Snowflake, MemberPresence]:
        """The cached presences of this guild, by user ID."""
        cache = traits.model_cache(self.app)
        return cache.get_presences_view_for_guild(self.id) if cache else {}

    def get_voice_state(self, user: SnowflakeishOr) -> VoiceState | None:
        """A member's cached voice state in this guild."""
        cache = traits.model_cache(self.app)
        return cache.get_voice_state(self.id, user) if cache else None

    def get_voice_states(self) -> Mapping[Snowflake, VoiceState]:
        """The cached voice states of this guild, by user ID."""
        cache = traits.model_cache(self.app)
        return cache.get_voice_states_view_for_guild(self.id) if cache else {}

    def _own(self, found: _InGuildT | None) -> _InGuildT | None:
        # A cache read by ID may find another guild's object: this guild's only.
        return found if found is not None and found.guild_id == self.id else None

    def get_channel(self, channel: SnowflakeishOr) -> GuildChannel | None:
        """A cached channel of this guild (`None` for another guild's)."""
        cache = traits.model_cache(self.app)
        return self._own(cache.get_guild_channel(channel) if cache else None)

    def get_channels(self) -> Mapping[Snowflake, GuildChannel]:
        """The cached channels of this guild, by ID."""
        cache = traits.model_cache(self.app)
        return cache.get_guild_channels_view_for_guild(self.id) if cache else {}

    def get_role(self, role: SnowflakeishOr) -> Role | None:
        """A cached role of this guild (`None` for another guild's)."""
        cache = traits.model_cache(self.app)
        return self._own(cache.get_role(role) if cache else None)

    def get_roles(self) -> Mapping[Snowflake, Role]:
        """The cached roles of this guild, by ID."""
        cache = traits.model_cache(self.app)
        return cache.get_roles_view_for_guild(self.id) if cache else {}

    def get_emoji(self, emoji: SnowflakeishOr) -> KnownCustomEmoji | None:
        """A cached custom emoji of this guild (`None` for another guild's)."""
        cache = traits.model_cache(self.app)
        return self._own(cache.get_emoji(emoji) if cache else None)

    def get_emojis(self) -> Mapping[Snowflake, KnownCustomEmoji]:
        """The cached custom emojis of this guild, by ID."""
        cache = traits.model_cache(self.app)
        return cache.get_emojis_view_for_guild(self.id) if cache else {}

    def get_sticker(self, sticker: SnowflakeishOr) -> GuildSticker | None:
        """A cached sticker of this guild (`None` for another guild's)."""
        cache = traits.model_cache(self.app)
        return self._own(cache.get_sticker(sticker) if cache else None)

    def get_stickers(self) -> Mapping[Snowflake, GuildSticker]:
        """The cached stickers of this guild, by ID."""
        cache = traits.model_cache(self.app)
        return cache.get_stickers_view_for_guild(self.id) if cache else {}

    # -- fetches through the guild's IDs --

    async def fetch_owner(self) -> Member:
        """Fetch the owner's member."""
        app = require_app(self.app, "Guild.fetch_owner")
        return await app.rest.fetch_member(self.id, self.owner_id)

    async def _fetch_channel_of(
        self, channel_id: Snowflake | None, kind: type[_C], what: str
    ) -> _C | None:
        if channel_id is None:
            return None
        app = require_app(self.app, what)
        return guild_edits.expect_channel(await app.rest.fetch_channel(channel_id), kind)

    async def fetch_afk_channel(self) -> GuildVoiceChannel | None:
        """Fetch the AFK voice channel, or `None` when none is set."""
        what = "Guild.fetch_afk_channel"
        return await self._fetch_channel_of(self.afk_channel_id, GuildVoiceChannel, what)

    async def fetch_system_channel(self) -> GuildTextChannel | None:
        """Fetch the system-message channel, or `None` when none is set."""
        what = "Guild.fetch_system_channel"
        return await self._fetch_channel_of(self.system_channel_id, GuildTextChannel, what)

    async def fetch_rules_channel(self) -> GuildTextChannel | None:
        """Fetch the rules channel, or `None` when none is set."""
        what = "Guild.fetch_rules_channel"
        return await self._fetch_channel_of(self.rules_channel_id, GuildTextChannel, what)

    async def fetch_public_updates_channel(self) -> GuildTextChannel | None:
        """Fetch the community-updates channel, or `None` when none is set."""
        what = "Guild.fetch_public_updates_channel"
        channel_id = self.public_updates_channel_id
        return await self._fetch_channel_of(channel_id, GuildTextChannel, what)

    async def fetch_widget_channel(self) -> GuildChannel | None:
        """Fetch the widget's invite channel, or `None` when none is set."""
        what = "Guild.fetch_widget_channel"
        return await self._fetch_channel_of(self.widget_channel_id, GuildChannel, what)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GatewayGuild(Guild):
    """A guild as GUILD_CREATE / GUILD_UPDATE send it (its members, channels … are decoded
    apart, see `GatewayGuildDefinition`)."""

    is_large: bool | None = None
    joined_at: datetime.datetime | None = None
    member_count: int | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class RESTGuild(Guild):
    """A guild as `GET /guilds/{id}` returns it, with its roles, emojis and stickers."""

    roles: Mapping[Snowflake, Role] = attrs.field(factory=dict)
    emojis: Mapping[Snowflake, KnownCustomEmoji] = attrs.field(factory=dict)
    stickers: Mapping[Snowflake, GuildSticker] = attrs.field(factory=dict)
    approximate_member_count: int | None = None
    approximate_active_member_count: int | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class UnavailableGuild(Unique):
    """A guild in an outage (or not yet sent in READY). `is_unavailable` is `False` in
    GUILD_DELETE when the bot was removed."""

    is_unavailable: bool = True


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GatewayGuildDefinition:
    """Everything a GUILD_CREATE carries, decoded. Mappings are keyed by ID (members by user ID)."""

    guild: GatewayGuild
    roles: Mapping[Snowflake, Role]
    emojis: Mapping[Snowflake, KnownCustomEmoji]
    stickers: Mapping[Snowflake, GuildSticker]
    channels: Mapping[Snowflake, GuildChannel]
    threads: Mapping[Snowflake, GuildThreadChannel]
    members: Mapping[Snowflake, Member]
    presences: Mapping[Snowflake, MemberPresence]
    voice_states: Mapping[Snowflake, VoiceState]

    @property
    def id(self) -> Snowflake:
        """The guild's ID."""
        return self.guild.id
