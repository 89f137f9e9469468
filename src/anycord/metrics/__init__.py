"""Prometheus metrics for a bot, read from its components' own counters at scrape time.

Off by default, on the `metrics` extra (`pip install 'anycord[metrics]'`, prometheus-client):

```python
import anycord.metrics

anycord.metrics.install(bot)                      # the process-wide prometheus registry
content_type, body = anycord.metrics.exposition()  # what GET /metrics answers
```

Guarantees:

* **Nothing on the hot path.** Components count for themselves in plain `anycord.stats`
  objects (an int or float addition, or one dict increment, per event, request or listener
  call) whether or not metrics are installed; `install` registers a pull collector that reads
  those counters only when the registry is scraped. Listener calls are timed (two clock
  reads each) only once `install` has been called for their bot or event manager, so
  `anycord_dispatcher_listener_duration_seconds_sum` counts from then on. prometheus-client is never called while
  the bot works, and nothing below this package imports it.
* **What `install` accepts.** A `GatewayBot` (shards, dispatcher, REST), an orchestrator `Bot`
  (the same, plus its leases), a `RESTBot` or `AsgiBot` (interactions, REST), or one
  component: `GatewayShard`, `EventManager`, `RESTClient`, `InteractionServer`, the local
  fleet's `MemoryCoordinator` (the fleet's shards by owner and state, the session budget
  left), or a `RedisCoordinator` (the session budget left, as that process last saw it).
  Anything else raises `TypeError`. Components are read as they are at each scrape: a bot's
  shards and REST client come and go with its runs, and their counters start from zero with
  each new object (Prometheus reads that as a counter reset).
* **One bot per registry.** Installing a second source of the same families into one
  registry raises prometheus-client's `ValueError` ("Duplicated timeseries"); give each bot
  its own `prometheus_client.CollectorRegistry`.
* **No secret in a label.** Labels are shard ids, states, gateway event names, route
  templates (`POST /channels/{channel_id}/messages`), HTTP statuses, rate-limit scopes and
  lease owner names: never a token, an interaction id or a path with ids.
* **Without the extra**, `install` and `exposition` raise `ImportError` naming it; importing
  this module works either way.

The families, their labels and PromQL examples are in docs/metrics.md.
"""

from __future__ import annotations

import typing

from anycord.bots.gateway_bot import GatewayBot
from anycord.bots.rest_bot import RESTBotBase
from anycord.dispatch.manager import EventManager
from anycord.gateway.shard import GatewayShard
from anycord.interactions.server import InteractionServer
from anycord.orchestrator.bot import Bot as OrchestratorBot
from anycord.orchestrator.memory import MemoryCoordinator
from anycord.orchestrator.redis import RedisCoordinator
from anycord.rest.client import RESTClient

try:
    from anycord.metrics import _families
except ModuleNotFoundError as exc:  # the extra is missing: install/exposition say so
    if not (exc.name or "").startswith("prometheus_client"):
        raise
    _families = None  # type: ignore[assignment]

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from prometheus_client.metrics_core import Metric
    from prometheus_client.registry import CollectorRegistry

__all__ = ["EXTRA_MISSING", "BotCollector", "exposition", "install"]

EXTRA_MISSING: typing.Final = (
    "anycord.metrics needs prometheus-client: pip install 'anycord[metrics]'"
)
"""The message of the `ImportError` raised without the `metrics` extra."""


def _require() -> None:
    if _families is None:
        raise ImportError(EXTRA_MISSING)


class BotCollector:
    """A prometheus-client collector over one bot or component (what `install` registers).

    `collect()` reads the counters at call time; `describe()` returns the same families
    (empty ones included), so the registry can refuse a second source of the same names.
    """

    def __init__(self, target: object) -> None:
        _require()
        self._sources = _sources_for(target)
        self._target = target

    def __repr__(self) -> str:
        return f"BotCollector({type(self._target).__name__})"

    def collect(self) -> Iterable[Metric]:
        """Every family of the target, read now."""
        for source in self._sources:
            yield from source()

    def describe(self) -> Iterable[Metric]:
        """The families `collect()` yields (read now; names are what matter)."""
        return list(self.collect())


def _sources_for(target: object) -> list[Callable[[], list[Metric]]]:
    f = _families
    if isinstance(target, OrchestratorBot):
        orchestrated = target
        return [
            *_sources_for(orchestrated.gateway_bot),
            lambda: f.lease_families(
                orchestrated.owner, orchestrated.lease_stats, orchestrated.shards
            ),
        ]
    if isinstance(target, GatewayBot):
        bot = target
        bot.event_manager.stats.timed = True
        return [
            lambda: f.shard_families(bot.shards),
            lambda: f.dispatcher_families(bot.event_manager),
            lambda: f.rest_families(lambda: bot.rest),
        ]
    if isinstance(target, RESTBotBase):
        rest_bot = target
        return [
            lambda: f.interaction_families(rest_bot.interaction_server),
            lambda: f.rest_families(lambda: rest_bot.rest),
        ]
    if isinstance(target, GatewayShard):
        shard = target
        return [lambda: f.shard_families({shard.id: shard})]
    if isinstance(target, EventManager):
        manager = target
        manager.stats.timed = True
        return [lambda: f.dispatcher_families(manager)]
    if isinstance(target, RESTClient):
        client = target
        return [lambda: f.rest_families(lambda: client)]
    if isinstance(target, InteractionServer):
        server = target
        return [lambda: f.interaction_families(server)]
    if isinstance(target, MemoryCoordinator):
        coordinator = target
        return [lambda: f.fleet_families(coordinator.reported, coordinator.remaining_sessions)]
    if isinstance(target, RedisCoordinator):
        store = target
        return [lambda: [f.session_budget_family(store.remaining_sessions_seen)]]
    msg = (
        "anycord.metrics.install takes a GatewayBot, orchestrator Bot, RESTBot, AsgiBot, "
        "GatewayShard, EventManager, RESTClient, InteractionServer, MemoryCoordinator or "
        f"RedisCoordinator, not {type(target).__name__}"
    )
    raise TypeError(msg)


def install(target: object, registry: CollectorRegistry | None = None) -> BotCollector:
    """Register a `BotCollector` for `target` in `registry` (default: prometheus-client's
    process-wide `REGISTRY`) and return it (`registry.unregister(collector)` removes it).

    Raises `ImportError` without the `metrics` extra, `TypeError` for an unsupported
    target, and prometheus-client's `ValueError` when `registry` already has these families.
    """
    collector = BotCollector(target)
    if registry is None:
        from prometheus_client import REGISTRY

        registry = REGISTRY
    registry.register(collector)
    return collector


def exposition(
    registry: CollectorRegistry | None = None, *, accept: str | None = None
) -> tuple[str, bytes]:
    """`(content_type, body)` of a scrape of `registry` (default: the process-wide one).

    Without `accept` (or for an `Accept` header asking for nothing newer) the body is
    Prometheus's text format 0.0.4, which every scraper reads; pass the scraper's `Accept`
    header to let it negotiate OpenMetrics. Raises `ImportError` without the `metrics` extra.
    """
    _require()
    from prometheus_client import REGISTRY
    from prometheus_client.exposition import choose_encoder

    encoder, content_type = choose_encoder(accept or "")
    return content_type, encoder(REGISTRY if registry is None else registry)
