"""Compact values the cache stores for users and members, and the models built from them.

A bot in large guilds caches hundreds of thousands of members, so each is stored in the
smallest form that rebuilds the same model, with no object per field and nothing the
garbage collector has to track:

* a **user** is one `bytes` (a flags byte, the public flags when set, the UTF-8 names and the
  32-digit avatar hash as 16 raw bytes), kept once in the users dict by ID and shared by every
  guild the user is in;
* a **member** is one `bytes` of 14 bytes (`joined_at` as a float timestamp, the boolean
  fields and member flags packed into one int, and the number of its role-ID tuple in the
  guild's `RoleIdInterner`), found by the user ID it is keyed by.

A value that has rarely set fields (a nickname, a banner, an avatar hash that is not 32 hex
digits …) is a tuple instead: `(packed, key, value, key, value, ...)`. Values are immutable,
so an update replaces them and the value before it is the `old_*` snapshot as it is. Models
are built on read, so a listener can never mutate the cache.
"""

from __future__ import annotations

import datetime
import struct
import typing

from anycord.colors import Color
from anycord.models.members import Member, MemberFlag
from anycord.models.users import User, UserFlag
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.serde.members import RoleIdInterner
    from anycord.traits import RESTAware
    from anycord.undefined import UndefinedOr

__all__ = [
    "MemberValue",
    "UserValue",
    "member_bits",
    "member_model",
    "pack_member",
    "pack_user",
    "user_model",
]

UserValue: typing.TypeAlias = bytes | tuple[typing.Any, ...]
"""A packed user, or `(packed, key, value, ...)` with its rarely set fields."""
MemberValue: typing.TypeAlias = bytes | tuple[typing.Any, ...]
"""A packed member, or `(packed, key, value, ...)` with its rarely set fields."""

_UTC = datetime.UTC
_fromiso = datetime.datetime.fromisoformat
_fromts = datetime.datetime.fromtimestamp
_NAN = float("nan")

# The packed user's first byte.
_BOT = 1
_SYSTEM = 2
_ANIMATED = 4
_AVATAR_PACKED = 8
_PUBLIC_FLAGS = 16  # 4 bytes of public flags follow
_NO_NAME_LEN = 0xFFFF
_NO_NAME = _NO_NAME_LEN.to_bytes(2, "little")
_HEADS = [bytes((n,)) for n in range(32)]
_U32 = struct.Struct("<I")

# The packed member: (joined_at timestamp or NaN, bits, role tuple number). The short form
# makes a 47-byte `bytes`, the long one is for flags or role tuple numbers that do not fit.
_MEMBER_SHORT = struct.Struct("<dIH")
_MEMBER_LONG = struct.Struct("<dQQ")
_SHORT_SIZE = _MEMBER_SHORT.size
# Member bits: each boolean takes two bits (known, value) since Discord may omit them.
_DEAF_KNOWN, _DEAF = 1, 2
_MUTE_KNOWN, _MUTE = 4, 8
_PENDING_KNOWN, _PENDING = 16, 32
_MFLAGS_SHIFT = 6
_CARRIED = (
    (_DEAF_KNOWN | _DEAF, "deaf"),
    (_MUTE_KNOWN | _MUTE, "mute"),
    (_PENDING_KNOWN | _PENDING, "pending"),
)

_USER_EXTRA_KEYS: typing.Final = ("banner", "accent_color", "avatar_decoration_data")
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


def _unpack_hash(value: bytes, animated: bool) -> str:
    return ("a_" + value.hex()) if animated else value.hex()


def _extra(payload: Mapping[str, typing.Any], keys: tuple[str, ...]) -> list[typing.Any]:
    """`[key, value, ...]` of the fields in `keys` the payload sets (not None)."""
    extra: list[typing.Any] = []
    get = payload.get
    for key in keys:
        value = get(key)
        if value is not None:
            extra.append(key)
            extra.append(value)
    return extra


def _get(value: bytes | tuple[typing.Any, ...], key: str) -> typing.Any:  # noqa: ANN401 (the raw payload value stored under `key`, whose type depends on the key)
    """The rarely set field `key` of a stored value, or None."""
    if type(value) is not bytes:
        for i in range(1, len(value), 2):
            if value[i] == key:
                return value[i + 1]
    return None


def _packed(value: bytes | tuple[typing.Any, ...]) -> bytes:
    return value if isinstance(value, bytes) else typing.cast("bytes", value[0])


# -- users ------------------------------------------------------------------------------------


def pack_user(payload: Mapping[str, typing.Any]) -> UserValue:
    """The stored form of a full user payload."""
    get = payload.get
    username = payload["username"].encode()
    extra = _extra(payload, _USER_EXTRA_KEYS)
    avatar, animated = _pack_hash(get("avatar"))
    head = (_BOT if get("bot") else 0) | (_SYSTEM if get("system") else 0)
    parts = [b"", b""]  # head, public flags
    public = get("public_flags") or 0
    if 0 < public < 1 << 32:
        head |= _PUBLIC_FLAGS
        parts[1] = _U32.pack(public)
    elif public:
        extra += ("public_flags", public)
    parts.append(len(username).to_bytes(2, "little"))
    parts.append(username)
    global_name = get("global_name")
    if global_name is None:
        parts.append(_NO_NAME)
    else:
        encoded = global_name.encode()
        parts.append(len(encoded).to_bytes(2, "little"))
        parts.append(encoded)
    if isinstance(avatar, bytes):
        parts.append(avatar)
        head |= _AVATAR_PACKED | (_ANIMATED if animated else 0)
    elif avatar is not None:
        extra += ("avatar", avatar)
    discriminator = get("discriminator")
    if discriminator and discriminator != "0":
        extra += ("discriminator", discriminator)
    parts[0] = _HEADS[head]
    packed = b"".join(parts)
    return (packed, *extra) if extra else packed


def _unpack_user(value: UserValue) -> tuple[int, int, str, str | None, str | None]:
    """`(head, public_flags, username, global_name, avatar_hash)`."""
    packed = _packed(value)
    head = packed[0]
    at = 1
    if head & _PUBLIC_FLAGS:
        public = _U32.unpack_from(packed, 1)[0]
        at = 5
    else:
        public = _get(value, "public_flags") or 0
    end = at + 2 + int.from_bytes(packed[at : at + 2], "little")
    username = packed[at + 2 : end].decode()
    length = int.from_bytes(packed[end : end + 2], "little")
    end += 2
    global_name = None
    if length != _NO_NAME_LEN:
        global_name = packed[end : end + length].decode()
        end += length
    if head & _AVATAR_PACKED:
        avatar = _unpack_hash(packed[end : end + 16], bool(head & _ANIMATED))
    else:
        avatar = _get(value, "avatar")
    return head, public, username, global_name, avatar


def user_model(user_id: int, value: UserValue, app: RESTAware | None = None) -> User:
    """A fresh `User` model of the stored user `value`."""
    head, public, username, global_name, avatar = _unpack_user(value)
    accent = _get(value, "accent_color")
    return User(
        id=Snowflake(user_id),
        app=app,
        username=username,
        discriminator=_get(value, "discriminator") or "0",
        global_name=global_name,
        avatar_hash=avatar,
        banner_hash=_get(value, "banner"),
        accent_color=Color(accent) if accent is not None else None,
        is_bot=bool(head & _BOT),
        is_system=bool(head & _SYSTEM),
        flags=UserFlag(public),
        avatar_decoration=_get(value, "avatar_decoration_data"),
    )


# -- members ----------------------------------------------------------------------------------


def member_bits(value: MemberValue) -> int:
    """The packed booleans and flags of a stored member."""
    packed = _packed(value)
    if len(packed) == _SHORT_SIZE:
        return typing.cast("int", _MEMBER_SHORT.unpack(packed)[1])
    bits = _get(value, "bits")
    return bits if bits is not None else typing.cast("int", _MEMBER_LONG.unpack(packed)[1])


def pack_member(
    payload: Mapping[str, typing.Any],
    interner: RoleIdInterner,
    previous: MemberValue | None = None,
) -> MemberValue:
    """The stored form of a member payload (GUILD_MEMBER_ADD/UPDATE, chunks, GUILD_CREATE).

    Booleans the payload leaves out (updates may omit `deaf`/`mute`) keep their value from
    `previous`.
    """
    get = payload.get
    roles = interner.index(get("roles") or ())
    joined = get("joined_at")
    stamp = _fromiso(joined).timestamp() if joined is not None else _NAN
    bits = (get("flags") or 0) << _MFLAGS_SHIFT
    deaf, mute, pending = get("deaf"), get("mute"), get("pending")
    if deaf is not None:
        bits |= _DEAF_KNOWN | (_DEAF if deaf else 0)
    if mute is not None:
        bits |= _MUTE_KNOWN | (_MUTE if mute else 0)
    if pending is not None:
        bits |= _PENDING_KNOWN | (_PENDING if pending else 0)
    if previous is not None:
        before = member_bits(previous)
        for known, key in _CARRIED:
            if get(key) is None:
                bits |= before & known
    extra = _extra(payload, _MEMBER_EXTRA_KEYS)
    if 0 <= bits < 1 << 32 and roles < 1 << 16:
        packed = _MEMBER_SHORT.pack(stamp, bits, roles)
    elif 0 <= bits < 1 << 64:
        packed = _MEMBER_LONG.pack(stamp, bits, roles)
    else:
        packed = _MEMBER_LONG.pack(stamp, 0, roles)
        extra += ("bits", bits)
    return (packed, *extra) if extra else packed


def _opt_bool(bits: int, known: int, value: int) -> UndefinedOr[bool]:
    return bool(bits & value) if bits & known else UNDEFINED


def member_model(
    user_id: int,
    value: MemberValue,
    user: UserValue,
    guild_id: int,
    interner: RoleIdInterner,
    app: RESTAware | None = None,
) -> Member:
    """A fresh `Member` model of the stored member `value` (its user stored as `user`) in
    guild `guild_id`, whose role tuples `interner` numbers."""
    packed = _packed(value)
    if len(packed) == _SHORT_SIZE:
        stamp, bits, roles = _MEMBER_SHORT.unpack(packed)
    else:
        stamp, bits, roles = _MEMBER_LONG.unpack(packed)
        bits = _get(value, "bits") or bits
    premium = _get(value, "premium_since")
    timeout = _get(value, "communication_disabled_until")
    return Member(
        user=user_model(user_id, user, app),
        guild_id=Snowflake(guild_id),
        nickname=_get(value, "nick"),
        role_ids=interner.at(roles),
        joined_at=_fromts(stamp, _UTC) if stamp == stamp else None,  # NaN: not sent
        premium_since=_fromiso(premium) if premium is not None else None,
        is_deaf=_opt_bool(bits, _DEAF_KNOWN, _DEAF),
        is_mute=_opt_bool(bits, _MUTE_KNOWN, _MUTE),
        is_pending=_opt_bool(bits, _PENDING_KNOWN, _PENDING),
        flags=MemberFlag(bits >> _MFLAGS_SHIFT),
        raw_communication_disabled_until=_fromiso(timeout) if timeout is not None else None,
        guild_avatar_hash=_get(value, "avatar"),
        guild_banner_hash=_get(value, "banner"),
        guild_avatar_decoration=_get(value, "avatar_decoration_data"),
    )
