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
    from collections.abc import Callable, Mapping

    from anycord.events.base import Event
    from anycord.events.guild import GuildVisibility
    from anycord.intents import Intents

__all__ = ["CacheUpdate", "Decoder", "Row", "Track"]

Payload = dict[str, typing.Any]
Decoder = typing.Callable[[typing.Any, typing.Any, Payload, typing.Any], "Event | None"]
"""`(app, shard, payload, old) -> event or None`."""
CacheUpdate = typing.Callable[[typing.Any, Payload], "Callable[[], object] | None"]
"""`(cache, payload) -> thunk building what the cache held before, or None`."""
Track = typing.Callable[["GuildVisibility", typing.Any, Payload], bool]
"""`(visibility, shard, payload) -> bool`, see the module doc."""


@attrs.frozen(slots=True, eq=False)
class Row:
    """What happens to one gateway dispatch name (module doc)."""

    name: str
    decode: Decoder
    events: tuple[type[Event], ...]
    intents: tuple[Intents, ...] = ()
    cache: CacheUpdate | None = None
    components: CacheComponents = CacheComponents.NONE
    event_intents: Mapping[type[Event], tuple[Intents, ...]] = attrs.field(factory=dict)
    track: Track | None = None

    def intents_for(self, event_type: type[Event]) -> tuple[Intents, ...]:
        """Intents any one of which delivers `event_type` from this dispatch."""
        return self.event_intents.get(event_type, self.intents)
