"""The orchestrator's `Bot`: a `GatewayBot` running `LeasedShards`, held, not inherited.

`Bot` builds one `GatewayBot` whose shard runner is `LeasedShards`: everything a gateway bot
does (REST, dispatcher, cache, voice, lifecycle) is that bot's, unchanged, and only where the
shards come from differs, through the `ShardRunner` seam (`anycord.bots.shards`). This
process runs the shards it holds leases on (`anycord.orchestrator.leased` has the
guarantees), and gateway commands for a guild whose shard runs elsewhere go through the
coordinator to that process.

`Bot` offers every public method and property of `GatewayBot` (each forwards to
`gateway_bot`; tests/orchestrator/test_bot_surface.py checks the signatures match) plus the
lease views. It is not a `GatewayBot` subclass: `isinstance(bot, GatewayBot)` is false, and
`bot.gateway_bot` is the `GatewayBot` itself (the `app` of its events and models) for code
that needs one.
"""

from __future__ import annotations

import os
import secrets
import socket
import typing

import anyio
import anyio.abc

from anycord.bots.gateway_bot import GatewayBot
from anycord.gateway.protocol import DEFAULT_HELLO_TIMEOUT, DEFAULT_READY_TIMEOUT
from anycord.orchestrator.leased import LeasedShards
from anycord.orchestrator.redis import namespace_for
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    import concurrent.futures
    import datetime
    import types
    from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence

    from anycord.bots.health import Health
    from anycord.bots.options import GatewayBotOptions
    from anycord.bots.run import Backend
    from anycord.bots.shards import ShardRunner
    from anycord.cache import Cache
    from anycord.config import HTTPSettings, ProxySettings
    from anycord.dispatch.manager import DispatchHandle, EventManager
    from anycord.dispatch.stream import EventStream
    from anycord.events.base import Event
    from anycord.gateway.shard import GatewayShard
    from anycord.intents import Intents
    from anycord.models.presences import Activity, Status
    from anycord.models.users import OwnUser
    from anycord.orchestrator.coordinator import Lease, ShardCoordinator
    from anycord.rest.client import RESTClient
    from anycord.snowflakes import SnowflakeishOr
    from anycord.stats import LeaseStats
    from anycord.undefined import UndefinedNoneOr, UndefinedOr
    from anycord.voice.component import VoiceComponent

__all__ = ["Bot", "default_owner"]

_EventT = typing.TypeVar("_EventT", bound="Event")
_CallbackT = typing.TypeVar("_CallbackT", bound="Callable[..., Coroutine[object, object, None]]")
_Listener = typing.Callable[[_EventT], typing.Coroutine[object, object, None]]


def default_owner() -> str:
    """A lease owner name unique to this process: `host-pid-random`."""
    host = socket.gethostname().replace("|", "-")
    return f"{host}-{os.getpid()}-{secrets.token_hex(3)}"


class Bot:
    """A gateway bot that runs `local_shard_count` shards leased from a coordinator.

    It holds a `GatewayBot` (`gateway_bot`) whose runner is `LeasedShards` and forwards the
    `GatewayBot` API to it (module doc); it adds the constructor and read-only views of the
    leases.

    Args:
        address: a `redis://`/`rediss://` URL of the fleet's Redis/Valkey (started by
            `run_server`), or any `ShardCoordinator` (the local back-end's workers pass theirs).
        token: the bot token (never logged).
        local_shard_count: how many shards this process runs at most.
        global_shard_count: the fleet's shard count, checked against the coordinator's plan.
        owner: this process's name in leases (default: host, pid and a random suffix).
        lease_ttl: seconds a lease lives without renewal; renewed every third of it.
        status_interval: seconds between session/status reports.
        adopt_interval: seconds between claims by an idle slot (default `lease_ttl / 3`).
        namespace: the Redis key namespace (default: the bot's user id, from the token).
        ca_cert: TLS for `rediss://`: the CA certificate (see `connect_redis`).
        certificate: TLS for `rediss://`: the client certificate (see `connect_redis`).
        private_key: TLS for `rediss://`: the client's private key (see `connect_redis`).
        **options: every keyword `GatewayBot` takes but `shard_runner` (`GatewayBotOptions`;
            intents come from the plan when it has them). `gateway_hello_timeout` and
            `gateway_ready_timeout` reach every leased shard, and a value that is not > 0 is
            refused here, not when a lease is won later.
    """

    def __init__(
        self,
        address: str | ShardCoordinator,
        token: str,
        *,
        local_shard_count: int = 1,
        global_shard_count: int | None = None,
        owner: str | None = None,
        lease_ttl: float = 15.0,
        status_interval: float = 1.0,
        adopt_interval: float | None = None,
        namespace: str | None = None,
        ca_cert: str | bytes | None = None,
        certificate: str | None = None,
        private_key: str | None = None,
        **options: typing.Unpack[GatewayBotOptions],
    ) -> None:
        if local_shard_count < 1:
            msg = f"local_shard_count must be at least 1, not {local_shard_count}"
            raise ValueError(msg)
        if global_shard_count is not None and global_shard_count < 1:
            msg = f"global_shard_count must be at least 1, not {global_shard_count}"
            raise ValueError(msg)
        if not lease_ttl > 0 or not status_interval > 0:
            msg = f"lease_ttl ({lease_ttl}) and status_interval ({status_interval}) must be > 0"
            raise ValueError(msg)
        hello = options.get("gateway_hello_timeout", DEFAULT_HELLO_TIMEOUT)
        ready = options.get("gateway_ready_timeout", DEFAULT_READY_TIMEOUT)
        if not hello > 0 or not ready > 0:
            msg = f"gateway_hello_timeout ({hello}) and gateway_ready_timeout ({ready}) must be > 0"
            raise ValueError(msg)
        owner = owner or default_owner()
        if "|" in owner:
            msg = f"an owner name cannot contain '|': {owner!r}"
            raise ValueError(msg)
        self._leases = LeasedShards(
            address,
            owner=owner,
            local_shard_count=local_shard_count,
            global_shard_count=global_shard_count,
            lease_ttl=float(lease_ttl),
            status_interval=float(status_interval),
            adopt_interval=float(adopt_interval or lease_ttl / 3),
            namespace=namespace or namespace_for(token.strip() if isinstance(token, str) else ""),
            tls={"ca_cert": ca_cert, "certificate": certificate, "private_key": private_key},
        )
        self._bot = GatewayBot(token, shard_runner=self._leases, **options)

    def __repr__(self) -> str:
        state = "alive" if self.is_alive else "not running"
        return (
            f"orchestrator.Bot(owner={self.owner!r}, local_shard_count={self.local_shard_count}, "
            f"shards={sorted(self.leases)}, {state})"
        )

    @property
    def coordinator(self) -> ShardCoordinator:
        """The coordinator (for a `redis://` address: only while the bot runs)."""
        return self._leases.coordinator

    @property
    def owner(self) -> str:
        """This process's name in leases."""
        return self._leases.owner

    @property
    def local_shard_count(self) -> int:
        """How many shards this process runs at most."""
        return self._leases.local_shard_count

    @property
    def global_shard_count(self) -> int:
        """The fleet's shard count (from the plan; 0 before start)."""
        return self._leases.shard_count

    @property
    def lease_stats(self) -> LeaseStats:
        """This process's lease counters: claims, renewals, losses, identify-gate waits."""
        return self._leases.stats

    @property
    def leases(self) -> Mapping[int, Lease]:
        """The leases this process holds now, by shard id."""
        return self._leases.leases

    @property
    def gateway_bot(self) -> GatewayBot:
        """The `GatewayBot` this bot runs (its runner is the leased shards); the `app` of the
        events and models it receives."""
        return self._bot

    # -- the GatewayBot API, forwarded ------------------------------------------------------

    @property
    def cache(self) -> Cache:
        """See `GatewayBot.cache`."""
        return self._bot.cache

    @property
    def event_manager(self) -> EventManager:
        """See `GatewayBot.event_manager`."""
        return self._bot.event_manager

    @property
    def rest(self) -> RESTClient:
        """See `GatewayBot.rest`."""
        return self._bot.rest

    @property
    def voice(self) -> VoiceComponent:
        """See `GatewayBot.voice`."""
        return self._bot.voice

    @property
    def shards(self) -> Mapping[int, GatewayShard]:
        """The shards this process runs now, by id (read-only)."""
        return self._bot.shards

    @property
    def shard_count(self) -> int:
        """See `GatewayBot.shard_count`."""
        return self._bot.shard_count

    @property
    def intents(self) -> Intents:
        """See `GatewayBot.intents` (the plan's, once the bot runs)."""
        return self._bot.intents

    @property
    def shard_runner(self) -> ShardRunner:
        """The `LeasedShards` runner."""
        return self._bot.shard_runner

    @property
    def heartbeat_latencies(self) -> Mapping[int, float]:
        """See `GatewayBot.heartbeat_latencies`."""
        return self._bot.heartbeat_latencies

    @property
    def heartbeat_latency(self) -> float:
        """See `GatewayBot.heartbeat_latency`."""
        return self._bot.heartbeat_latency

    @property
    def http_settings(self) -> HTTPSettings:
        """See `GatewayBot.http_settings`."""
        return self._bot.http_settings

    @property
    def proxy_settings(self) -> ProxySettings:
        """See `GatewayBot.proxy_settings`."""
        return self._bot.proxy_settings

    @property
    def executor(self) -> concurrent.futures.Executor | None:
        """See `GatewayBot.executor`."""
        return self._bot.executor

    @property
    def is_alive(self) -> bool:
        """See `GatewayBot.is_alive`."""
        return self._bot.is_alive

    def health(self) -> Health:
        """See `GatewayBot.health`: ready while every shard this process holds a lease on is
        connected (a process holding none is ready)."""
        return self._bot.health()

    def get_me(self) -> OwnUser | None:
        """See `GatewayBot.get_me`."""
        return self._bot.get_me()

    def print_banner(self) -> None:
        """See `GatewayBot.print_banner`."""
        self._bot.print_banner()

    def listen(self, *event_types: type[Event]) -> Callable[[_CallbackT], _CallbackT]:
        """See `GatewayBot.listen`."""
        return self._bot.listen(*event_types)

    def subscribe(self, event_type: type[_EventT], callback: _Listener[_EventT]) -> None:
        """See `GatewayBot.subscribe`."""
        self._bot.subscribe(event_type, callback)

    def unsubscribe(self, event_type: type[_EventT], callback: _Listener[_EventT]) -> None:
        """See `GatewayBot.unsubscribe`."""
        self._bot.unsubscribe(event_type, callback)

    def get_listeners(
        self, event_type: type[_EventT], *, polymorphic: bool = True
    ) -> Sequence[_Listener[_EventT]]:
        """See `GatewayBot.get_listeners`."""
        return self._bot.get_listeners(event_type, polymorphic=polymorphic)

    def dispatch(self, event: Event) -> DispatchHandle:
        """See `GatewayBot.dispatch`."""
        return self._bot.dispatch(event)

    async def wait_for(
        self,
        event_type: type[_EventT],
        /,
        timeout: float | None = None,  # noqa: ASYNC109 - GatewayBot.wait_for's signature
        predicate: Callable[[_EventT], bool] | None = None,
    ) -> _EventT:
        """See `GatewayBot.wait_for`."""
        return await self._bot.wait_for(event_type, timeout, predicate)

    def stream(
        self, event_type: type[_EventT], /, timeout: float | None = None, limit: int | None = 100
    ) -> EventStream[_EventT]:
        """See `GatewayBot.stream`."""
        return self._bot.stream(event_type, timeout, limit)

    async def update_presence(
        self,
        *,
        status: UndefinedOr[Status | str] = UNDEFINED,
        idle_since: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        activity: UndefinedNoneOr[Activity] = UNDEFINED,
        afk: UndefinedOr[bool] = UNDEFINED,
    ) -> None:
        """See `GatewayBot.update_presence` (every shard of the fleet)."""
        await self._bot.update_presence(
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
        """See `GatewayBot.update_voice_state` (wherever the guild's shard runs)."""
        await self._bot.update_voice_state(guild, channel, self_mute=self_mute, self_deaf=self_deaf)

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
        """See `GatewayBot.request_guild_members`."""
        await self._bot.request_guild_members(
            guild,
            include_presences=include_presences,
            query=query,
            limit=limit,
            users=users,
            nonce=nonce,
        )

    async def request_channel_info(self, guild: SnowflakeishOr, fields: Iterable[str]) -> None:
        """See `GatewayBot.request_channel_info`."""
        await self._bot.request_channel_info(guild, fields)

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
        """See `GatewayBot.start` (`shard_ids` is ignored: the shards come from leases)."""
        await self._bot.start(
            activity=activity,
            afk=afk,
            idle_since=idle_since,
            status=status,
            large_threshold=large_threshold,
            shard_ids=shard_ids,
            shard_count=shard_count,
            ignore_session_start_limit=ignore_session_start_limit,
            check_for_updates=check_for_updates,
            task_status=task_status,
        )

    def request_close(self) -> None:
        """See `GatewayBot.request_close`."""
        self._bot.request_close()

    async def close(self) -> None:
        """See `GatewayBot.close`."""
        await self._bot.close()

    async def join(self) -> None:
        """See `GatewayBot.join`."""
        await self._bot.join()

    async def __aenter__(self) -> Bot:
        """`async with bot:` starts the bot and returns once it is ready."""
        await self._bot.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        """Close the bot gracefully and wait for its tree to exit; the body's error propagates."""
        await self._bot.__aexit__(exc_type, exc, tb)

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
        """See `GatewayBot.run`."""
        self._bot.run(
            backend=backend,
            activity=activity,
            afk=afk,
            idle_since=idle_since,
            status=status,
            large_threshold=large_threshold,
            shard_ids=shard_ids,
            shard_count=shard_count,
            ignore_session_start_limit=ignore_session_start_limit,
            check_for_updates=check_for_updates,
            propagate_interrupts=propagate_interrupts,
            close_passed_executor=close_passed_executor,
            asyncio_debug=asyncio_debug,
            coroutine_tracking_depth=coroutine_tracking_depth,
            enable_signal_handlers=enable_signal_handlers,
        )
