"""The `UNDEFINED` sentinel: "not given", as distinct from `None` ("given, and null").

Discord's API often gives the two different meanings: leaving a field out of a PATCH keeps
its value, sending `null` clears it. Every optional argument in anycord therefore defaults to
`UNDEFINED` and only the arguments a caller passed reach the wire.

Guarantees:
    * `UNDEFINED` is a singleton: copying or pickling returns the same object.
    * It is falsy, so `if value:` treats it like "nothing".
    * `UndefinedOr[T]` and `UndefinedNoneOr[T]` are precise type aliases, and `is_undefined`
      narrows for type checkers.
"""

from __future__ import annotations

import enum
import typing

__all__ = [
    "UNDEFINED",
    "UndefinedNoneOr",
    "UndefinedOr",
    "UndefinedType",
    "all_undefined",
    "any_undefined",
    "count",
    "is_undefined",
]


class UndefinedType(enum.Enum):
    """The type of `UNDEFINED`. An enum with one member, so type checkers can narrow on it."""

    UNDEFINED = enum.auto()

    def __bool__(self) -> typing.Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __str__(self) -> str:
        return "UNDEFINED"


UNDEFINED: typing.Final = UndefinedType.UNDEFINED
"""The "not given" sentinel."""

_T = typing.TypeVar("_T")

UndefinedOr = typing.Union[_T, UndefinedType]  # noqa: UP007 - a generic alias needs Union
"""`T` or `UNDEFINED`."""

UndefinedNoneOr = typing.Union[_T, UndefinedType, None]  # noqa: UP007
"""`T`, `None` or `UNDEFINED`."""


def is_undefined(value: object) -> typing.TypeGuard[UndefinedType]:
    """Whether `value` is `UNDEFINED`."""
    return value is UNDEFINED


def all_undefined(*values: object) -> bool:
    """Whether every value is `UNDEFINED` (true for no values)."""
    return all(value is UNDEFINED for value in values)


def any_undefined(*values: object) -> bool:
    """Whether at least one value is `UNDEFINED`."""
    return any(value is UNDEFINED for value in values)


def count(*values: object) -> int:
    """How many of the values are `UNDEFINED`."""
    return sum(value is UNDEFINED for value in values)
