"""Protocols that say what an object can reach: REST, the cache, shards, the dispatcher.

Models hold an `app` typed by these protocols, never by a concrete bot class, so the
import graph stays one-way (models do not import bots) and any object with a `rest`
attribute (a bot, a `RESTClient` wrapper, a test double) can back convenience methods
such as `message.respond()`.
"""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    from anycord.rest.client import RESTClient

__all__ = ["CacheAware", "RESTAware"]


@typing.runtime_checkable
class RESTAware(typing.Protocol):
    """Has a REST client."""

    @property
    def rest(self) -> RESTClient:
        """The REST client."""
        ...


@typing.runtime_checkable
class CacheAware(typing.Protocol):
    """Has a cache (a `GatewayBot`)."""

    @property
    def cache(self) -> typing.Any:
        """The cache."""
        ...
