"""JSON ↔ models. Public entry points: `decode(ModelType, payload, app=None)` and `encode(obj)`.

Importing this package registers every family's decoders and encoders.
"""

from __future__ import annotations

from anycord.serde import users as users
from anycord.serde._core import decode as decode
from anycord.serde._core import encode as encode

__all__ = ["decode", "encode"]
