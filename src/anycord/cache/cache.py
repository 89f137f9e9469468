"""`Cache`: the synchronous in-memory cache a gateway bot keeps.

Guarantees:

* **Synchronous.** No method awaits; the dispatcher applies each gateway payload before any
  listener sees the event built from it, so a listener always reads the state after its
  event (and update/delete events carry the state before it as `old_*`).
* **Switchable.** Each `CacheComponents` flag in `CacheSettings` turns one store on or off;
  a disabled store is never written and its getters return `None` or an empty view. Stage
  instances and scheduled events have their own flags (`anycord.cache.scheduled`), thread
  members too but only while `GUILD_THREADS` is on (`anycord.cache.threads`), soundboard
  sounds `SOUNDBOARD_SOUNDS` (`anycord.cache.soundboard`); reaction counts on the cached
  messages live under `MESSAGES`.
* **Compact.** Members and users are packed `bytes` values, users shared between guilds
  (reference-counted: a user is dropped with the last member that refers to it); see
  `anycord.cache.records`.
* **Copy on read.** Getters build fresh models; changing one never changes the cache.
* **Bounded** where Discord is unbounded: messages (`max_messages`) and DM channel IDs
  (`max_dm_channel_ids`), oldest evicted first.
"""

from __future__ import annotations

import typing

from anycord.cache.guilds import GuildsMixin
from anycord.cache.messages import MessagesMixin

__all__ = ["Cache", "CacheAware"]


class Cache(GuildsMixin, MessagesMixin):
    """The cache (see the module doc). Built by the bot: `Cache(settings, app=bot)`."""

    def clear(self) -> None:
        """Forget everything (the bot calls this when it closes)."""
        self._reset()

    def __repr__(self) -> str:
        return (
            f"Cache(guilds={len(self._guilds)}, channels={len(self._channels)}, users={len(self._users)}, "
            f"messages={len(self._messages)})"
        )


@typing.runtime_checkable
class CacheAware(typing.Protocol):
    """Has a cache (a `GatewayBot`, the orchestrator's `Bot`)."""

    @property
    def cache(self) -> Cache:
        """The cache."""
        ...
