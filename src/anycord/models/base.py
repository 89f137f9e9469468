"""What every model shares: identity by snowflake and an optional app reference.

Models are attrs classes with `slots=True` (no per-instance `__dict__`), keyword-only
constructors and `eq=False` where identity is by ID: two objects with the same `id` are
equal and hash alike, as in hikari.
"""

from __future__ import annotations

import typing

import attrs

if typing.TYPE_CHECKING:
    import datetime

    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = ["Unique", "require_app"]


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Unique:
    """A model identified by its snowflake `id`."""

    id: Snowflake
    """The ID."""

    @property
    def created_at(self) -> datetime.datetime:
        """When the object was created (from its ID)."""
        return self.id.created_at

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Unique):
            return NotImplemented
        # Related classes compare by ID (a User equals the OwnUser with the same ID), so a
        # cached object and a freshly fetched one of a subclass still match.
        related = isinstance(other, type(self)) or isinstance(self, type(other))
        return related and self.id == other.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __int__(self) -> int:
        return int(self.id)


def require_app(app: RESTAware | None, what: str) -> RESTAware:
    """`app`, or a clear `RuntimeError` saying that `what` needs a model decoded with an app."""
    if app is None:
        msg = f"{what} needs a model bound to an app (decode it with app=bot, or fetch it through a bot)"
        raise RuntimeError(msg)
    return app
