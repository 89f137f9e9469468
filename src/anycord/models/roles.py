"""Roles: a guild's permission groups (topics/permissions.mdx "Role Object")."""

from __future__ import annotations

import enum
import typing

import attrs

from anycord.models import cdn
from anycord.models.base import Unique, require_app
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from anycord.colors import Color
    from anycord.permissions import Permissions
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["PartialRole", "Role", "RoleColors", "RoleFlag", "RoleTags"]


class RoleFlag(enum.IntFlag, boundary=enum.KEEP):
    """Role flags."""

    NONE = 0
    IN_PROMPT = 1 << 0
    """The role can be picked in an onboarding prompt."""


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class RoleColors:
    """A role's colours: a primary colour, and a second and third one for gradients/holographic."""

    primary: Color
    secondary: Color | None = None
    tertiary: Color | None = None

    @property
    def is_gradient(self) -> bool:
        """Whether the role shows a gradient (a secondary colour is set)."""
        return self.secondary is not None


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class RoleTags:
    """What a managed role belongs to. Boolean tags are `True` when Discord sends the key."""

    bot_id: Snowflake | None = None
    integration_id: Snowflake | None = None
    subscription_listing_id: Snowflake | None = None
    is_premium_subscriber: bool = False
    is_available_for_purchase: bool = False
    is_guild_linked: bool = False


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PartialRole(Unique):
    """A role of which only the ID and name are known."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    name: str

    @property
    def mention(self) -> str:
        """`<@&id>`."""
        return f"<@&{self.id}>"


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Role(PartialRole):
    """A guild role. The @everyone role has the guild's ID."""

    guild_id: Snowflake
    color: Color
    colors: RoleColors | None = None
    is_hoisted: bool = False
    icon_hash: str | None = None
    unicode_emoji: str | None = None
    position: int = 0
    permissions: Permissions
    is_managed: bool = False
    is_mentionable: bool = False
    tags: RoleTags | None = None
    flags: RoleFlag = RoleFlag.NONE

    @property
    def colour(self) -> Color:
        """Alias of `color`."""
        return self.color

    @property
    def is_everyone(self) -> bool:
        """Whether this is the guild's @everyone role."""
        return self.id == self.guild_id

    @property
    def mention(self) -> str:
        """`<@&id>`, or `@everyone` for the everyone role."""
        return "@everyone" if self.id == self.guild_id else f"<@&{self.id}>"

    @property
    def bot_id(self) -> Snowflake | None:
        """The bot this role is managed by, if any."""
        return self.tags.bot_id if self.tags is not None else None

    @property
    def integration_id(self) -> Snowflake | None:
        """The integration this role is managed by, if any."""
        return self.tags.integration_id if self.tags is not None else None

    @property
    def is_premium_subscriber_role(self) -> bool:
        """Whether this is the guild's booster role."""
        return self.tags is not None and self.tags.is_premium_subscriber

    @property
    def icon_url(self) -> str | None:
        """The role icon's CDN URL, or `None`."""
        return cdn.role_icon_url(self.id, self.icon_hash) if self.icon_hash else None

    @property
    def colours(self) -> RoleColors | None:
        """Alias of `colors`."""
        return self.colors

    @property
    def subscription_listing_id(self) -> Snowflake | None:
        """The subscription SKU/listing selling this role, or `None` if it is not purchasable."""
        return self.tags.subscription_listing_id if self.tags is not None else None

    @property
    def is_available_for_purchase(self) -> bool:
        """Whether members can buy this role now (a subscription role on sale)."""
        return self.tags is not None and self.tags.is_available_for_purchase

    @property
    def is_guild_linked_role(self) -> bool:
        """Whether this is one of the guild's linked roles (granted through a connection)."""
        return self.tags is not None and self.tags.is_guild_linked

    def make_icon_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The role icon's URL in a chosen format and size (`file_format`/`lossless` as hikari
        takes them), or `None` without an icon; `ValueError` for bad ones."""
        if not self.icon_hash:
            return None
        return cdn.role_icon_url(self.id, self.icon_hash, ext=ext, size=size, **fmt)

    async def edit(
        self,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        permissions: UndefinedOr[Permissions] = UNDEFINED,
        color: UndefinedOr[Color | int] = UNDEFINED,
        hoist: UndefinedOr[bool] = UNDEFINED,
        icon: UndefinedNoneOr[typing.Any] = UNDEFINED,
        unicode_emoji: UndefinedNoneOr[str] = UNDEFINED,
        mentionable: UndefinedOr[bool] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> Role:
        """Edit this role (needs MANAGE_ROLES); returns the updated role."""
        app = require_app(self.app, "Role.edit")
        return await app.rest.edit_role(
            self.guild_id,
            self.id,
            name=name,
            permissions=permissions,
            color=color,
            hoist=hoist,
            icon=icon,
            unicode_emoji=unicode_emoji,
            mentionable=mentionable,
            reason=reason,
        )

    async def delete(self) -> None:
        """Delete this role (needs MANAGE_ROLES)."""
        app = require_app(self.app, "Role.delete")
        await app.rest.delete_role(self.guild_id, self.id)
