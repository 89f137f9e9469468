"""Members ↔ JSON. The hot path of GUILD_CREATE and member chunks.

Decoding shares what members have in common instead of copying it: role ID tuples are
interned per guild (members with the same roles hold the same tuple), users and members are
built from their slots without `__init__` and share interned `UserShape`s/`MemberShape`s
(see `models.users` and `models.members`), and timestamps are parsed by the C
`datetime.fromisoformat` (`joined_at` kept as a float).
"""

from __future__ import annotations

import datetime
import typing

from anycord.models.member_shapes import MemberFlag, member_shape
from anycord.models.members import InteractionMember, Member, PartialMember, build_member
from anycord.permissions import Permissions
from anycord.serde._core import JSONObject, register
from anycord.serde.users import decode_user, encode_user
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from anycord.models.users import User
    from anycord.traits import RESTAware

__all__ = [
    "RoleIdInterner",
    "decode_interaction_member",
    "decode_member",
    "decode_members",
    "decode_partial_member",
    "encode_member",
    "encode_partial_member",
]

_fromiso = datetime.datetime.fromisoformat
_UTC = datetime.UTC
_FLAGS = MemberFlag._value2member_map_


def _joined(value: str) -> datetime.datetime | float:
    # What `pack_time` does, inlined for the hot path: UTC timestamps are kept as floats.
    parsed = _fromiso(value)
    return parsed.timestamp() if parsed.tzinfo is _UTC else parsed


def _member_flag(value: int) -> MemberFlag:
    flag = _FLAGS.get(value)
    return flag if flag is not None else MemberFlag(value)  # type: ignore[return-value]


class RoleIdInterner:
    """Shares role ID tuples between the members of one guild.

    Members with the same roles (most of a guild) hold one tuple, and every role ID is one
    `Snowflake` object, instead of a list and fresh snowflakes per member. Each distinct
    tuple also has a stable number (`index`/`at`), for records that store an int, not a
    reference; numbers are never reused.
    """

    __slots__ = ("_ids", "_indexes", "_tuples")

    def __init__(self) -> None:
        self._tuples: list[tuple[Snowflake, ...]] = [()]
        self._indexes: dict[tuple[str, ...], int] = {(): 0}
        self._ids: dict[str, Snowflake] = {}

    def __call__(self, raw: Sequence[str]) -> tuple[Snowflake, ...]:
        """The shared tuple for these role IDs (as Discord sent them)."""
        return self._tuples[self.index(raw)]

    def index(self, raw: Sequence[str]) -> int:
        """The number of the shared tuple for these role IDs."""
        key = tuple(raw)
        found = self._indexes.get(key)
        if found is not None:
            return found
        ids = self._ids
        out = []
        for raw_id in key:
            sf = ids.get(raw_id)
            if sf is None:
                sf = ids[raw_id] = Snowflake(raw_id)
            out.append(sf)
        found = self._indexes[key] = len(self._tuples)
        self._tuples.append(tuple(out))
        return found

    def at(self, index: int) -> tuple[Snowflake, ...]:
        """The shared tuple numbered `index`."""
        return self._tuples[index]


def decode_member(
    payload: JSONObject,
    app: RESTAware | None = None,
    guild_id: Snowflake | None = None,
    *,
    user: User | None = None,
    role_ids: RoleIdInterner | None = None,
) -> Member:
    """A guild member. `guild_id` comes from the argument, else from the payload (member
    events); `user` replaces decoding `payload["user"]` (e.g. the cache's shared user)."""
    get = payload.get
    if guild_id is None:
        guild_id = Snowflake(payload["guild_id"])
    if user is None:
        user = decode_user(payload["user"], app)
    raw_roles = get("roles")
    joined_at = get("joined_at")
    premium_since = get("premium_since")
    timeout = get("communication_disabled_until")
    return build_member(
        user,
        get("nick"),
        (role_ids(raw_roles) if role_ids is not None else tuple(map(Snowflake, raw_roles)))
        if raw_roles
        else (),
        _joined(joined_at) if joined_at is not None else None,
        member_shape(
            guild_id,
            get("deaf", UNDEFINED),
            get("mute", UNDEFINED),
            get("pending", UNDEFINED),
            get("flags") or 0,
            _fromiso(premium_since) if premium_since is not None else None,
            _fromiso(timeout) if timeout is not None else None,
            get("avatar"),
            get("banner"),
            get("avatar_decoration_data"),
        ),
    )


def decode_members(
    payloads: Iterable[JSONObject],
    guild_id: Snowflake,
    app: RESTAware | None = None,
    *,
    role_ids: RoleIdInterner | None = None,
) -> dict[Snowflake, Member]:
    """Many members of one guild (GUILD_CREATE, member chunks), keyed by user ID."""
    interner = role_ids if role_ids is not None else RoleIdInterner()
    out: dict[Snowflake, Member] = {}
    for payload in payloads:
        member = decode_member(payload, app, guild_id, role_ids=interner)
        out[member.user.id] = member
    return out


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _put_member_fields(out: JSONObject, m: Member | PartialMember) -> None:
    out["nick"] = m.nickname
    out["roles"] = [str(r) for r in m.role_ids]
    out["joined_at"] = _iso(m.joined_at)
    out["premium_since"] = _iso(m.premium_since)
    if m.is_deaf is not UNDEFINED:
        out["deaf"] = m.is_deaf
    if m.is_mute is not UNDEFINED:
        out["mute"] = m.is_mute
    if m.is_pending is not UNDEFINED:
        out["pending"] = m.is_pending
    out["flags"] = int(m.flags)
    out["communication_disabled_until"] = _iso(m.raw_communication_disabled_until)
    out["avatar"] = m.guild_avatar_hash
    out["banner"] = m.guild_banner_hash


def encode_member(member: Member) -> JSONObject:
    """A member as Discord sends it in member events (with `user` and `guild_id`)."""
    out: JSONObject = {"user": encode_user(member.user), "guild_id": str(member.guild_id)}
    _put_member_fields(out, member)
    if member.guild_avatar_decoration is not None:
        out["avatar_decoration_data"] = member.guild_avatar_decoration
    if isinstance(member, InteractionMember):
        out["permissions"] = str(int(member.permissions))
    return out


def decode_partial_member(payload: JSONObject, app: RESTAware | None = None) -> PartialMember:
    """Member fields without the user (message `member`, interaction `resolved.members`)."""
    joined_at = payload.get("joined_at")
    premium_since = payload.get("premium_since")
    timeout = payload.get("communication_disabled_until")
    permissions = payload.get("permissions")
    return PartialMember(
        nickname=payload.get("nick"),
        role_ids=tuple(map(Snowflake, payload.get("roles", ()))),
        joined_at=_fromiso(joined_at) if joined_at is not None else None,
        premium_since=_fromiso(premium_since) if premium_since is not None else None,
        is_deaf=payload.get("deaf", UNDEFINED),
        is_mute=payload.get("mute", UNDEFINED),
        is_pending=payload.get("pending", UNDEFINED),
        flags=_member_flag(payload.get("flags", 0)),
        raw_communication_disabled_until=_fromiso(timeout) if timeout is not None else None,
        guild_avatar_hash=payload.get("avatar"),
        guild_banner_hash=payload.get("banner"),
        permissions=Permissions(int(permissions)) if permissions is not None else UNDEFINED,
    )


def encode_partial_member(member: PartialMember) -> JSONObject:
    """Member fields without the user."""
    out: JSONObject = {}
    _put_member_fields(out, member)
    if member.permissions is not UNDEFINED:
        out["permissions"] = str(int(member.permissions))
    return out


def decode_interaction_member(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> InteractionMember:
    """The invoking member of a guild interaction (a member with `permissions`)."""
    base = decode_member(payload, app, guild_id)
    return InteractionMember(
        user=base.user,
        guild_id=base.guild_id,
        nickname=base.nickname,
        role_ids=base.role_ids,
        joined_at=base.joined_at,
        premium_since=base.premium_since,
        is_deaf=base.is_deaf,
        is_mute=base.is_mute,
        is_pending=base.is_pending,
        flags=base.flags,
        raw_communication_disabled_until=base.raw_communication_disabled_until,
        guild_avatar_hash=base.guild_avatar_hash,
        guild_banner_hash=base.guild_banner_hash,
        guild_avatar_decoration=base.guild_avatar_decoration,
        permissions=Permissions(int(payload.get("permissions", 0))),
    )


register(Member, decode=decode_member, encode=encode_member)
register(InteractionMember, decode=decode_interaction_member, encode=encode_member)
register(PartialMember, decode=decode_partial_member, encode=encode_partial_member)
