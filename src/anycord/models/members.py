"""Guild members (resources/guild.mdx "Guild Member Object").

`Member` is the hot model of GUILD_CREATE and member chunks, so it stays small: five slots
(the `User` held by reference and shared with the cache, the nickname, `role_ids` as a tuple
that decoders share between members with the same roles, `joined_at` as a float timestamp,
and a `MemberShape` holding everything else), and no `app` of its own (`app` is the user's).
Members of one guild without the rare fields (boost date, timeout, guild avatar/banner,
decoration) share one interned shape per combination of deaf/mute/pending/flags.
"""

from __future__ import annotations

import datetime
import typing

import attrs

from anycord.models import cdn
from anycord.models.base import fields_repr, require_app
from anycord.models.member_shapes import (
    MemberFlag,
    MemberShape,
    member_flag,
    member_shape,
    pack_time,
)
from anycord.models.users import UserFields
from anycord.traits import model_cache
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.channels import DMChannel
    from anycord.models.guilds import GatewayGuild
    from anycord.models.message_options import MessageCreateOptions
    from anycord.models.messages import Message
    from anycord.models.presences import MemberPresence
    from anycord.models.roles import Role
    from anycord.models.users import User
    from anycord.permissions import Permissions
    from anycord.snowflakes import Snowflake, SnowflakeishOr
    from anycord.undefined import UndefinedNoneOr

__all__ = ["InteractionMember", "Member", "MemberFlag", "PartialMember"]


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


def _init_member(
    self: Member,
    user: User,
    guild_id: Snowflake | None,
    nickname: str | None,
    role_ids: Sequence[Snowflake],
    joined_at: datetime.datetime | float | None,
    premium_since: datetime.datetime | None,
    is_deaf: UndefinedOr[bool],
    is_mute: UndefinedOr[bool],
    is_pending: UndefinedOr[bool],
    flags: MemberFlag,
    raw_communication_disabled_until: datetime.datetime | None,
    guild_avatar_hash: str | None,
    guild_banner_hash: str | None,
    guild_avatar_decoration: typing.Mapping[str, typing.Any] | None,
    _shape: MemberShape | None,
) -> None:
    self.user = user
    self.nickname = nickname
    self.role_ids = role_ids
    self._joined = pack_time(joined_at)
    if _shape is not None:
        given = {
            "guild_id": (guild_id, None),
            "premium_since": (premium_since, None),
            "is_deaf": (is_deaf, UNDEFINED),
            "is_mute": (is_mute, UNDEFINED),
            "is_pending": (is_pending, UNDEFINED),
            "flags": (flags, MemberFlag.NONE),
            "raw_communication_disabled_until": (raw_communication_disabled_until, None),
            "guild_avatar_hash": (guild_avatar_hash, None),
            "guild_banner_hash": (guild_banner_hash, None),
            "guild_avatar_decoration": (guild_avatar_decoration, None),
        }
        changes = {k: v for k, (v, default) in given.items() if v is not default}
        if "flags" in changes:
            changes["flags"] = member_flag(int(flags))
        self._shape = _shape.replace(**changes) if changes else _shape
    elif guild_id is None:
        msg = "Member() needs guild_id"
        raise TypeError(msg)
    else:
        self._shape = member_shape(
            guild_id,
            is_deaf,
            is_mute,
            is_pending,
            flags,
            premium_since,
            raw_communication_disabled_until,
            guild_avatar_hash,
            guild_banner_hash,
            guild_avatar_decoration,
        )


_new = object.__new__
_UTC: typing.Final = datetime.UTC
_fromts = datetime.datetime.fromtimestamp


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False, init=False, repr=False)
class Member(UserFields):
    """A user's membership of a guild. Equal (and hashed) by `(guild_id, user.id)`.

    `role_ids` lists the member's roles as Discord sends them (without @everyone). Every field
    of the constructor reads and assigns like a plain attribute; most are properties over the
    packed slots (see the module docstring). `attrs.evolve` works (it can set fields but not
    reset a packed one to its default value; assign the attribute for that).
    """

    user: User
    nickname: str | None = None
    role_ids: Sequence[Snowflake] = ()
    _joined: datetime.datetime | float | None = attrs.field(default=None, alias="joined_at")
    _shape: MemberShape = attrs.field(alias="_shape")

    def __init__(
        self,
        *,
        user: User,
        guild_id: Snowflake | None = None,
        nickname: str | None = None,
        role_ids: Sequence[Snowflake] = (),
        joined_at: datetime.datetime | None = None,
        premium_since: datetime.datetime | None = None,
        is_deaf: UndefinedOr[bool] = UNDEFINED,
        is_mute: UndefinedOr[bool] = UNDEFINED,
        is_pending: UndefinedOr[bool] = UNDEFINED,
        flags: MemberFlag = MemberFlag.NONE,
        raw_communication_disabled_until: datetime.datetime | None = None,
        guild_avatar_hash: str | None = None,
        guild_banner_hash: str | None = None,
        guild_avatar_decoration: typing.Mapping[str, typing.Any] | None = None,
        _shape: MemberShape | None = None,
    ) -> None:
        # `guild_id` is required unless `_shape` is given: attrs.evolve passes the shape back
        # as `_shape`, and the keywords given with it replace the shape's values.
        _init_member(
            self,
            user,
            guild_id,
            nickname,
            role_ids,
            joined_at,
            premium_since,
            is_deaf,
            is_mute,
            is_pending,
            flags,
            raw_communication_disabled_until,
            guild_avatar_hash,
            guild_banner_hash,
            guild_avatar_decoration,
            _shape,
        )

    @property
    def joined_at(self) -> datetime.datetime | None:
        """When the user joined the guild (`None` for members Discord sends without it)."""
        value = self._joined
        if value.__class__ is float:
            return _fromts(value, _UTC)
        return value  # type: ignore[return-value]

    @joined_at.setter
    def joined_at(self, value: datetime.datetime | None) -> None:
        self._joined = pack_time(value)

    @property
    def guild_id(self) -> Snowflake:
        """The guild's ID."""
        return self._shape.guild_id

    @guild_id.setter
    def guild_id(self, value: Snowflake) -> None:
        self._shape = self._shape.replace(guild_id=value)

    @property
    def premium_since(self) -> datetime.datetime | None:
        """When the member started boosting the guild, or `None`."""
        return self._shape.premium_since

    @premium_since.setter
    def premium_since(self, value: datetime.datetime | None) -> None:
        self._shape = self._shape.replace(premium_since=value)

    @property
    def is_deaf(self) -> UndefinedOr[bool]:
        """Whether the member is server-deafened (`UNDEFINED` when not sent)."""
        return self._shape.is_deaf

    @is_deaf.setter
    def is_deaf(self, value: UndefinedOr[bool]) -> None:
        self._shape = self._shape.replace(is_deaf=value)

    @property
    def is_mute(self) -> UndefinedOr[bool]:
        """Whether the member is server-muted (`UNDEFINED` when not sent)."""
        return self._shape.is_mute

    @is_mute.setter
    def is_mute(self, value: UndefinedOr[bool]) -> None:
        self._shape = self._shape.replace(is_mute=value)

    @property
    def is_pending(self) -> UndefinedOr[bool]:
        """Whether the member has not yet passed membership screening (`UNDEFINED` when not sent)."""
        return self._shape.is_pending

    @is_pending.setter
    def is_pending(self, value: UndefinedOr[bool]) -> None:
        self._shape = self._shape.replace(is_pending=value)

    @property
    def flags(self) -> MemberFlag:
        """The member's flags."""
        return self._shape.flags

    @flags.setter
    def flags(self, value: MemberFlag) -> None:
        self._shape = self._shape.replace(flags=member_flag(int(value)))

    @property
    def raw_communication_disabled_until(self) -> datetime.datetime | None:
        """When the member's timeout ends as Discord sent it (may be in the past)."""
        return self._shape.raw_communication_disabled_until

    @raw_communication_disabled_until.setter
    def raw_communication_disabled_until(self, value: datetime.datetime | None) -> None:
        self._shape = self._shape.replace(raw_communication_disabled_until=value)

    @property
    def guild_avatar_hash(self) -> str | None:
        """The guild-specific avatar's hash, or `None`."""
        return self._shape.guild_avatar_hash

    @guild_avatar_hash.setter
    def guild_avatar_hash(self, value: str | None) -> None:
        self._shape = self._shape.replace(guild_avatar_hash=value)

    @property
    def guild_banner_hash(self) -> str | None:
        """The guild-specific banner's hash, or `None`."""
        return self._shape.guild_banner_hash

    @guild_banner_hash.setter
    def guild_banner_hash(self, value: str | None) -> None:
        self._shape = self._shape.replace(guild_banner_hash=value)

    @property
    def guild_avatar_decoration(self) -> typing.Mapping[str, typing.Any] | None:
        """The guild-specific avatar decoration data, or `None`."""
        return self._shape.guild_avatar_decoration

    @guild_avatar_decoration.setter
    def guild_avatar_decoration(self, value: typing.Mapping[str, typing.Any] | None) -> None:
        self._shape = self._shape.replace(guild_avatar_decoration=value)

    def __repr__(self) -> str:
        return fields_repr(self, _MEMBER_REPR)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Member):
            return NotImplemented
        return self.user.id == other.user.id and self.guild_id == other.guild_id

    def __hash__(self) -> int:
        return hash((self.guild_id, self.user.id))

    # -- the user's fields, for convenience -------------------------------------------------

    @property
    def display_name(self) -> str:
        """The nickname, else the global name, else the username."""
        return self.nickname or self.user.global_name or self.user.username

    def communication_disabled_until(self) -> datetime.datetime | None:
        """When the member's timeout ends, or `None` when not timed out at the time of the call."""
        until = self.raw_communication_disabled_until
        if until is None or until <= datetime.datetime.now(datetime.UTC):
            return None
        return until

    @property
    def guild_flags(self) -> MemberFlag:
        """`flags` (hikari's name for the member's guild flags)."""
        return self.flags

    @property
    def display_avatar_decoration(self) -> typing.Mapping[str, typing.Any] | None:
        """The guild avatar decoration, else the user's."""
        return self.guild_avatar_decoration or self.user.display_avatar_decoration

    @property
    def display_banner_url(self) -> str | None:
        """The guild banner, else the user's banner, else `None`."""
        return self.guild_banner_url or self.user.display_banner_url

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
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The guild avatar's URL in a chosen format and size (`ValueError` for bad ones)."""
        if not self.guild_avatar_hash:
            return None
        return cdn.member_avatar_url(
            self.guild_id, self.user.id, self.guild_avatar_hash, ext=ext, size=size, **fmt
        )

    def make_guild_banner_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The guild banner's URL in a chosen format and size, or `None` without one."""
        if not self.guild_banner_hash:
            return None
        return cdn.member_banner_url(
            self.guild_id, self.user.id, self.guild_banner_hash, ext=ext, size=size, **fmt
        )

    def make_avatar_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str:
        """The user's (not the guild) avatar URL: `User.make_avatar_url`."""
        return self.user.make_avatar_url(ext=ext, size=size, **fmt)

    def make_banner_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The user's (not the guild) banner URL: `User.make_banner_url`."""
        return self.user.make_banner_url(ext=ext, size=size, **fmt)

    # -- cache reads (`None` or empty on an app without a cache) ------------------------------

    def get_guild(self) -> GatewayGuild | None:
        """The member's guild from the cache, or `None`."""
        cache = model_cache(self.user.app)
        return None if cache is None else cache.get_guild(self.guild_id)

    def get_presence(self) -> MemberPresence | None:
        """The member's presence from the cache (needs the GUILD_PRESENCES intent), or `None`."""
        cache = model_cache(self.user.app)
        return None if cache is None else cache.get_presence(self.guild_id, self.user.id)

    def get_roles(self) -> Sequence[Role]:
        """The member's cached roles in `role_ids` order, then @everyone; uncached ones are
        left out (empty on an app without a cache)."""
        cache = model_cache(self.user.app)
        if cache is None:
            return []
        return [role for rid in self._all_role_ids() if (role := cache.get_role(rid)) is not None]

    def get_top_role(self) -> Role | None:
        """The highest-positioned of `get_roles()`, or `None` when none is cached."""
        return max(self.get_roles(), key=lambda role: role.position, default=None)

    def _all_role_ids(self) -> list[Snowflake]:
        ids = list(self.role_ids)
        if self.guild_id not in ids:
            ids.append(self.guild_id)  # @everyone's ID is the guild's
        return ids

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

    async def fetch_self(self) -> Member:
        """This member, fetched anew from Discord."""
        app = require_app(self.user.app, "Member.fetch_self")
        return await app.rest.fetch_member(self.guild_id, self.user.id)

    async def fetch_roles(self) -> Sequence[Role]:
        """The member's roles (with @everyone) as Discord has them now, in the guild's order."""
        app = require_app(self.user.app, "Member.fetch_roles")
        wanted = set(self._all_role_ids())
        return [role for role in await app.rest.fetch_roles(self.guild_id) if role.id in wanted]

    async def fetch_dm_channel(self) -> DMChannel:
        """Open (or fetch) the DM channel with this member; returns a `DMChannel`."""
        app = require_app(self.user.app, "Member.fetch_dm_channel")
        return await app.rest.create_dm_channel(self.user.id)

    async def send(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[MessageCreateOptions],
    ) -> Message:
        """Send a DM to this member (same arguments as `RESTClient.create_message`)."""
        app = require_app(self.user.app, "Member.send")
        channel = await app.rest.create_dm_channel(self.user.id)
        return await app.rest.create_message(channel, content, **options)

    def __str__(self) -> str:
        return str(self.user)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False, init=False, repr=False)
class InteractionMember(Member):  # type: ignore[override]  # attrs' hidden __attrs_init__ gains a field
    """The invoking member of an interaction, with their permissions in the channel."""

    permissions: Permissions

    def __init__(
        self,
        *,
        user: User,
        guild_id: Snowflake | None = None,
        nickname: str | None = None,
        role_ids: Sequence[Snowflake] = (),
        joined_at: datetime.datetime | None = None,
        premium_since: datetime.datetime | None = None,
        is_deaf: UndefinedOr[bool] = UNDEFINED,
        is_mute: UndefinedOr[bool] = UNDEFINED,
        is_pending: UndefinedOr[bool] = UNDEFINED,
        flags: MemberFlag = MemberFlag.NONE,
        raw_communication_disabled_until: datetime.datetime | None = None,
        guild_avatar_hash: str | None = None,
        guild_banner_hash: str | None = None,
        guild_avatar_decoration: typing.Mapping[str, typing.Any] | None = None,
        permissions: Permissions,
        _shape: MemberShape | None = None,
    ) -> None:
        _init_member(
            self,
            user,
            guild_id,
            nickname,
            role_ids,
            joined_at,
            premium_since,
            is_deaf,
            is_mute,
            is_pending,
            flags,
            raw_communication_disabled_until,
            guild_avatar_hash,
            guild_banner_hash,
            guild_avatar_decoration,
            _shape,
        )
        self.permissions = permissions

    def __repr__(self) -> str:
        return fields_repr(self, (*_MEMBER_REPR, "permissions"))


_MEMBER_REPR: typing.Final = (
    "user",
    "guild_id",
    "nickname",
    "role_ids",
    "joined_at",
    "premium_since",
    "is_deaf",
    "is_mute",
    "is_pending",
    "flags",
    "raw_communication_disabled_until",
    "guild_avatar_hash",
    "guild_banner_hash",
    "guild_avatar_decoration",
)


def build_member(
    user: User,
    nickname: str | None,
    role_ids: Sequence[Snowflake],
    joined: datetime.datetime | float | None,
    shape: MemberShape,
) -> Member:
    """A `Member` from its slots, without `__init__` (the codec's fast path); `joined` is
    already packed (see `pack_time`)."""
    member: Member = _new(Member)
    member.user = user
    member.nickname = nickname
    member.role_ids = role_ids
    member._joined = joined
    member._shape = shape
    return member
