"""Shards across processes and machines (hikari-orchestrator's API on anycord).

* One machine: `run_subprocesses` / `spawn_subprocesses` start worker processes coordinated
  by the parent over their pipes.
* Many machines: `run_server` publishes the plan to Redis/Valkey, `Bot` runs the shards it
  leases, `Client` monitors and commands them.
* The seam under both: `ShardCoordinator` (identify buckets and budget, leases with fencing
  epochs, sessions, status, a command bus), with `MemoryCoordinator` and `RedisCoordinator`.

See docs/scaling.md for the guarantees and their limits.
"""

from __future__ import annotations

from anycord.orchestrator.bot import Bot
from anycord.orchestrator.client import Client, RemoteShard
from anycord.orchestrator.coordinator import (
    Lease,
    SessionInfo,
    ShardCommand,
    ShardCoordinator,
    ShardPlan,
    ShardStatus,
)
from anycord.orchestrator.local import LocalFleet, run_subprocesses, spawn_subprocesses
from anycord.orchestrator.memory import MemoryCoordinator
from anycord.orchestrator.redis import RedisCoordinator, connect_redis
from anycord.orchestrator.server import run_server, start_server

__all__ = [
    "Bot",
    "Client",
    "Lease",
    "LocalFleet",
    "MemoryCoordinator",
    "RedisCoordinator",
    "RemoteShard",
    "SessionInfo",
    "ShardCommand",
    "ShardCoordinator",
    "ShardPlan",
    "ShardStatus",
    "connect_redis",
    "run_server",
    "run_subprocesses",
    "spawn_subprocesses",
    "start_server",
]
