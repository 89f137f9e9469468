"""Guilds (resources/guild.mdx): the guild itself in its gateway and REST forms, previews,
widgets, welcome screens, onboarding, bans, integrations and vanity URLs."""

from __future__ import annotations

import enum
import typing

import attrs

from anycord import enums
from anycord.models import cdn
from anycord.models.base import Unique, require_app
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from anycord.models.channels import GuildChannel
    from anycord.models.emojis import CustomEmoji, KnownCustomEmoji, UnicodeEmoji
    from anycord.models.members import Member
    from anycord.models.presences import MemberPresence
    from anycord.models.roles import Role
    from anycord.models.stickers import GuildSticker
    from anycord.models.threads import GuildThreadChannel
    from anycord.models.users import User
    from anycord.models.voices import VoiceState
    from anycord.snowflakes import Snowflake, SnowflakeishOr
    from anycord.traits import RESTAware
    from anycord.undefined import UndefinedOr

__all__ = [
    "GatewayGuild",
    "GatewayGuildDefinition",
    "Guild",
    "GuildBan",
    "GuildExplicitContentFilterLevel",
    "GuildFeature",
    "GuildMFALevel",
    "GuildMessageNotificationsLevel",
    "GuildNSFWLevel",
    "GuildOnboarding",
    "GuildOnboardingMode",
    "GuildPremiumTier",
    "GuildPreview",
    "GuildSystemChannelFlag",
    "GuildVerificationLevel",
    "GuildWidget",
    "GuildWidgetInfo",
    "Integration",
    "IntegrationAccount",
    "IntegrationApplication",
    "IntegrationExpireBehaviour",
    "IntegrationType",
    "OnboardingPrompt",
    "OnboardingPromptOption",
    "OnboardingPromptType",
    "PartialGuild",
    "RESTGuild",
    "UnavailableGuild",
    "VanityURL",
    "WelcomeChannel",
    "WelcomeScreen",
]


class GuildFeature(enums.StrEnum):
    """Features a guild has (unknown ones are kept as `UNKNOWN_<name>` members)."""

    ANIMATED_BANNER = "ANIMATED_BANNER"
    ANIMATED_ICON = "ANIMATED_ICON"
    APPLICATION_COMMAND_PERMISSIONS_V2 = "APPLICATION_COMMAND_PERMISSIONS_V2"
    AUTO_MODERATION = "AUTO_MODERATION"
    BANNER = "BANNER"
    COMMUNITY = "COMMUNITY"
    CREATOR_MONETIZABLE_PROVISIONAL = "CREATOR_MONETIZABLE_PROVISIONAL"
    CREATOR_STORE_PAGE = "CREATOR_STORE_PAGE"
    DEVELOPER_SUPPORT_SERVER = "DEVELOPER_SUPPORT_SERVER"
    DISCOVERABLE = "DISCOVERABLE"
    ENHANCED_ROLE_COLORS = "ENHANCED_ROLE_COLORS"
    FEATURABLE = "FEATURABLE"
    GUESTS_ENABLED = "GUESTS_ENABLED"
    GUILD_TAGS = "GUILD_TAGS"
    INVITES_DISABLED = "INVITES_DISABLED"
    INVITE_SPLASH = "INVITE_SPLASH"
    MEMBER_VERIFICATION_GATE_ENABLED = "MEMBER_VERIFICATION_GATE_ENABLED"
    MORE_EMOJI = "MORE_EMOJI"
    MORE_SOUNDBOARD = "MORE_SOUNDBOARD"
    MORE_STICKERS = "MORE_STICKERS"
    NEWS = "NEWS"
    PARTNERED = "PARTNERED"
    PREVIEW_ENABLED = "PREVIEW_ENABLED"
    RAID_ALERTS_DISABLED = "RAID_ALERTS_DISABLED"
    ROLE_ICONS = "ROLE_ICONS"
    ROLE_SUBSCRIPTIONS_AVAILABLE_FOR_PURCHASE = "ROLE_SUBSCRIPTIONS_AVAILABLE_FOR_PURCHASE"
    ROLE_SUBSCRIPTIONS_ENABLED = "ROLE_SUBSCRIPTIONS_ENABLED"
    SOUNDBOARD = "SOUNDBOARD"
    TICKETED_EVENTS_ENABLED = "TICKETED_EVENTS_ENABLED"
    VANITY_URL = "VANITY_URL"
    VERIFIED = "VERIFIED"
    VIP_REGIONS = "VIP_REGIONS"
    WELCOME_SCREEN_ENABLED = "WELCOME_SCREEN_ENABLED"


class GuildMessageNotificationsLevel(enums.IntEnum):
    """Default notification setting."""

    ALL_MESSAGES = 0
    ONLY_MENTIONS = 1


class GuildExplicitContentFilterLevel(enums.IntEnum):
    """Whose media is scanned."""

    DISABLED = 0
    MEMBERS_WITHOUT_ROLES = 1
    ALL_MEMBERS = 2


class GuildMFALevel(enums.IntEnum):
    """Whether moderators need 2FA."""

    NONE = 0
    ELEVATED = 1


class GuildVerificationLevel(enums.IntEnum):
    """What members need before they can talk."""

    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    VERY_HIGH = 4


class GuildNSFWLevel(enums.IntEnum):
    """The guild's age rating."""

    DEFAULT = 0
    EXPLICIT = 1
    SAFE = 2
    AGE_RESTRICTED = 3


class GuildPremiumTier(enums.IntEnum):
    """Boost level."""

    NONE = 0
    TIER_1 = 1
    TIER_2 = 2
    TIER_3 = 3


class GuildSystemChannelFlag(enum.IntFlag, boundary=enum.KEEP):
    """What the system channel does not announce."""

    NONE = 0
    SUPPRESS_USER_JOIN = 1 << 0
    SUPPRESS_PREMIUM_SUBSCRIPTION = 1 << 1
    SUPPRESS_GUILD_REMINDER = 1 << 2
    SUPPRESS_USER_JOIN_REPLIES = 1 << 3
    SUPPRESS_ROLE_SUBSCRIPTION_PURCHASE = 1 << 4
    SUPPRESS_ROLE_SUBSCRIPTION_PURCHASE_REPLIES = 1 << 5


class IntegrationType(enums.StrEnum):
    """Where an integration comes from."""

    TWITCH = "twitch"
    YOUTUBE = "youtube"
    DISCORD_BOT = "discord"
    GUILD_SUBSCRIPTION = "guild_subscription"


class IntegrationExpireBehaviour(enums.IntEnum):
    """What happens to a member whose subscription lapses."""

    REMOVE_ROLE = 0
    KICK = 1


class OnboardingPromptType(enums.IntEnum):
    """How an onboarding prompt is shown."""

    MULTIPLE_CHOICE = 0
    DROPDOWN = 1


class GuildOnboardingMode(enums.IntEnum):
    """Which onboarding rules apply."""

    ONBOARDING_DEFAULT = 0
    ONBOARDING_ADVANCED = 1


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

    def make_icon_url(self, *, ext: str | None = None, size: int | None = None) -> str | None:
        """The icon's URL in a chosen format and size (`ValueError` for bad ones)."""
        return (
            cdn.guild_icon_url(self.id, self.icon_hash, ext=ext, size=size)
            if self.icon_hash
            else None
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
    def shard_id(self) -> int | None:
        """The shard receiving this guild's events, when the app knows its shard count."""
        count = getattr(self.app, "shard_count", None)
        return (self.id >> 22) % count if isinstance(count, int) and count > 0 else None

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


# -- guild satellites ------------------------------------------------------------------------


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildPreview(PartialGuild):
    """A discoverable guild's public preview."""

    features: Sequence[GuildFeature] = ()
    splash_hash: str | None = None
    discovery_splash_hash: str | None = None
    emojis: Mapping[Snowflake, KnownCustomEmoji] = attrs.field(factory=dict)
    stickers: Mapping[Snowflake, GuildSticker] = attrs.field(factory=dict)
    approximate_member_count: int = 0
    approximate_active_member_count: int = 0
    description: str | None = None


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class GuildWidget:
    """A guild's widget settings."""

    app: RESTAware | None = attrs.field(default=None, repr=False, eq=False)
    channel_id: Snowflake | None = None
    is_enabled: bool = False


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class GuildWidgetInfo:
    """The public widget (`GET /guilds/{id}/widget.json`): online members and voice channels."""

    id: Snowflake
    name: str
    instant_invite: str | None = None
    channels: Sequence[Mapping[str, typing.Any]] = ()
    members: Sequence[Mapping[str, typing.Any]] = ()
    presence_count: int = 0


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class WelcomeChannel:
    """A channel shown on the welcome screen."""

    channel_id: Snowflake
    description: str
    emoji_id: Snowflake | None = None
    emoji_name: str | None = None


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class WelcomeScreen:
    """A community guild's welcome screen."""

    description: str | None = None
    channels: Sequence[WelcomeChannel] = ()


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class OnboardingPromptOption(Unique):
    """One answer of an onboarding prompt."""

    channel_ids: Sequence[Snowflake] = ()
    role_ids: Sequence[Snowflake] = ()
    emoji: UnicodeEmoji | CustomEmoji | None = None
    title: str
    description: str | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class OnboardingPrompt(Unique):
    """An onboarding question."""

    type: OnboardingPromptType = OnboardingPromptType.MULTIPLE_CHOICE
    options: Sequence[OnboardingPromptOption] = ()
    title: str
    is_single_select: bool = False
    is_required: bool = False
    is_in_onboarding: bool = False


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class GuildOnboarding:
    """A guild's onboarding flow."""

    guild_id: Snowflake
    prompts: Sequence[OnboardingPrompt] = ()
    default_channel_ids: Sequence[Snowflake] = ()
    is_enabled: bool = False
    mode: GuildOnboardingMode = GuildOnboardingMode.ONBOARDING_DEFAULT


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class GuildBan:
    """A ban."""

    user: User
    reason: str | None = None


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class IntegrationAccount:
    """The external account of an integration (`name` is `None` when Discord sends none, which
    its spec allows)."""

    id: str
    name: str | None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class IntegrationApplication(Unique):
    """The bot application of a Discord integration."""

    name: str
    icon_hash: str | None = None
    description: str = ""
    bot: User | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Integration(Unique):
    """A guild integration (a bot, Twitch, YouTube or a guild subscription).

    `name` is `None` when Discord sends none, which its spec allows for every kind.
    """

    guild_id: Snowflake | None = None
    name: str | None
    type: IntegrationType
    is_enabled: bool = False
    is_syncing: bool | None = None
    role_id: Snowflake | None = None
    is_emojis_enabled: bool | None = None
    expire_behavior: IntegrationExpireBehaviour | None = None
    expire_grace_period: int | None = None
    """Days."""
    user: User | None = None
    account: IntegrationAccount
    last_synced_at: datetime.datetime | None = None
    subscriber_count: int | None = None
    is_revoked: bool | None = None
    application: IntegrationApplication | None = None
    scopes: Sequence[str] = ()


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class VanityURL:
    """A guild's vanity invite."""

    app: RESTAware | None = attrs.field(default=None, repr=False, eq=False)
    code: str | None = None
    uses: int = 0
