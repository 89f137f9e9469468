"""Users: partial users (as in mentions and member objects), full users, and the bot's own user.

Shapes from resources/user.mdx ("User Object"). `avatar_url`, `banner_url` and
`display_avatar_url` build CDN URLs (see `anycord.models.cdn`).
"""

from __future__ import annotations

import enum
import typing

import attrs

from anycord import enums
from anycord.models import cdn
from anycord.models.base import Unique
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.colors import Color
    from anycord.traits import RESTAware

__all__ = ["OwnUser", "PartialUser", "PremiumType", "User", "UserFlag"]


class PremiumType(enums.IntEnum):
    """Nitro level."""

    NONE = 0
    NITRO_CLASSIC = 1
    NITRO = 2
    NITRO_BASIC = 3


class UserFlag(enum.IntFlag, boundary=enum.KEEP):
    """Public user flags (badges)."""

    NONE = 0
    DISCORD_EMPLOYEE = 1 << 0
    PARTNERED_SERVER_OWNER = 1 << 1
    HYPESQUAD_EVENTS = 1 << 2
    BUG_HUNTER_LEVEL_1 = 1 << 3
    HYPESQUAD_BRAVERY = 1 << 6
    HYPESQUAD_BRILLIANCE = 1 << 7
    HYPESQUAD_BALANCE = 1 << 8
    EARLY_SUPPORTER = 1 << 9
    TEAM_USER = 1 << 10
    BUG_HUNTER_LEVEL_2 = 1 << 14
    VERIFIED_BOT = 1 << 16
    EARLY_VERIFIED_DEVELOPER = 1 << 17
    DISCORD_CERTIFIED_MODERATOR = 1 << 18
    BOT_HTTP_INTERACTIONS = 1 << 19
    ACTIVE_DEVELOPER = 1 << 22


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PartialUser(Unique):
    """A user of whom only some fields are known (fields not sent are `UNDEFINED`)."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    username: UndefinedOr[str] = UNDEFINED
    discriminator: UndefinedOr[str] = UNDEFINED
    global_name: UndefinedOr[str | None] = UNDEFINED
    avatar_hash: UndefinedOr[str | None] = UNDEFINED
    is_bot: UndefinedOr[bool] = UNDEFINED
    is_system: UndefinedOr[bool] = UNDEFINED

    @property
    def mention(self) -> str:
        """`<@id>`."""
        return f"<@{self.id}>"


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class User(Unique):
    """A Discord user."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    username: str
    discriminator: str = "0"
    global_name: str | None = None
    avatar_hash: str | None = None
    banner_hash: str | None = None
    accent_color: Color | None = None
    is_bot: bool = False
    is_system: bool = False
    flags: UserFlag = UserFlag.NONE
    avatar_decoration: typing.Mapping[str, typing.Any] | None = None

    @property
    def mention(self) -> str:
        """`<@id>`."""
        return f"<@{self.id}>"

    @property
    def display_name(self) -> str:
        """The global display name, falling back to the username."""
        return self.global_name or self.username

    @property
    def avatar_url(self) -> str | None:
        """The avatar's CDN URL (default format and size), or `None` without a custom avatar."""
        return cdn.avatar_url(self.id, self.avatar_hash) if self.avatar_hash else None

    @property
    def default_avatar_url(self) -> str:
        """The default avatar Discord shows for this user when there is no custom one."""
        return cdn.default_avatar_url(self.id, self.discriminator)

    @property
    def display_avatar_url(self) -> str:
        """The custom avatar's URL, falling back to the default avatar."""
        return self.avatar_url or self.default_avatar_url

    @property
    def banner_url(self) -> str | None:
        """The profile banner's CDN URL, or `None`."""
        return cdn.user_banner_url(self.id, self.banner_hash) if self.banner_hash else None

    def make_avatar_url(self, *, ext: str | None = None, size: int | None = None) -> str:
        """The avatar's URL in a chosen format and size (the default avatar if none is set).

        Raises `ValueError` for a bad `ext` or `size`.
        """
        if self.avatar_hash is None:
            return self.default_avatar_url
        return cdn.avatar_url(self.id, self.avatar_hash, ext=ext, size=size)

    def make_banner_url(self, *, ext: str | None = None, size: int | None = None) -> str | None:
        """The banner's URL in a chosen format and size, or `None` without a banner."""
        if self.banner_hash is None:
            return None
        return cdn.user_banner_url(self.id, self.banner_hash, ext=ext, size=size)

    def __str__(self) -> str:
        return (
            self.username
            if self.discriminator in ("0", "0000")
            else f"{self.username}#{self.discriminator}"
        )


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class OwnUser(User):
    """The bot's own user, with the fields only the owner sees."""

    is_mfa_enabled: bool = False
    locale: str | None = None
    is_verified: bool | None = None
    email: str | None = None
    premium_type: PremiumType = PremiumType.NONE
