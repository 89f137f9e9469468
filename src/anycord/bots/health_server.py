"""`HealthServer`: `/livez`, `/readyz` (and `/metrics`) for bots without an HTTP server.

```python
bot = anycord.GatewayBot(token, health_server=anycord.HealthServer(port=8081, host="0.0.0.0"))
```

A `GatewayBot` (and so an orchestrator `Bot` or worker) given one runs it as the first child
of its task tree: it listens before REST or any shard starts, so `/livez` answers during
start-up and `/readyz` says why the bot is not ready yet; it keeps answering while the bot
closes (`/readyz` 503 from the moment `close()` begins), and stops with the tree. It can also
run on its own, as a child of any task group: `await tg.start(server.run, probe)` with any
`() -> Health` probe.

The routes are `anycord.bots.health.health_routes`: `GET`/`HEAD` `/livez`, `/healthz` (its
alias) and `/readyz`, plus `/metrics` with `metrics=` (a `() -> (content_type, body)`
exposition, for example `anycord.metrics.exposition` bound to a registry); any other path is
**404**, any other method **405**. It is served by the built-in HTTP/1.1 server
(`anycord.interactions.http11`), with that server's grammar, limits and timeouts: a bad
request gets a clear 4xx and costs one connection, never the server.
"""

from __future__ import annotations

import functools
import logging
import typing

import anyio

from anycord.bots.health import health_routes
from anycord.interactions.http11 import serve_http11
from anycord.interactions.probe_routes import ProbeApp
from anycord.interactions.serving import bind_sockets

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from anycord.bots.health import Health

__all__ = ["HealthServer"]

_LOGGER = logging.getLogger("anycord.health")


class HealthServer:
    """A small HTTP endpoint answering health probes (module docstring).

    Args:
        port: the TCP port (`0`: any free port, see `addresses`).
        host: the interface(s) to listen on. The default, `127.0.0.1`, is reachable from this
            machine only; Kubernetes probes and load balancers reach a pod on its own
            address, so there use `"0.0.0.0"` (or the pod IP) and keep the port off any
            public Service (docs/security.md, "observability").
        metrics: also serve `GET /metrics` with this exposition.
        max_connections: the most connections open at once (probes need few; beyond it
            new ones get a canned 503 and are closed).
        request_timeout: seconds a request may take to arrive once its first byte has.
    """

    __slots__ = ("_addresses", "_host", "_max_connections", "_metrics", "_port", "_timeout")

    def __init__(
        self,
        port: int,
        *,
        host: str | Sequence[str] = "127.0.0.1",
        metrics: Callable[[], tuple[str, bytes]] | None = None,
        max_connections: int = 64,
        request_timeout: float = 5.0,
    ) -> None:
        if not 0 <= port <= 65535:
            msg = f"port must be between 0 and 65535, not {port}"
            raise ValueError(msg)
        if max_connections < 1 or not request_timeout > 0:
            msg = (
                f"max_connections ({max_connections}) must be at least 1 and request_timeout "
                f"({request_timeout}) positive"
            )
            raise ValueError(msg)
        self._port = port
        self._host = host
        self._metrics = metrics
        self._max_connections = max_connections
        self._timeout = request_timeout
        self._addresses: list[str] = []

    def __repr__(self) -> str:
        where = ", ".join(self._addresses) or f"port {self._port}, not listening"
        return f"HealthServer({where})"

    @property
    def port(self) -> int:
        """The port asked for (`0`: any; the real one is in `addresses` while it runs)."""
        return self._port

    @property
    def addresses(self) -> Sequence[str]:
        """The URLs it listens on (`http://127.0.0.1:8081`), while it runs."""
        return tuple(self._addresses)

    async def run(
        self,
        probe: Callable[[], Health],
        *,
        task_status: anyio.abc.TaskStatus[list[str]] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        """Serve `probe`'s answers until cancelled; `task_status.started(addresses)` once the
        socket listens (an `OSError` from binding, such as a port in use, propagates)."""
        sockets = bind_sockets(host=self._host, port=self._port)
        app = ProbeApp(health_routes(probe, metrics=self._metrics))
        serve = functools.partial(
            serve_http11,
            app,
            sockets=sockets,
            shutdown_trigger=anyio.sleep_forever,
            shutdown_timeout=1.0,
            keep_alive_timeout=75.0,
            request_timeout=self._timeout,
            max_connections=self._max_connections,
        )
        try:
            async with anyio.create_task_group() as tg:
                self._addresses = await tg.start(serve)
                paths = "/livez, /readyz" + (", /metrics" if self._metrics else "")
                _LOGGER.info("health endpoint on %s (%s)", ", ".join(self._addresses), paths)
                task_status.started(list(self._addresses))
        finally:
            self._addresses = []
