"""The plain counters each component keeps about itself, for `anycord.metrics` to read.

Every component holds one of these and bumps it on its own path with an int or float
addition or one dict increment: no lock, no clock read it would not make anyway, no import of
a metrics library. Nothing here is reset; counters only grow for the life of their component
(a new shard, REST client or lease starts from zero, which Prometheus reads as a counter
reset). `anycord.metrics` turns them into metric families when it is scraped, so a bot that
never installs metrics pays only for the additions.

Labels are chosen here, once: route templates (`POST /channels/{channel_id}/messages`, never
a path with ids or tokens), gateway event names, HTTP status codes and rate-limit scopes from
a closed set. Nothing a caller or Discord sends is used as a label verbatim.
"""

from __future__ import annotations

import typing

import attrs

__all__ = [
    "RATE_LIMIT_SCOPES",
    "DispatcherStats",
    "InteractionStats",
    "LeaseStats",
    "RESTStats",
    "ShardStats",
]

RATE_LIMIT_SCOPES: typing.Final = frozenset({"user", "global", "shared", "cloudflare"})
"""The `X-RateLimit-Scope` values counted by name (`cloudflare`: an edge ban, not Discord);
anything else is counted as `other`."""


@attrs.define(eq=False, weakref_slot=False)
class ShardStats:
    """One shard's gateway counters (kept by `GatewayProtocol` and `GatewayShard`)."""

    events: dict[str, int] = attrs.field(factory=dict)
    """Dispatches received, by event name (READY and RESUMED included; replays dropped as
    duplicates are not counted)."""
    received_bytes: int = 0
    """Bytes of finished connections read off the websocket (after TLS, before inflating);
    `GatewayShard.received_bytes` adds the open connection's."""
    connections: int = 0
    """Websocket connections opened (each reaches the protocol as `connection_made`)."""
    identifies: int = 0
    """IDENTIFY frames sent (new sessions)."""
    resumes: int = 0
    """RESUMED received (sessions resumed)."""

    @property
    def reconnects(self) -> int:
        """Connections opened after the first one."""
        return max(self.connections - 1, 0)


@attrs.define(eq=False, weakref_slot=False)
class DispatcherStats:
    """The event manager's listener counters (queue depth and in-flight are read live)."""

    listener_calls: int = 0
    """Listener calls finished (returned, raised or cancelled)."""
    listener_seconds: float = 0.0
    """Wall-clock seconds those calls took, summed, while `timed`."""
    timed: bool = False
    """Whether listener calls are timed into `listener_seconds`: `anycord.metrics.install`
    turns it on (two clock reads per call are not worth paying for nobody)."""
    listener_errors: int = 0
    """Listener calls that raised (each became an `ExceptionEvent` or an ERROR log line)."""


@attrs.define(eq=False, weakref_slot=False)
class RESTStats:
    """A REST client's counters, by route template."""

    requests: dict[tuple[str, int], int] = attrs.field(factory=dict)
    """Answers received, by `(route, status)`; a retried call counts every attempt."""
    seconds: dict[str, float] = attrs.field(factory=dict)
    """Seconds from sending a request to its answer, summed by route."""
    rate_limited: dict[tuple[str, str], int] = attrs.field(factory=dict)
    """429 answers, by `(route, scope)` (scope from `RATE_LIMIT_SCOPES`, else `other`)."""
    waited: dict[str, float] = attrs.field(factory=dict)
    """Seconds calls waited for a rate-limit grant before being sent, summed by route."""

    def answered(self, route: str, status: int, seconds: float) -> None:
        """Count one answer of `route` with `status` that took `seconds`."""
        key = (route, status)
        self.requests[key] = self.requests.get(key, 0) + 1
        self.seconds[route] = self.seconds.get(route, 0.0) + seconds

    def limited(self, route: str, scope: str | None) -> None:
        """Count one 429 of `route` in `scope` (`None`: Discord sent no scope)."""
        key = (route, scope if scope in RATE_LIMIT_SCOPES else "other")
        self.rate_limited[key] = self.rate_limited.get(key, 0) + 1

    def wait(self, route: str, seconds: float) -> None:
        """Add `seconds` waited for `route`'s rate limit."""
        self.waited[route] = self.waited.get(route, 0.0) + seconds


@attrs.define(eq=False, weakref_slot=False)
class InteractionStats:
    """An interaction server's counters (every transport's requests end up here)."""

    statuses: dict[int, int] = attrs.field(factory=dict)
    """Requests answered, by HTTP status (transport rejections such as 404/405/415/413 too)."""
    signature_failures: int = 0
    """Requests refused with 401: a signature that does not verify, a missing or non-hex
    signature header, or a timestamp outside `max_timestamp_skew`."""
    responses: int = 0
    """Signed requests the server answered (`on_interaction` calls)."""
    response_seconds: float = 0.0
    """Seconds from a signed body in to its response ready (the first response of a
    generator listener), summed."""

    def answered(self, status: int) -> None:
        """Count one request answered with `status`."""
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status == 401:
            self.signature_failures += 1


@attrs.define(eq=False, weakref_slot=False)
class LeaseStats:
    """An orchestrator worker's lease counters (`anycord.orchestrator.leased`)."""

    claims: int = 0
    """Leases claimed."""
    renewals: int = 0
    """Lease renewals the coordinator accepted."""
    renewal_failures: int = 0
    """Renewals that failed (store unreachable, timed out); the lease may still be held."""
    losses: int = 0
    """Leases lost: taken over by a newer epoch, not renewed within 2/3 of the TTL, or a
    write fenced off. The shard was stopped at once."""
    identify_waits: int = 0
    """Identify-gate grants received."""
    identify_wait_seconds: float = 0.0
    """Seconds spent waiting for those grants, summed."""
