"""The codec's machinery: the decoder/encoder registry and the small conversions every
family module uses.

Each family module (`serde/users.py`, `serde/guilds.py`, …) writes plain functions
`decode_x(payload, app) -> X` and `encode_x(obj) -> dict`, and registers them with
`register(X, decode=..., encode=...)`. Hot paths (events, cache) call the functions
directly; `decode`/`encode` look them up by type for everyone else.
"""

from __future__ import annotations

import datetime
import typing

from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED, UndefinedType

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from anycord.traits import RESTAware

__all__ = [
    "JSONObject",
    "decode",
    "encode",
    "from_iso",
    "opt_snowflake",
    "register",
    "to_iso",
]

_T = typing.TypeVar("_T")
JSONObject = dict[str, typing.Any]
"""A decoded JSON object."""

Decoder = typing.Callable[[typing.Any, "RESTAware | None"], typing.Any]
Encoder = typing.Callable[[typing.Any], typing.Any]

_DECODERS: dict[type, Decoder] = {}
_ENCODERS: dict[type, Encoder] = {}


def register(model: type, *, decode: Decoder | None = None, encode: Encoder | None = None) -> None:
    """Register the decoder and/or encoder of `model`."""
    if decode is not None:
        _DECODERS[model] = decode
    if encode is not None:
        _ENCODERS[model] = encode


def decode(model: type[_T], payload: typing.Any, app: RESTAware | None = None) -> _T:
    """Decode a JSON payload (already parsed) into `model`.

    Unknown fields are ignored, missing optional fields take their defaults, unknown enum
    values become `UNKNOWN_<n>` members. A missing required field raises `KeyError`, a wrongly
    typed one `TypeError` or `ValueError`; nothing else is raised for valid Discord payloads.
    """
    try:
        fn = _DECODERS[model]
    except KeyError:
        msg = f"anycord has no decoder for {model.__qualname__}"
        raise TypeError(msg) from None
    return typing.cast("_T", fn(payload, app))


def encode(obj: typing.Any) -> typing.Any:
    """Encode a model or builder into the JSON-ready structure Discord expects."""
    for cls in type(obj).__mro__:
        fn = _ENCODERS.get(cls)
        if fn is not None:
            return fn(obj)
    msg = f"anycord has no encoder for {type(obj).__qualname__}"
    raise TypeError(msg)


def registered_models() -> tuple[type, ...]:
    """Every model with a decoder (used by tests to prove coverage)."""
    return tuple(_DECODERS)


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
    value: typing.Any,
    transform: Callable[[typing.Any], typing.Any] | None = None,
) -> None:
    """Set `out[key]` unless `value` is `UNDEFINED` (with `transform` applied to non-None values)."""
    if value is UNDEFINED:
        return
    out[key] = transform(value) if transform is not None and value is not None else value


def undefined_or(payload: Mapping[str, typing.Any], key: str) -> typing.Any | UndefinedType:
    """`payload[key]`, or `UNDEFINED` when absent."""
    return payload.get(key, UNDEFINED)
