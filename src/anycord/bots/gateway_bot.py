"""`GatewayBot`: REST, shards, the dispatcher, the cache and voice, as one task tree.

```
GatewayBot.start()                    the bot's task group (its lifetime)
├── rest        RESTClient.run        bucket expiry; requests run in the caller's task
├── dispatcher  EventManager.run      one task per listener call, bounded
├── voice       VoiceComponent.run    third-party voice connections
└── shards      ShardRunner.run       LocalShards by default (`anycord.bots.shards`)
    ├── shard 0 GatewayShard.run      connection loop → reader, heartbeater
    └── shard n …
```

Shards feed the dispatcher directly (it is their sink); what the bot itself needs from the
gateway (its user id from READY, voice server/state updates, member chunking) it takes as a
raw subscriber of the dispatcher (`EventManager.subscribe_raw`), off the per-event path.

Start-up: REST and the dispatcher start; `StartingEvent` is dispatched and awaited; GET
/gateway/bot gives the URL, the recommended shard count and the session budget; the shards
start together (through the shard runner) and identify through one `IdentifyGate`, which lets one shard per
`shard_id % max_concurrency` bucket identify per 5 s (the same gate governs every later
re-identify); once every shard is READY, `StartedEvent` is dispatched and awaited and
`task_status.started()` reports the bot ready.

Close (see docs/lifecycle.md): `StoppingEvent` (awaited) → voice connections disconnect and
leave → shards close with 1001 → listeners get `close_grace` seconds then are cancelled →
REST → cache cleared → `StoppedEvent` → the tree exits. A fatal shard error (4004,
4010–4014) cancels the tree and is raised from `start()` itself, not as an exception group.
"""

from __future__ import annotations

import contextvars
import logging
import math
import typing

import anyio

from anycord import errors
from anycord import logs as logs_module
from anycord._groups import single_error
from anycord.bots.bot_arguments import validate_shards, warn_about_activity
from anycord.bots.gateway_hooks import GatewayHooks
from anycord.bots.health import Health, assess
from anycord.bots.lifecycle import Lifecycle
from anycord.bots.run import Backend, run_blocking
from anycord.bots.shards import LocalShards, ShardRunner, ShardSetup
from anycord.cache import Cache
from anycord.config import CacheSettings, HTTPSettings, ProxySettings
from anycord.dispatch.manager import EventManager
from anycord.events.lifetime import StartedEvent, StartingEvent, StoppedEvent, StoppingEvent
from anycord.gateway import commands as gateway_commands
from anycord.gateway.protocol import DEFAULT_HELLO_TIMEOUT, DEFAULT_READY_TIMEOUT
from anycord.intents import Intents
from anycord.rest.client import RESTClient
from anycord.snowflakes import Snowflake, SnowflakeishOr, calculate_shard_id, to_snowflake
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr
from anycord.voice.component import VoiceComponent

if typing.TYPE_CHECKING:
    import concurrent.futures
    import datetime
    import types
    from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence

    import httpx

    from anycord.bots.health_server import HealthServer
    from anycord.dispatch.manager import DispatchHandle
    from anycord.dispatch.stream import EventStream
    from anycord.events.base import Event
    from anycord.gateway.identify import IdentifyGate
    from anycord.gateway.shard import GatewayShard
    from anycord.models.presences import Activity, Status
    from anycord.models.users import OwnUser

__all__ = ["GatewayBot"]

_LOGGER = logging.getLogger("anycord.bot")
_EventT = typing.TypeVar("_EventT", bound="Event")
_CallbackT = typing.TypeVar(
    "_CallbackT", bound="Callable[..., Coroutine[typing.Any, typing.Any, None]]"
)
_CLOSE_DEADLINE: typing.Final = 10.0

# Set in start() before anything is spawned, so every task of a bot's tree (shards, listener
# calls, voice) sees its own bot here; a task outside the tree sees another value or none.
_TREE_OF: contextvars.ContextVar[GatewayBot | None] = contextvars.ContextVar(
    "anycord_tree_of", default=None
)


class GatewayBot:
    """A bot on Discord's gateway.

    Args:
        token: the bot token (never logged, printed or put in an exception).
        allow_color: logging set-up: colour when the terminal supports it.
        force_color: logging set-up: colour always.
        logs: logging set-up (`None` leaves logging alone).
        banner: the banner printed on start (`None` for none).
        executor: accepted for compatibility with hikari and otherwise unused (file reads
            run in AnyIO's worker threads); `run()` shuts it down if `close_passed_executor`.
        cache_settings: what the cache stores.
        http_settings: HTTP behaviour, used by REST and the gateway.
        proxy_settings: the proxy, used by REST and the gateway.
        intents: the gateway intents to ask for.
        auto_chunk_members: request every member of large guilds at start-up when the cache
            stores members and the GUILD_MEMBERS intent is set.
        max_rate_limit: REST's longest accepted rate-limit wait (see `RESTClient`).
        max_retries: REST's retries after a 5xx or a connection failure (see `RESTClient`).
        rest_url: another REST base URL (FakeDiscord's in tests).
        http_transport: an httpx transport for REST instead of the network (in-process fakes).
        gateway_compression: `"zlib-stream"`, `"zstd-stream"` (needs `anycord[zstd]`) or `None`.
        identify_gate: coordinate identifies with other processes (the orchestrator);
            default: an in-process gate built from GET /gateway/bot.
        max_in_flight: the dispatcher's bound on concurrent listener calls.
        close_grace: how long in-flight listeners may finish when the bot closes.
        gateway_hello_timeout: how long a shard waits for the websocket to open, and then for
            HELLO (20 s), before it drops the connection and reconnects with backoff.
        gateway_ready_timeout: how long a shard waits for READY/RESUMED after IDENTIFY/RESUME,
            or after the last replayed event of a resume (60 s), before it does the same.
        shard_runner: where the shards come from (`anycord.bots.shards`); default
            `LocalShards`, every shard in this process. The orchestrator's `Bot` passes its
            leased shards.
        health_server: serve `/livez` and `/readyz` (see `health()`) on this
            `anycord.HealthServer`, as the first child of the bot's tree.
    """

    def __init__(
        self,
        token: str,
        *,
        allow_color: bool = True,
        banner: str | None = "anycord",
        executor: concurrent.futures.Executor | None = None,
        force_color: bool = False,
        cache_settings: CacheSettings | None = None,
        http_settings: HTTPSettings | None = None,
        intents: Intents = Intents.ALL_UNPRIVILEGED,
        auto_chunk_members: bool = True,
        logs: int | str | dict[str, typing.Any] | None = "INFO",
        max_rate_limit: float = 300.0,
        max_retries: int = 3,
        proxy_settings: ProxySettings | None = None,
        rest_url: str | None = None,
        http_transport: httpx.AsyncBaseTransport | None = None,
        gateway_compression: typing.Literal["zlib-stream", "zstd-stream"] | None = "zlib-stream",
        identify_gate: IdentifyGate | None = None,
        max_in_flight: int | None = 1000,
        close_grace: float = 5.0,
        gateway_hello_timeout: float = DEFAULT_HELLO_TIMEOUT,
        gateway_ready_timeout: float = DEFAULT_READY_TIMEOUT,
        shard_runner: ShardRunner | None = None,
        health_server: HealthServer | None = None,
    ) -> None:
        if not isinstance(token, str) or not token.strip():
            msg = "token must be a non-empty string"
            raise ValueError(msg)
        logs_module.register_secret(token)
        logs_module.init_logging(logs, allow_color, force_color)
        self._token = token.strip()
        self._banner = banner
        self._executor = executor
        self._intents = Intents(intents)
        self._http_settings = http_settings or HTTPSettings()
        self._proxy_settings = proxy_settings or ProxySettings()
        self._cache_settings = cache_settings or CacheSettings()
        self._rest_options: dict[str, typing.Any] = {
            "http_settings": self._http_settings,
            "proxy_settings": self._proxy_settings,
            "max_rate_limit": max_rate_limit,
            "max_retries": max_retries,
            "rest_url": rest_url,
            "transport": http_transport,
        }
        self._compression = gateway_compression
        self._hello_timeout = gateway_hello_timeout
        self._ready_timeout = gateway_ready_timeout
        self._identify_gate = identify_gate
        self._close_grace = close_grace
        self._lifecycle = Lifecycle("GatewayBot")
        self._cache = Cache(self._cache_settings, app=self)
        self._events = EventManager(
            self,
            cache=self._cache,
            intents=self._intents,
            max_in_flight=max_in_flight,
            grace=close_grace,
        )
        self._rest = self._new_rest()
        self._voice = VoiceComponent(
            self._send_voice_state,
            lambda: self._hooks.user_id,
            self._shard_id_for,
            intents=lambda: self.intents,
        )
        self._runner: ShardRunner = shard_runner or LocalShards()
        self._health_server = health_server
        # The bot's own needs see raw payloads like any subscriber, after the dispatcher.
        self._hooks = GatewayHooks(
            self._events,
            self._voice,
            intents=lambda: self.intents,
            components=self._cache_settings.components,
            auto_chunk_members=auto_chunk_members,
        )
        self._context_tg: anyio.abc.TaskGroup | None = None

    def __repr__(self) -> str:
        state = self._lifecycle.state.value
        return f"GatewayBot(intents={self.intents!r}, shards={self.shard_count}, {state})"

    def _new_rest(self) -> RESTClient:
        return RESTClient(self._token, "Bot", app=self, **self._rest_options)

    # -- properties -------------------------------------------------------------------------

    @property
    def cache(self) -> Cache:
        """The cache (synchronous; updated before listeners see each event)."""
        return self._cache

    @property
    def event_manager(self) -> EventManager:
        """The dispatcher."""
        return self._events

    @property
    def rest(self) -> RESTClient:
        """The REST client."""
        return self._rest

    @property
    def voice(self) -> VoiceComponent:
        """The voice component."""
        return self._voice

    @property
    def shards(self) -> Mapping[int, GatewayShard]:
        """The shards this process runs, by id (read-only)."""
        return self._runner.shards

    @property
    def shard_count(self) -> int:
        """The total number of shards of the bot (0 before start)."""
        return self._runner.shard_count

    @property
    def intents(self) -> Intents:
        """The intents the shards identify with."""
        runner_intents = self._runner.intents
        return self._intents if runner_intents is None else runner_intents

    @property
    def shard_runner(self) -> ShardRunner:
        """Where the shards come from (`anycord.bots.shards`)."""
        return self._runner

    @property
    def heartbeat_latencies(self) -> Mapping[int, float]:
        """Each shard's heartbeat latency in seconds (`nan` before its first ACK)."""
        return {shard_id: shard.heartbeat_latency for shard_id, shard in self.shards.items()}

    @property
    def heartbeat_latency(self) -> float:
        """The mean latency of the shards that have one (`nan` when none has)."""
        known = [lat for lat in self.heartbeat_latencies.values() if not math.isnan(lat)]
        return sum(known) / len(known) if known else math.nan

    @property
    def http_settings(self) -> HTTPSettings:
        """HTTP behaviour."""
        return self._http_settings

    @property
    def proxy_settings(self) -> ProxySettings:
        """Proxy settings."""
        return self._proxy_settings

    @property
    def executor(self) -> concurrent.futures.Executor | None:
        """The executor given to the constructor."""
        return self._executor

    @property
    def is_alive(self) -> bool:
        """Whether the bot's tree is running (starting, running or closing)."""
        return self._lifecycle.is_alive

    def health(self) -> Health:
        """Liveness and readiness now (`anycord.bots.health`): ready once started and while
        every shard this process runs is connected; not ready from the moment close begins."""
        return assess(self._lifecycle.state, self._runner.shards)

    def get_me(self) -> OwnUser | None:
        """The bot's own user, from the cache (`None` before READY or without the ME component)."""
        return self._cache.get_me()

    def print_banner(self) -> None:
        """Print the start-up banner (unless `banner=None`)."""
        logs_module.print_banner(self._banner)

    # -- listeners (delegated to the dispatcher) --------------------------------------------

    def listen(self, *event_types: type[Event]) -> Callable[[_CallbackT], _CallbackT]:
        """Decorator: subscribe a listener; types come from its annotation when not given."""
        return self._events.listen(*event_types)

    def subscribe(
        self,
        event_type: type[_EventT],
        callback: Callable[[_EventT], Coroutine[typing.Any, typing.Any, None]],
    ) -> None:
        """Subscribe `callback` to `event_type` and its subclasses."""
        self._events.subscribe(event_type, callback)

    def unsubscribe(
        self,
        event_type: type[_EventT],
        callback: Callable[[_EventT], Coroutine[typing.Any, typing.Any, None]],
    ) -> None:
        """Remove a subscription."""
        self._events.unsubscribe(event_type, callback)

    def get_listeners(
        self, event_type: type[_EventT], *, polymorphic: bool = True
    ) -> Sequence[Callable[[_EventT], Coroutine[typing.Any, typing.Any, None]]]:
        """The listeners that would receive `event_type`."""
        return self._events.get_listeners(event_type, polymorphic=polymorphic)

    def dispatch(self, event: Event) -> DispatchHandle:
        """Dispatch `event` to its listeners; await the result to wait for them."""
        return self._events.dispatch(event)

    async def wait_for(
        self,
        event_type: type[_EventT],
        /,
        timeout: float | None = None,  # noqa: ASYNC109 - hikari's positional convenience over fail_after
        predicate: Callable[[_EventT], bool] | None = None,
    ) -> _EventT:
        """The next `event_type` event matching `predicate` (see `EventManager.wait_for`).

        `timeout` and `predicate` may be given by position, in hikari's order
        (`await bot.wait_for(E, 10, check)`); `timeout` raises `TimeoutError`.
        """
        return await self._events.wait_for(event_type, predicate=predicate, timeout=timeout)

    def stream(
        self,
        event_type: type[_EventT],
        /,
        timeout: float | None = None,
        limit: int | None = 100,
    ) -> EventStream[_EventT]:
        """A bounded stream of `event_type` events (`async with bot.stream(E, 5) as s: ...`).

        `timeout` (seconds without an event) and `limit` (buffer size, `None`: 100) may be
        given by position, in hikari's order.
        """
        return self._events.stream(event_type, timeout, limit)

    # -- gateway commands ------------------------------------------------------------------

    def _shard_count_now(self) -> int:
        count = self._runner.shard_count
        if not count:  # before start(), and again once close() has run
            msg = "the bot has no shards running: gateway commands need a started bot"
            raise errors.ComponentStateConflictError(msg)
        return count

    def _shard_id_for(self, guild: SnowflakeishOr) -> int:
        return calculate_shard_id(self._shard_count_now(), guild)

    def _shard_for(self, guild: SnowflakeishOr) -> GatewayShard:
        shard_id = self._shard_id_for(guild)
        shard = self._runner.shards.get(shard_id)
        if shard is None:
            msg = f"guild {to_snowflake(guild)} belongs to shard {shard_id}, which this process does not run"
            raise errors.ComponentStateConflictError(msg)
        return shard

    async def update_presence(
        self,
        *,
        status: UndefinedOr[Status | str] = UNDEFINED,
        idle_since: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        activity: UndefinedNoneOr[Activity] = UNDEFINED,
        afk: UndefinedOr[bool] = UNDEFINED,
    ) -> None:
        """Update the presence on every shard (unset fields keep their values); with the
        orchestrator, on every shard of the fleet and those that start later.

        Raises `ComponentStateConflictError` when the bot is not running.
        """
        self._shard_count_now()
        if activity is not UNDEFINED and activity is not None:
            warn_about_activity(activity)
        await self._runner.update_presence(
            status=status, idle_since=idle_since, activity=activity, afk=afk
        )

    async def update_voice_state(
        self,
        guild: SnowflakeishOr,
        channel: SnowflakeishOr | None,
        *,
        self_mute: UndefinedOr[bool] = UNDEFINED,
        self_deaf: UndefinedOr[bool] = UNDEFINED,
    ) -> None:
        """Join, move or leave (`channel=None`) a voice channel, through the guild's shard
        (wherever it runs, with the orchestrator)."""
        shard_id = self._shard_id_for(guild)
        shard = self._runner.shards.get(shard_id)
        if shard is not None:
            await shard.update_voice_state(guild, channel, self_mute=self_mute, self_deaf=self_deaf)
            return
        payload = gateway_commands.voice_state_payload(
            guild, channel, self_mute=self_mute, self_deaf=self_deaf
        )
        await self._runner.forward(shard_id, "voice_state", payload)

    async def _send_voice_state(
        self, guild: Snowflake, channel: Snowflake | None, mute: bool, deaf: bool
    ) -> None:
        await self.update_voice_state(guild, channel, self_mute=mute, self_deaf=deaf)

    async def request_guild_members(
        self,
        guild: SnowflakeishOr,
        *,
        include_presences: UndefinedOr[bool] = UNDEFINED,
        query: str = "",
        limit: int = 0,
        users: UndefinedOr[Iterable[SnowflakeishOr]] = UNDEFINED,
        nonce: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Ask the guild's shard for members; they arrive as `MemberChunkEvent`s (in the
        process that runs the shard, with the orchestrator)."""
        shard_id = self._shard_id_for(guild)
        shard = self._runner.shards.get(shard_id)
        if shard is not None:
            await shard.request_guild_members(
                guild,
                include_presences=include_presences,
                query=query,
                limit=limit,
                users=users,
                nonce=nonce,
            )
            return
        payload = gateway_commands.request_guild_members_payload(
            guild,
            intents=self.intents,
            include_presences=include_presences,
            query=query,
            limit=limit,
            users=users,
            nonce=nonce,
        )
        await self._runner.forward(shard_id, "request_members", payload)

    async def request_channel_info(self, guild: SnowflakeishOr, fields: Iterable[str]) -> None:
        """Ask the guild's shard for its channels' ephemeral `fields` (op 43); they arrive as
        `ChannelInfoEvent`. Fields are `status` and/or `voice_start_time`."""
        await self._shard_for(guild).request_channel_info(guild, fields)

    # -- lifecycle -----------------------------------------------------------------------

    async def start(
        self,
        *,
        activity: Activity | None = None,
        afk: bool = False,
        idle_since: datetime.datetime | None = None,
        status: Status | str = "online",
        large_threshold: int = 250,
        shard_ids: Sequence[int] | None = None,
        shard_count: int | None = None,
        ignore_session_start_limit: bool = False,
        check_for_updates: bool = False,
        task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        """Run the bot until `close()`; report ready (task status) once every shard is READY.

        Raises `ComponentStateConflictError` when already running, `ValueError` for bad
        shard arguments, `SessionBudgetExhaustedError` when the shards would need more
        session starts than Discord has left today (unless `ignore_session_start_limit`), and
        whatever fatal error ends the tree (e.g. `GatewayFatalCloseError` for a bad token).
        """
        if check_for_updates:
            _LOGGER.debug(
                "check_for_updates is accepted for hikari compatibility; anycord never phones home"
            )
        validate_shards(shard_ids, shard_count)
        if not 50 <= large_threshold <= 250:
            msg = f"large_threshold must be between 50 and 250, not {large_threshold}"
            raise ValueError(msg)
        if activity is not None:
            warn_about_activity(activity)
        async with self._lifecycle.running():
            self.print_banner()
            if not self._rest.is_fresh:
                self._rest = self._new_rest()
            tree_token = _TREE_OF.set(self)
            try:
                async with anyio.create_task_group() as tg:
                    self._hooks.task_group = tg
                    if self._health_server is not None:
                        await tg.start(self._health_server.run, self.health)
                    await tg.start(self._rest.run)
                    await tg.start(self._events.run)
                    await tg.start(self._voice.run)
                    await self._events.dispatch(StartingEvent(app=self))
                    if not self._lifecycle.is_closing:
                        setup = ShardSetup(
                            token=self._token,
                            intents=self._intents,
                            events=self._events,
                            rest=self._rest,
                            compression=self._compression,
                            http_settings=self._http_settings,
                            proxy_settings=self._proxy_settings,
                            identify_gate=self._identify_gate,
                            shard_ids=shard_ids,
                            shard_count=shard_count,
                            ignore_session_start_limit=ignore_session_start_limit,
                            presence={
                                "activity": activity,
                                "afk": afk,
                                "idle_since": idle_since,
                                "status": status,
                            },
                            large_threshold=large_threshold,
                            hello_timeout=self._hello_timeout,
                            ready_timeout=self._ready_timeout,
                        )
                        await tg.start(self._runner.run, setup)
                    if not self._lifecycle.is_closing:
                        await self._events.dispatch(StartedEvent(app=self))
                        self._lifecycle.mark_ready()
                    # Reported even when a close came during start-up, so `tg.start` returns;
                    # the bot is then already closing (see `is_alive`).
                    task_status.started()
                    await self._lifecycle.wait_for_close_request()
                    with anyio.CancelScope(shield=True):
                        await self._shutdown()
                    tg.cancel_scope.cancel()
            except BaseExceptionGroup as group:
                raise single_error(group) from None
            finally:
                self._hooks.task_group = None
                _TREE_OF.reset(tree_token)

    async def _shutdown(self) -> None:
        deadline = self._close_grace + _CLOSE_DEADLINE
        if self._events.is_running:
            with anyio.move_on_after(deadline):
                await self._events.dispatch(StoppingEvent(app=self))
        # Voice first, while the shards can still send the leave updates.
        await self._voice.close()
        closing = sorted(self._runner.shards)
        with anyio.move_on_after(_CLOSE_DEADLINE):
            await self._runner.close()
        for shard_id in closing:
            _LOGGER.info("shard %d closed", shard_id)
        # In-flight listeners get the grace period, then are cancelled; the dispatcher keeps
        # running for StoppedEvent.
        await self._events.drain(self._close_grace)
        with anyio.move_on_after(_CLOSE_DEADLINE):
            await self._rest.close()
        self._cache.clear()
        if self._events.is_running:  # not when the tree was cancelled from outside
            with anyio.move_on_after(deadline):
                await self._events.dispatch(StoppedEvent(app=self))
        await self._events.aclose(0)

    def request_close(self) -> None:
        """Ask the bot to close without waiting (signal handlers, a worker's pipe EOF).

        Raises `ComponentStateConflictError` when the bot is not running.
        """
        self._lifecycle.request_close()

    async def close(self) -> None:
        """Close gracefully (see the module docstring) and wait until the tree has exited.

        Called from inside the bot's own tree (a listener, say), it starts the close and
        returns at once: waiting for the tree to exit would mean waiting for the caller itself.
        Raises `ComponentStateConflictError` when the bot is not running.
        """
        if self._lifecycle.is_closing and _TREE_OF.get() is self:
            return
        self._lifecycle.request_close()
        if _TREE_OF.get() is self:
            return
        await self._lifecycle.join()

    async def join(self) -> None:
        """Wait until the bot's tree has exited.

        Raises `ComponentStateConflictError` when the bot was never started, or when called
        from inside its own tree (which would wait for itself forever).
        """
        if _TREE_OF.get() is self and self._lifecycle.is_alive:
            msg = "join() from inside the bot's own tree would wait for itself"
            raise errors.ComponentStateConflictError(msg)
        await self._lifecycle.join()

    async def __aenter__(self) -> GatewayBot:
        """`async with bot:` starts the bot and returns once it is ready."""
        tg = anyio.create_task_group()
        await tg.__aenter__()
        try:
            await tg.start(self.start)
        except BaseException as exc:
            try:
                await tg.__aexit__(type(exc), exc, exc.__traceback__)
            except BaseExceptionGroup as group:
                raise single_error(group) from None
            raise
        self._context_tg = tg
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        """Close the bot gracefully and wait for its tree to exit; the body's error propagates."""
        tg, self._context_tg = self._context_tg, None
        if self.is_alive and not self._lifecycle.is_closing:
            self._lifecycle.request_close()
        if tg is None:
            return
        # An error in the body still gets the graceful close (the task group is not told of
        # it, which would cancel the tree); only a cancellation is passed on.
        cancelled = isinstance(exc, anyio.get_cancelled_exc_class())
        try:
            if cancelled:
                await tg.__aexit__(exc_type, exc, tb)
            else:
                await tg.__aexit__(None, None, None)
        except BaseExceptionGroup as group:
            raise single_error(group) from None

    def run(
        self,
        *,
        backend: Backend | None = None,
        activity: Activity | None = None,
        afk: bool = False,
        idle_since: datetime.datetime | None = None,
        status: Status | str = "online",
        large_threshold: int = 250,
        shard_ids: Sequence[int] | None = None,
        shard_count: int | None = None,
        ignore_session_start_limit: bool = False,
        check_for_updates: bool = False,
        propagate_interrupts: bool = False,
        close_passed_executor: bool = False,
        asyncio_debug: bool = False,
        coroutine_tracking_depth: int | None = None,
        enable_signal_handlers: bool | None = None,
    ) -> None:
        """Run the bot in a new event loop until it closes; SIGINT/SIGTERM close it gracefully.

        `enable_signal_handlers=False` leaves signals alone (`None`, the default, handles them;
        only possible in the main thread).
        """

        async def start() -> None:
            await self.start(
                activity=activity,
                afk=afk,
                idle_since=idle_since,
                status=status,
                large_threshold=large_threshold,
                shard_ids=shard_ids,
                shard_count=shard_count,
                ignore_session_start_limit=ignore_session_start_limit,
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
