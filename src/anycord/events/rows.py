"""`Row`: everything anycord does with one gateway dispatch name, in one place.

Each event family module (`anycord.events.message`, `…guild`, …) declares `ROWS`, one
`Row` per dispatch name it owns; `anycord.events.registry.REGISTRY` gathers them. A row holds:

* `decode(app, shard, payload, old)`: builds the event, or `None` when the payload produces
  none. `old` is `None` or what `cache` returned (a zero-argument callable building what the
  cache held before); for a row with `track`, `old` is `True` when `track` said so.
* `events`: every class `decode` can return. The dispatcher calls `decode` only when a
  listener, waiter or stream could receive one of them.
* `intents`: intents any one of which makes Discord send the dispatch (Discord's "List of
  Intents"; empty: sent whatever the intents). `event_intents` narrows it per event class
  where a dispatch has a guild and a DM flavour.
* `cache` / `components`: the cache update (`Cache.apply_*`, run synchronously before any
  listener sees the event) and the cache components it touches (skipped when none is on).
* `track(visibility, shard, payload)`: run for every such dispatch, listened to or not,
  before the cache update (guild visibility: GuildAvailable vs GuildJoin; gateway notices
  that must be logged). A true result is passed to `decode` as `old`.
"""

from __future__ import annotations

import typing

import attrs

from anycord.config import CacheComponents

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.cache.cache import Cache
    from anycord.events.base import Event, EventApp
    from anycord.events.guild import GuildVisibility
    from anycord.gateway.shard import GatewayShard
    from anycord.intents import Intents

__all__ = ["CacheUpdate", "Decoder", "Row", "Track"]

Payload = dict[str, typing.Any]
_OldT = typing.TypeVar("_OldT")
Decoder = typing.Callable[
    ["EventApp | None", "GatewayShard | None", Payload, "_OldT | None"], "Event | None"
]
"""`(app, shard, payload, old) -> event or None`, `old` being what the row's `cache` returned
(or `True` from `track`)."""
CacheUpdate = typing.Callable[["Cache", Payload], "_OldT | None"]
"""`(cache, payload) -> a thunk building what the cache held before, or None`."""
Track = typing.Callable[["GuildVisibility", "GatewayShard | None", Payload], bool]
"""`(visibility, shard, payload) -> bool`, see the module doc."""


@attrs.frozen(slots=True, eq=False)
class Row(typing.Generic[_OldT]):
    """What happens to one gateway dispatch name (module doc).

    Generic in what `cache` returns, which is what `decode` receives as `old`: a type checker
    refuses a row whose factory expects another cached type than its cache update builds."""

    name: str
    decode: Decoder[_OldT]
    events: tuple[type[Event], ...]
    intents: tuple[Intents, ...] = ()
    cache: CacheUpdate[_OldT] | None = None
    components: CacheComponents = CacheComponents.NONE
    event_intents: Mapping[type[Event], tuple[Intents, ...]] = attrs.field(factory=dict)
    track: Track | None = None

    def intents_for(self, event_type: type[Event]) -> tuple[Intents, ...]:
        """Intents any one of which delivers `event_type` from this dispatch."""
        return self.event_intents.get(event_type, self.intents)
