"""`RESTBot`: a bot that receives interactions over HTTP and talks to Discord over REST.

```python
bot = anycord.RESTBot("TOKEN", "Bot", public_key="…hex…")
bot.set_listener(anycord.CommandInteraction, on_command)
bot.run(port=8080)                                   # blocking; SIGINT/SIGTERM close it

async with anyio.create_task_group() as tg:
    await tg.start(bot.start, "127.0.0.1", 8080)     # returns once the socket listens
    ...
    await bot.close()
```

The bot's tree (one `start()` call):

```
start()
├── REST client            opened first, closed last
├── interaction server     task group of generator-listener continuations
└── HTTP server            listening sockets → one task per connection (built-in or hypercorn)
```

Order at start: REST opens, the public key is fetched if it was not given, startup
callbacks run in order (if one raises, everything opened so far is closed and the error
propagates from `start`), the sockets are bound and listen (ready: `task_status.started()`).
Order at close: hypercorn stops accepting and lets in-flight requests finish (at most
`shutdown_timeout` seconds), generator listeners get the same deadline, shutdown callbacks
run in order (each one, even if another failed), REST closes, `start()` returns.
"""

from __future__ import annotations

import functools
import logging
import typing

import anyio

from anycord import logs as logs_module
from anycord._groups import single_error
from anycord.bots.health import assess, health_routes
from anycord.bots.lifecycle import Lifecycle
from anycord.bots.run import run_blocking
from anycord.config import HTTPSettings, ProxySettings
from anycord.errors import ComponentStateConflictError
from anycord.interactions.asgi import AsgiAdapter
from anycord.interactions.http11 import serve_http11
from anycord.interactions.probe_routes import metrics_route
from anycord.interactions.server import InteractionServer
from anycord.interactions.serving import bind_sockets, serve
from anycord.interactions.verifier import use_verifier_process
from anycord.rest.client import RESTClient

if typing.TYPE_CHECKING:
    import concurrent.futures
    import os
    import socket as socket_module
    import ssl
    from collections.abc import Awaitable, Callable, Sequence
    from types import TracebackType

    from anycord.bots.health import Health
    from anycord.bots.run import Backend
    from anycord.interactions.probe_routes import Route
    from anycord.interactions.server import ListenerT, Response
    from anycord.rest.tokens import TokenStrategy

__all__ = ["RESTBot"]

_LOGGER = logging.getLogger("anycord.bots.rest")
_T = typing.TypeVar("_T")
_BotT = typing.TypeVar("_BotT")
BotCallback = typing.Callable[[_BotT], typing.Awaitable[None]]
HTTPServerKind = typing.Literal["builtin", "hypercorn"]
"""Which HTTP server `RESTBot.start` serves with."""


def _public_key_of(application: object) -> bytes | str:
    key = getattr(application, "public_key", None)
    if not isinstance(key, bytes | str) or not key:
        msg = "the application has no public key; pass public_key= explicitly"
        raise RuntimeError(msg)
    return key


class RESTBotBase:
    """What `RESTBot` and `AsgiBot` share: the REST client, the interaction server, callbacks."""

    def __init__(
        self,
        token: str | TokenStrategy,
        token_type: str | None,
        public_key: bytes | str | None,
        *,
        executor: concurrent.futures.Executor | None,
        http_settings: HTTPSettings | None,
        max_rate_limit: float,
        max_retries: int,
        proxy_settings: ProxySettings | None,
        rest_url: str | None,
        name: str,
        verifier_process: bool | None = False,
        max_timestamp_skew: float | None = None,
        allow_color: bool = True,
        banner: str | None = "anycord",
        force_color: bool = False,
        logs: int | str | dict[str, typing.Any] | None = "INFO",
    ) -> None:
        if isinstance(token, str):
            logs_module.register_secret(token)
        logs_module.init_logging(logs, allow_color, force_color)
        self._banner = banner
        self._token = token
        self._token_type = token_type or "Bot"
        self._executor = executor
        self._rest_options: dict[str, typing.Any] = {
            "http_settings": http_settings or HTTPSettings(),
            "proxy_settings": proxy_settings or ProxySettings(),
            "max_rate_limit": max_rate_limit,
            "max_retries": max_retries,
            "rest_url": rest_url,
        }
        self._rest: RESTClient | None = None
        self._lifecycle = Lifecycle(name)
        self._server = InteractionServer(
            public_key=public_key,
            app=self,
            fetch_public_key=self._fetch_public_key,
            verifier_process=use_verifier_process()
            if verifier_process is None
            else verifier_process,
            max_timestamp_skew=max_timestamp_skew,
        )
        self._startup_callbacks: list[Callable[[typing.Any], Awaitable[None]]] = []
        self._shutdown_callbacks: list[Callable[[typing.Any], Awaitable[None]]] = []

    def __repr__(self) -> str:
        return f"{type(self).__name__}(state={self._lifecycle.state.value!r})"

    def health(self) -> Health:
        """Liveness and readiness now (`anycord.bots.health`): live while the bot's tree runs,
        ready once started and serving, until close begins."""
        return assess(self._lifecycle.state)

    def _routes(
        self, serve_health: bool, metrics: Callable[[], tuple[str, bytes]] | None
    ) -> dict[str, Route]:
        routes = health_routes(self.health, metrics=metrics) if serve_health else {}
        if metrics is not None and not serve_health:
            routes["/metrics"] = metrics_route(metrics)
        return routes

    # -- properties --------------------------------------------------------------------------

    @property
    def rest(self) -> RESTClient:
        """The REST client (available while the bot runs)."""
        if self._rest is None:
            msg = f"{type(self).__name__} is not running; its REST client exists only while it runs"
            raise ComponentStateConflictError(msg)
        return self._rest

    def print_banner(self) -> None:
        """Print the start-up banner (unless `banner=None`); `start()` does it first."""
        logs_module.print_banner(self._banner)

    @property
    def interaction_server(self) -> InteractionServer:
        """The framework-free interaction server."""
        return self._server

    @property
    def executor(self) -> concurrent.futures.Executor | None:
        """The executor given to the constructor: accepted for compatibility with hikari and
        unused (file reads run in AnyIO's worker threads)."""
        return self._executor

    @property
    def http_settings(self) -> HTTPSettings:
        """The HTTP settings the REST client uses (defaults when none were given)."""
        return typing.cast("HTTPSettings", self._rest_options["http_settings"])

    @property
    def proxy_settings(self) -> ProxySettings:
        """The proxy settings the REST client uses (defaults when none were given)."""
        return typing.cast("ProxySettings", self._rest_options["proxy_settings"])

    @property
    def is_alive(self) -> bool:
        """Whether the bot's tree is running."""
        return self._lifecycle.is_alive

    # -- interactions ------------------------------------------------------------------------

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        """Answer one interaction request (see `InteractionServer.on_interaction`)."""
        return await self._server.on_interaction(body, signature, timestamp)

    def set_listener(
        self,
        interaction_type: type[_T],
        listener: ListenerT[_T] | None,
        /,
        *,
        replace: bool = False,
    ) -> None:
        """Set the listener for an interaction class (see `InteractionServer.set_listener`)."""
        self._server.set_listener(interaction_type, listener, replace=replace)

    def get_listener(self, interaction_type: type[_T], /) -> ListenerT[_T] | None:
        """The listener for exactly this interaction class."""
        return self._server.get_listener(interaction_type)

    # -- callbacks ---------------------------------------------------------------------------

    def add_startup_callback(self, callback: Callable[[typing.Any], Awaitable[None]], /) -> None:
        """Run `await callback(bot)` at startup, after REST opened (adding twice is a no-op)."""
        if callback not in self._startup_callbacks:
            self._startup_callbacks.append(callback)

    def remove_startup_callback(self, callback: Callable[[typing.Any], Awaitable[None]], /) -> None:
        """Remove a startup callback (`ValueError` if unknown)."""
        self._startup_callbacks.remove(callback)

    def add_shutdown_callback(self, callback: Callable[[typing.Any], Awaitable[None]], /) -> None:
        """Run `await callback(bot)` at shutdown, before REST closes (adding twice is a no-op)."""
        if callback not in self._shutdown_callbacks:
            self._shutdown_callbacks.append(callback)

    def remove_shutdown_callback(
        self, callback: Callable[[typing.Any], Awaitable[None]], /
    ) -> None:
        """Remove a shutdown callback (`ValueError` if unknown)."""
        self._shutdown_callbacks.remove(callback)

    @property
    def on_startup(self) -> Sequence[Callable[[typing.Any], Awaitable[None]]]:
        """hikari's name for `startup_callbacks`."""
        return self.startup_callbacks

    @property
    def on_shutdown(self) -> Sequence[Callable[[typing.Any], Awaitable[None]]]:
        """hikari's name for `shutdown_callbacks`."""
        return self.shutdown_callbacks

    @property
    def startup_callbacks(self) -> Sequence[Callable[[typing.Any], Awaitable[None]]]:
        """The startup callbacks, in order."""
        return tuple(self._startup_callbacks)

    @property
    def shutdown_callbacks(self) -> Sequence[Callable[[typing.Any], Awaitable[None]]]:
        """The shutdown callbacks, in order."""
        return tuple(self._shutdown_callbacks)

    # -- shared machinery --------------------------------------------------------------------

    async def _fetch_public_key(self) -> bytes | str:
        # Typed loosely: R1's application endpoints land in a later module.
        rest: typing.Any = self.rest
        if self._token_type.lower() == "bearer":
            authorization = await rest.fetch_authorization()
            return _public_key_of(authorization.application)
        return _public_key_of(await rest.fetch_application())

    async def _run_startup_callbacks(self) -> None:
        for callback in self._startup_callbacks:
            await callback(self)

    async def _run_shutdown_callbacks(self, deadline: float) -> None:
        # Every callback runs even if an earlier one failed; the first error is raised after.
        error: BaseException | None = None
        with anyio.CancelScope(shield=True), anyio.move_on_after(deadline):
            for callback in self._shutdown_callbacks:
                try:
                    await callback(self)
                except Exception as exc:
                    _LOGGER.exception("a shutdown callback failed")
                    error = error or exc
        if error is not None:
            raise error

    def _acquire_rest(self) -> RESTClient:
        # A REST client runs once; every start of the bot gets a fresh one.
        return RESTClient(self._token, self._token_type, app=self, **self._rest_options)


class RESTBot(RESTBotBase):
    """An HTTP-interactions bot served by hypercorn inside its own task tree.

    Args:
        token: the bot token (or an `anycord.rest.tokens.TokenStrategy`).
        token_type: `"Bot"` (default) or `"Bearer"`.
        public_key: the application's Ed25519 public key (hex or bytes); fetched from
            `GET /applications/@me` (or `/oauth2/@me` for Bearer) at start when omitted.
        executor: the REST client's option, as in `RESTApp`.
        http_settings: the REST client's option, as in `RESTApp`.
        max_rate_limit: the REST client's option, as in `RESTApp`.
        max_retries: the REST client's option, as in `RESTApp`.
        proxy_settings: the REST client's option, as in `RESTApp`.
        rest_url: the REST client's option, as in `RESTApp`.
        max_body_size: the largest interaction body accepted (413 above it).
        verifier_process: check request signatures in a helper process while the bot runs
            (see `anycord.interactions.verifier`): the Ed25519 check is over half of a
            request's cost, and this moves it off the event loop's core. `None` (default)
            turns it on where it pays off: POSIX, not a frozen app, two or more usable CPUs
            (affinity and container CPU quota).
            Every request is fully checked either way.
        allow_color: logging set-up, as for `GatewayBot`: colour when the terminal supports it.
        force_color: logging set-up, as for `GatewayBot`: colour always.
        logs: logging set-up, as for `GatewayBot` (`None` leaves logging alone; see
            docs/logging.md).
        banner: the banner printed on start (`None` for none).
        serve_health: answer `GET`/`HEAD` `/livez`, `/healthz` and `/readyz` on the
            interaction server (`health()`; the server's limits apply to them as to any
            request); `False`: those paths are 404 like any other.
        metrics: also answer `GET /metrics` with this exposition (`() -> (content_type,
            body)`, for example `anycord.metrics.exposition` bound to a registry).
    """

    def __init__(
        self,
        token: str | TokenStrategy,
        token_type: str | None = None,
        public_key: bytes | str | None = None,
        *,
        executor: concurrent.futures.Executor | None = None,
        http_settings: HTTPSettings | None = None,
        max_rate_limit: float = 300.0,
        max_retries: int = 3,
        proxy_settings: ProxySettings | None = None,
        rest_url: str | None = None,
        max_body_size: int = 1024**2,
        verifier_process: bool | None = None,
        max_timestamp_skew: float | None = None,
        allow_color: bool = True,
        banner: str | None = "anycord",
        force_color: bool = False,
        logs: int | str | dict[str, typing.Any] | None = "INFO",
        serve_health: bool = True,
        metrics: Callable[[], tuple[str, bytes]] | None = None,
    ) -> None:
        super().__init__(
            token,
            token_type,
            public_key,
            executor=executor,
            http_settings=http_settings,
            max_rate_limit=max_rate_limit,
            max_retries=max_retries,
            proxy_settings=proxy_settings,
            rest_url=rest_url,
            name="RESTBot",
            verifier_process=verifier_process,
            max_timestamp_skew=max_timestamp_skew,
            allow_color=allow_color,
            banner=banner,
            force_color=force_color,
            logs=logs,
        )
        self._adapter = AsgiAdapter(
            self._server,
            executor=executor,
            max_body_size=max_body_size,
            routes=self._routes(serve_health, metrics),
        )
        self._addresses: list[str] = []
        self._own_group: anyio.abc.TaskGroup | None = None

    @property
    def adapter(self) -> AsgiAdapter:
        """The ASGI app hypercorn serves."""
        return self._adapter

    @property
    def addresses(self) -> Sequence[str]:
        """The URLs the bot listens on (`http://127.0.0.1:8080`, `unix:/path`), while running."""
        return tuple(self._addresses)

    async def start(
        self,
        host: str | Sequence[str] | None = None,
        port: int | None = None,
        *,
        path: str | os.PathLike[str] | None = None,
        socket: socket_module.socket | None = None,
        ssl_context: ssl.SSLContext | None = None,
        backlog: int = 128,
        reuse_address: bool | None = None,
        reuse_port: bool | None = None,
        shutdown_timeout: float = 60.0,
        http_server: HTTPServerKind = "builtin",
        keep_alive_timeout: float | None = None,
        request_timeout: float = 10.0,
        max_connections: int | None = None,
        check_for_updates: bool = False,
        task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        """Run the bot until `close()`; ready (`task_status.started()`) once the sockets listen.

        Args:
            host: the host(s) to listen on; with `port` unset, port 8080.
            port: the TCP port (`0`: any free port; see `addresses`).
            path: a Unix socket path to listen on.
            socket: an already bound socket to listen on.
            ssl_context: serve HTTPS with this context.
            backlog: the listen backlog.
            reuse_address: `SO_REUSEADDR` (default on).
            reuse_port: `SO_REUSEPORT`.
            shutdown_timeout: how long in-flight requests, generator listeners and shutdown
                callbacks each get at close before they are cancelled.
            http_server: `"builtin"` (default): anycord's HTTP/1.1 server, made for Discord's
                requests and several times faster than a general server; `"hypercorn"`:
                hypercorn (HTTP/2 with TLS, and the full ASGI stack), on the same backend.
            keep_alive_timeout: seconds an idle keep-alive connection stays open; `None`:
                the server's default (75 s built-in, which outlasts the idle timeouts of
                Discord's and common proxies' connection pools; 5 s hypercorn).
            request_timeout: seconds a request may take to arrive once its first byte has
                (hypercorn: its body, once its head has; built-in server: also how long a
                client may take to read the response, and a new connection to send its
                first byte). At `close()`, a body still arriving is cut (hypercorn: 503 at
                once; built-in: the connection closes within a second).
            max_connections: built-in server only: the most connections open at once; beyond
                it new ones are answered 503 without being read, and closed, while the open
                ones are served. `None`: half the open-file limit, at most 4096
                (`anycord.interactions.http11.default_max_connections`).
            check_for_updates: accepted for hikari compatibility; ignored (anycord never
                phones home).

        Raises `ComponentStateConflictError` if the bot is already running; any error from
        the REST client, a startup callback or binding propagates after cleanup.
        """
        if http_server not in ("builtin", "hypercorn"):
            msg = f"http_server must be 'builtin' or 'hypercorn', not {http_server!r}"
            raise ValueError(msg)
        if keep_alive_timeout is not None and not keep_alive_timeout > 0:
            msg = (
                f"keep_alive_timeout must be a positive number of seconds, not {keep_alive_timeout}"
            )
            raise ValueError(msg)
        if not request_timeout > 0:
            msg = f"request_timeout must be a positive number of seconds, not {request_timeout}"
            raise ValueError(msg)
        if max_connections is not None and max_connections < 1:
            msg = f"max_connections must be at least 1, not {max_connections}"
            raise ValueError(msg)
        if keep_alive_timeout is None:
            keep_alive_timeout = 75.0 if http_server == "builtin" else 5.0

        async with self._lifecycle.running():
            self.print_banner()
            error: BaseException | None = None
            async with self._acquire_rest() as rest:
                self._rest = rest
                try:
                    await self._server.ensure_public_key()
                    await self._run_startup_callbacks()
                    try:
                        sockets = bind_sockets(
                            host=host,
                            port=port,
                            path=path,
                            socket=socket,
                            backlog=backlog,
                            reuse_address=reuse_address,
                            reuse_port=reuse_port,
                        )
                        async with (
                            self._server.run(shutdown_timeout=shutdown_timeout),
                            anyio.create_task_group() as tg,
                        ):
                            if http_server == "builtin":
                                server = functools.partial(
                                    serve_http11,
                                    self._adapter,
                                    request_timeout=request_timeout,
                                    keep_alive_timeout=keep_alive_timeout,
                                    max_connections=max_connections,
                                )
                            else:
                                server = functools.partial(
                                    serve,
                                    self._adapter,
                                    backlog=backlog,
                                    keep_alive_timeout=keep_alive_timeout,
                                    request_timeout=request_timeout,
                                )
                            self._addresses = await tg.start(
                                functools.partial(
                                    server,
                                    shutdown_trigger=self._wait_for_close,
                                    sockets=sockets,
                                    ssl_context=ssl_context,
                                    shutdown_timeout=shutdown_timeout,
                                )
                            )
                            _LOGGER.info("RESTBot listening on %s", ", ".join(self._addresses))
                            self._lifecycle.mark_ready()
                            task_status.started()
                            await self._lifecycle.wait_for_close_request()
                            # hypercorn's graceful phase is bounded by shutdown_timeout;
                            # this is the backstop if it overruns.
                            deadline = anyio.current_time() + shutdown_timeout + 1.0
                            tg.cancel_scope.deadline = deadline
                    finally:
                        self._addresses = []
                        await self._run_shutdown_callbacks(shutdown_timeout)
                except Exception as exc:
                    # Raised outside the REST client's task group, so the caller gets the
                    # error itself rather than an exception group around it.
                    error = single_error(exc)
                finally:
                    self._rest = None
            if error is not None:
                raise error
        if self._lifecycle.error is None:
            _LOGGER.info("RESTBot closed")

    async def _wait_for_close(self) -> None:
        await self._lifecycle.wait_for_close_request()

    async def close(self) -> None:
        """Close gracefully and wait until the bot's tree has exited.

        Raises `ComponentStateConflictError` if the bot is not running.
        """
        self._lifecycle.request_close()
        await self._lifecycle.join()

    async def join(self) -> None:
        """Wait until the bot's tree has exited (`ComponentStateConflictError` if never started)."""
        await self._lifecycle.join()

    def run(
        self,
        host: str | Sequence[str] | None = None,
        port: int | None = None,
        *,
        path: str | os.PathLike[str] | None = None,
        socket: socket_module.socket | None = None,
        ssl_context: ssl.SSLContext | None = None,
        backlog: int = 128,
        reuse_address: bool | None = None,
        reuse_port: bool | None = None,
        shutdown_timeout: float = 60.0,
        http_server: HTTPServerKind = "builtin",
        keep_alive_timeout: float | None = None,
        request_timeout: float = 10.0,
        max_connections: int | None = None,
        backend: Backend | None = None,
        propagate_interrupts: bool = False,
        asyncio_debug: bool = False,
        coroutine_tracking_depth: int | None = None,
        check_for_updates: bool = False,
        close_passed_executor: bool = False,
        enable_signal_handlers: bool | None = None,
    ) -> None:
        """Start the bot on a new event loop and block until it closes (SIGINT/SIGTERM close it).

        The server arguments are `start()`'s. `backend`: `"asyncio"` or `"trio"`; `None` reads
        `ANYCORD_BACKEND` (default asyncio). `enable_signal_handlers=False` leaves signals alone
        (`None`, the default, handles them; only possible in the main thread), so `run()` also
        works in another thread. `close_passed_executor=True` shuts the constructor's
        `executor` down once the bot has closed. `check_for_updates` is accepted for hikari
        compatibility and does nothing: anycord never phones home.
        """
        start = functools.partial(
            self.start,
            host,
            port,
            path=path,
            socket=socket,
            ssl_context=ssl_context,
            backlog=backlog,
            reuse_address=reuse_address,
            reuse_port=reuse_port,
            shutdown_timeout=shutdown_timeout,
            http_server=http_server,
            keep_alive_timeout=keep_alive_timeout,
            request_timeout=request_timeout,
            max_connections=max_connections,
            check_for_updates=check_for_updates,
        )
        run_blocking(
            start,
            self._lifecycle.request_close,
            backend=backend,
            propagate_interrupts=propagate_interrupts,
            asyncio_debug=asyncio_debug,
            coroutine_tracking_depth=coroutine_tracking_depth,
            handle_signals=enable_signal_handlers is not False,
            close_executor=self._executor if close_passed_executor else None,
        )

    async def __aenter__(self) -> RESTBot:
        group = anyio.create_task_group()
        await group.__aenter__()
        try:
            await group.start(self.start)
        except BaseException as exc:
            await group.__aexit__(type(exc), exc, exc.__traceback__)
            raise
        self._own_group = group
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        group, self._own_group = self._own_group, None
        assert group is not None
        if self._lifecycle.is_alive and not self._lifecycle.is_closing:
            self._lifecycle.request_close()
        return await group.__aexit__(exc_type, exc, tb)
