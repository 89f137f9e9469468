"""Liveness and readiness of a bot, as values (sans-IO): what `/livez` and `/readyz` answer.

Every bot has `health() -> Health`, a pure reading of its state at that moment:

- **live** ⇔ the bot's task tree is running (lifecycle `starting`, `running` or `closing`).
  That the event loop answers is proven by the answer itself: the endpoint is served by the
  bot's own loop, so a stuck loop gives the probe a timeout, which Kubernetes and load
  balancers count as a failure (set the probe's `timeoutSeconds`). Not live: not started yet,
  or closed (after `close()`, or after a fatal error ended the tree).
- **ready** ⇔ live, started (`task_status.started()` was reported, lifecycle `running`), not
  closing, and, for a gateway bot, every shard this process runs is connected: READY or
  RESUMED seen on its current connection (Discord replays a resumed session's missed events
before RESUMED).
  So a bot is not ready while it starts, while any of its shards reconnects or resumes after a
  lost connection, and from the moment `close()` begins. An orchestrator `Bot` (or worker)
  answers for the shards it holds leases on now; a worker holding none is ready (a spare
  waiting for a shard is doing its job). `RESTBot` and `AsgiBot` have no shards: ready ⇔
  started and serving (`running`).

There is no grace period for a reconnecting shard here, on purpose: the answer is a function
of the state now, and the probe's own `failureThreshold` × `periodSeconds` is the one place
to say how long a blip may last before traffic or a rollout should care (docs/health.md).

`Health.answer("live" | "ready")` is `(status, content_type, body)`: **200** or **503**, and a
small JSON body (`status`, lifecycle `state`, `reasons` when failing, shard counts for a
gateway bot). Reasons name lifecycle states and shard ids and states only: never a token,
session id, resume URL, guild or user. At most `MAX_REASONS` shard reasons are listed, then
a count of the rest, so a 1,024-shard bot's answer stays small.
"""

from __future__ import annotations

import typing

import attrs
import orjson

from anycord.bots.lifecycle import LifecycleState
from anycord.interactions.probe_routes import metrics_route

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from anycord.gateway.shard import GatewayShard
    from anycord.interactions.probe_routes import Route

__all__ = ["MAX_REASONS", "Health", "assess", "health_routes"]

MAX_REASONS: typing.Final = 10
"""The most shards a failing readiness answer names one by one."""

_JSON: typing.Final = "application/json"
_LIVE_STATES: typing.Final = frozenset(
    {LifecycleState.STARTING, LifecycleState.RUNNING, LifecycleState.CLOSING}
)


@attrs.frozen(kw_only=True)
class Health:
    """One reading of a bot's health (module docstring for what `live` and `ready` mean)."""

    state: LifecycleState
    """The bot's lifecycle state."""
    live: bool
    """The task tree runs (`starting`, `running` or `closing`): `/livez` answers 200."""
    ready: bool
    """Started, not closing, every shard connected: `/readyz` answers 200."""
    reasons: tuple[str, ...] = ()
    """Why the bot is not ready (or not live), most general first; empty when ready."""
    shards_ready: int | None = None
    """Connected shards of this process (`None` for a bot without shards)."""
    shards_total: int | None = None
    """Shards this process runs now (`None` for a bot without shards)."""

    def answer(self, probe: typing.Literal["live", "ready"]) -> tuple[int, str, bytes]:
        """`(status, content_type, body)` for the probe: 200 when it passes, else 503."""
        ok = self.live if probe == "live" else self.ready
        body: dict[str, typing.Any] = {
            "status": ("" if ok else "not ") + probe,
            "state": self.state.value,
        }
        if not ok:
            body["reasons"] = list(self.reasons)
        if self.shards_total is not None:
            body["shards"] = {"ready": self.shards_ready, "total": self.shards_total}
        return (200 if ok else 503), _JSON, orjson.dumps(body)


def assess(state: LifecycleState, shards: Mapping[int, GatewayShard] | None = None) -> Health:
    """The health of a bot in lifecycle `state` running `shards` (`None`: a bot without
    shards, such as `RESTBot`)."""
    live = state in _LIVE_STATES
    reasons: list[str] = []
    if state is not LifecycleState.RUNNING:
        reasons.append(f"the bot is {state.value}")
    shards_ready = shards_total = None
    if shards is not None:
        waiting = [shard for _, shard in sorted(shards.items()) if not shard.is_connected]
        shards_total = len(shards)
        shards_ready = shards_total - len(waiting)
        reasons.extend(
            f"shard {shard.id} is not ready ({shard.state.value})"
            for shard in waiting[:MAX_REASONS]
        )
        if len(waiting) > MAX_REASONS:
            reasons.append(f"and {len(waiting) - MAX_REASONS} more shard(s) not connected")
    return Health(
        state=state,
        live=live,
        ready=not reasons,
        reasons=tuple(reasons),
        shards_ready=shards_ready,
        shards_total=shards_total,
    )


def health_routes(
    probe: Callable[[], Health],
    *,
    metrics: Callable[[], tuple[str, bytes]] | None = None,
) -> dict[str, Route]:
    """The routes a bot serves: `/livez`, `/healthz` (the same as `/livez`), `/readyz`, and
    `/metrics` when a metrics exposition (`() -> (content_type, body)`) is given."""

    def livez() -> tuple[int, str, bytes]:
        return probe().answer("live")

    def readyz() -> tuple[int, str, bytes]:
        return probe().answer("ready")

    routes: dict[str, Route] = {"/livez": livez, "/healthz": livez, "/readyz": readyz}
    if metrics is not None:
        routes["/metrics"] = metrics_route(metrics)
    return routes
