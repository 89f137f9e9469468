"""`LeasedShards`: the orchestrator's shard runner, the shards this process holds leases on.

```
LeasedShards.run                         a child of the bot's tree (REST, dispatcher, voice, ...)
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
  lost, at most `status_interval` seconds of events delivered twice. (The runner is a raw
  subscriber of every dispatch, which runs once the dispatcher has the event.)
* A slot with no free shard polls every `adopt_interval` seconds and adopts any shard whose
  lease expired (its owner died), so shards move to live processes within the TTL.
* `update_presence` is stored in the coordinator (shards identify with it from then on) and
  reaches every shard of the fleet; commands for a guild's shard go wherever it runs.
* Closing ends the local sessions (close code 1001), clears their stored sessions and releases
  the leases, so other processes can start those shards at once.
"""

from __future__ import annotations

import logging
import math
import time
import types
import typing

import anyio
import anyio.abc
import attrs

from anycord import errors
from anycord._groups import single_error
from anycord.bots.shards import close_shards, update_presence_on
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
from anycord.orchestrator.redis import RedisCoordinator, connect_redis, store_errors
from anycord.stats import LeaseStats

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Callable, Mapping

    from anycord.bots.shards import CommandKind, ShardSetup
    from anycord.gateway.shard import GatewayShard
    from anycord.models.presences import Activity, Status
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["LeasedShards", "fleet_state"]

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


def fleet_state(shard: GatewayShard | None) -> ShardState:
    """A shard's state in the fleet's words (`ShardStatus.state`); `starting` without one."""
    if shard is None:
        return "starting"
    return _STATES.get(str(getattr(shard.state, "value", "disconnected")), "disconnected")


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

    def __init__(
        self, coordinator: ShardCoordinator, leased: _LeasedShard, stats: LeaseStats
    ) -> None:
        self._coordinator = coordinator
        self._leased = leased
        self._stats = stats

    async def acquire(self, shard_id: int) -> None:
        began = anyio.current_time()
        await self._coordinator.acquire_identify(shard_id)
        stats = self._stats
        stats.identify_waits += 1
        stats.identify_wait_seconds += anyio.current_time() - began
        # The wait can be long; identify only if the lease surely still holds. A local check:
        # a round trip here would delay the IDENTIFY past the slot the bucket just granted.
        leased = self._leased
        if leased.lost.is_set() or anyio.current_time() >= leased.valid_until:
            _LOGGER.warning("shard %s: lease not confirmed while waiting to identify", shard_id)
            await anyio.sleep_forever()  # the keeper closes the shard


class LeasedShards:
    """Runs up to `local_shard_count` shards leased from a coordinator (module doc).

    `local_shard_count`, `global_shard_count`, `lease_ttl`, `status_interval`,
    `adopt_interval`, `namespace` and `tls` mean what they mean for `anycord.orchestrator.Bot`.

    Args:
        address: a `redis://`/`rediss://` URL (the connection is open while `run` runs) or a
            `ShardCoordinator`.
        owner: this process's name in leases.
    """

    def __init__(
        self,
        address: str | ShardCoordinator,
        *,
        owner: str,
        local_shard_count: int,
        global_shard_count: int | None,
        lease_ttl: float,
        status_interval: float,
        adopt_interval: float,
        namespace: str,
        tls: Mapping[str, typing.Any],
    ) -> None:
        self._address = address
        self._coordinator: ShardCoordinator | None = None if isinstance(address, str) else address
        self._owner = owner
        self._local_count = local_shard_count
        self._global_count = global_shard_count
        self._lease_ttl = lease_ttl
        self._status_interval = status_interval
        self._adopt_interval = adopt_interval
        self._namespace = namespace
        self._tls = dict(tls)
        self._leased: dict[int, _LeasedShard] = {}
        self._shards: dict[int, GatewayShard] = {}
        self._shard_count = 0
        self._intents: Intents | None = None
        self._closing = False
        self._setup: ShardSetup | None = None
        self._running = 0  # leased shards not yet handed back
        self._handed_back: anyio.Event | None = None
        self._claim_lock: anyio.Lock | None = None
        self._nothing_free_until = -math.inf
        self._adoptable: anyio.Event | None = None
        self.stats = LeaseStats()
        """Claims, renewals, losses and identify-gate waits (`anycord.stats.LeaseStats`)."""

    # -- the runner seam (anycord.bots.shards.ShardRunner) --------------------------------

    @property
    def shards(self) -> Mapping[int, GatewayShard]:
        """The shards this process runs now, by id (read-only)."""
        return types.MappingProxyType(self._shards)

    @property
    def shard_count(self) -> int:
        """The fleet's shard count (from the plan; 0 before start)."""
        return self._shard_count

    @property
    def intents(self) -> Intents | None:
        """The plan's intents, when it has them (`None`: the bot's)."""
        return self._intents

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
    def leases(self) -> Mapping[int, Lease]:
        """The leases this process holds now, by shard id."""
        return {shard_id: leased.lease for shard_id, leased in self._leased.items()}

    async def run(
        self,
        setup: ShardSetup,
        *,
        task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        """Open the coordinator (for a `redis://` address) and run the slots; report started
        once each slot has its first shard READY (or found every shard taken)."""
        self._closing = False
        try:
            if isinstance(self._address, str):
                async with connect_redis(self._address, **self._tls) as client:
                    self._coordinator = RedisCoordinator(client, self._namespace)
                    try:
                        await self._run_slots(setup, task_status)
                    finally:
                        self._coordinator = None
            else:
                await self._run_slots(setup, task_status)
        except BaseExceptionGroup as group:
            raise single_error(group) from None

    async def _run_slots(self, setup: ShardSetup, task_status: anyio.abc.TaskStatus[None]) -> None:
        if setup.shard_ids is not None:
            _LOGGER.warning("shard_ids is ignored by the orchestrator: shards come from leases")
        plan = await self.coordinator.get_plan()
        expected = self._global_count or setup.shard_count
        if expected is not None and expected != plan.shard_count:
            msg = f"the fleet runs {plan.shard_count} shards, not {expected}"
            raise ValueError(msg)
        self._shard_count = plan.shard_count
        if plan.intents:
            self._intents = Intents(plan.intents)
        # The gateway shares one TLS context per process, but building it the first time reads
        # the system's CA store (tens of milliseconds, during which the event loop stands
        # still): warm it here, before any lease is held, so no lease keeper waits on it.
        ssl_context_for(setup.http_settings.ssl)
        _LOGGER.info(
            "%s: running up to %d of %d shard(s) leased from the orchestrator",
            self._owner,
            self._local_count,
            plan.shard_count,
        )
        self._setup = setup
        self._claim_lock, self._adoptable = anyio.Lock(), anyio.Event()
        self._nothing_free_until = -math.inf
        setup.events.subscribe_raw(None, self._record)
        setup.events.subscribe_raw("READY", self._wake)
        setup.events.subscribe_raw("RESUMED", self._wake)
        try:
            async with anyio.create_task_group() as tg:
                # Each slot reports ready once its first shard is READY, or at once when every
                # shard is taken (it then waits to adopt orphans).
                async with anyio.create_task_group() as starting:
                    for slot in range(self._local_count):
                        starting.start_soon(tg.start, self._run_slot, slot, plan.gateway_url)
                task_status.started()
        finally:
            self._shard_count = 0
            setup.events.unsubscribe_raw(None, self._record)
            setup.events.unsubscribe_raw("READY", self._wake)
            setup.events.unsubscribe_raw("RESUMED", self._wake)

    async def close(self) -> None:
        """Close the local shards (1001) and wait until their slots have handed the leases
        back (while the coordinator's connection is still open)."""
        self._closing = True
        await close_shards(self._shards.values())
        while self._running:
            self._handed_back = handed_back = anyio.Event()
            await handed_back.wait()

    async def update_presence(
        self,
        *,
        status: UndefinedOr[Status | str],
        idle_since: UndefinedNoneOr[datetime.datetime],
        activity: UndefinedNoneOr[Activity],
        afk: UndefinedOr[bool],
    ) -> None:
        """Store the presence (shards identify with it from then on), update the local shards
        and send it to every other shard of the fleet."""
        presence = encode_presence(status=status, idle_since=idle_since, activity=activity, afk=afk)
        coordinator = self.coordinator
        await coordinator.store_presence(presence)
        await update_presence_on(
            self._shards.values(), status=status, idle_since=idle_since, activity=activity, afk=afk
        )
        local = set(self._shards)
        for shard_id in range(self._shard_count):
            if shard_id not in local:
                await coordinator.send_command(
                    ShardCommand(shard_id=shard_id, kind="presence", payload=presence)
                )

    async def forward(
        self, shard_id: int, kind: CommandKind, payload: dict[str, typing.Any]
    ) -> None:
        """Send the command through the coordinator to whichever process runs the shard."""
        await self.coordinator.send_command(
            ShardCommand(shard_id=shard_id, kind=kind, payload=payload)
        )

    # -- raw subscribers ----------------------------------------------------------------

    async def _record(self, shard: GatewayShard | None, payload: dict[str, typing.Any]) -> None:
        # Recorded after the dispatcher has the event, so a saved sequence never skips one.
        leased = self._leased.get(shard.id) if shard is not None else None
        if leased is None or leased.shard is not shard or shard is None:
            return
        leased.session_id = shard.session_id
        leased.sequence = shard.sequence
        leased.resume_url = shard.resume_gateway_url or leased.resume_url

    async def _wake(self, shard: GatewayShard | None, payload: dict[str, typing.Any]) -> None:
        leased = self._leased.get(shard.id) if shard is not None else None
        if leased is not None and leased.shard is shard:
            leased.wake()

    # -- slots --------------------------------------------------------------------------

    async def _run_slot(
        self,
        slot: int,
        gateway_url: str,
        *,
        task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        ready = _Once(task_status.started)
        while not self._closing:
            claimed = await self._claim(slot)
            if claimed is None:
                ready()
                adoptable = self._adoptable
                assert adoptable is not None  # set before any slot starts
                with anyio.move_on_after(self._adopt_interval):
                    await adoptable.wait()
                continue
            lease, claimed_at = claimed
            self.stats.claims += 1
            _LOGGER.info("slot %s: leased shard %s (epoch %s)", slot, lease.shard_id, lease.epoch)
            await self._run_leased(lease, ready, claimed_at, gateway_url)
        ready()
        await anyio.sleep_forever()  # the bot is closing; its tree cancels this

    async def _claim(self, slot: int) -> tuple[Lease, float] | None:
        """A lease for an idle slot and when its claim was sent, or None.

        A claim reads every shard's lease on the store, so the process's slots claim one at a
        time, and once a claim found nothing free the other idle slots skip theirs until
        `adopt_interval` has passed: one probe per process per interval, however many spare
        slots it has (each polling on its own cost spare slots x shards lease reads per
        interval, 30,000 a second at 1,024 shards). A claim that succeeds wakes the idle
        slots, so a dead process's shards are adopted together, not one per interval.
        """
        lock = self._claim_lock
        assert lock is not None  # set before any slot starts
        async with lock:
            claimed_at = anyio.current_time()
            if claimed_at < self._nothing_free_until or self._closing:
                return None
            try:
                lease = await self.coordinator.claim(self._owner, ttl=self._lease_ttl)
            except (OSError, errors.AnycordError, store_errors()) as exc:
                _LOGGER.warning("slot %s: could not claim a shard: %s", slot, exc)
                lease = None
            if lease is None:
                self._nothing_free_until = claimed_at + self._adopt_interval
                return None
        adoptable, self._adoptable = self._adoptable, anyio.Event()
        if adoptable is not None:
            adoptable.set()
        return lease, claimed_at

    async def _run_leased(
        self, lease: Lease, ready: _Once, claimed_at: float, gateway_url: str
    ) -> None:
        coordinator = self.coordinator
        shard_id = lease.shard_id
        leased = _LeasedShard(lease=lease, valid_until=claimed_at + lease.ttl * 2 / 3)
        try:
            session = await coordinator.load_session(shard_id)
            stored = await coordinator.load_presence()
        except (OSError, errors.AnycordError, store_errors()) as exc:
            _LOGGER.warning("shard %s: could not read its session: %s", shard_id, exc)
            with anyio.CancelScope(shield=True), anyio.move_on_after(_HANDBACK_DEADLINE):
                await coordinator.release(lease)
            return
        setup = self._setup
        assert setup is not None  # set before any slot starts
        presence = {**setup.presence, **presence_arguments(stored or {})}
        resume: tuple[str, int, str] | None = None
        if session is not None:
            resume = (session.session_id, session.sequence, session.resume_gateway_url)
            leased.session_id, leased.sequence = session.session_id, session.sequence
            leased.resume_url, leased.saved = session.resume_gateway_url, session
            leased.command_cursor = session.command_cursor
        shard = setup.new_shard(
            shard_id,
            self._shard_count,
            gateway_url,
            _FencedGate(coordinator, leased, self.stats),
            intents=self._intents,
            presence=presence,
            resume=resume,
        )
        leased.shard = shard
        self._leased[shard_id] = leased
        self._shards[shard_id] = shard
        self._running += 1
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
            try:
                if not leased.lost.is_set():
                    with anyio.CancelScope(shield=True), anyio.move_on_after(_HANDBACK_DEADLINE):
                        await self._hand_back(leased)
            finally:
                self._running -= 1
                if self._handed_back is not None:
                    self._handed_back.set()

    async def _hand_back(self, leased: _LeasedShard) -> None:
        """Publish the shard as stopped and release its lease (it ended while still ours)."""
        coordinator = self.coordinator
        lease = leased.lease
        try:
            # A plain close ended the session (1001); a hand-off kept it for the next owner.
            await coordinator.save_session(lease, leased.session() if leased.handoff else None)
            await coordinator.report(lease, self._status(leased, "stopped"))
            await coordinator.release(lease)
        except (OSError, errors.AnycordError, store_errors()) as exc:
            _LOGGER.warning("shard %s: could not release its lease: %s", lease.shard_id, exc)

    async def _fence(self, leased: _LeasedShard, reason: str) -> None:
        """Stop a shard whose lease is gone, keeping its session resumable for the new owner."""
        if leased.lost.is_set() and leased.shard is None:
            return
        if not leased.lost.is_set():
            self.stats.losses += 1
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
                except (OSError, errors.AnycordError, store_errors()) as exc:
                    _LOGGER.warning("shard %s: lease renewal failed: %s", lease.shard_id, exc)
            if ok is None:
                self.stats.renewal_failures += 1
            if ok:
                self.stats.renewals += 1
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
            state = fleet_state(shard)
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
            except (OSError, errors.AnycordError, store_errors()) as exc:
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
            except (OSError, errors.AnycordError, store_errors()) as exc:
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
