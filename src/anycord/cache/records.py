"""Compact records the cache stores for users and members, and the models built from them.

A bot in large guilds caches hundreds of thousands of members, so these records hold only
what Discord sent, in the smallest form that rebuilds the same model: a member is five
slots (its shared user, an interned role-ID tuple, `joined_at` as a float timestamp, the
boolean fields packed into one int, and a flat `(key, value, ...)` tuple of the rarely set
fields or `None`); a user is shared by every guild the user is in (reference-counted),
keeps its names and avatar hash in one bytes object (UTF-8 names, the 32-digit avatar hash
as 16 raw bytes) instead of three strings. Models are built on read, so a listener can never mutate the cache.
"""

from __future__ import annotations

import datetime
import typing

from anycord.colors import Color
from anycord.models.members import Member, MemberFlag
from anycord.models.users import User, UserFlag
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["MemberRecord", "UserRecord", "member_model", "user_model"]

_UTC = datetime.UTC
_fromiso = datetime.datetime.fromisoformat
_fromts = datetime.datetime.fromtimestamp

# UserRecord.bits
_BOT = 1
_SYSTEM = 2
_ANIMATED = 4
_AVATAR_PACKED = 8
_FLAGS_SHIFT = 4
_NO_NAME_LEN = 0xFFFF
_NO_NAME = _NO_NAME_LEN.to_bytes(2, "big")
# MemberRecord.bits: each boolean takes two bits (known, value) since Discord may omit them.
_DEAF_KNOWN, _DEAF = 1, 2
_MUTE_KNOWN, _MUTE = 4, 8
_PENDING_KNOWN, _PENDING = 16, 32
_MFLAGS_SHIFT = 6

_USER_EXTRA_KEYS: typing.Final = ("banner", "accent_color", "avatar_decoration_data")
_NO_EXTRA: typing.Final[tuple[typing.Any, ...]] = ()
_MEMBER_EXTRA_KEYS: typing.Final = (
    "nick",
    "avatar",
    "banner",
    "premium_since",
    "communication_disabled_until",
    "avatar_decoration_data",
)


def _pack_hash(value: str | None) -> tuple[bytes | str | None, bool]:
    if value is None:
        return None, False
    animated = value.startswith("a_")
    digits = value[2:] if animated else value
    if len(digits) == 32:
        try:
            return bytes.fromhex(digits), animated
        except ValueError:
            pass
    return value, False


def _pack_extra(
    payload: Mapping[str, typing.Any], keys: tuple[str, ...]
) -> tuple[typing.Any, ...] | None:
    extra: list[typing.Any] | None = None
    get = payload.get
    for key in keys:
        value = get(key)
        if value is not None:
            if extra is None:
                extra = []
            extra.append(key)
            extra.append(value)
    return tuple(extra) if extra is not None else None


def _extra_get(extra: tuple[typing.Any, ...] | None, key: str) -> typing.Any:
    if extra is not None:
        for i in range(0, len(extra), 2):
            if extra[i] == key:
                return extra[i + 1]
    return None


def _unpack_hash(value: bytes | str | None, animated: bool) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return ("a_" + value.hex()) if animated else value.hex()


def _pack_user(
    payload: Mapping[str, typing.Any],
) -> tuple[bytes, int, tuple[typing.Any, ...] | None]:
    # One bytes object holds the names and the avatar: [len][username][len][global_name]
    # [16-byte avatar], lengths as 2 bytes, 0xFFFF for a missing global name.
    get = payload.get
    username = payload["username"].encode()
    global_name = get("global_name")
    parts = [len(username).to_bytes(2, "big"), username]
    if global_name is None:
        parts.append(_NO_NAME)
    else:
        encoded = global_name.encode()
        parts.append(len(encoded).to_bytes(2, "big"))
        parts.append(encoded)
    extra = _pack_extra(payload, _USER_EXTRA_KEYS)
    avatar, animated = _pack_hash(get("avatar"))
    bits = (
        (_BOT if get("bot") else 0)
        | (_SYSTEM if get("system") else 0)
        | (_ANIMATED if animated else 0)
        | ((get("public_flags") or 0) << _FLAGS_SHIFT)
    )
    if isinstance(avatar, bytes):
        parts.append(avatar)
        bits |= _AVATAR_PACKED
    elif avatar is not None:
        extra = (*(extra or _NO_EXTRA), "avatar", avatar)
    discriminator = get("discriminator")
    if discriminator and discriminator != "0":
        extra = (*(extra or _NO_EXTRA), "discriminator", discriminator)
    return b"".join(parts), bits, extra


class UserRecord:
    """A cached user, shared by every member (and the bot's own user) that refers to it."""

    __slots__ = ("bits", "extra", "id", "packed", "refs")

    bits: int
    extra: tuple[typing.Any, ...] | None
    packed: bytes

    def __init__(self, user_id: int, payload: Mapping[str, typing.Any]) -> None:
        self.id = user_id
        self.refs = 0
        self.update(payload)

    def update(self, payload: Mapping[str, typing.Any]) -> None:
        """Apply a full user payload."""
        self.packed, self.bits, self.extra = _pack_user(payload)

    def same_as(self, payload: Mapping[str, typing.Any]) -> bool:
        """Whether `payload` describes this user exactly as recorded (no update needed)."""
        return (self.packed, self.bits, self.extra) == _pack_user(payload)

    def unpack(self) -> tuple[str, str | None, str | None]:
        """`(username, global_name, avatar_hash)` as Discord sends them."""
        packed = self.packed
        end = 2 + int.from_bytes(packed[:2], "big")
        username = packed[2:end].decode()
        length = int.from_bytes(packed[end : end + 2], "big")
        end += 2
        global_name = None
        if length != _NO_NAME_LEN:
            global_name = packed[end : end + length].decode()
            end += length
        bits = self.bits
        if bits & _AVATAR_PACKED:
            avatar = _unpack_hash(packed[end : end + 16], bool(bits & _ANIMATED))
        else:
            avatar = _extra_get(self.extra, "avatar")
        return username, global_name, avatar

    @property
    def username(self) -> str:
        """The username."""
        return self.unpack()[0]

    @property
    def avatar_hash(self) -> str | None:
        """The avatar hash as Discord sends it."""
        return self.unpack()[2]


def user_model(record: UserRecord, app: typing.Any = None) -> User:
    """A fresh `User` model of `record`."""
    extra = record.extra
    accent = _extra_get(extra, "accent_color")
    bits = record.bits
    username, global_name, avatar = record.unpack()
    return User(
        id=Snowflake(record.id),
        app=app,
        username=username,
        discriminator=_extra_get(extra, "discriminator") or "0",
        global_name=global_name,
        avatar_hash=avatar,
        banner_hash=_extra_get(extra, "banner"),
        accent_color=Color(accent) if accent is not None else None,
        is_bot=bool(bits & _BOT),
        is_system=bool(bits & _SYSTEM),
        flags=UserFlag(bits >> _FLAGS_SHIFT),
        avatar_decoration=_extra_get(extra, "avatar_decoration_data"),
    )


class MemberRecord:
    """A cached guild member (its user is a shared `UserRecord`)."""

    __slots__ = ("bits", "extra", "joined_at", "roles", "user")

    bits: int
    extra: tuple[typing.Any, ...] | None
    joined_at: float | None
    roles: tuple[Snowflake, ...]

    def __init__(
        self,
        user: UserRecord,
        payload: Mapping[str, typing.Any],
        intern_roles: Callable[[typing.Any], tuple[Snowflake, ...]],
        previous: MemberRecord | None = None,
    ) -> None:
        self.user = user
        self.update(payload, intern_roles, previous)

    def update(
        self,
        payload: Mapping[str, typing.Any],
        intern_roles: Callable[[typing.Any], tuple[Snowflake, ...]],
        previous: MemberRecord | None = None,
    ) -> None:
        """Apply a member payload (GUILD_MEMBER_ADD/UPDATE, chunks, GUILD_CREATE).

        Booleans the payload leaves out (updates may omit `deaf`/`mute`) keep their value
        from `previous`.
        """
        get = payload.get
        self.roles = intern_roles(get("roles") or ())
        joined = get("joined_at")
        self.joined_at = _fromiso(joined).timestamp() if joined is not None else None
        bits = (get("flags") or 0) << _MFLAGS_SHIFT
        deaf, mute, pending = get("deaf"), get("mute"), get("pending")
        if deaf is not None:
            bits |= _DEAF_KNOWN | (_DEAF if deaf else 0)
        if mute is not None:
            bits |= _MUTE_KNOWN | (_MUTE if mute else 0)
        if pending is not None:
            bits |= _PENDING_KNOWN | (_PENDING if pending else 0)
        if previous is not None:
            for known, absent in (
                (_DEAF_KNOWN | _DEAF, deaf),
                (_MUTE_KNOWN | _MUTE, mute),
                (_PENDING_KNOWN | _PENDING, pending),
            ):
                if absent is None:
                    bits |= previous.bits & known
        self.bits = bits
        self.extra = _pack_extra(payload, _MEMBER_EXTRA_KEYS)


def _opt_bool(bits: int, known: int, value: int) -> typing.Any:
    return bool(bits & value) if bits & known else UNDEFINED


def member_model(record: MemberRecord, guild_id: int, app: typing.Any = None) -> Member:
    """A fresh `Member` model of `record` in guild `guild_id`."""
    extra = record.extra
    bits = record.bits
    premium = _extra_get(extra, "premium_since")
    timeout = _extra_get(extra, "communication_disabled_until")
    joined = record.joined_at
    return Member(
        user=user_model(record.user, app),
        guild_id=Snowflake(guild_id),
        nickname=_extra_get(extra, "nick"),
        role_ids=record.roles,
        joined_at=_fromts(joined, _UTC) if joined is not None else None,
        premium_since=_fromiso(premium) if premium is not None else None,
        is_deaf=_opt_bool(bits, _DEAF_KNOWN, _DEAF),
        is_mute=_opt_bool(bits, _MUTE_KNOWN, _MUTE),
        is_pending=_opt_bool(bits, _PENDING_KNOWN, _PENDING),
        flags=MemberFlag(bits >> _MFLAGS_SHIFT),
        raw_communication_disabled_until=_fromiso(timeout) if timeout is not None else None,
        guild_avatar_hash=_extra_get(extra, "avatar"),
        guild_banner_hash=_extra_get(extra, "banner"),
        guild_avatar_decoration=_extra_get(extra, "avatar_decoration_data"),
    )
