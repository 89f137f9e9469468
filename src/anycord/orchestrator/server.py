"""The supervisor of a multi-machine fleet: `start_server` (async) and `run_server` (blocking).

```
start_server()                    its own tree
├── health endpoint (optional)    /livez, /readyz, /metrics: listens first, stops last
├── REST client                   GET /gateway/bot: URL, shard count, max_concurrency, budget
└── watchdog                      every `watch_interval` s: leases, reports, the daily budget
```

What it does: publishes the plan (shard count, `max_concurrency`, intents, gateway URL, the
identify window) and the daily session budget to Redis/Valkey, then watches. The supervisor
holds no lease and runs no shard; bots (`anycord.orchestrator.Bot`) claim shards and
adopt orphans on their own, so the fleet keeps running while the supervisor restarts. The
watchdog logs a shard that has no owner or whose owner stopped reporting, and re-reads
the budget from Discord once its Redis counter has expired (the daily reset).
"""

from __future__ import annotations

import logging
import time
import typing

import anyio
import anyio.abc

from anycord import errors
from anycord.bots.run import run_blocking
from anycord.gateway.identify import IDENTIFY_WINDOW
from anycord.intents import Intents
from anycord.logs import register_secret
from anycord.orchestrator.coordinator import ShardPlan
from anycord.orchestrator.redis import (
    RedisCoordinator,
    connect_redis,
    namespace_for,
    store_errors,
)
from anycord.orchestrator.supervisor_health import SupervisorHealth
from anycord.rest.client import RESTClient

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.bots.health_server import HealthServer
    from anycord.bots.run import Backend
    from anycord.config import HTTPSettings

    class _ServerOptions(typing.TypedDict, total=False):
        # The keywords of `start_server` that `run_server` passes on.
        namespace: str | None
        identify_window: float
        watch_interval: float
        stale_after: float
        rest_url: str | None
        http_settings: HTTPSettings | None
        health_server: HealthServer | None
        instrument: Callable[[RedisCoordinator], object] | None


__all__ = ["FleetWatch", "run_server", "start_server"]

_LOGGER = logging.getLogger("anycord.orchestrator")


class FleetWatch:
    """What the watchdog knows: pure bookkeeping, fed `(owners, statuses, now)` each round.

    `check` returns the log lines for *changes* only (a shard that lost its owner is reported
    once, not every round), so a long outage does not flood the log.
    """

    def __init__(self, shard_count: int, *, stale_after: float) -> None:
        self.shard_count = shard_count
        self.stale_after = stale_after
        self.orphaned: set[int] = set()
        """Shards without a lease."""
        self.silent: set[int] = set()
        """Leased shards whose owner has not reported for `stale_after` seconds."""

    def check(
        self,
        owners: typing.Mapping[int, tuple[str, int]],
        last_seen: typing.Mapping[int, float],
        now: float,
    ) -> list[str]:
        notes: list[str] = []
        for shard_id in range(self.shard_count):
            if shard_id not in owners:
                if shard_id not in self.orphaned:
                    self.orphaned.add(shard_id)
                    notes.append(f"shard {shard_id} has no owner; a bot with a free slot adopts it")
                self.silent.discard(shard_id)
                continue
            if shard_id in self.orphaned:
                self.orphaned.discard(shard_id)
                owner, epoch = owners[shard_id]
                notes.append(f"shard {shard_id} is owned by {owner} (epoch {epoch})")
            seen = last_seen.get(shard_id)
            if seen is None or now - seen > self.stale_after:
                if shard_id not in self.silent:
                    self.silent.add(shard_id)
                    notes.append(
                        f"shard {shard_id}: its owner {owners[shard_id][0]} has not reported "
                        f"for {self.stale_after:.0f}s"
                    )
            elif shard_id in self.silent:
                self.silent.discard(shard_id)
                notes.append(f"shard {shard_id} reports again")
        return notes


async def start_server(
    token: str,
    address: str,
    *,
    intents: Intents | int = Intents.ALL_UNPRIVILEGED,
    ca_cert: str | bytes | None = None,
    certificate: str | None = None,
    private_key: str | None = None,
    shard_count: int | None = None,
    namespace: str | None = None,
    identify_window: float = IDENTIFY_WINDOW,
    watch_interval: float = 1.0,
    stale_after: float = 10.0,
    rest_url: str | None = None,
    http_settings: HTTPSettings | None = None,
    health_server: HealthServer | None = None,
    instrument: Callable[[RedisCoordinator], object] | None = None,
    task_status: anyio.abc.TaskStatus[ShardPlan] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Publish the fleet's plan to Redis at `address` and watch it until cancelled.

    `task_status.started(plan)` once the plan is published. `shard_count` defaults to the
    count Discord recommends. Raises the REST error when GET /gateway/bot fails (a bad token
    gives `UnauthorizedError`), and `ValueError` for a bad `shard_count`.

    `health_server` serves the supervisor's `/livez`, `/readyz` (ready once the plan is
    published) and `/metrics` if it has an exposition; it listens before anything else
    starts. `instrument` is called with the supervisor's `RedisCoordinator` before it
    publishes anything, for example `functools.partial(anycord.metrics.install,
    registry=registry)` (it exports the session budget left, re-read every `watch_interval`).
    """
    if shard_count is not None and shard_count < 1:
        msg = f"shard_count must be at least 1, not {shard_count}"
        raise ValueError(msg)
    register_secret(token)
    health = SupervisorHealth()
    async with (
        health.serving(health_server),
        RESTClient(token, "Bot", rest_url=rest_url, http_settings=http_settings) as rest,
        connect_redis(
            address, ca_cert=ca_cert, certificate=certificate, private_key=private_key
        ) as client,
    ):
        coordinator = RedisCoordinator(client, namespace or namespace_for(token))
        if instrument is not None:
            instrument(coordinator)
        info = await rest.fetch_gateway_bot_info()
        limit = info.session_start_limit
        plan = ShardPlan(
            shard_count=shard_count or info.shard_count,
            max_concurrency=limit.max_concurrency,
            intents=int(intents),
            gateway_url=info.url,
            identify_window=identify_window,
        )
        await coordinator.publish_plan(
            plan,
            remaining_sessions=limit.remaining,
            reset_after=limit.reset_after.total_seconds(),
        )
        _LOGGER.info(
            "orchestrator plan: %d shard(s), max_concurrency %d, %d session start(s) left today",
            plan.shard_count,
            plan.max_concurrency,
            limit.remaining,
        )
        task_status.started(plan)
        health.mark_ready()
        watch = FleetWatch(plan.shard_count, stale_after=stale_after)
        while True:
            await anyio.sleep(watch_interval)
            try:
                owners = await coordinator.owners()
                statuses = await coordinator.statuses()
                for note in watch.check(
                    owners, {i: s.last_seen for i, s in statuses.items()}, time.time()
                ):
                    _LOGGER.info("%s", note)
                if await coordinator.remaining_sessions() is None:
                    fresh = (await rest.fetch_gateway_bot_info()).session_start_limit
                    await coordinator.publish_plan(
                        plan,
                        remaining_sessions=fresh.remaining,
                        reset_after=fresh.reset_after.total_seconds(),
                    )
                    _LOGGER.info("session budget refreshed: %d left today", fresh.remaining)
            except (OSError, errors.AnycordError, store_errors()) as exc:
                # Redis restarting or unreachable: the fleet runs on; so does the watchdog.
                _LOGGER.warning("orchestrator watchdog round failed: %s", exc)


def run_server(
    token: str,
    address: str,
    *,
    intents: Intents | int = Intents.ALL_UNPRIVILEGED,
    ca_cert: str | bytes | None = None,
    certificate: str | None = None,
    private_key: str | None = None,
    shard_count: int | None = None,
    backend: Backend = "asyncio",
    **kwargs: typing.Unpack[_ServerOptions],
) -> None:
    """`start_server` in a new event loop until SIGINT/SIGTERM (hikari-orchestrator's entry)."""
    scopes: list[anyio.CancelScope] = []

    async def main() -> None:
        with anyio.CancelScope() as scope:
            scopes.append(scope)
            await start_server(
                token,
                address,
                intents=intents,
                ca_cert=ca_cert,
                certificate=certificate,
                private_key=private_key,
                shard_count=shard_count,
                **kwargs,
            )

    def request_close() -> None:
        if not scopes:
            msg = "the orchestrator server is not running"
            raise errors.ComponentStateConflictError(msg)
        scopes[0].cancel()

    run_blocking(main, request_close, backend=backend)
