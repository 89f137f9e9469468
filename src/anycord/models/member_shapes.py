"""The packed part of guild members: their flags and the shared `MemberShape` (see `models.members`).

Members of one guild without the rare fields (boost date, timeout, guild avatar/banner,
decoration) share one interned shape per combination of deaf/mute/pending/flags; `pack_time`
is how a member stores `joined_at`.
"""

from __future__ import annotations

import copy
import datetime
import enum
import typing

from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.snowflakes import Snowflake

__all__ = ["MemberFlag", "MemberShape", "member_flag", "member_shape", "opt_bool", "pack_time"]


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


class MemberShape:
    """The fields of a `Member` that members of a guild share (internal to the model and codec).

    Shapes without the rare fields are interned (see `member_shape`). Treat a shape as
    immutable: setters on `Member` swap in a new one.
    """

    __slots__ = (
        "flags",
        "guild_avatar_decoration",
        "guild_avatar_hash",
        "guild_banner_hash",
        "guild_id",
        "is_deaf",
        "is_mute",
        "is_pending",
        "premium_since",
        "raw_communication_disabled_until",
    )

    def __init__(
        self,
        guild_id: Snowflake,
        is_deaf: UndefinedOr[bool],
        is_mute: UndefinedOr[bool],
        is_pending: UndefinedOr[bool],
        flags: MemberFlag,
        premium_since: datetime.datetime | None,
        raw_communication_disabled_until: datetime.datetime | None,
        guild_avatar_hash: str | None,
        guild_banner_hash: str | None,
        guild_avatar_decoration: typing.Mapping[str, typing.Any] | None,
    ) -> None:
        self.guild_id = guild_id
        self.premium_since = premium_since
        self.is_deaf = is_deaf
        self.is_mute = is_mute
        self.is_pending = is_pending
        self.flags = flags
        self.raw_communication_disabled_until = raw_communication_disabled_until
        self.guild_avatar_hash = guild_avatar_hash
        self.guild_banner_hash = guild_banner_hash
        self.guild_avatar_decoration = guild_avatar_decoration

    def _values(self) -> tuple[typing.Any, ...]:
        return (
            self.guild_id,
            self.is_deaf,
            self.is_mute,
            self.is_pending,
            self.flags,
            self.premium_since,
            self.raw_communication_disabled_until,
            self.guild_avatar_hash,
            self.guild_banner_hash,
            self.guild_avatar_decoration,
        )

    def replace(self, **changes: object) -> MemberShape:
        """A new (not interned) shape with `changes` applied."""
        shape = copy.copy(self)
        for name, value in changes.items():
            setattr(shape, name, value)
        return shape

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MemberShape):
            return NotImplemented
        return self is other or self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"MemberShape{self._values()!r}"


_MEMBER_FLAGS: typing.Final = MemberFlag._value2member_map_
_MEMBER_SHAPES: dict[tuple[typing.Any, ...], MemberShape] = {}
_MAX_SHAPES: typing.Final = 4096
_UTC: typing.Final = datetime.UTC
_fromts = datetime.datetime.fromtimestamp


def member_flag(value: int) -> MemberFlag:
    flag = _MEMBER_FLAGS.get(value)
    return flag if flag is not None else MemberFlag(value)  # type: ignore[return-value]


def member_shape(
    guild_id: Snowflake,
    is_deaf: UndefinedOr[bool] = UNDEFINED,
    is_mute: UndefinedOr[bool] = UNDEFINED,
    is_pending: UndefinedOr[bool] = UNDEFINED,
    flags: int = 0,
    premium_since: datetime.datetime | None = None,
    raw_communication_disabled_until: datetime.datetime | None = None,
    guild_avatar_hash: str | None = None,
    guild_banner_hash: str | None = None,
    guild_avatar_decoration: typing.Mapping[str, typing.Any] | None = None,
) -> MemberShape:
    """The shape for these fields: a shared one when the rare fields are unset.

    The intern table (at most 4,096 shapes, emptied when full) holds guild IDs only.
    """
    if (
        premium_since is None
        and raw_communication_disabled_until is None
        and guild_avatar_hash is None
        and guild_banner_hash is None
        and guild_avatar_decoration is None
    ):
        key = (guild_id, is_deaf, is_mute, is_pending, flags)
        shape = _MEMBER_SHAPES.get(key)
        if shape is None:
            if len(_MEMBER_SHAPES) >= _MAX_SHAPES:
                _MEMBER_SHAPES.clear()
            shape = _MEMBER_SHAPES[key] = MemberShape(
                guild_id,
                opt_bool(is_deaf),
                opt_bool(is_mute),
                opt_bool(is_pending),
                member_flag(int(flags)),
                None,
                None,
                None,
                None,
                None,
            )
        return shape
    return MemberShape(
        guild_id,
        opt_bool(is_deaf),
        opt_bool(is_mute),
        opt_bool(is_pending),
        member_flag(int(flags)),
        premium_since,
        raw_communication_disabled_until,
        guild_avatar_hash,
        guild_banner_hash,
        guild_avatar_decoration,
    )


def opt_bool(value: UndefinedOr[bool]) -> UndefinedOr[bool]:
    return value if value is UNDEFINED else bool(value)


def pack_time(value: datetime.datetime | float | None) -> datetime.datetime | float | None:
    """How `Member` stores `joined_at`: a UTC datetime as its float timestamp (24 bytes, not 48;
    exact to the microsecond for any date before 2106), any other datetime as it is."""
    if value is None or value.__class__ is float:
        return value
    if value.tzinfo is _UTC:  # type: ignore[union-attr]
        return value.timestamp()  # type: ignore[union-attr]
    return value
