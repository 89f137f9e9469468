"""`FakeDiscord`: the REST app, the gateway and the interaction sender over one world.

```python
async with FakeDiscord() as fake:
    guild = fake.add_guild(name="g", members=3, channels=2)
    ...  # point a bot at fake.rest_url / fake.gateway_url with fake.token
```

Entering starts hypercorn (REST, `rest_url`) and the gateway (`gateway_url`) on 127.0.0.1
with OS-chosen ports, as children of the fake's own task group, under whichever backend is
running (asyncio or Trio). Leaving stops both and returns once every task has exited. All
timing (rate-limit windows, latency, heartbeats) reads `anyio.current_time()`, so a virtual
clock drives the whole fake. `rest_over_tcp=False` skips the REST listener: use
`httpx.ASGITransport(app=fake.asgi_app)` then.
"""

from __future__ import annotations

import logging
import socket
import typing

import anyio

from anycord.snowflakes import Snowflake
from anycord.testing.gateway import FakeGateway
from anycord.testing.interactions import InteractionSender
from anycord.testing.rest_app import FakeRestApp
from anycord.testing.rest_oauth2 import grant_code
from anycord.testing.world import World

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from types import TracebackType

    from anycord.testing.world import Payload

__all__ = ["FakeDiscord"]

_LOGGER = logging.getLogger("anycord.testing")


_P = typing.ParamSpec("_P")
_R = typing.TypeVar("_R")


class _ToWorld(typing.Generic[_P, _R]):
    """A `FakeDiscord` method that is its world's method of the same name: one signature,
    one set of defaults and one docstring (`World`'s), so the two cannot drift apart."""

    def __init__(self, method: Callable[typing.Concatenate[World, _P], _R]) -> None:
        self.__doc__ = method.__doc__
        self._name = method.__name__

    @typing.overload
    def __get__(self, instance: None, owner: type[object]) -> typing.Self: ...

    @typing.overload
    def __get__(self, instance: FakeDiscord, owner: type[object]) -> Callable[_P, _R]: ...

    def __get__(
        self, instance: FakeDiscord | None, owner: type[object]
    ) -> typing.Self | Callable[_P, _R]:
        if instance is None:
            return self
        return typing.cast("Callable[_P, _R]", getattr(instance.world, self._name))


class FakeDiscord:
    """A Discord emulator on loopback (see the module docstring).

    `global_rate_limit` is the REST global limit in requests per second per token (Discord's
    50 by default; match a bot's `HTTPSettings.global_rate_limit`; 0 turns it off).
    """

    def __init__(
        self,
        *,
        max_concurrency: int = 1,
        shard_count: int = 1,
        session_start_limit: int = 1000,
        heartbeat_interval: float = 41.25,
        rest_over_tcp: bool = True,
        host: str = "127.0.0.1",
        rest_port: int = 0,
        gateway_port: int = 0,
        gateway_options: typing.Mapping[str, typing.Any] | None = None,
        global_rate_limit: int = 50,
    ) -> None:
        self.world = World(shard_count=shard_count)
        self.world.max_concurrency = max_concurrency
        self.world.session_start_total = self.world.session_start_remaining = session_start_limit
        self.rest = FakeRestApp(self.world)
        """The REST side: `requests`, `stats`, `limit()`, `stub()`, `fail_next()`, `latency`."""
        self.rest.global_limit = global_rate_limit
        self.interactions = InteractionSender(self.world)
        """The signed interaction sender."""
        self.world.application["verify_key"] = self.interactions.public_key
        self.gateway = FakeGateway(
            self.world,
            shard_count=shard_count,
            max_concurrency=max_concurrency,
            session_start_limit=session_start_limit,
            heartbeat_interval=heartbeat_interval,
            host=host,
            port=gateway_port,
            **(gateway_options or {}),
        )
        """The gateway: `dispatch()`, `connections`, `identify_log`, close codes, zombie mode."""
        self._host = host
        self._rest_port = rest_port
        self._rest_over_tcp = rest_over_tcp
        self.rest_url = f"http://{host}/api/v10"
        """The REST base URL: `http://127.0.0.1:<port>/api/v10` once entered."""
        self._tg: anyio.abc.TaskGroup | None = None
        self._rest_stop = anyio.Event()
        self._rest_done = anyio.Event()

    # -- identity -------------------------------------------------------------------------

    @property
    def token(self) -> str:
        """The bot token this fake accepts (anything else gets 401 / close 4004)."""
        return self.world.token

    @property
    def application_id(self) -> Snowflake:
        """The bot's application id."""
        return Snowflake(self.world.application_id)

    @property
    def bot_user(self) -> Payload:
        """The bot's user payload."""
        return self.world.bot_user

    @property
    def public_key(self) -> str:
        """Hex Ed25519 public key the interaction sender signs with."""
        return self.interactions.public_key

    @property
    def asgi_app(self) -> FakeRestApp:
        """The REST ASGI app, for `httpx.ASGITransport(app=fake.asgi_app)`."""
        return self.rest

    @property
    def gateway_url(self) -> str:
        """`ws://127.0.0.1:<port>` once entered (what GET /gateway/bot returns)."""
        return self.world.gateway_url

    # -- scenario API (synchronous; each returns the stored payload) -----------------------

    add_user = _ToWorld(World.add_user)
    add_guild = _ToWorld(World.add_guild)
    add_channel = _ToWorld(World.add_channel)
    add_member = _ToWorld(World.add_member)
    add_role = _ToWorld(World.add_role)
    add_message = _ToWorld(World.add_message)
    add_webhook = _ToWorld(World.add_webhook)
    add_command = _ToWorld(World.add_command)

    def authorize(
        self,
        user_id: int | str,
        *,
        scopes: Sequence[str] = ("identify",),
        redirect_uri: str = "http://localhost:8080",
        code_challenge: str | None = None,
    ) -> str:
        """The OAuth2 code Discord would send to `redirect_uri` once `user_id` authorised the
        application (for `rest.authorize_access_token`; `code_challenge`: PKCE, S256)."""
        return grant_code(
            self.world,
            int(user_id),
            scopes=scopes,
            redirect_uri=redirect_uri,
            code_challenge=code_challenge,
            now=anyio.current_time(),
        )

    def dm_channel(self, user_id: int | str) -> Payload:
        """The bot's DM channel with a user."""
        return self.world.dm_channel(user_id)

    # -- lifecycle --------------------------------------------------------------------------

    async def __aenter__(self) -> FakeDiscord:
        if self._tg is not None:
            msg = "this FakeDiscord is already running"
            raise RuntimeError(msg)
        tg = anyio.create_task_group()
        await tg.__aenter__()
        self._tg = tg
        try:
            if self._rest_over_tcp:
                self.rest_url = await tg.start(self._serve_rest)
            else:
                self._rest_done.set()
            self.world.gateway_url = await tg.start(self.gateway.serve)
            self.world.gateway_bot = self.gateway.gateway_bot_payload
        except BaseException:
            tg.cancel_scope.cancel()
            await tg.__aexit__(None, None, None)
            self._tg = None
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        tg = self._tg
        assert tg is not None
        self._rest_stop.set()
        with anyio.CancelScope(shield=True), anyio.move_on_after(5):
            await self._rest_done.wait()
        tg.cancel_scope.cancel()
        self._tg = None
        # The body's own exception propagates as is (not wrapped in an ExceptionGroup): the
        # fake's tasks only ever end by this cancellation unless they failed themselves.
        await tg.__aexit__(None, None, None)
        return None

    async def _serve_rest(self, *, task_status: anyio.abc.TaskStatus[str]) -> None:
        try:
            from hypercorn.config import Config
        except ImportError:
            msg = (
                "FakeDiscord serves REST over TCP with hypercorn: install anycord[server], or "
                "pass rest_over_tcp=False and use httpx.ASGITransport(app=fake.asgi_app)"
            )
            raise RuntimeError(msg) from None

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self._host, self._rest_port))
            sock.listen(128)
        except BaseException:
            sock.close()
            raise
        port = sock.getsockname()[1]
        config = Config()
        config.bind = [f"fd://{sock.detach()}"]
        config.graceful_timeout = 1.0
        config.accesslog = None
        config.errorlog = logging.getLogger("anycord.testing.hypercorn")
        config.include_server_header = False
        try:
            import sniffio  # Trio depends on it: without it, this must be asyncio
        except ImportError:
            on_trio = False
        else:
            on_trio = sniffio.current_async_library() == "trio"
        if on_trio:
            from hypercorn.trio import serve
        else:
            from hypercorn.asyncio import serve  # type: ignore[assignment]
        try:
            task_status.started(f"http://{self._host}:{port}/api/v10")
            app: typing.Any = self.rest
            await serve(app, config, shutdown_trigger=self._rest_stop.wait)
        finally:
            self._rest_done.set()
