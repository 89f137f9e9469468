"""`Client`: watch and command a fleet of shards that other processes run.

```python
async with Client(token, "redis://orchestrator:6379/0") as client:
    print({i: (s.state, s.heartbeat_latency) for i, s in client.remote_shards.items()})
    await client.update_presence(status="idle")
    await client.request_guild_members(guild_id, query="a", limit=10)
```

Guarantees:

* `remote_shards` holds one `RemoteShard` per shard of the plan, refreshed in place from the
  owners' reports every `refresh_interval` seconds by a task of the client's own tree (and on
  `await client.refresh()`). A shard whose owner stopped reporting for `stale_after` seconds
  shows as `"disconnected"` however it last reported itself (`is_stale`).
* `update_presence` is stored as the fleet's presence (shards that identify later use it) and
  sent to every shard; `update_voice_state` and `request_guild_members` are validated here and
  go to shard `(guild_id >> 22) % shard_count`, wherever it runs.
* Commands reach the shard at least once, also while it changes owners: the coordinator
  keeps a per-shard log and the next owner reads on from the cursor saved with the session
  (commands up to `REPLAY_WINDOW`, 60 s, old; see docs/scaling.md).
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
import typing

import anyio
import anyio.abc

from anycord import errors
from anycord.gateway import commands as gateway_commands
from anycord.intents import Intents
from anycord.logs import register_secret
from anycord.orchestrator._wire import encode_presence
from anycord.orchestrator.coordinator import (
    Lease,
    ShardCommand,
    ShardCoordinator,
    ShardPlan,
    ShardState,
    ShardStatus,
)
from anycord.orchestrator.redis import RedisCoordinator, connect_redis, namespace_for
from anycord.snowflakes import calculate_shard_id
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable, Mapping
    from types import TracebackType

    from anycord.models.presences import Activity, Status
    from anycord.snowflakes import SnowflakeishOr
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["Client", "RemoteShard"]

_LOGGER = logging.getLogger("anycord.orchestrator")


class RemoteShard:
    """A shard run by some process of the fleet, as its owner last reported it (read-only).

    The object stays the same; the client updates its fields on every refresh.
    """

    __slots__ = ("_client", "_id", "_status")

    def __init__(self, client: Client, shard_id: int) -> None:
        self._client = client
        self._id = shard_id
        self._status: ShardStatus | None = None

    def __repr__(self) -> str:
        return (
            f"RemoteShard(id={self._id}, state={self.state!r}, owner={self.owner!r}, "
            f"latency={self.heartbeat_latency:.3f})"
        )

    @property
    def id(self) -> int:
        return self._id

    @property
    def status(self) -> ShardStatus | None:
        """The raw last report (`None` if the shard never reported)."""
        return self._status

    @property
    def is_stale(self) -> bool:
        """True when the owner has not reported for `stale_after` seconds (or never did)."""
        status = self._status
        return status is None or time.time() - status.last_seen > self._client.stale_after

    @property
    def state(self) -> ShardState:
        """`running`, `identifying`, …; `disconnected` when the report is stale."""
        status = self._status
        if status is None:
            return "stopped"
        if status.state != "stopped" and self.is_stale:
            return "disconnected"
        return status.state

    @property
    def is_alive(self) -> bool:
        """An owner reported the shard recently and it is not stopped."""
        return self.state not in ("stopped", "disconnected")

    @property
    def is_connected(self) -> bool:
        """An owner reported the shard READY (or RESUMED) recently."""
        return self.state == "running"

    @property
    def heartbeat_latency(self) -> float:
        """Seconds, as last reported; NaN before the first ACK or without a report."""
        status = self._status
        return math.nan if status is None or status.latency is None else status.latency

    @property
    def owner(self) -> str | None:
        return None if self._status is None else self._status.owner

    @property
    def session_id(self) -> str | None:
        return None if self._status is None else self._status.session_id

    @property
    def seq(self) -> int | None:
        return None if self._status is None else self._status.sequence

    @property
    def last_seen(self) -> float | None:
        """Unix time of the last report."""
        return None if self._status is None else self._status.last_seen


class Client:
    """Monitor and command the shards of a fleet (see the module docstring).

    Args:
        token: the bot token (for the Redis namespace; never logged or sent anywhere).
        address: a `redis://`/`rediss://` URL, or any `ShardCoordinator`.
        ca_cert: TLS for `rediss://`: the CA certificate (see `connect_redis`).
        certificate: TLS for `rediss://`: the client certificate (see `connect_redis`).
        private_key: TLS for `rediss://`: the client's private key (see `connect_redis`).
        namespace: the Redis key namespace (default: the bot's user id, from the token).
        refresh_interval: seconds between refreshes of `remote_shards`.
        stale_after: seconds without a report after which a shard counts as disconnected.
    """

    def __init__(
        self,
        token: str,
        address: str | ShardCoordinator,
        *,
        ca_cert: str | bytes | None = None,
        certificate: str | None = None,
        private_key: str | None = None,
        namespace: str | None = None,
        refresh_interval: float = 1.0,
        stale_after: float = 10.0,
    ) -> None:
        register_secret(token)
        self._address = address
        self._namespace = namespace or namespace_for(token)
        self._tls = {"ca_cert": ca_cert, "certificate": certificate, "private_key": private_key}
        self._coordinator: ShardCoordinator | None = None if isinstance(address, str) else address
        self.refresh_interval = refresh_interval
        self.stale_after = stale_after
        self._plan: ShardPlan | None = None
        self._shards: dict[int, RemoteShard] = {}
        self._stack: contextlib.AsyncExitStack | None = None

    # -- lifetime -------------------------------------------------------------------------

    async def __aenter__(self) -> Client:
        """Connect, read the plan and start refreshing `remote_shards` in the background."""
        if self._stack is not None:
            msg = "the client is already open"
            raise errors.ComponentStateConflictError(msg)
        stack = contextlib.AsyncExitStack()
        try:
            if isinstance(self._address, str):
                redis = await stack.enter_async_context(
                    connect_redis(self._address, **self._tls)  # type: ignore[arg-type]
                )
                self._coordinator = RedisCoordinator(redis, self._namespace)
            tg = await stack.enter_async_context(anyio.create_task_group())
            stack.callback(tg.cancel_scope.cancel)
            await self.refresh()
            tg.start_soon(self._refresh_loop)
        except BaseException:
            await stack.aclose()
            raise
        self._stack = stack
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        stack, self._stack = self._stack, None
        if stack is not None:
            await stack.__aexit__(exc_type, exc, tb)
        if isinstance(self._address, str):
            self._coordinator = None

    async def _refresh_loop(self) -> None:
        while True:
            await anyio.sleep(self.refresh_interval)
            try:
                await self.refresh()
            except (OSError, errors.AnycordError) as exc:
                _LOGGER.warning("could not refresh the shards' status: %s", exc)

    @property
    def coordinator(self) -> ShardCoordinator:
        """The coordinator (for a `redis://` address: only while the client is open)."""
        if self._coordinator is None:
            msg = "the client is not open (use `async with Client(...)`)"
            raise errors.ComponentStateConflictError(msg)
        return self._coordinator

    # -- monitoring -----------------------------------------------------------------------

    @property
    def remote_shards(self) -> Mapping[int, RemoteShard]:
        """Every shard of the plan, by id, with its last reported status (read-only)."""
        return dict(self._shards)

    @property
    def shard_count(self) -> int:
        """The fleet's shard count (0 before the client is open)."""
        return 0 if self._plan is None else self._plan.shard_count

    async def fetch_config(self) -> ShardPlan:
        """The fleet's plan (shard count, intents, max concurrency, gateway URL)."""
        if self._plan is None:
            self._plan = await self.coordinator.get_plan()
        return self._plan

    async def fetch_all_states(self) -> dict[int, ShardStatus]:
        """The last report of every shard that has reported."""
        return await self.coordinator.statuses()

    async def refresh(self) -> None:
        """Re-read every shard's status now (the background task does this periodically)."""
        plan = await self.fetch_config()
        statuses = await self.coordinator.statuses()
        for shard_id in range(plan.shard_count):
            shard = self._shards.get(shard_id)
            if shard is None:
                shard = self._shards[shard_id] = RemoteShard(self, shard_id)
            shard._status = statuses.get(shard_id)

    async def recommended_shard(self, *, owner: str, ttl: float = 15.0) -> Lease | None:
        """Lease the first free shard for `owner` (hikari-orchestrator's "acquire next").

        The caller must renew the lease every `ttl / 3` through `coordinator.renew` and run
        the shard only while renewals succeed; `None` when every shard is taken.
        """
        return await self.coordinator.claim(owner, ttl=ttl)

    # -- commands -------------------------------------------------------------------------

    async def update_presence(
        self,
        *,
        status: UndefinedOr[Status | str] = UNDEFINED,
        idle_since: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        activity: UndefinedNoneOr[Activity] = UNDEFINED,
        afk: UndefinedOr[bool] = UNDEFINED,
    ) -> None:
        """Update the presence of every shard; remembered for shards that identify later."""
        presence = encode_presence(status=status, idle_since=idle_since, activity=activity, afk=afk)
        coordinator = self.coordinator
        plan = await self.fetch_config()
        await coordinator.store_presence(presence)
        for shard_id in range(plan.shard_count):
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
        """Join, move or leave (`channel=None`) a voice channel, through the guild's shard."""
        plan = await self.fetch_config()
        payload = gateway_commands.voice_state_payload(
            guild, channel, self_mute=self_mute, self_deaf=self_deaf
        )
        await self.coordinator.send_command(
            ShardCommand(
                shard_id=calculate_shard_id(plan.shard_count, guild),
                kind="voice_state",
                payload=payload,
            )
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
        """Ask the guild's shard for members (validated against the fleet's intents here)."""
        plan = await self.fetch_config()
        payload = gateway_commands.request_guild_members_payload(
            guild,
            intents=Intents(plan.intents),
            include_presences=include_presences,
            query=query,
            limit=limit,
            users=users,
            nonce=nonce,
        )
        await self.coordinator.send_command(
            ShardCommand(
                shard_id=calculate_shard_id(plan.shard_count, guild),
                kind="request_members",
                payload=payload,
            )
        )

    async def disconnect_shard(self, shard_id: int) -> None:
        """Ask the owner of `shard_id` to hand it off: it closes resumably and releases the
        lease, and any process with a free slot resumes it."""
        await self.coordinator.send_command(ShardCommand(shard_id=shard_id, kind="disconnect"))
