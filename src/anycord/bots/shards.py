"""Where a bot's shards come from: the `ShardRunner` seam, and `LocalShards`, GatewayBot's own.

A `GatewayBot` wires REST, the dispatcher, the cache, voice and its lifecycle once; which
shards run, and how, is its runner's business. `LocalShards` runs the shards `start()` asked
for (or Discord's recommended count) in this process. The orchestrator's `LeasedShards` runs
those it holds a lease on, and forwards gateway commands for the others to whichever process
runs them. A runner gets everything it needs in one `ShardSetup` (no bot internals), builds
its shards with `ShardSetup.new_shard`, and feeds them to the bot's dispatcher.
"""

from __future__ import annotations

import logging
import types
import typing

import anyio
import attrs

from anycord import errors
from anycord._groups import single_error
from anycord.gateway.identify import LocalIdentifyGate
from anycord.gateway.shard import GatewayShard

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from anycord.config import HTTPSettings, ProxySettings
    from anycord.dispatch.manager import EventManager
    from anycord.gateway.identify import IdentifyGate
    from anycord.intents import Intents
    from anycord.models.presences import Activity, Status
    from anycord.rest.client import RESTClient
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["LocalShards", "ShardRunner", "ShardSetup", "close_shards", "update_presence_on"]

_LOGGER = logging.getLogger("anycord.bot")

CommandKind = typing.Literal["presence", "voice_state", "request_members", "soundboard_sounds"]
"""Gateway commands a runner can forward to a shard another process runs."""


@attrs.frozen(kw_only=True)
class ShardSetup:
    """What a runner gets from its bot when it starts: shared shard options, the dispatcher
    (the shards' sink), REST (for GET /gateway/bot) and `start()`'s shard arguments."""

    token: str = attrs.field(repr=False)
    intents: Intents
    events: EventManager
    rest: RESTClient
    compression: typing.Literal["zlib-stream", "zstd-stream"] | None
    http_settings: HTTPSettings
    proxy_settings: ProxySettings
    identify_gate: IdentifyGate | None
    shard_ids: Sequence[int] | None
    shard_count: int | None
    ignore_session_start_limit: bool
    presence: Mapping[str, typing.Any]
    """`activity`, `afk`, `idle_since`, `status` for IDENTIFY."""
    large_threshold: int
    hello_timeout: float
    ready_timeout: float

    def new_shard(
        self,
        shard_id: int,
        shard_count: int,
        url: str,
        gate: IdentifyGate,
        *,
        intents: Intents | None = None,
        presence: Mapping[str, typing.Any] | None = None,
        resume: tuple[str, int, str] | None = None,
    ) -> GatewayShard:
        """A shard with the bot's options, feeding the bot's dispatcher."""
        presence = self.presence if presence is None else presence
        return GatewayShard(
            token=self.token,
            url=url,
            intents=self.intents if intents is None else intents,
            sink=self.events,
            shard_id=shard_id,
            shard_count=shard_count,
            identify_gate=gate,
            compression=self.compression,
            large_threshold=self.large_threshold,
            initial_activity=presence.get("activity"),
            initial_status=presence.get("status", "online"),
            initial_afk=bool(presence.get("afk", False)),
            initial_idle_since=presence.get("idle_since"),
            http_settings=self.http_settings,
            proxy_settings=self.proxy_settings,
            resume=resume,
            hello_timeout=self.hello_timeout,
            ready_timeout=self.ready_timeout,
        )


class ShardRunner(typing.Protocol):
    """The seam between a bot and its shards (module doc)."""

    @property
    def shards(self) -> Mapping[int, GatewayShard]:
        """The shards this process runs now, by id."""
        ...

    @property
    def shard_count(self) -> int:
        """The bot's total shard count (0 before `run` has started)."""
        ...

    @property
    def intents(self) -> Intents | None:
        """Intents the shards identify with when not the bot's (`None`: the bot's)."""
        ...

    async def run(
        self,
        setup: ShardSetup,
        *,
        task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        """Run the shards as children of this task; report started once they are ready."""
        ...

    async def close(self) -> None:
        """Close the shards this process runs (the bot bounds how long it waits)."""
        ...

    async def update_presence(
        self,
        *,
        status: UndefinedOr[Status | str],
        idle_since: UndefinedNoneOr[datetime.datetime],
        activity: UndefinedNoneOr[Activity],
        afk: UndefinedOr[bool],
    ) -> None:
        """Update the presence of every shard the runner reaches."""
        ...

    async def forward(
        self, shard_id: int, kind: CommandKind, payload: dict[str, typing.Any]
    ) -> None:
        """Send a command (`payload` in its opcode's documented form) to shard `shard_id`,
        which this process does not run; `ComponentStateConflictError` when it cannot."""
        ...


async def update_presence_on(
    shards: typing.Iterable[GatewayShard],
    *,
    status: UndefinedOr[Status | str],
    idle_since: UndefinedNoneOr[datetime.datetime],
    activity: UndefinedNoneOr[Activity],
    afk: UndefinedOr[bool],
) -> None:
    """Update the presence of `shards` concurrently (unset fields keep their values)."""

    async def update(shard: GatewayShard) -> None:
        await shard.update_presence(
            status=status, idle_since=idle_since, activity=activity, afk=afk
        )

    async with anyio.create_task_group() as tg:
        for shard in shards:
            tg.start_soon(update, shard)


async def close_shards(shards: typing.Iterable[GatewayShard]) -> None:
    """Close the live ones of `shards` (code 1001) concurrently."""
    async with anyio.create_task_group() as tg:
        for shard in shards:
            if shard.is_alive:
                tg.start_soon(shard.close)


class LocalShards:
    """GatewayBot's runner: `start()`'s shard ids (default: all of Discord's recommended
    count) in this process, identifying through one gate built from GET /gateway/bot (one
    shard per `shard_id % max_concurrency` bucket per 5 s), unless the bot was given one."""

    def __init__(self) -> None:
        self._shards: dict[int, GatewayShard] = {}
        self._count = 0

    @property
    def shards(self) -> Mapping[int, GatewayShard]:
        """The shards running now, by id (read-only)."""
        return types.MappingProxyType(self._shards)

    @property
    def shard_count(self) -> int:
        """The bot's total shard count (0 before start)."""
        return self._count

    @property
    def intents(self) -> Intents | None:
        """Always `None`: local shards identify with the bot's intents."""
        return None

    async def run(
        self,
        setup: ShardSetup,
        *,
        task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        """Start every shard at once (the gate orders their identifies); report started once
        all are READY; return when they have all closed."""
        info = await setup.rest.fetch_gateway_bot_info()
        count = setup.shard_count or info.shard_count
        ids = list(range(count)) if setup.shard_ids is None else sorted(set(setup.shard_ids))
        limit = info.session_start_limit
        if limit.remaining < len(ids) and not setup.ignore_session_start_limit:
            raise errors.SessionBudgetExhaustedError(limit.reset_after.total_seconds())
        gate = setup.identify_gate or LocalIdentifyGate(
            limit.max_concurrency,
            remaining_sessions=None if setup.ignore_session_start_limit else limit.remaining,
        )
        self._count = count
        for shard_id in ids:
            self._shards[shard_id] = setup.new_shard(shard_id, count, info.url, gate)
        _LOGGER.info(
            "starting %d of %d shard(s), max_concurrency %d, %d session start(s) left today",
            len(ids),
            count,
            limit.max_concurrency,
            limit.remaining,
        )
        try:
            async with anyio.create_task_group() as tg:
                # This inner group only waits until every shard is READY; each shard runs
                # as a child of `tg`.
                async with anyio.create_task_group() as starting:
                    for shard in self._shards.values():
                        starting.start_soon(tg.start, shard.run)
                task_status.started()
        except BaseExceptionGroup as group:
            raise single_error(group) from None
        finally:
            self._shards.clear()
            self._count = 0

    async def close(self) -> None:
        """Close every running shard (code 1001), concurrently."""
        await close_shards(self._shards.values())

    async def update_presence(
        self,
        *,
        status: UndefinedOr[Status | str],
        idle_since: UndefinedNoneOr[datetime.datetime],
        activity: UndefinedNoneOr[Activity],
        afk: UndefinedOr[bool],
    ) -> None:
        """Update the presence on every local shard."""
        await update_presence_on(
            self._shards.values(), status=status, idle_since=idle_since, activity=activity, afk=afk
        )

    async def forward(
        self, shard_id: int, kind: CommandKind, payload: dict[str, typing.Any]
    ) -> None:
        """Always `ComponentStateConflictError`: no other process runs this bot's shards."""
        msg = f"shard {shard_id} is not run by this process"
        raise errors.ComponentStateConflictError(msg)
