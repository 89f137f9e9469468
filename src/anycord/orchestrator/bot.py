"""The orchestrator's `Bot`: a `GatewayBot` whose shard runner is `LeasedShards`.

Everything a gateway bot does (REST, dispatcher, cache, voice, lifecycle) is `GatewayBot`'s,
unchanged; only where the shards come from differs, through the `ShardRunner` seam
(`anycord.bots.shards`): this process runs the shards it holds leases on
(`anycord.orchestrator.leased` has the guarantees), and gateway commands for a guild whose
shard runs elsewhere go through the coordinator to that process.
"""

from __future__ import annotations

import os
import secrets
import socket
import typing

from anycord.bots.gateway_bot import GatewayBot
from anycord.orchestrator.leased import LeasedShards
from anycord.orchestrator.redis import namespace_for

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.orchestrator.coordinator import Lease, ShardCoordinator
    from anycord.stats import LeaseStats

__all__ = ["Bot", "default_owner"]


def default_owner() -> str:
    """A lease owner name unique to this process: `host-pid-random`."""
    host = socket.gethostname().replace("|", "-")
    return f"{host}-{os.getpid()}-{secrets.token_hex(3)}"


class Bot(GatewayBot):
    """A `GatewayBot` that runs `local_shard_count` shards leased from a coordinator.

    The class adds only its constructor and read-only views of its `LeasedShards` runner;
    no `GatewayBot` behaviour is overridden.

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
        super().__init__(token, shard_runner=self._leases, **kwargs)

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
