"""The registry of decoders and encoders, by model type: the codec's seam below the models.

`anycord.serde`'s family modules register `decode_x(payload, app) -> X` and
`encode_x(obj) -> dict` for each model (`register(X, decode=..., encode=...)`) when the
package is imported (`import anycord` imports them all); `decode`/`encode` look them up by type.
It imports no model, so a models-layer module (the interaction response builders) can encode
the models it was given without importing `anycord.serde`.
"""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = ["Decoder", "Encoder", "decode", "encode", "register", "registered_models"]

_T = typing.TypeVar("_T")

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


def decode(model: type[_T], payload: object, app: RESTAware | None = None) -> _T:
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


def encode(obj: object) -> typing.Any:  # noqa: ANN401 (a JSON value: its shape is `obj`'s)
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
