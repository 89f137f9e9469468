"""Enum bases that survive values Discord adds after this release.

`IntEnum` and `StrEnum` here behave like the standard ones, except that looking up an
unknown value returns a pseudo-member named `UNKNOWN_<value>` instead of raising. A bot built
today keeps running when Discord ships a new channel type tomorrow, and the value round-trips
unchanged. Pseudo-members are not cached, so hostile input cannot grow memory.

`try_enum(cls, value)` is the fast path decoders use: one dict lookup for known values.
"""

from __future__ import annotations

import enum
import typing

__all__ = ["IntEnum", "StrEnum", "try_enum"]

_E = typing.TypeVar("_E", bound=enum.Enum)


class IntEnum(enum.IntEnum):
    """An `enum.IntEnum` that turns unknown integers into `UNKNOWN_<n>` pseudo-members."""

    @classmethod
    def _missing_(cls, value: object) -> typing.Self | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        member = int.__new__(cls, value)
        member._name_ = f"UNKNOWN_{value}"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """Whether this value is one this release documents."""
        return self._value_ in type(self)._value2member_map_


class StrEnum(enum.StrEnum):
    """An `enum.StrEnum` that turns unknown strings into `UNKNOWN_<s>` pseudo-members."""

    @classmethod
    def _missing_(cls, value: object) -> typing.Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = f"UNKNOWN_{value}"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """Whether this value is one this release documents."""
        return self._value_ in type(self)._value2member_map_


def try_enum(cls: type[_E], value: object) -> _E:
    """`cls(value)`, with a single dict lookup when the value is known."""
    member = cls._value2member_map_.get(value)
    if member is not None:
        return typing.cast("_E", member)
    return cls(value)
