"""The orchestrator's `Bot`: a `GatewayBot` whose shards are leased from a `ShardCoordinator`.

```
Bot.start()                              GatewayBot's tree (REST, dispatcher, voice, ...)
└── slot 0 … local_shard_count-1         claim a lease, run that shard, claim again
    └── leased shard                     one per held lease
        ├── GatewayShard.run             RESUMEs from the stored session when there is one
        ├── lease keeper                 renews every ttl/3; stops the shard when it cannot
        ├── reporter                     session + status every `status_interval` and on READY
        └── command consumer             presence / voice / member requests for this shard
```

Guarantees:

* A slot runs a shard only while it holds that shard's lease. The keeper renews every
  `ttl/3`; when a renewal says the lease is gone (a newer epoch exists) or no renewal has
  succeeded for two thirds of the TTL, the shard is closed at once with a resumable close
  code, so its next owner RESUMEs. Before every IDENTIFY the lease is checked again, and every
  session or status write is fenced by the lease's epoch.
* The session (`session_id`, the sequence of the last dispatch *handed to the dispatcher*,
  `resume_gateway_url`) is saved on READY/RESUMED and every `status_interval` seconds. A new
  owner resumes from it and Discord replays what came after: at-least-once delivery, nothing
  lost, at most `status_interval` seconds of events delivered twice.
* A slot with no free shard polls every `adopt_interval` seconds and adopts any shard whose
  lease expired (its owner died), so shards move to live processes within the TTL.
* `update_presence` is stored in the coordinator (shards identify with it from then on) and
  reaches every shard of the fleet; `update_voice_state` and `request_guild_members` go to the
  guild's shard wherever it runs.
* Closing ends the local sessions (close code 1001), clears their stored sessions and releases
  the leases, so other processes can start those shards at once.
"""

from __future__ import annotations

import logging
import math
import os
import secrets
import socket
import time
import typing

import anyio
import anyio.abc
import attrs

from anycord import errors
from anycord.bots.gateway_bot import GatewayBot, _ShardSink
from anycord.gateway import commands as gateway_commands
from anycord.gateway.shard import GatewayShard
from anycord.gateway.websocket import ssl_context_for
from anycord.intents import Intents
from anycord.orchestrator._wire import apply_command, encode_presence, presence_arguments
from anycord.orchestrator.coordinator import (
    Lease,
    SessionInfo,
    ShardCommand,
    ShardCoordinator,
    ShardState,
    ShardStatus,
)
from anycord.orchestrator.redis import RedisCoordinator, connect_redis, namespace_for
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from anycord.models.presences import Activity, Status
    from anycord.snowflakes import SnowflakeishOr
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["Bot", "default_owner"]

_LOGGER = logging.getLogger("anycord.orchestrator")
_HANDBACK_DEADLINE: typing.Final = 5.0

_STATES: typing.Final[dict[str, ShardState]] = {
    "disconnected": "disconnected",
    "connecting": "starting",
    "awaiting_handshake": "starting",
    "identifying": "identifying",
    "resuming": "resuming",
    "connected": "running",
    "closing": "disconnected",
    "closed": "stopped",
}


def default_owner() -> str:
    """A lease owner name unique to this process: `host-pid-random`."""
    host = socket.gethostname().replace("|", "-")
    return f"{host}-{os.getpid()}-{secrets.token_hex(3)}"


class _Once:
    """Calls `callback` the first time it is called (a slot reports ready once)."""

    def __init__(self, callback: Callable[[], object]) -> None:
        self._callback: Callable[[], object] | None = callback

    def __call__(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


class _ReadyStatus:
    """A `TaskStatus` for `GatewayShard.run`: on the first READY or RESUMED, reports the slot
    ready and sets `connected` (commands wait for it)."""

    def __init__(self, ready: _Once, connected: anyio.Event) -> None:
        self._ready = ready
        self._connected = connected

    def started(self, value: object = None) -> None:
        self._connected.set()
        self._ready()


@attrs.define(eq=False, weakref_slot=False)
class _LeasedShard:
    """One shard this process runs under `lease`, and what its reporter last saw."""

    lease: Lease
    shard: GatewayShard | None = None
    session_id: str | None = None
    sequence: int | None = None
    resume_url: str | None = None
    saved: SessionInfo | None = None
    lost: anyio.Event = attrs.field(factory=anyio.Event)
    connected: anyio.Event = attrs.field(factory=anyio.Event)
    """Set once the shard's first connection is ready (READY or RESUMED)."""
    changed: anyio.Event = attrs.field(factory=anyio.Event)
    command_cursor: str | None = None
    """The cursor of the last command carried out: saved with the session, so the next
    owner reads the shard's commands from there (`ShardCoordinator.commands(after=...)`)."""
    valid_until: float = 0.0
    """`anyio.current_time()` until which the lease is surely ours: two thirds of the TTL
    after the last successful claim/renewal was *sent* (the keeper fences at that instant)."""
    handoff: bool = False
    """Closed on purpose with a resumable code (a `disconnect` command): keep the session."""

    def session(self) -> SessionInfo | None:
        if self.session_id is None or self.sequence is None or self.resume_url is None:
            return None
        return SessionInfo(
            session_id=self.session_id,
            sequence=self.sequence,
            resume_gateway_url=self.resume_url,
            command_cursor=self.command_cursor,
        )

    def wake(self) -> None:
        event, self.changed = self.changed, anyio.Event()
        event.set()


class _FencedGate:
    """The identify gate of a leased shard: the coordinator's buckets, then a lease check."""

    def __init__(self, coordinator: ShardCoordinator, leased: _LeasedShard) -> None:
        self._coordinator = coordinator
        self._leased = leased

    async def acquire(self, shard_id: int) -> None:
        await self._coordinator.acquire_identify(shard_id)
        # The wait can be long; identify only if the lease surely still holds. A local check:
        # a round trip here would delay the IDENTIFY past the slot the bucket just granted.
        leased = self._leased
        if leased.lost.is_set() or anyio.current_time() >= leased.valid_until:
            _LOGGER.warning("shard %s: lease not confirmed while waiting to identify", shard_id)
            await anyio.sleep_forever()  # the keeper closes the shard


class _OrchestratorSink(_ShardSink):
    """GatewayBot's sink, then a note of how far the shard's session has been dispatched."""

    __slots__ = ()

    async def on_shard_dispatch(
        self, shard: GatewayShard, name: str, payload: dict[str, typing.Any]
    ) -> None:
        await super().on_shard_dispatch(shard, name, payload)
        leased = typing.cast("Bot", self._bot)._leased.get(shard.id)
        if leased is None or leased.shard is not shard:
            return
        # Recorded after the dispatcher has the event, so a saved sequence never skips one.
        leased.session_id = shard.session_id
        leased.sequence = shard.sequence
        leased.resume_url = shard.resume_gateway_url or leased.resume_url
        if name in ("READY", "RESUMED"):
            leased.wake()


class Bot(GatewayBot):
    """A `GatewayBot` that runs `local_shard_count` shards leased from a coordinator.

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
        **kwargs: everything `GatewayBot` takes (intents come from the plan when it has them).
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
        **kwargs: typing.Any,
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
        owner = owner or default_owner()
        if "|" in owner:
            msg = f"an owner name cannot contain '|': {owner!r}"
            raise ValueError(msg)
        super().__init__(token, **kwargs)
        self._address = address
        self._coordinator: ShardCoordinator | None = None if isinstance(address, str) else address
        self._local_count = local_shard_count
        self._global_count = global_shard_count
        self._owner = owner
        self._lease_ttl = float(lease_ttl)
        self._status_interval = float(status_interval)
        self._adopt_interval = float(adopt_interval or lease_ttl / 3)
        self._namespace = namespace or namespace_for(self._token)
        self._tls = {"ca_cert": ca_cert, "certificate": certificate, "private_key": private_key}
        self._leased: dict[int, _LeasedShard] = {}
        self._gateway_url = ""
        self._large_threshold = 250
        self._start_presence: dict[str, typing.Any] = {}

    def __repr__(self) -> str:
        return (
            f"orchestrator.Bot(owner={self._owner!r}, local_shard_count={self._local_count}, "
            f"shards={sorted(self._leased)}, {self._lifecycle.state.value})"
        )

    # -- properties -----------------------------------------------------------------------

    @property
    def coordinator(self) -> ShardCoordinator:
        """The coordinator (for a `redis://` address: only while the bot runs)."""
        if self._coordinator is None:
            msg = "the bot is not running (its Redis coordinator opens in start())"
            raise errors.ComponentStateConflictError(msg)
        return self._coordinator

    @property
    def owner(self) -> str:
        """This process's name in leases."""
        return self._owner

    @property
    def local_shard_count(self) -> int:
        """How many shards this process runs at most."""
        return self._local_count

    @property
    def global_shard_count(self) -> int:
        """The fleet's shard count (from the plan; 0 before start)."""
        return self._shard_count

    @property
    def leases(self) -> Mapping[int, Lease]:
        """The leases this process holds now, by shard id."""
        return {shard_id: leased.lease for shard_id, leased in self._leased.items()}

    # -- lifecycle ------------------------------------------------------------------------

    def request_close(self) -> None:
        """Ask the bot to close without waiting (signal handlers, the worker's pipe EOF).

        Raises `ComponentStateConflictError` when the bot is not running.
        """
        self._lifecycle.request_close()

    async def start(self, **kwargs: typing.Any) -> None:
        """`GatewayBot.start`, with the Redis connection open around it for `redis://` addresses."""
        if not isinstance(self._address, str):
            await super().start(**kwargs)
            return
        async with connect_redis(self._address, **self._tls) as client:  # type: ignore[arg-type]
            self._coordinator = RedisCoordinator(client, self._namespace)
            try:
                await super().start(**kwargs)
            finally:
                self._coordinator = None

    async def _start_shards(
        self,
        tg: anyio.abc.TaskGroup,
        *,
        shard_ids: Sequence[int] | None,
        shard_count: int | None,
        ignore_session_start_limit: bool,
        presence: Mapping[str, typing.Any],
        large_threshold: int,
    ) -> None:
        if shard_ids is not None:
            _LOGGER.warning("shard_ids is ignored by the orchestrator: shards come from leases")
        plan = await self.coordinator.get_plan()
        expected = self._global_count or shard_count
        if expected is not None and expected != plan.shard_count:
            msg = f"the fleet runs {plan.shard_count} shards, not {expected}"
            raise ValueError(msg)
        self._shard_count = plan.shard_count
        self._gateway_url = plan.gateway_url
        if plan.intents:
            self._intents = Intents(plan.intents)
        self._large_threshold = large_threshold
        self._start_presence = dict(presence)
        # The gateway shares one TLS context per process, but building it the first time reads
        # the system's CA store (tens of milliseconds, during which the event loop stands
        # still): warm it here, before any lease is held, so no lease keeper waits on it.
        ssl_context_for(self._http_settings.ssl)
        _LOGGER.info(
            "%s: running up to %d of %d shard(s) leased from the orchestrator",
            self._owner,
            self._local_count,
            plan.shard_count,
        )
        # Each slot reports ready once its first shard is READY, or at once when every shard
        # is taken (it then waits to adopt orphans).
        async with anyio.create_task_group() as starting:
            for slot in range(self._local_count):
                starting.start_soon(tg.start, self._run_slot, slot)

    async def _run_slot(
        self, slot: int, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        ready = _Once(task_status.started)
        coordinator = self.coordinator
        while not self._lifecycle.is_closing:
            claimed_at = anyio.current_time()
            try:
                lease = await coordinator.claim(self._owner, ttl=self._lease_ttl)
            except (OSError, errors.AnycordError, _store_errors()) as exc:
                _LOGGER.warning("slot %s: could not claim a shard: %s", slot, exc)
                lease = None
            if lease is None:
                ready()
                await anyio.sleep(self._adopt_interval)
                continue
            _LOGGER.info("slot %s: leased shard %s (epoch %s)", slot, lease.shard_id, lease.epoch)
            await self._run_leased(lease, ready, claimed_at)
        ready()
        await anyio.sleep_forever()  # the bot is closing; its tree cancels this

    async def _run_leased(self, lease: Lease, ready: _Once, claimed_at: float) -> None:
        coordinator = self.coordinator
        shard_id = lease.shard_id
        leased = _LeasedShard(lease=lease, valid_until=claimed_at + lease.ttl * 2 / 3)
        try:
            session = await coordinator.load_session(shard_id)
            stored = await coordinator.load_presence()
        except (OSError, errors.AnycordError, _store_errors()) as exc:
            _LOGGER.warning("shard %s: could not read its session: %s", shard_id, exc)
            with anyio.CancelScope(shield=True), anyio.move_on_after(_HANDBACK_DEADLINE):
                await coordinator.release(lease)
            return
        presence = {**self._start_presence, **presence_arguments(stored or {})}
        resume: tuple[str, int, str] | None = None
        if session is not None:
            resume = (session.session_id, session.sequence, session.resume_gateway_url)
            leased.session_id, leased.sequence = session.session_id, session.sequence
            leased.resume_url, leased.saved = session.resume_gateway_url, session
            leased.command_cursor = session.command_cursor
        shard = GatewayShard(
            token=self._token,
            url=self._gateway_url,
            intents=self._intents,
            sink=_OrchestratorSink(self),
            shard_id=shard_id,
            shard_count=self._shard_count,
            identify_gate=_FencedGate(coordinator, leased),
            compression=self._compression,
            large_threshold=self._large_threshold,
            initial_activity=presence.get("activity"),
            initial_status=presence.get("status", "online"),
            initial_afk=bool(presence.get("afk", False)),
            initial_idle_since=presence.get("idle_since"),
            http_settings=self._http_settings,
            proxy_settings=self._proxy_settings,
            resume=resume,
        )
        leased.shard = shard
        self._leased[shard_id] = leased
        self._shards[shard_id] = shard
        try:
            async with anyio.create_task_group() as tg:
                tg.start_soon(self._keep_lease, leased)
                tg.start_soon(self._report, leased)
                tg.start_soon(self._consume_commands, leased)
                try:
                    await shard.run(task_status=_ReadyStatus(ready, leased.connected))
                finally:
                    tg.cancel_scope.cancel()
        finally:
            if self._leased.get(shard_id) is leased:
                del self._leased[shard_id]
            if self._shards.get(shard_id) is shard:
                del self._shards[shard_id]
            if not leased.lost.is_set():
                with anyio.CancelScope(shield=True), anyio.move_on_after(_HANDBACK_DEADLINE):
                    await self._hand_back(leased)

    async def _hand_back(self, leased: _LeasedShard) -> None:
        """Publish the shard as stopped and release its lease (it ended while still ours)."""
        coordinator = self.coordinator
        lease = leased.lease
        try:
            # A plain close ended the session (1001); a hand-off kept it for the next owner.
            await coordinator.save_session(lease, leased.session() if leased.handoff else None)
            await coordinator.report(lease, self._status(leased, "stopped"))
            await coordinator.release(lease)
        except (OSError, errors.AnycordError, _store_errors()) as exc:
            _LOGGER.warning("shard %s: could not release its lease: %s", lease.shard_id, exc)

    async def _fence(self, leased: _LeasedShard, reason: str) -> None:
        """Stop a shard whose lease is gone, keeping its session resumable for the new owner."""
        if leased.lost.is_set() and leased.shard is None:
            return
        leased.lost.set()
        _LOGGER.warning("shard %s: stopping at once: %s", leased.lease.shard_id, reason)
        if leased.shard is not None and leased.shard.is_alive:
            await leased.shard.close(resumable=True)

    async def _keep_lease(self, leased: _LeasedShard) -> None:
        coordinator = self.coordinator
        lease = leased.lease
        period = lease.ttl / 3
        # Renewals are scheduled from the last one *sent* (the claim, at first), not from when
        # this task got to run: a slow shard start-up must not eat into the lease's margin.
        next_at = leased.valid_until - period  # valid_until is claim + 2/3 TTL
        while True:
            await anyio.sleep_until(min(next_at, leased.valid_until))
            deadline = leased.valid_until
            sent_at = anyio.current_time()
            ok: bool | None = None
            with anyio.move_on_after(max(deadline - sent_at, 0.0)):
                try:
                    ok = await coordinator.renew(lease)
                except (OSError, errors.AnycordError, _store_errors()) as exc:
                    _LOGGER.warning("shard %s: lease renewal failed: %s", lease.shard_id, exc)
            if ok:
                # The store's TTL started after we sent the request, so this is conservative.
                leased.valid_until = sent_at + lease.ttl * 2 / 3
                next_at = sent_at + period
            elif ok is False:
                await self._fence(leased, "its lease was taken over (a newer epoch exists)")
                return
            elif anyio.current_time() >= deadline:
                await self._fence(leased, "could not renew its lease within 2/3 of the TTL")
                return
            else:
                # Failed early (a dropped connection): try again a few times before the deadline.
                next_at = anyio.current_time() + period / 4

    def _status(self, leased: _LeasedShard, state: ShardState | None = None) -> ShardStatus:
        shard = leased.shard
        latency = math.nan if shard is None else shard.heartbeat_latency
        if state is None:
            raw = getattr(shard.state, "value", "disconnected") if shard is not None else "starting"
            state = _STATES.get(str(raw), "disconnected")
        return ShardStatus(
            shard_id=leased.lease.shard_id,
            owner=leased.lease.owner,
            epoch=leased.lease.epoch,
            state=state,
            latency=None if math.isnan(latency) else latency,
            session_id=leased.session_id,
            sequence=leased.sequence,
            last_seen=time.time(),
        )

    async def _report(self, leased: _LeasedShard) -> None:
        coordinator = self.coordinator
        lease = leased.lease
        while True:
            try:
                ok = True
                session = leased.session()
                if session is not None and session != leased.saved:
                    ok = await coordinator.save_session(lease, session)
                    if ok:
                        leased.saved = session
                ok = ok and await coordinator.report(lease, self._status(leased))
            except (OSError, errors.AnycordError, _store_errors()) as exc:
                _LOGGER.warning("shard %s: status report failed: %s", lease.shard_id, exc)
            else:
                if not ok:
                    await self._fence(leased, "a write was fenced off (a newer epoch exists)")
                    return
            changed = leased.changed
            with anyio.move_on_after(self._status_interval):
                await changed.wait()

    async def _consume_commands(self, leased: _LeasedShard) -> None:
        coordinator = self.coordinator
        shard_id = leased.lease.shard_id
        while True:
            try:
                # From the last command carried out (this owner's, or the saved one of the
                # previous owner): what was sent meanwhile is replayed, nothing is skipped.
                async with coordinator.commands(shard_id, after=leased.command_cursor) as stream:
                    # Subscribed at once, applied only once the shard runs: a command applied
                    # to a shard that has not started would fail, and with the cursor moved
                    # past it, be lost.
                    await leased.connected.wait()
                    async for command in stream:
                        if command.kind == "disconnect":
                            # Recorded first, so the hand-off's saved session does not make
                            # the next owner hand the shard off again.
                            leased.command_cursor = command.cursor
                        if await self._execute(leased, command):
                            return
                        leased.command_cursor = command.cursor
            except (OSError, errors.AnycordError, _store_errors()) as exc:
                _LOGGER.warning("shard %s: command stream failed: %s", shard_id, exc)
            await anyio.sleep(1.0)

    async def _execute(self, leased: _LeasedShard, command: ShardCommand) -> bool:
        """Apply one command; True when the shard was handed off (the consumer stops)."""
        shard = leased.shard
        assert shard is not None
        if command.kind == "disconnect":
            _LOGGER.info("shard %s: handing off on request", command.shard_id)
            leased.handoff = True
            await shard.close(resumable=True)
            return True
        try:
            await apply_command(shard, command)
        except (ValueError, TypeError, KeyError, errors.AnycordError) as exc:
            _LOGGER.warning("shard %s: bad %s command: %s", command.shard_id, command.kind, exc)
        return False

    # -- gateway commands, routed to whichever process runs the shard ---------------------

    async def update_presence(
        self,
        *,
        status: UndefinedOr[Status | str] = UNDEFINED,
        idle_since: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        activity: UndefinedNoneOr[Activity] = UNDEFINED,
        afk: UndefinedOr[bool] = UNDEFINED,
    ) -> None:
        """Update the presence of every shard of the fleet, and of shards that start later."""
        presence = encode_presence(status=status, idle_since=idle_since, activity=activity, afk=afk)
        coordinator = self.coordinator
        await coordinator.store_presence(presence)
        await super().update_presence(
            status=status, idle_since=idle_since, activity=activity, afk=afk
        )
        local = set(self._shards)
        for shard_id in range(self._shard_count):
            if shard_id not in local:
                await coordinator.send_command(
                    ShardCommand(shard_id=shard_id, kind="presence", payload=presence)
                )

    async def update_voice_state(
        self,
        guild: SnowflakeishOr,
        channel: SnowflakeishOr | None,
        *,
        self_mute: UndefinedOr[bool] = UNDEFINED,
        self_deaf: UndefinedOr[bool] = UNDEFINED,
    ) -> None:
        """Join, move or leave a voice channel through the guild's shard, wherever it runs."""
        shard_id = self._shard_id_for(guild)
        if shard_id in self._shards:
            await super().update_voice_state(
                guild, channel, self_mute=self_mute, self_deaf=self_deaf
            )
            return
        payload = gateway_commands.voice_state_payload(
            guild, channel, self_mute=self_mute, self_deaf=self_deaf
        )
        await self.coordinator.send_command(
            ShardCommand(shard_id=shard_id, kind="voice_state", payload=payload)
        )

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
        """Ask the guild's shard, wherever it runs, for members (`MemberChunkEvent`s follow
        in the process that runs it)."""
        shard_id = self._shard_id_for(guild)
        if shard_id in self._shards:
            await super().request_guild_members(
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
            intents=self._intents,
            include_presences=include_presences,
            query=query,
            limit=limit,
            users=users,
            nonce=nonce,
        )
        await self.coordinator.send_command(
            ShardCommand(shard_id=shard_id, kind="request_members", payload=payload)
        )


def _store_errors() -> type[Exception]:
    """The base class of the Redis client's errors (a class nothing raises without coredis)."""
    try:
        from coredis.exceptions import RedisError
    except ImportError:  # pragma: no cover - coredis is an optional extra
        return _NoStoreError
    return RedisError


class _NoStoreError(Exception):
    """Stands in for coredis's errors when coredis is not installed."""
