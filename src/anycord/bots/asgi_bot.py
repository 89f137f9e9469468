"""`AsgiBot`: an HTTP-interactions bot that is itself an ASGI 3 application.

```python
bot = anycord.AsgiBot("TOKEN", "Bot", public_key="…hex…")
bot.set_listener(anycord.CommandInteraction, on_command)
# hypercorn module:bot   /   uvicorn module:bot   /   mount `bot` inside another ASGI app
```

With `asgi_managed=True` (the default) the ASGI server's lifespan drives the bot:
`lifespan.startup` opens the REST client, fetches the public key if it was not given, then
runs the bot's startup callbacks in order; `lifespan.shutdown` lets generator listeners
finish, runs **every** shutdown callback in order, and then closes the REST client. The
server's own task (hypercorn's or uvicorn's lifespan task, on asyncio or Trio) holds the
bot's tree for that whole time. `start`, `close` and `run` raise `ComponentStateConflictError`
in this mode.

With `asgi_managed=False` the application drives it: `await tg.start(bot.start)` opens REST
and runs the startup callbacks (ready = both done), `await bot.close()` runs the shutdown
callbacks and closes REST; the ASGI server then only sends requests.

Signatures are checked inline by default (`verifier_process=False`): the ASGI server decides
how many processes serve, so the bot does not add one of its own unless asked
(`verifier_process=True`, or `None` for the same choice `RESTBot` makes; see
`anycord.interactions.verifier`).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import typing

import anyio

from anycord._groups import single_error
from anycord.bots.rest_bot import RESTBotBase
from anycord.bots.run import run_blocking
from anycord.errors import ComponentStateConflictError
from anycord.interactions.asgi import AsgiAdapter

if typing.TYPE_CHECKING:
    import concurrent.futures
    from collections.abc import Callable

    from anycord.bots.run import Backend
    from anycord.config import HTTPSettings, ProxySettings
    from anycord.interactions.asgi import Receive, Scope, Send
    from anycord.rest.tokens import TokenStrategy

__all__ = ["AsgiBot"]

_LOGGER = logging.getLogger("anycord.bots.asgi")

_MANAGED = "AsgiBot is managed by ASGI lifespan events (asgi_managed=True); its server starts it"


class AsgiBot(RESTBotBase):
    """An HTTP-interactions bot as an ASGI app (see the module docstring for the two modes).

    `allow_color`, `banner`, `force_color` and `logs` are `RESTBot`'s logging options: the
    banner is printed when the bot starts (lifespan startup, or `start()`), and it logs
    `AsgiBot ready` and `AsgiBot closed` at INFO on `anycord.bots.asgi`.

    `serve_health` and `metrics` are `RESTBot`'s: `/livez`, `/healthz`, `/readyz` (and
    `/metrics`) answered by the app itself, beside the interaction path (`health()`: ready
    once lifespan startup, or `start()`, has finished, until shutdown begins).
    """

    def __init__(
        self,
        token: str | TokenStrategy,
        token_type: str | None = None,
        public_key: bytes | str | None = None,
        *,
        asgi_managed: bool = True,
        executor: concurrent.futures.Executor | None = None,
        http_settings: HTTPSettings | None = None,
        max_body_size: int = 1024**2,
        max_rate_limit: float = 300.0,
        max_retries: int = 3,
        proxy_settings: ProxySettings | None = None,
        rest_url: str | None = None,
        shutdown_timeout: float = 60.0,
        verifier_process: bool | None = False,
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
            name="AsgiBot",
            verifier_process=verifier_process,
            max_timestamp_skew=max_timestamp_skew,
            allow_color=allow_color,
            banner=banner,
            force_color=force_color,
            logs=logs,
        )
        self._asgi_managed = asgi_managed
        self._shutdown_timeout = shutdown_timeout
        self._adapter = AsgiAdapter(
            self._server,
            executor=executor,
            max_body_size=max_body_size,
            shutdown_timeout=shutdown_timeout,
            routes=self._routes(serve_health, metrics),
        )
        self._stack: contextlib.AsyncExitStack | None = None
        if asgi_managed:
            self._adapter.add_startup_callback(self._lifespan_startup)
            self._adapter.add_shutdown_callback(self._lifespan_shutdown)

    @property
    def adapter(self) -> AsgiAdapter:
        """The ASGI adapter this bot delegates to."""
        return self._adapter

    @property
    def is_asgi_managed(self) -> bool:
        """Whether ASGI lifespan events start and close the bot."""
        return self._asgi_managed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI 3 entry point."""
        await self._adapter(scope, receive, send)

    # -- lifespan-managed --------------------------------------------------------------------

    async def _open(self, stack: contextlib.AsyncExitStack) -> None:
        await stack.enter_async_context(self._lifecycle.running())
        self.print_banner()
        stack.callback(_LOGGER.info, "AsgiBot closed")
        self._rest = await stack.enter_async_context(self._acquire_rest())
        stack.callback(self._forget_rest)
        await self._server.ensure_public_key()

    def _forget_rest(self) -> None:
        self._rest = None

    async def _lifespan_startup(self) -> None:
        stack = contextlib.AsyncExitStack()
        try:
            await self._open(stack)
            await self._run_startup_callbacks()
            self._lifecycle.mark_ready()
            _LOGGER.info("AsgiBot ready: serving interactions through its ASGI server")
        except BaseException:
            # Not under a shield scope: the stack holds the REST client's task group, which
            # must be exited from the scope it was entered in.
            await stack.aclose()
            raise
        self._stack = stack

    async def _lifespan_shutdown(self) -> None:
        stack, self._stack = self._stack, None
        if stack is None:
            return
        if self._lifecycle.is_alive and not self._lifecycle.is_closing:
            self._lifecycle.request_close()
        try:
            await self._run_shutdown_callbacks(self._shutdown_timeout)
        finally:
            await stack.aclose()

    # -- application-managed -----------------------------------------------------------------

    async def start(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        """Run the bot until `close()` (only with `asgi_managed=False`).

        Ready (`task_status.started()`) once REST is open and the startup callbacks ran.
        """
        if self._asgi_managed:
            raise ComponentStateConflictError(_MANAGED)
        async with self._lifecycle.running():
            self.print_banner()
            error: BaseException | None = None
            async with self._acquire_rest() as rest:
                self._rest = rest
                try:
                    await self._server.ensure_public_key()
                    await self._run_startup_callbacks()
                    try:
                        async with self._server.run(shutdown_timeout=self._shutdown_timeout):
                            self._lifecycle.mark_ready()
                            _LOGGER.info("AsgiBot ready: serving interactions through ASGI")
                            task_status.started()
                            await self._lifecycle.wait_for_close_request()
                    finally:
                        await self._run_shutdown_callbacks(self._shutdown_timeout)
                except Exception as exc:
                    # Re-raised below, outside the REST client's task group.
                    error = single_error(exc)
                finally:
                    self._rest = None
            if error is not None:
                raise error
        _LOGGER.info("AsgiBot closed")

    async def close(self) -> None:
        """Close and wait for the tree to exit (only with `asgi_managed=False`)."""
        if self._asgi_managed:
            raise ComponentStateConflictError(_MANAGED)
        self._lifecycle.request_close()
        await self._lifecycle.join()

    async def join(self) -> None:
        """Wait until the bot has closed."""
        await self._lifecycle.join()

    def run(
        self,
        *,
        backend: Backend = "asyncio",
        propagate_interrupts: bool = False,
        asyncio_debug: bool = False,
        coroutine_tracking_depth: int | None = None,
    ) -> None:
        """Run `start()` on a new event loop until a signal (only with `asgi_managed=False`)."""
        if self._asgi_managed:
            raise ComponentStateConflictError(_MANAGED)

        run_blocking(
            functools.partial(self.start),
            self._lifecycle.request_close,
            backend=backend,
            propagate_interrupts=propagate_interrupts,
            asyncio_debug=asyncio_debug,
            coroutine_tracking_depth=coroutine_tracking_depth,
        )
