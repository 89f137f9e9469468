"""Invites (resources/invite.mdx)."""

from __future__ import annotations

import enum
import typing

import attrs

from anycord import enums, urls
from anycord.models import cdn
from anycord.models.guild_enums import GuildFeature, GuildNSFWLevel, GuildVerificationLevel
from anycord.models.guilds import PartialGuild

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from anycord.models.channels import PartialChannel
    from anycord.models.guild_satellites import WelcomeScreen
    from anycord.models.roles import PartialRole
    from anycord.models.scheduled_events import ScheduledEvent
    from anycord.models.users import User
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = ["Invite", "InviteFlag", "InviteGuild", "InviteType", "InviteWithMetadata", "TargetType"]


class InviteType(enums.IntEnum):
    """What an invite leads to."""

    GUILD = 0
    GROUP_DM = 1
    FRIEND = 2


class TargetType(enums.IntEnum):
    """What a voice channel invite targets."""

    STREAM = 1
    EMBEDDED_APPLICATION = 2


class InviteFlag(enum.IntFlag, boundary=enum.KEEP):
    """Invite flags."""

    NONE = 0
    IS_GUEST_INVITE = 1 << 0


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class InviteGuild(PartialGuild):
    """The guild an invite leads to, as the invite shows it."""

    features: Sequence[GuildFeature] = ()
    splash_hash: str | None = None
    banner_hash: str | None = None
    description: str | None = None
    verification_level: GuildVerificationLevel = GuildVerificationLevel.NONE
    vanity_url_code: str | None = None
    welcome_screen: WelcomeScreen | None = None
    nsfw_level: GuildNSFWLevel = GuildNSFWLevel.DEFAULT
    premium_subscription_count: int | None = None

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


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class Invite:
    """An invite; equal to others with the same code."""

    app: RESTAware | None = attrs.field(default=None, repr=False, eq=False)
    code: str
    type: InviteType = attrs.field(default=InviteType.GUILD, eq=False)
    guild: InviteGuild | None = attrs.field(default=None, eq=False)
    guild_id: Snowflake | None = attrs.field(default=None, eq=False)
    channel: PartialChannel | None = attrs.field(default=None, eq=False)
    channel_id: Snowflake | None = attrs.field(default=None, eq=False)
    inviter: User | None = attrs.field(default=None, eq=False)
    target_type: TargetType | None = attrs.field(default=None, eq=False)
    target_user: User | None = attrs.field(default=None, eq=False)
    target_application: Mapping[str, typing.Any] | None = attrs.field(default=None, eq=False)
    approximate_member_count: int | None = attrs.field(default=None, eq=False)
    approximate_active_member_count: int | None = attrs.field(default=None, eq=False)
    expires_at: datetime.datetime | None = attrs.field(default=None, eq=False)
    flags: InviteFlag = attrs.field(default=InviteFlag.NONE, eq=False)
    guild_scheduled_event: ScheduledEvent | None = attrs.field(default=None, eq=False)
    """The event the invite points to, when it was made for one."""
    roles: Sequence[PartialRole] = attrs.field(default=(), eq=False)
    """The roles given to whoever accepts it (empty when only `role_ids` came, as in gateway
    events)."""
    role_ids: Sequence[Snowflake] = attrs.field(default=(), eq=False)
    """The IDs of the roles given to whoever accepts it."""

    @property
    def url(self) -> str:
        """`https://discord.gg/{code}`."""
        return f"https://discord.gg/{self.code}"

    @property
    def api_url(self) -> str:
        """The invite page on discord.com."""
        return f"{urls.BASE_URL}/invite/{self.code}"

    def __str__(self) -> str:
        return self.url


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class InviteWithMetadata(Invite):
    """An invite with its usage details (as its guild's managers see it)."""

    uses: int = attrs.field(default=0, eq=False)
    max_uses: int = attrs.field(default=0, eq=False)
    """0: unlimited."""
    max_age: int = attrs.field(default=0, eq=False)
    """Seconds it is valid for after creation; 0: forever."""
    is_temporary: bool = attrs.field(default=False, eq=False)
    created_at: datetime.datetime | None = attrs.field(default=None, eq=False)

    @property
    def uses_left(self) -> int | None:
        """How many more times it can be used, or `None` when its uses are unlimited."""
        return self.max_uses - self.uses if self.max_uses else None


InviteFlags = InviteFlag
"""hikari's name for `InviteFlag`."""
