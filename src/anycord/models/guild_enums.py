"""The guild's enumerations (resources/guild.mdx): features, notification, content-filter,
MFA, verification and NSFW levels, boost tiers and system channel flags."""

from __future__ import annotations

import enum

from anycord import enums

__all__ = [
    "GuildExplicitContentFilterLevel",
    "GuildFeature",
    "GuildMFALevel",
    "GuildMessageNotificationsLevel",
    "GuildNSFWLevel",
    "GuildPremiumTier",
    "GuildSystemChannelFlag",
    "GuildVerificationLevel",
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
