"""The synchronous in-memory cache (see `anycord.cache.cache`)."""

from __future__ import annotations

from anycord.cache.cache import Cache as Cache
from anycord.cache.cache import CacheAware as CacheAware
from anycord.cache.views import CacheView as CacheView
from anycord.cache.views import EmptyCacheView as EmptyCacheView

__all__ = ["Cache", "CacheAware", "CacheView", "EmptyCacheView"]
