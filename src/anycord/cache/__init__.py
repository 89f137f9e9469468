"""The synchronous in-memory cache (see `anycord.cache.cache`)."""

from __future__ import annotations

from anycord.cache.cache import Cache as Cache
from anycord.cache.views import CacheView as CacheView
from anycord.cache.views import EmptyCacheView as EmptyCacheView

__all__ = ["Cache", "CacheView", "EmptyCacheView"]
