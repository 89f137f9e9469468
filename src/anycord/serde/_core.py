"""The codec's machinery: the decoder/encoder registry (`anycord.codecs`, re-exported) and
the small conversions every family module uses.

Each family module (`serde/users.py`, `serde/guilds.py`, …) writes plain functions
`decode_x(payload, app) -> X` and `encode_x(obj) -> dict`, and registers them with
`register(X, decode=..., encode=...)`. Hot paths (events, cache) call the functions
directly; `decode`/`encode` look them up by type for everyone else.
"""

from __future__ import annotations

import datetime
import typing

from anycord.codecs import decode as decode
from anycord.codecs import encode as encode
from anycord.codecs import register as register
from anycord.codecs import registered_models as registered_models
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED, UndefinedType

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping


__all__ = [
    "JSONObject",
    "decode",
    "encode",
    "from_iso",
    "opt_snowflake",
    "register",
    "to_iso",
]

JSONObject = dict[str, typing.Any]
"""A decoded JSON object."""

# -- conversions ---------------------------------------------------------------------------


def opt_snowflake(value: str | int | None) -> Snowflake | None:
    """A snowflake or `None`."""
    return None if value is None else Snowflake(value)


def from_iso(value: str) -> datetime.datetime:
    """Parse Discord's ISO 8601 timestamps (always aware, UTC)."""
    return datetime.datetime.fromisoformat(value)


def opt_iso(value: str | None) -> datetime.datetime | None:
    """A timestamp or `None`."""
    return None if value is None else datetime.datetime.fromisoformat(value)


def to_iso(value: datetime.datetime) -> str:
    """Format a datetime as Discord does (naive values are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.isoformat()


def put(
    out: JSONObject,
    key: str,
    value: object,
    transform: Callable[[typing.Any], object] | None = None,
) -> None:
    """Set `out[key]` unless `value` is `UNDEFINED` (with `transform` applied to non-None values)."""
    if value is UNDEFINED:
        return
    out[key] = transform(value) if transform is not None and value is not None else value


def undefined_or(payload: Mapping[str, typing.Any], key: str) -> typing.Any | UndefinedType:  # noqa: ANN401 (a JSON field: its type is the caller's schema's)
    """`payload[key]`, or `UNDEFINED` when absent."""
    return payload.get(key, UNDEFINED)
