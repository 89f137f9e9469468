"""The one seam between anycord and the network: an `httpx.AsyncClient` built from settings.

`build_http_client()` turns `HTTPSettings` and `ProxySettings` into a client with keep-alive,
pool limits, timeouts, TLS, optional HTTP/2 and the proxy. Passing `transport=` (any
`httpx.AsyncBaseTransport`, e.g. `httpx.ASGITransport(app=fake.asgi_app)`) replaces the
network entirely, which is how tests and `FakeDiscord` run in process.
"""

from __future__ import annotations

import importlib.util
import logging
import platform
import typing

import httpx

from anycord import logs
from anycord._about import __url__, __version__
from anycord.config import HTTPSettings, ProxySettings

__all__ = ["USER_AGENT", "build_http_client", "build_timeout"]

_LOGGER = logging.getLogger("anycord.rest")

USER_AGENT: typing.Final[str] = (
    f"DiscordBot ({__url__}, {__version__}) anycord httpx/{httpx.__version__} "
    f"{platform.python_implementation()}/{platform.python_version()}"
)
"""Discord requires `DiscordBot (<url>, <version>)` first; the rest is informative."""


def build_timeout(settings: HTTPSettings) -> httpx.Timeout:
    """httpx's per-phase timeouts from `settings.timeouts` (`total` is applied per attempt)."""
    t = settings.timeouts
    return httpx.Timeout(connect=t.connect, read=t.read, write=t.write, pool=t.pool)


def build_http_client(
    http_settings: HTTPSettings | None = None,
    proxy_settings: ProxySettings | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """A new `httpx.AsyncClient` for the REST API; the caller closes it (`aclose`).

    Also applies `logs.protect_loggers()`: httpx's own request lines would print webhook and
    interaction tokens, which sit in URLs.
    """
    logs.protect_loggers()
    http = http_settings or HTTPSettings()
    proxy_cfg = proxy_settings or ProxySettings()
    http2 = http.http2
    if http2 and importlib.util.find_spec("h2") is None:
        _LOGGER.warning("HTTP/2 was asked for but the h2 package is not installed; using HTTP/1.1")
        http2 = False
    limits = httpx.Limits(
        max_connections=http.max_connections,
        max_keepalive_connections=http.max_keepalive_connections if http.keep_alive else 0,
        keepalive_expiry=http.keepalive_expiry if http.keep_alive else 0,
    )
    proxy: httpx.Proxy | None = None
    if proxy_cfg.url is not None:
        proxy = httpx.Proxy(proxy_cfg.url, headers=proxy_cfg.all_headers or None)
    follow = http.max_redirects is not None and http.max_redirects > 0
    kwargs: dict[str, typing.Any] = {
        "timeout": build_timeout(http),
        "follow_redirects": follow,
        "headers": {"User-Agent": USER_AGENT},
        "trust_env": proxy_cfg.trust_env,
    }
    if follow:
        kwargs["max_redirects"] = http.max_redirects
    if transport is not None:
        return httpx.AsyncClient(transport=transport, **kwargs)
    return httpx.AsyncClient(
        limits=limits,
        verify=http.ssl,
        http2=http2,
        proxy=proxy,
        **kwargs,
    )
