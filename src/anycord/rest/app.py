"""`RESTApp`: standalone REST access for many tokens over one connection pool.

```python
async with RESTApp().acquire(token) as rest:          # a bot token
    me = await rest.fetch_my_user()
async with app.acquire(access_token, "Bearer") as rest:   # an OAuth2 user token
    ...
```

Each `acquire()` yields a running `RESTClient` with its own rate-limit state (Discord limits
per token); every client of one app shares the app's `httpx.AsyncClient`, so keep-alive
connections are reused across tokens. The pool is opened by the first `acquire` and
closed when the last one exits.
"""

from __future__ import annotations

import contextlib
import typing

import anyio

from anycord.config import HTTPSettings, ProxySettings
from anycord.rest.client import RESTClient
from anycord.rest.transport import build_http_client

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    import httpx

    from anycord.rest.tokens import TokenStrategy

__all__ = ["RESTApp"]


class RESTApp:
    """A factory of `RESTClient`s sharing one HTTP connection pool."""

    def __init__(
        self,
        *,
        http_settings: HTTPSettings | None = None,
        proxy_settings: ProxySettings | None = None,
        max_rate_limit: float = 300.0,
        max_retries: int = 3,
        rest_url: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.http_settings = http_settings or HTTPSettings()
        self.proxy_settings = proxy_settings or ProxySettings()
        self.max_rate_limit = max_rate_limit
        self.max_retries = max_retries
        self.rest_url = rest_url
        self._transport = transport
        self._http: httpx.AsyncClient | None = None
        self._users = 0
        self._started = False
        self._lock = anyio.Lock()

    @property
    def http_client(self) -> httpx.AsyncClient | None:
        """The shared pool while at least one client is acquired."""
        return self._http

    async def start(self) -> None:
        """Open the shared pool now and keep it open until `close()` (hikari's form; without
        it the pool opens with the first `acquire` and closes with the last)."""
        async with self._lock:
            self._open_pool()
            self._started = True

    async def close(self) -> None:
        """Close the shared pool once no client is acquired (clients still acquired keep it
        until they exit)."""
        async with self._lock:
            self._started = False
            await self._close_idle_pool()

    def _open_pool(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = build_http_client(
                self.http_settings, self.proxy_settings, transport=self._transport
            )
        return self._http

    async def _close_idle_pool(self) -> None:
        if self._users == 0 and not self._started and self._http is not None:
            pool, self._http = self._http, None
            with anyio.move_on_after(5.0):
                await pool.aclose()

    @contextlib.asynccontextmanager
    async def acquire(
        self, token: str | TokenStrategy | None = None, token_type: str = "Bot"
    ) -> AsyncIterator[RESTClient]:
        """A running client for `token`, closed (its calls cancelled) when the block exits."""
        async with self._lock:
            http = self._open_pool()
            self._users += 1
        try:
            client = RESTClient(
                token,
                token_type,
                http_settings=self.http_settings,
                proxy_settings=self.proxy_settings,
                max_rate_limit=self.max_rate_limit,
                max_retries=self.max_retries,
                rest_url=self.rest_url,
                http_client=http,
            )
            async with client:
                yield client
        finally:
            with anyio.CancelScope(shield=True):
                async with self._lock:
                    self._users -= 1
                    await self._close_idle_pool()
