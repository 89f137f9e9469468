"""The metric families, built at scrape time from the components' own counters.

Each function here reads one component's `anycord.stats` object (and a few live numbers such
as a queue's length) and returns its families, every family present even when it has no
sample yet, so a registry can check names when a collector is registered. Nothing here runs
on the bot's hot path: prometheus-client only ever sees these functions, called by a scrape.

Labels: `shard` (a shard id), `state` (a shard state), `event` (a gateway event name in
Discord's UPPER_SNAKE form, anything else `other`), `route` (a route template), `status` (an
HTTP status), `scope` (a rate-limit scope), `owner` (an orchestrator lease owner). None of
them can hold a token, an interaction id or a URL with ids.
"""

from __future__ import annotations

import re
import typing

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, SummaryMetricFamily

from anycord.errors import ComponentStateConflictError
from anycord.gateway.state import ShardState
from anycord.orchestrator.leased import fleet_state

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from prometheus_client.metrics_core import Metric

    from anycord.dispatch.manager import EventManager
    from anycord.gateway.shard import GatewayShard
    from anycord.interactions.server import InteractionServer
    from anycord.orchestrator.coordinator import ShardStatus
    from anycord.rest.client import RESTClient
    from anycord.stats import LeaseStats

__all__ = [
    "dispatcher_families",
    "fleet_families",
    "interaction_families",
    "lease_families",
    "rest_families",
    "session_budget_family",
    "shard_families",
]

_EVENT_NAME: typing.Final = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
_FLEET_STATES: typing.Final = (
    "starting",
    "identifying",
    "resuming",
    "running",
    "disconnected",
    "stopped",
)


def _event_label(name: str) -> str:
    return name if _EVENT_NAME.fullmatch(name) else "other"


def shard_families(shards: Mapping[int, GatewayShard]) -> list[Metric]:
    """`anycord_shard_*`: state, heartbeat latency, reconnects, resumes, identifies, events
    received by name and bytes received, one series per shard (per event name)."""
    state = GaugeMetricFamily(
        "anycord_shard_state",
        "1 for the state the shard is in, 0 for the others",
        labels=["shard", "state"],
    )
    latency = GaugeMetricFamily(
        "anycord_shard_heartbeat_latency_seconds",
        "Seconds from the last answered heartbeat to its ACK (NaN before the first ACK)",
        labels=["shard"],
    )
    reconnects = CounterMetricFamily(
        "anycord_shard_reconnects", "Gateway connections opened after the first", labels=["shard"]
    )
    resumes = CounterMetricFamily(
        "anycord_shard_resumes", "Sessions resumed (RESUMED received)", labels=["shard"]
    )
    identifies = CounterMetricFamily(
        "anycord_shard_identifies", "IDENTIFY sent (new sessions)", labels=["shard"]
    )
    events = CounterMetricFamily(
        "anycord_shard_events_received",
        "Gateway dispatches received, by event name",
        labels=["shard", "event"],
    )
    received = CounterMetricFamily(
        "anycord_shard_received_bytes",
        "Bytes read off the gateway websocket (after TLS, before inflating)",
        labels=["shard"],
    )
    for shard_id, shard in sorted(shards.items()):
        label = str(shard_id)
        stats = shard.protocol.stats
        current = shard.state
        for member in ShardState:
            state.add_metric([label, member.name], 1.0 if member is current else 0.0)
        latency.add_metric([label], shard.heartbeat_latency)
        reconnects.add_metric([label], stats.reconnects)
        resumes.add_metric([label], stats.resumes)
        identifies.add_metric([label], stats.identifies)
        received.add_metric([label], shard.received_bytes)
        by_label: dict[str, int] = {}
        for name, count in list(stats.events.items()):
            key = _event_label(name)
            by_label[key] = by_label.get(key, 0) + count
        for key, count in sorted(by_label.items()):
            events.add_metric([label, key], count)
    return [state, latency, reconnects, resumes, identifies, events, received]


def dispatcher_families(manager: EventManager) -> list[Metric]:
    """`anycord_dispatcher_*`: queue depth, listener calls in flight, listener duration and
    listener errors."""
    stats = manager.stats
    limit = manager.max_in_flight
    return [
        GaugeMetricFamily(
            "anycord_dispatcher_queue_depth",
            "Listener calls scheduled and not started yet",
            value=manager.queued,
        ),
        GaugeMetricFamily(
            "anycord_dispatcher_listener_calls_in_flight",
            "Listener calls queued or running (bounded by max_in_flight)",
            value=manager.in_flight,
        ),
        GaugeMetricFamily(
            "anycord_dispatcher_max_in_flight",
            "The bound on listener calls in flight (+Inf: unbounded)",
            value=float("inf") if limit is None else limit,
        ),
        SummaryMetricFamily(
            "anycord_dispatcher_listener_duration_seconds",
            "Wall-clock seconds listener calls took",
            count_value=stats.listener_calls,
            sum_value=stats.listener_seconds,
        ),
        CounterMetricFamily(
            "anycord_dispatcher_listener_errors",
            "Listener calls that raised",
            value=stats.listener_errors,
        ),
    ]


def rest_families(rest: Callable[[], RESTClient]) -> list[Metric]:
    """`anycord_rest_*`: requests by route and status, latency by route, 429s by route and
    scope, seconds waited for rate limits by route. `rest()` gives the current client
    (`ComponentStateConflictError` while there is none: the families stay empty)."""
    requests = CounterMetricFamily(
        "anycord_rest_requests",
        "REST answers received, by route template and HTTP status (each retry counts)",
        labels=["route", "status"],
    )
    latency = SummaryMetricFamily(
        "anycord_rest_request_duration_seconds",
        "Seconds from sending a REST request to its answer, by route template",
        labels=["route"],
    )
    limited = CounterMetricFamily(
        "anycord_rest_rate_limited",
        "429 answers, by route template and scope (user, global, shared, cloudflare, other)",
        labels=["route", "scope"],
    )
    waited = CounterMetricFamily(
        "anycord_rest_rate_limit_wait_seconds",
        "Seconds REST calls waited for a rate-limit bucket before being sent, by route",
        labels=["route"],
    )
    families: list[Metric] = [requests, latency, limited, waited]
    try:
        client = rest()
    except ComponentStateConflictError:
        return families
    stats = client.stats
    counts: dict[str, int] = {}
    for (route, status), count in sorted(list(stats.requests.items())):
        requests.add_metric([route, str(status)], count)
        counts[route] = counts.get(route, 0) + count
    seconds = dict(stats.seconds)
    for route, count in sorted(counts.items()):
        latency.add_metric([route], count, seconds.get(route, 0.0))
    for (route, scope), count in sorted(list(stats.rate_limited.items())):
        limited.add_metric([route, scope], count)
    for route, total in sorted(list(stats.waited.items())):
        waited.add_metric([route], total)
    return families


def interaction_families(server: InteractionServer) -> list[Metric]:
    """`anycord_interaction_*`: requests by status, signature failures, time to the first
    response."""
    stats = server.stats
    requests = CounterMetricFamily(
        "anycord_interaction_requests",
        "Interaction HTTP requests answered, by status",
        labels=["status"],
    )
    for status, count in sorted(list(stats.statuses.items())):
        requests.add_metric([str(status)], count)
    return [
        requests,
        CounterMetricFamily(
            "anycord_interaction_signature_failures",
            "Interaction requests refused with 401 (bad, missing or stale signature)",
            value=stats.signature_failures,
        ),
        SummaryMetricFamily(
            "anycord_interaction_response_seconds",
            "Seconds from a signed request body to its (first) response being ready",
            count_value=stats.responses,
            sum_value=stats.response_seconds,
        ),
    ]


def lease_families(
    owner: str, stats: LeaseStats, shards: Mapping[int, GatewayShard]
) -> list[Metric]:
    """`anycord_orchestrator_*` of one worker: its shards by state, lease claims, renewals,
    renewal failures and losses, identify-gate waits."""
    by_state: dict[str, int] = dict.fromkeys(_FLEET_STATES, 0)
    for shard in list(shards.values()):
        key = fleet_state(shard)
        by_state[key] = by_state.get(key, 0) + 1
    held = GaugeMetricFamily(
        "anycord_orchestrator_shards",
        "Shards this worker holds leases on, by owner and state",
        labels=["owner", "state"],
    )
    for state, count in by_state.items():
        held.add_metric([owner, state], count)

    def counter(name: str, text: str, value: float) -> CounterMetricFamily:
        family = CounterMetricFamily(name, text, labels=["owner"])
        family.add_metric([owner], value)
        return family

    waits = SummaryMetricFamily(
        "anycord_orchestrator_identify_wait_seconds",
        "Seconds shards waited at the fleet's identify gate",
        labels=["owner"],
    )
    waits.add_metric([owner], stats.identify_waits, stats.identify_wait_seconds)
    return [
        held,
        counter("anycord_orchestrator_lease_claims", "Shard leases claimed", stats.claims),
        counter("anycord_orchestrator_lease_renewals", "Lease renewals accepted", stats.renewals),
        counter(
            "anycord_orchestrator_lease_renewal_failures",
            "Lease renewals that failed or timed out (the lease may still hold)",
            stats.renewal_failures,
        ),
        counter(
            "anycord_orchestrator_lease_losses",
            "Leases lost (taken over, not renewed in time, or fenced off); the shard stopped",
            stats.losses,
        ),
        waits,
    ]


def fleet_families(
    statuses: Mapping[int, ShardStatus], remaining_sessions: int | None
) -> list[Metric]:
    """The coordinator's view of the whole fleet: shards by owner and state as last
    reported, and the daily session budget left (`session_budget_family`)."""
    counts: dict[tuple[str, str], int] = {}
    for status in list(statuses.values()):
        key = (status.owner, status.state)
        counts[key] = counts.get(key, 0) + 1
    shards = GaugeMetricFamily(
        "anycord_orchestrator_fleet_shards",
        "Shards of the whole fleet by owner and state, as their owners last reported",
        labels=["owner", "state"],
    )
    for (owner, state), count in sorted(counts.items()):
        shards.add_metric([owner, state], count)
    return [shards, session_budget_family(remaining_sessions)]


def session_budget_family(remaining_sessions: int | None) -> Metric:
    """`anycord_orchestrator_session_budget_remaining`, the one definition both coordinators
    export: the daily session starts left, no sample while unknown."""
    budget = GaugeMetricFamily(
        "anycord_orchestrator_session_budget_remaining",
        "Session starts (IDENTIFYs) Discord allows the bot for the rest of the day",
        labels=[],
    )
    if remaining_sessions is not None:
        budget.add_metric([], remaining_sessions)
    return budget
