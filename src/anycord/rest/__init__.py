"""The REST client: routes, rate limits, transport and every endpoint of Discord's HTTP API.

`RESTApp().acquire(token)` gives a standalone `RESTClient`; bots own one and run it in
their task tree. `anycord.rest.ratelimits` is the pure rate-limit core, `transport` the
httpx seam, `tokens` the authentication strategies, `pagination` the lazy iterators.
"""

from __future__ import annotations

import importlib
import pkgutil

from anycord.rest import endpoints
from anycord.rest.app import RESTApp
from anycord.rest.client import RESTClient
from anycord.rest.pagination import LazyIterator
from anycord.rest.ratelimits import RateLimiter, RateLimitInfo
from anycord.rest.routes import CompiledRoute, Route, declared_routes
from anycord.rest.tokens import ClientCredentialsStrategy, StaticToken, TokenStrategy

__all__ = [
    "ClientCredentialsStrategy",
    "CompiledRoute",
    "LazyIterator",
    "RESTApp",
    "RESTClient",
    "RateLimitInfo",
    "RateLimiter",
    "Route",
    "StaticToken",
    "TokenStrategy",
    "all_routes",
]


def all_routes() -> tuple[Route, ...]:
    """Every route the REST client implements (imports every endpoint module first)."""
    for module in pkgutil.iter_modules(endpoints.__path__):
        importlib.import_module(f"{endpoints.__name__}.{module.name}")
    return declared_routes()
