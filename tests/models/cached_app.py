"""An app with REST and a cache, as a gateway bot offers them to models, fed gateway payloads."""

from __future__ import annotations

import typing

from anycord.cache import Cache
from anycord.dispatch.manager import EventManager
from anycord.rest.client import RESTClient

__all__ = ["CachedApp"]


class CachedApp:
    """REST (never entered: cache reads need none) and a cache built, as a bot builds it, with
    the app the cached models are bound to."""

    def __init__(self) -> None:
        self.rest = RESTClient("Bot x", rest_url="http://fake.test/api/v10")
        self.cache = Cache(app=self)
        self._events = EventManager(self, cache=self.cache)

    async def feed(self, name: str, payload: dict[str, typing.Any]) -> None:
        """Apply one gateway dispatch the way a shard hands it over."""
        await self._events.on_shard_dispatch(None, name, payload)
