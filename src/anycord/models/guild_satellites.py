"""What hangs off a guild (resources/guild.mdx): its public preview, widget, welcome screen,
onboarding, bans, integrations and vanity URL."""

from __future__ import annotations

import typing

import attrs

from anycord import enums
from anycord.models import cdn, guild_edits
from anycord.models.base import Unique, require_app
from anycord.models.channels import GuildChannel
from anycord.models.guilds import PartialGuild

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from anycord.models.emojis import CustomEmoji, KnownCustomEmoji, UnicodeEmoji
    from anycord.models.guild_enums import GuildFeature
    from anycord.models.stickers import GuildSticker
    from anycord.models.users import User
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = [
    "GuildBan",
    "GuildOnboarding",
    "GuildOnboardingMode",
    "GuildPreview",
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
    "VanityURL",
    "WelcomeChannel",
    "WelcomeScreen",
]


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


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class GuildWidget:
    """A guild's widget settings."""

    app: RESTAware | None = attrs.field(default=None, repr=False, eq=False)
    channel_id: Snowflake | None = None
    is_enabled: bool = False

    async def fetch_channel(self) -> GuildChannel | None:
        """Fetch the channel the widget invites to, or `None` when none is set."""
        if self.channel_id is None:
            return None
        app = require_app(self.app, "GuildWidget.fetch_channel")
        fetched = await app.rest.fetch_channel(self.channel_id)
        return guild_edits.expect_channel(fetched, GuildChannel)


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

    def make_icon_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The application icon's URL in a chosen format and size, or `None` without one."""
        if not self.icon_hash:
            return None
        return cdn.application_icon_url(self.id, self.icon_hash, ext=ext, size=size, **fmt)


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
