"""Small helpers shared by the endpoint modules written after the core ones.

They turn hikari-style arguments into wire values: only given (non-`UNDEFINED`) arguments
reach a body, IDs become strings, datetimes become ISO 8601, and limits Discord documents
are checked before anything is sent (a `ValueError` naming the bad value).
"""

from __future__ import annotations

import datetime
import typing

from anycord.rest.endpoints._payloads import sid
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Sequence, Sized

    from anycord.snowflakes import SnowflakeishOr

__all__ = [
    "check_each_len",
    "check_len",
    "check_one_of",
    "check_range",
    "cursor",
    "id_list",
    "iso",
    "opt_id",
    "put",
    "str_id",
]


def put(body: dict[str, typing.Any], **fields: object) -> dict[str, typing.Any]:
    """Add each field that is not `UNDEFINED` to `body` (in place) and return it."""
    for key, value in fields.items():
        if value is not UNDEFINED:
            body[key] = value
    return body


def str_id(value: SnowflakeishOr) -> str:
    """The ID of an object or ID, as the string Discord sends and accepts."""
    return str(sid(value))


def opt_id(value: UndefinedNoneOr[SnowflakeishOr]) -> UndefinedNoneOr[str]:
    """`UNDEFINED`, `None`, or the ID string of the object or ID."""
    if value is UNDEFINED or value is None:
        return value
    return str(sid(value))


def cursor(value: UndefinedOr[SnowflakeishOr]) -> str | None:
    """A paginator's first cursor: `None` for `UNDEFINED`, else the ID string."""
    return None if value is UNDEFINED else str(sid(value))


def id_list(values: UndefinedOr[Iterable[SnowflakeishOr]]) -> UndefinedOr[list[str]]:
    """`UNDEFINED`, or the ID strings of a sequence of objects or IDs."""
    if values is UNDEFINED:
        return values
    return [str(sid(v)) for v in values]


def iso(value: UndefinedNoneOr[datetime.datetime]) -> UndefinedNoneOr[str]:
    """`UNDEFINED`, `None`, or a datetime as ISO 8601 (naive datetimes are taken as UTC)."""
    if value is UNDEFINED or value is None:
        return value
    if not isinstance(value, datetime.datetime):
        msg = f"expected a datetime, got {value!r}"
        raise TypeError(msg)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.isoformat()


def check_len(name: str, value: UndefinedNoneOr[Sized], low: int, high: int) -> None:
    """`ValueError` unless `low <= len(value) <= high` (skipped for `UNDEFINED`/`None`)."""
    if value is UNDEFINED or value is None:
        return
    size = len(value)
    if not low <= size <= high:
        what = "characters" if isinstance(value, str) else "items"
        msg = f"{name} has {size} {what}; Discord allows {low} to {high}: {_short(value)}"
        raise ValueError(msg)


def check_range(name: str, value: UndefinedNoneOr[float], low: float, high: float) -> None:
    """`ValueError` unless `low <= value <= high` (skipped for `UNDEFINED`/`None`)."""
    if value is UNDEFINED or value is None:
        return
    if not low <= value <= high:
        msg = f"{name} is {value!r}; Discord allows {low} to {high}"
        raise ValueError(msg)


def check_each_len(name: str, values: Iterable[str], high: int) -> None:
    """`ValueError` when a string of `values` is longer than `high` characters."""
    for value in values:
        if len(value) > high:
            msg = (
                f"each {name} may have at most {high} characters; {value[:40]!r}… has {len(value)}"
            )
            raise ValueError(msg)


def check_one_of(name: str, value: object, allowed: Sequence[object]) -> None:
    """`ValueError` unless `value` is one of `allowed` (skipped for `UNDEFINED`/`None`)."""
    if value is UNDEFINED or value is None:
        return
    if value not in allowed:
        msg = f"{name} is {value!r}; Discord accepts one of {list(allowed)}"
        raise ValueError(msg)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
