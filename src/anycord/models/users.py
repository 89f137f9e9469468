"""Users: partial users (as in mentions and member objects), full users, and the bot's own user.

Shapes from resources/user.mdx ("User Object"). `avatar_url`, `banner_url` and
`display_avatar_url` build CDN URLs (see `anycord.models.cdn`).

`User` is the hot model of GUILD_CREATE and every message, so it is five slots: the ID, the
names, the avatar hash and a `UserShape` holding the rest, which users with the same app,
discriminator, bot/system bits and flags (and no banner, accent colour or decoration) share.
The shape's fields are properties of `User` and read and assign like attributes.
"""

from __future__ import annotations

import copy
import enum
import typing

import attrs

from anycord import enums
from anycord.models import cdn
from anycord.models.base import Unique, fields_repr, require_app
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    import datetime

    from anycord.colors import Color
    from anycord.models.channels import DMChannel
    from anycord.models.message_options import MessageCreateOptions
    from anycord.models.messages import Message
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = [
    "OwnUser",
    "PartialUser",
    "PremiumType",
    "PrimaryGuild",
    "User",
    "UserFields",
    "UserFlag",
]


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


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PrimaryGuild:
    """The guild whose server tag a user shows ("User Primary Guild"; every field nullable)."""

    identity_guild_id: Snowflake | None = None
    identity_enabled: bool | None = None
    """Whether the user shows the tag (`None` when Discord cleared the identity)."""
    tag: str | None = None
    """The tag's text (at most 4 characters)."""
    badge_hash: str | None = None

    def make_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str:
        """The tag badge's URL (`ValueError` without a guild ID and badge hash)."""
        if self.identity_guild_id is None or self.badge_hash is None:
            msg = "a primary guild badge URL needs identity_guild_id and badge_hash"
            raise ValueError(msg)
        return cdn.guild_tag_badge_url(
            self.identity_guild_id, self.badge_hash, ext=ext, size=size, **fmt
        )


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
    banner_hash: UndefinedOr[str | None] = UNDEFINED
    accent_color: UndefinedOr[Color | None] = UNDEFINED
    flags: UndefinedOr[UserFlag] = UNDEFINED
    avatar_decoration: UndefinedOr[typing.Mapping[str, typing.Any] | None] = UNDEFINED
    primary_guild: UndefinedOr[PrimaryGuild | None] = UNDEFINED

    @property
    def mention(self) -> str:
        """`<@id>`."""
        return f"<@{self.id}>"

    @property
    def accent_colour(self) -> UndefinedOr[Color | None]:
        """`accent_color`."""
        return self.accent_color

    @property
    def display_name(self) -> UndefinedOr[str]:
        """The global name when known and set, else the username (`UNDEFINED` when unknown)."""
        return self.global_name or self.username

    async def fetch_self(self) -> User:
        """This user, fetched whole from Discord."""
        return await require_app(self.app, "PartialUser.fetch_self").rest.fetch_user(self.id)

    async def fetch_dm_channel(self) -> DMChannel:
        """The DM channel with this user (Discord opens it if needed)."""
        app = require_app(self.app, "PartialUser.fetch_dm_channel")
        return await app.rest.create_dm_channel(self.id)

    async def send(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[MessageCreateOptions],
    ) -> Message:
        """DM this user (the arguments of `RESTClient.create_message`)."""
        return await send_dm(self.app, "PartialUser.send", self.id, content, options)


async def send_dm(
    app: RESTAware | None,
    what: str,
    user: Snowflake,
    content: UndefinedOr[typing.Any],
    options: MessageCreateOptions,
) -> Message:
    """Open the DM channel with `user` and send a message there (`what` names the caller)."""
    rest = require_app(app, what).rest
    channel = await rest.create_dm_channel(user)
    return await rest.create_message(channel, content, **options)


class UserShape:
    """The fields of a `User` that most users share (internal to the model and the codec).

    A `User` holds its ID, names and avatar hash in its own slots and everything else in one
    shape: the app, discriminator, bot/system bits and public flags, plus the rarely set
    banner, accent colour and avatar decoration. Shapes without the rare fields are interned
    (see `user_shape`), so thousands of users share a handful of shape objects. Treat a shape
    as immutable: setters on `User` swap in a new one.
    """

    __slots__ = (
        "accent_color",
        "app",
        "avatar_decoration",
        "banner_hash",
        "discriminator",
        "flags",
        "is_bot",
        "is_system",
        "primary_guild",
    )

    def __init__(
        self,
        app: RESTAware | None,
        discriminator: str,
        is_bot: bool,
        is_system: bool,
        flags: UserFlag,
        banner_hash: str | None,
        accent_color: Color | None,
        avatar_decoration: typing.Mapping[str, typing.Any] | None,
        primary_guild: PrimaryGuild | None = None,
    ) -> None:
        self.app = app
        self.discriminator = discriminator
        self.is_bot = is_bot
        self.is_system = is_system
        self.flags = flags
        self.banner_hash = banner_hash
        self.accent_color = accent_color
        self.avatar_decoration = avatar_decoration
        self.primary_guild = primary_guild

    def _values(self) -> tuple[typing.Any, ...]:
        return (
            self.app,
            self.discriminator,
            self.is_bot,
            self.is_system,
            self.flags,
            self.banner_hash,
            self.accent_color,
            self.avatar_decoration,
            self.primary_guild,
        )

    def replace(self, **changes: object) -> UserShape:
        """A new (not interned) shape with `changes` applied."""
        shape = copy.copy(self)
        for name, value in changes.items():
            setattr(shape, name, value)
        return shape

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UserShape):
            return NotImplemented
        return self is other or self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"UserShape{self._values()!r}"


_USER_FLAGS: typing.Final = UserFlag._value2member_map_
_USER_SHAPES: dict[tuple[typing.Any, ...], UserShape] = {}
_MAX_SHAPES: typing.Final = 1024


def _user_flag(value: int) -> UserFlag:
    flag = _USER_FLAGS.get(value)
    return flag if flag is not None else UserFlag(value)  # type: ignore[return-value]


def user_shape(
    app: RESTAware | None,
    discriminator: str = "0",
    is_bot: bool = False,
    is_system: bool = False,
    flags: int = 0,
    banner_hash: str | None = None,
    accent_color: Color | None = None,
    avatar_decoration: typing.Mapping[str, typing.Any] | None = None,
    primary_guild: PrimaryGuild | None = None,
) -> UserShape:
    """The shape for these fields: a shared one when the rare fields are unset.

    The intern table holds at most 1,024 shapes and is emptied when full (a shape stays
    valid; only sharing restarts), so an app that is gone is referenced by it only until
    then. The key uses `id(app)`, which stays unique while the shape holding the app lives.
    """
    if (
        banner_hash is None
        and accent_color is None
        and avatar_decoration is None
        and primary_guild is None
    ):
        key = (id(app), discriminator, is_bot, is_system, flags)
        shape = _USER_SHAPES.get(key)
        if shape is None:
            if len(_USER_SHAPES) >= _MAX_SHAPES:
                _USER_SHAPES.clear()
            shape = _USER_SHAPES[key] = UserShape(
                app,
                discriminator,
                bool(is_bot),
                bool(is_system),
                _user_flag(int(flags)),
                None,
                None,
                None,
            )
        return shape
    return UserShape(
        app,
        discriminator,
        bool(is_bot),
        bool(is_system),
        _user_flag(int(flags)),
        banner_hash,
        accent_color,
        avatar_decoration,
        primary_guild,
    )


_new = object.__new__


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False, init=False, repr=False)
class User(Unique):
    """A Discord user.

    Memory: a user is five slots (ID, username, global name, avatar hash and a shared
    `UserShape` holding the rest); `app`, `discriminator`, `is_bot`, `is_system`, `flags`,
    `banner_hash`, `accent_color` and `avatar_decoration` are properties over the shape,
    readable and assignable like plain attributes. `attrs.evolve` works: it passes the shape
    back as `_shape`, and the keywords given with it replace the shape's values (all but a
    reset to the default value: assign the attribute for that).
    """

    username: str
    global_name: str | None = None
    avatar_hash: str | None = None
    _shape: UserShape = attrs.field(alias="_shape")

    def __init__(
        self,
        *,
        id: Snowflake,
        app: RESTAware | None = None,
        username: str,
        discriminator: str = "0",
        global_name: str | None = None,
        avatar_hash: str | None = None,
        banner_hash: str | None = None,
        accent_color: Color | None = None,
        is_bot: bool = False,
        is_system: bool = False,
        flags: UserFlag = UserFlag.NONE,
        avatar_decoration: typing.Mapping[str, typing.Any] | None = None,
        primary_guild: PrimaryGuild | None = None,
        _shape: UserShape | None = None,
    ) -> None:
        self.id = id
        self.username = username
        self.global_name = global_name
        self.avatar_hash = avatar_hash
        if _shape is not None:
            given = {
                "app": (app, None),
                "discriminator": (discriminator, "0"),
                "banner_hash": (banner_hash, None),
                "accent_color": (accent_color, None),
                "is_bot": (is_bot, False),
                "is_system": (is_system, False),
                "flags": (flags, UserFlag.NONE),
                "avatar_decoration": (avatar_decoration, None),
                "primary_guild": (primary_guild, None),
            }
            changes = {k: v for k, (v, default) in given.items() if v is not default}
            if "flags" in changes:
                changes["flags"] = _user_flag(int(flags))
            for name in ("is_bot", "is_system"):
                if name in changes:
                    changes[name] = bool(changes[name])
            self._shape = _shape.replace(**changes) if changes else _shape
        else:
            self._shape = user_shape(
                app,
                discriminator,
                is_bot,
                is_system,
                flags,
                banner_hash,
                accent_color,
                avatar_decoration,
                primary_guild,
            )

    @property
    def app(self) -> RESTAware | None:
        """The app this user was decoded with (for convenience methods)."""
        return self._shape.app

    @app.setter
    def app(self, value: RESTAware | None) -> None:
        self._shape = self._shape.replace(app=value)

    @property
    def discriminator(self) -> str:
        """The legacy discriminator (`"0"` for users on the new username system)."""
        return self._shape.discriminator

    @discriminator.setter
    def discriminator(self, value: str) -> None:
        self._shape = self._shape.replace(discriminator=value)

    @property
    def banner_hash(self) -> str | None:
        """The profile banner's hash, or `None`."""
        return self._shape.banner_hash

    @banner_hash.setter
    def banner_hash(self, value: str | None) -> None:
        self._shape = self._shape.replace(banner_hash=value)

    @property
    def accent_color(self) -> Color | None:
        """The profile accent colour, or `None`."""
        return self._shape.accent_color

    @accent_color.setter
    def accent_color(self, value: Color | None) -> None:
        self._shape = self._shape.replace(accent_color=value)

    @property
    def is_bot(self) -> bool:
        """Whether the user is a bot."""
        return self._shape.is_bot

    @is_bot.setter
    def is_bot(self, value: bool) -> None:
        self._shape = self._shape.replace(is_bot=bool(value))

    @property
    def is_system(self) -> bool:
        """Whether the user is an official Discord system user."""
        return self._shape.is_system

    @is_system.setter
    def is_system(self, value: bool) -> None:
        self._shape = self._shape.replace(is_system=bool(value))

    @property
    def flags(self) -> UserFlag:
        """The public flags (badges)."""
        return self._shape.flags

    @flags.setter
    def flags(self, value: UserFlag) -> None:
        self._shape = self._shape.replace(flags=_user_flag(int(value)))

    @property
    def avatar_decoration(self) -> typing.Mapping[str, typing.Any] | None:
        """The avatar decoration data as Discord sends it, or `None`."""
        return self._shape.avatar_decoration

    @avatar_decoration.setter
    def avatar_decoration(self, value: typing.Mapping[str, typing.Any] | None) -> None:
        self._shape = self._shape.replace(avatar_decoration=value)

    @property
    def primary_guild(self) -> PrimaryGuild | None:
        """The guild whose server tag the user shows (or chose), or `None`."""
        return self._shape.primary_guild

    @primary_guild.setter
    def primary_guild(self, value: PrimaryGuild | None) -> None:
        self._shape = self._shape.replace(primary_guild=value)

    def __repr__(self) -> str:
        return fields_repr(self, _USER_REPR)

    @property
    def mention(self) -> str:
        """`<@id>`."""
        return f"<@{self.id}>"

    @property
    def accent_colour(self) -> Color | None:
        """`accent_color`."""
        return self.accent_color

    @property
    def display_avatar_decoration(self) -> typing.Mapping[str, typing.Any] | None:
        """The decoration Discord shows on the avatar: the user's `avatar_decoration`."""
        return self.avatar_decoration

    @property
    def display_banner_url(self) -> str | None:
        """The banner Discord shows on the profile: `banner_url`."""
        return self.banner_url

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

    def make_avatar_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str:
        """The avatar's URL in a chosen format and size (the default avatar if none is set).

        `file_format`/`lossless` pick the format hikari's way (`anycord.models.cdn`). Raises
        `ValueError` for a bad `ext`, `file_format` or `size`.
        """
        if self.avatar_hash is None:
            return self.default_avatar_url
        return cdn.avatar_url(self.id, self.avatar_hash, ext=ext, size=size, **fmt)

    def make_banner_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The banner's URL in a chosen format and size, or `None` without a banner."""
        if self.banner_hash is None:
            return None
        return cdn.user_banner_url(self.id, self.banner_hash, ext=ext, size=size, **fmt)

    async def fetch_self(self) -> User:
        """This user, fetched anew from Discord."""
        return await require_app(self.app, "User.fetch_self").rest.fetch_user(self.id)

    async def fetch_dm_channel(self) -> DMChannel:
        """The DM channel with this user (Discord opens it if needed)."""
        return await require_app(self.app, "User.fetch_dm_channel").rest.create_dm_channel(self.id)

    async def send(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[MessageCreateOptions],
    ) -> Message:
        """DM this user (the arguments of `RESTClient.create_message`)."""
        return await send_dm(self.app, "User.send", self.id, content, options)

    def __str__(self) -> str:
        return (
            self.username
            if self.discriminator in ("0", "0000")
            else f"{self.username}#{self.discriminator}"
        )


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False, init=False, repr=False)
class OwnUser(User):
    """The bot's own user, with the fields only the owner sees."""

    is_mfa_enabled: bool = False
    locale: str | None = None
    is_verified: bool | None = None
    email: str | None = attrs.field(default=None, repr=False)
    premium_type: PremiumType = PremiumType.NONE

    def __init__(
        self,
        *,
        id: Snowflake,
        app: RESTAware | None = None,
        username: str,
        discriminator: str = "0",
        global_name: str | None = None,
        avatar_hash: str | None = None,
        banner_hash: str | None = None,
        accent_color: Color | None = None,
        is_bot: bool = False,
        is_system: bool = False,
        flags: UserFlag = UserFlag.NONE,
        avatar_decoration: typing.Mapping[str, typing.Any] | None = None,
        primary_guild: PrimaryGuild | None = None,
        is_mfa_enabled: bool = False,
        locale: str | None = None,
        is_verified: bool | None = None,
        email: str | None = None,
        premium_type: PremiumType = PremiumType.NONE,
        _shape: UserShape | None = None,
    ) -> None:
        super().__init__(
            id=id,
            app=app,
            username=username,
            discriminator=discriminator,
            global_name=global_name,
            avatar_hash=avatar_hash,
            banner_hash=banner_hash,
            accent_color=accent_color,
            is_bot=is_bot,
            is_system=is_system,
            flags=flags,
            avatar_decoration=avatar_decoration,
            primary_guild=primary_guild,
            _shape=_shape,
        )
        self.is_mfa_enabled = is_mfa_enabled
        self.locale = locale
        self.is_verified = is_verified
        self.email = email
        self.premium_type = premium_type

    def __repr__(self) -> str:
        return fields_repr(self, _OWN_USER_REPR)

    async def fetch_self(self) -> OwnUser:
        """The bot's own user, fetched anew from Discord."""
        return await require_app(self.app, "OwnUser.fetch_self").rest.fetch_my_user()

    async def fetch_dm_channel(self) -> typing.NoReturn:
        """Always raises `TypeError`: a user has no DM channel with itself."""
        msg = "the bot's own user has no DM channel"
        raise TypeError(msg)

    async def send(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[MessageCreateOptions],
    ) -> typing.NoReturn:
        """Always raises `TypeError`: a user cannot DM itself."""
        msg = "the bot's own user cannot be sent a DM"
        raise TypeError(msg)


_USER_REPR: typing.Final = (
    "id",
    "username",
    "discriminator",
    "global_name",
    "avatar_hash",
    "banner_hash",
    "accent_color",
    "is_bot",
    "is_system",
    "flags",
    "avatar_decoration",
    "primary_guild",
)
_OWN_USER_REPR: typing.Final = (
    *_USER_REPR,
    "is_mfa_enabled",
    "locale",
    "is_verified",
    "premium_type",
)


def build_user(
    id: Snowflake,
    username: str,
    global_name: str | None,
    avatar_hash: str | None,
    shape: UserShape,
) -> User:
    """A `User` from its slots, without `__init__` (the codec's fast path)."""
    user: User = _new(User)
    user.id = id
    user.username = username
    user.global_name = global_name
    user.avatar_hash = avatar_hash
    user._shape = shape
    return user


class UserFields:
    """Mixin: the fields of a model's `user` that read the same on the model (a guild
    `Member`, a `TeamMember`), as hikari's members and team members are users. What means
    something else on the model (`flags`, `display_name`, the display URLs) stays there."""

    __slots__ = ()

    user: User

    @property
    def app(self) -> RESTAware | None:
        """The app the user was decoded with."""
        return self.user.app

    @property
    def id(self) -> Snowflake:
        """The user's ID."""
        return self.user.id

    @property
    def created_at(self) -> datetime.datetime:
        """When the user's account was created (from the ID)."""
        return self.user.created_at

    @property
    def username(self) -> str:
        """The user's username."""
        return self.user.username

    @property
    def global_name(self) -> str | None:
        """The user's global display name."""
        return self.user.global_name

    @property
    def discriminator(self) -> str:
        """The user's legacy discriminator."""
        return self.user.discriminator

    @property
    def primary_guild(self) -> PrimaryGuild | None:
        """The user's primary guild (server tag)."""
        return self.user.primary_guild

    @property
    def is_bot(self) -> bool:
        """Whether the user is a bot."""
        return self.user.is_bot

    @property
    def is_system(self) -> bool:
        """Whether the user is an official Discord system user."""
        return self.user.is_system

    @property
    def mention(self) -> str:
        """`<@id>`."""
        return self.user.mention

    @property
    def avatar_hash(self) -> str | None:
        """The user's avatar hash."""
        return self.user.avatar_hash

    @property
    def banner_hash(self) -> str | None:
        """The user's profile banner hash."""
        return self.user.banner_hash

    @property
    def accent_color(self) -> Color | None:
        """The user's profile accent colour."""
        return self.user.accent_color

    accent_colour = accent_color

    @property
    def avatar_decoration(self) -> typing.Mapping[str, typing.Any] | None:
        """The user's avatar decoration data."""
        return self.user.avatar_decoration

    @property
    def default_avatar_url(self) -> str:
        """The user's default avatar."""
        return self.user.default_avatar_url
