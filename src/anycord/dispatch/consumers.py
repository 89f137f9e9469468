"""The table from a gateway event name to what anycord does with it.

Each received dispatch name has one `Consumer`: the cache update to run (synchronously,
before any listener sees the event), the factory that builds the event from the raw
payload, and the event classes the factory can produce. The dispatcher turns the last
column into a per-name "needed" flag: when no listener, waiter or stream could receive any
of those classes, the factory is never called and the payload is never decoded. The cache
update still runs when its cache components are enabled.
"""

from __future__ import annotations

import typing

import attrs

from anycord.cache.updates import CACHE_UPDATES
from anycord.config import CacheComponents
from anycord.events.factory import FACTORIES

if typing.TYPE_CHECKING:
    from anycord.cache.updates import CacheUpdate
    from anycord.events.base import Event
    from anycord.events.factory import EventFactory

__all__ = ["CONSUMERS", "Consumer"]


@attrs.frozen(slots=True)
class Consumer:
    """What happens to one gateway dispatch name."""

    name: str
    factory: EventFactory
    event_types: tuple[type[Event], ...]
    cache_update: CacheUpdate | None = None
    components: CacheComponents = CacheComponents.NONE


def _build() -> dict[str, Consumer]:
    out: dict[str, Consumer] = {}
    for name, (factory, event_types) in FACTORIES.items():
        update, components = CACHE_UPDATES.get(name, (None, CacheComponents.NONE))
        out[name] = Consumer(name, factory, event_types, update, components)
    return out


CONSUMERS: typing.Final[dict[str, Consumer]] = _build()
"""Every gateway dispatch name anycord understands."""
