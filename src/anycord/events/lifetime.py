"""The bot's lifetime: starting, started, stopping, stopped.

The bot dispatches each one and waits for its listeners before going on, so a
`StartingEvent` listener can prepare state the first gateway event needs, and a
`StoppingEvent` listener can still use REST and the shards.
"""

from __future__ import annotations

import attrs

from anycord.events.base import Event

__all__ = ["LifetimeEvent", "StartedEvent", "StartingEvent", "StoppedEvent", "StoppingEvent"]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class LifetimeEvent(Event):
    """Base of the four lifetime events."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class StartingEvent(LifetimeEvent):
    """The bot is starting: REST is up, no shard has connected yet."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class StartedEvent(LifetimeEvent):
    """Every shard is READY."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class StoppingEvent(LifetimeEvent):
    """The bot is closing; REST and the shards still work while listeners run."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class StoppedEvent(LifetimeEvent):
    """The bot has closed: shards and REST are gone, the cache is empty."""
