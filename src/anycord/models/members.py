"""Guild members (resources/guild.mdx "Guild Member Object").

`Member` is the hot model of GUILD_CREATE and member chunks, so it stays small: slots, the
`User` held by reference (shared with the cache), `role_ids` a tuple that decoders share
between members with the same roles, and no `app` slot of its own (`app` is the user's).
"""

from __future__ import annotations

import datetime
import enum
import typing

import attrs

from anycord.models import cdn
from anycord.models.base import require_app
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.users import User
    from anycord.permissions import Permissions
    from anycord.snowflakes import Snowflake, SnowflakeishOr
    from anycord.traits import RESTAware
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["InteractionMember", "Member", "MemberFlag", "PartialMember"]


class MemberFlag(enum.IntFlag, boundary=enum.KEEP):
    """Guild member flags."""

    NONE = 0
    DID_REJOIN = 1 << 0
    COMPLETED_ONBOARDING = 1 << 1
    BYPASSES_VERIFICATION = 1 << 2
    STARTED_ONBOARDING = 1 << 3
    IS_GUEST = 1 << 4
    STARTED_HOME_ACTIONS = 1 << 5
    COMPLETED_HOME_ACTIONS = 1 << 6
    AUTOMOD_QUARANTINED_USERNAME = 1 << 7
    DM_SETTINGS_UPSELL_ACKNOWLEDGED = 1 << 9
    AUTOMOD_QUARANTINED_GUILD_TAG = 1 << 10


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class PartialMember:
    """Member data sent without its user (in messages and interaction `resolved` data).

    Fields Discord did not send are `UNDEFINED`.
    """

    nickname: str | None = None
    role_ids: Sequence[Snowflake] = ()
    joined_at: datetime.datetime | None = None
    premium_since: datetime.datetime | None = None
    is_deaf: UndefinedOr[bool] = UNDEFINED
    is_mute: UndefinedOr[bool] = UNDEFINED
    is_pending: UndefinedOr[bool] = UNDEFINED
    flags: MemberFlag = MemberFlag.NONE
    raw_communication_disabled_until: datetime.datetime | None = None
    guild_avatar_hash: str | None = None
    guild_banner_hash: str | None = None
    permissions: UndefinedOr[Permissions] = UNDEFINED


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Member:
    """A user's membership of a guild. Equal (and hashed) by `(guild_id, user.id)`.

    `role_ids` lists the member's roles as Discord sends them (without @everyone).
    """

    user: User
    guild_id: Snowflake
    nickname: str | None = None
    role_ids: Sequence[Snowflake] = ()
    joined_at: datetime.datetime | None = None
    premium_since: datetime.datetime | None = None
    is_deaf: UndefinedOr[bool] = UNDEFINED
    is_mute: UndefinedOr[bool] = UNDEFINED
    is_pending: UndefinedOr[bool] = UNDEFINED
    flags: MemberFlag = MemberFlag.NONE
    raw_communication_disabled_until: datetime.datetime | None = None
    guild_avatar_hash: str | None = None
    guild_banner_hash: str | None = None
    guild_avatar_decoration: typing.Mapping[str, typing.Any] | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Member):
            return NotImplemented
        return self.user.id == other.user.id and self.guild_id == other.guild_id

    def __hash__(self) -> int:
        return hash((self.guild_id, self.user.id))

    # -- the user's fields, for convenience -------------------------------------------------

    @property
    def app(self) -> RESTAware | None:
        """The app the member's user was decoded with."""
        return self.user.app

    @property
    def id(self) -> Snowflake:
        """The user's ID."""
        return self.user.id

    @property
    def username(self) -> str:
        """The user's username."""
        return self.user.username

    @property
    def global_name(self) -> str | None:
        """The user's global display name."""
        return self.user.global_name

    @property
    def is_bot(self) -> bool:
        """Whether the user is a bot."""
        return self.user.is_bot

    @property
    def mention(self) -> str:
        """`<@id>`."""
        return f"<@{self.user.id}>"

    @property
    def display_name(self) -> str:
        """The nickname, else the global name, else the username."""
        return self.nickname or self.user.global_name or self.user.username

    @property
    def communication_disabled_until(self) -> datetime.datetime | None:
        """When the member's timeout ends, or `None` when not timed out (now)."""
        until = self.raw_communication_disabled_until
        if until is None or until <= datetime.datetime.now(datetime.UTC):
            return None
        return until

    @property
    def guild_avatar_url(self) -> str | None:
        """The guild-specific avatar's URL, or `None`."""
        if not self.guild_avatar_hash:
            return None
        return cdn.member_avatar_url(self.guild_id, self.user.id, self.guild_avatar_hash)

    @property
    def display_avatar_url(self) -> str:
        """The guild avatar, else the user's avatar, else the default avatar."""
        return self.guild_avatar_url or self.user.display_avatar_url

    @property
    def guild_banner_url(self) -> str | None:
        """The guild-specific banner's URL, or `None`."""
        if not self.guild_banner_hash:
            return None
        return cdn.member_banner_url(self.guild_id, self.user.id, self.guild_banner_hash)

    def make_guild_avatar_url(
        self, *, ext: str | None = None, size: int | None = None
    ) -> str | None:
        """The guild avatar's URL in a chosen format and size (`ValueError` for bad ones)."""
        if not self.guild_avatar_hash:
            return None
        return cdn.member_avatar_url(
            self.guild_id, self.user.id, self.guild_avatar_hash, ext=ext, size=size
        )

    # -- REST conveniences --------------------------------------------------------------------

    async def add_role(self, role: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED) -> None:
        """Give the member a role (needs MANAGE_ROLES)."""
        app = require_app(self.user.app, "Member.add_role")
        await app.rest.add_role_to_member(self.guild_id, self.user.id, role, reason=reason)

    async def remove_role(
        self, role: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Take a role from the member (needs MANAGE_ROLES)."""
        app = require_app(self.user.app, "Member.remove_role")
        await app.rest.remove_role_from_member(self.guild_id, self.user.id, role, reason=reason)

    async def kick(self, *, reason: UndefinedOr[str] = UNDEFINED) -> None:
        """Kick the member (needs KICK_MEMBERS)."""
        app = require_app(self.user.app, "Member.kick")
        await app.rest.kick_user(self.guild_id, self.user.id, reason=reason)

    async def ban(
        self,
        *,
        delete_message_seconds: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Ban the member (needs BAN_MEMBERS), optionally deleting their recent messages."""
        app = require_app(self.user.app, "Member.ban")
        await app.rest.ban_user(
            self.guild_id,
            self.user.id,
            delete_message_seconds=delete_message_seconds,
            reason=reason,
        )

    async def unban(self, *, reason: UndefinedOr[str] = UNDEFINED) -> None:
        """Lift the member's ban."""
        app = require_app(self.user.app, "Member.unban")
        await app.rest.unban_user(self.guild_id, self.user.id, reason=reason)

    async def edit(
        self,
        *,
        nickname: UndefinedNoneOr[str] = UNDEFINED,
        roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        mute: UndefinedOr[bool] = UNDEFINED,
        deaf: UndefinedOr[bool] = UNDEFINED,
        voice_channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        communication_disabled_until: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> Member:
        """Edit the member; only the given fields are sent. Returns the updated member."""
        app = require_app(self.user.app, "Member.edit")
        return await app.rest.edit_member(
            self.guild_id,
            self.user.id,
            nickname=nickname,
            roles=roles,
            mute=mute,
            deaf=deaf,
            voice_channel=voice_channel,
            communication_disabled_until=communication_disabled_until,
            reason=reason,
        )

    async def fetch_dm_channel(self) -> typing.Any:
        """Open (or fetch) the DM channel with this member; returns a `DMChannel`."""
        app = require_app(self.user.app, "Member.fetch_dm_channel")
        return await app.rest.create_dm_channel(self.user.id)

    async def send(
        self, content: UndefinedOr[typing.Any] = UNDEFINED, **kwargs: typing.Any
    ) -> typing.Any:
        """Send a DM to this member (same arguments as `RESTClient.create_message`)."""
        app = require_app(self.user.app, "Member.send")
        channel = await app.rest.create_dm_channel(self.user.id)
        return await app.rest.create_message(channel, content, **kwargs)

    def __str__(self) -> str:
        return str(self.user)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class InteractionMember(Member):
    """The invoking member of an interaction, with their permissions in the channel."""

    permissions: Permissions
