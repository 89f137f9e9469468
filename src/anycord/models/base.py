"""What every model shares: identity by snowflake and an optional app reference.

Models are attrs classes with `slots=True` (no per-instance `__dict__`), keyword-only
constructors and `eq=False` where identity is by ID: two objects with the same `id` are
equal and hash alike, as in hikari.
"""

from __future__ import annotations

import typing

import attrs

_T = typing.TypeVar("_T")

if typing.TYPE_CHECKING:
    import datetime

    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = ["Unique", "fields_repr", "require_app", "slots_constructor"]


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


def fields_repr(obj: object, names: typing.Iterable[str]) -> str:
    """`Type(name=value, ...)` for the public `names` of a model that packs some of its fields."""
    parts = ", ".join(f"{name}={getattr(obj, name)!r}" for name in names)
    return f"{type(obj).__qualname__}({parts})"


def slots_constructor(cls: type[_T], *names: str) -> typing.Callable[..., _T]:
    """A positional constructor for the codec's hot paths: `make(v1, v2, ...)` returns a new
    `cls` with the attrs fields `names` set in that order, skipping `__init__` (no keyword
    matching, defaults, converters or validators: the decoder passes final values).

    `names` must be exactly the class's attrs fields, so that no slot is left unset; a
    `TypeError` at import time names the difference.
    """
    fields = {f.name for f in attrs.fields(typing.cast("typing.Any", cls))}
    if set(names) != fields or len(names) != len(fields):
        msg = (
            f"slots_constructor({cls.__qualname__}) missing {sorted(fields - set(names))}, "
            f"unknown {sorted(set(names) - fields)}"
        )
        raise TypeError(msg)
    params = ", ".join(f"a{i}" for i in range(len(names)))
    namespace: dict[str, typing.Any] = {"_new": object.__new__, "_cls": cls}
    if cls.__setattr__ is object.__setattr__:
        body = "".join(f"    o.{name} = a{i}\n" for i, name in enumerate(names))
    else:
        # attrs gives classes with converters/validators a Python __setattr__ hook; the slot
        # descriptors' own setters bypass it (what attrs' __init__ does too).
        body = "".join(f"    _set{i}(o, a{i})\n" for i in range(len(names)))
        namespace.update({f"_set{i}": getattr(cls, name).__set__ for i, name in enumerate(names)})
    source = f"def make_{cls.__name__}({params}):\n    o = _new(_cls)\n{body}    return o\n"
    exec(compile(source, f"<slots constructor {cls.__qualname__}>", "exec"), namespace)
    return typing.cast("typing.Callable[..., _T]", namespace[f"make_{cls.__name__}"])
