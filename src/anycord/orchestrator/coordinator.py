"""The seam every sharding back-end implements: `ShardCoordinator`.

A coordinator answers five questions for a fleet of gateway shards that may live in one
process, in several processes, or on several machines:

* **May this shard identify now?** `acquire_identify(shard_id)` waits for the shard's
  max-concurrency bucket (`shard_id % max_concurrency`, one identify per bucket per
  `ShardPlan.identify_window`) and takes one session start from the daily budget. It is the
  `IdentifyGate` of `anycord.gateway`, so every IDENTIFY of every shard, at start-up and
  after, goes through it.
* **Who runs which shard?** `claim` hands out a `Lease` on a shard: the owner's name plus a
  *fencing epoch* that grows by one on every claim. The owner renews it well within its TTL;
  when renewals stop (the process died, the machine vanished) the lease expires and another
  owner can claim the shard. A renewal that finds a different epoch tells the old owner to
  stop at once, and every write an owner makes is checked against its epoch, so a stale owner
  can never overwrite the new owner's state.
* **Where did the shard's session stand?** `save_session`/`load_session` keep `session_id`,
  the last sequence number and `resume_gateway_url`, so a new owner RESUMEs instead of
  IDENTIFYing, and Discord replays what happened meanwhile (at-least-once: events between
  the last saved sequence and the crash are delivered again, none are lost).
* **What is each shard doing?** `report` and `statuses` (state, latency, session, sequence,
  last seen).
* **Which presence should new sessions show?** `store_presence`/`load_presence` keep the
  fleet's desired presence, so a shard that (re)identifies anywhere shows it.
* **Can this request reach the shard that owns the guild?** `send_command` puts a presence,
  voice-state or member request on the owning shard's command log; owners read theirs with
  `commands(...)`. Each delivered command carries a `cursor` (its place in the log); an owner
  that resubscribes with `after=cursor` (a new owner takes it from the saved session) also
  gets what was sent meanwhile, up to `REPLAY_WINDOW` seconds old: commands reach a shard
  at least once across a reconnect to the store or a hand-over to another process.

Guarantees and their limits: leases are not consensus. A back-end that loses writes (a Redis
failover to a replica that missed the last writes) can let two owners believe they hold the
same shard for up to one TTL; the epoch makes the older one stop at its next renewal, and
owners also stop on their own when they cannot renew within two thirds of the TTL. See
docs/scaling.md.
"""

from __future__ import annotations

import typing

import attrs

from anycord.gateway.identify import IDENTIFY_WINDOW

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Mapping, Sequence
    from contextlib import AbstractAsyncContextManager

__all__ = [
    "REPLAY_WINDOW",
    "CommandKind",
    "Lease",
    "SessionInfo",
    "ShardCommand",
    "ShardCoordinator",
    "ShardPlan",
    "ShardState",
    "ShardStatus",
]

REPLAY_WINDOW: typing.Final = 60.0
"""Seconds a command stays eligible for replay to an owner that resubscribes `after` it: long
enough for a lease to expire and be adopted (TTL 15 s by default), short enough that a late
voice-state or member request is not acted on long after it was asked for."""

ShardState = typing.Literal[
    "starting", "identifying", "resuming", "running", "disconnected", "stopped"
]
CommandKind = typing.Literal[
    "presence", "voice_state", "request_members", "soundboard_sounds", "disconnect"
]


@attrs.frozen(kw_only=True)
class ShardPlan:
    """How the fleet is laid out: shard count, identify concurrency, intents, gateway URL.

    `identify_window` is the seconds between two IDENTIFYs of one bucket granted by the
    coordinator: `anycord.gateway.identify.IDENTIFY_WINDOW` (Discord's 5 s plus a margin,
    because Discord times an IDENTIFY when it arrives, and grants turn into arrivals with
    different delays on different connections and machines; see docs/scaling.md). Tests
    against a fake with a shorter window lower it, keeping a margin.
    """

    shard_count: int
    max_concurrency: int = 1
    intents: int = 0
    gateway_url: str = "wss://gateway.discord.gg"
    identify_window: float = IDENTIFY_WINDOW

    def to_json(self) -> dict[str, typing.Any]:
        """A JSON-able form (for back-ends that store the plan)."""
        return attrs.asdict(self)

    @classmethod
    def from_json(cls, data: typing.Mapping[str, typing.Any]) -> ShardPlan:
        """The inverse of `to_json`."""
        return cls(
            shard_count=int(data["shard_count"]),
            max_concurrency=int(data.get("max_concurrency", 1)),
            intents=int(data.get("intents", 0)),
            gateway_url=str(data.get("gateway_url", "wss://gateway.discord.gg")),
            identify_window=float(data.get("identify_window", IDENTIFY_WINDOW)),
        )


@attrs.frozen(kw_only=True)
class Lease:
    """The right to run one shard, until it expires or another epoch takes over."""

    shard_id: int
    owner: str
    epoch: int
    ttl: float
    """Seconds the lease lives without a renewal."""


@attrs.frozen(kw_only=True)
class SessionInfo:
    """What a new owner needs to RESUME a shard's session."""

    session_id: str
    sequence: int
    resume_gateway_url: str
    command_cursor: str | None = None
    """The `cursor` of the last command the owner carried out (see `ShardCommand`)."""

    def to_json(self) -> dict[str, typing.Any]:
        """A JSON-able form."""
        return attrs.asdict(self)

    @classmethod
    def from_json(cls, data: typing.Mapping[str, typing.Any]) -> SessionInfo:
        """The inverse of `to_json` (sessions stored before `command_cursor` existed load too)."""
        cursor = data.get("command_cursor")
        return cls(
            session_id=str(data["session_id"]),
            sequence=int(data["sequence"]),
            resume_gateway_url=str(data["resume_gateway_url"]),
            command_cursor=None if cursor is None else str(cursor),
        )


@attrs.frozen(kw_only=True)
class ShardStatus:
    """A shard as its owner last reported it."""

    shard_id: int
    owner: str
    epoch: int
    state: ShardState
    latency: float | None = None
    """Heartbeat latency in seconds (`None` before the first ACK)."""
    session_id: str | None = None
    sequence: int | None = None
    last_seen: float = 0.0
    """Unix time of the report."""

    def to_json(self) -> dict[str, typing.Any]:
        """A JSON-able form."""
        return attrs.asdict(self)

    @classmethod
    def from_json(cls, data: typing.Mapping[str, typing.Any]) -> ShardStatus:
        """The inverse of `to_json`."""
        latency = data.get("latency")
        sequence = data.get("sequence")
        return cls(
            shard_id=int(data["shard_id"]),
            owner=str(data["owner"]),
            epoch=int(data["epoch"]),
            state=typing.cast("ShardState", data["state"]),
            latency=None if latency is None else float(latency),
            session_id=data.get("session_id"),
            sequence=None if sequence is None else int(sequence),
            last_seen=float(data.get("last_seen", 0.0)),
        )


@attrs.frozen(kw_only=True)
class ShardCommand:
    """A gateway command for whichever process owns `shard_id`."""

    shard_id: int
    kind: CommandKind
    payload: typing.Mapping[str, typing.Any] = attrs.field(factory=dict)
    cursor: str | None = attrs.field(default=None, eq=False)
    """Its place in the shard's command log, set on delivery (`None` when sending); pass it
    as `commands(..., after=cursor)` to resume reading after it."""

    def to_json(self) -> dict[str, typing.Any]:
        """A JSON-able form (without the cursor, which belongs to a delivery)."""
        return {"shard_id": self.shard_id, "kind": self.kind, "payload": dict(self.payload)}

    def delivered(self, cursor: str) -> ShardCommand:
        """This command as delivered at `cursor`."""
        return attrs.evolve(self, cursor=cursor)

    @classmethod
    def from_json(cls, data: typing.Mapping[str, typing.Any]) -> ShardCommand:
        """The inverse of `to_json`."""
        return cls(
            shard_id=int(data["shard_id"]),
            kind=typing.cast("CommandKind", data["kind"]),
            payload=dict(data.get("payload") or {}),
        )


class ShardCoordinator(typing.Protocol):
    """The operations described in the module docstring."""

    async def get_plan(self) -> ShardPlan:
        """The fleet's layout."""
        ...

    async def acquire_identify(self, shard_id: int) -> None:
        """Wait until `shard_id` may IDENTIFY; takes one session start from the daily budget.

        Raises `anycord.errors.SessionBudgetExhaustedError` when the budget is spent.
        """
        ...

    async def claim(
        self, owner: str, shard_ids: Sequence[int] | None = None, *, ttl: float
    ) -> Lease | None:
        """Lease the first free shard among `shard_ids` (all shards when `None`), or `None`."""
        ...

    async def renew(self, lease: Lease) -> bool:
        """Extend `lease`; `False` means it was lost and the owner must stop the shard now."""
        ...

    async def release(self, lease: Lease) -> None:
        """Give the shard up (only if `lease` is still current)."""
        ...

    async def save_session(self, lease: Lease, session: SessionInfo | None) -> bool:
        """Store (or clear, with `None`) the shard's session; `False` if the lease is stale."""
        ...

    async def load_session(self, shard_id: int) -> SessionInfo | None:
        """The last stored session of `shard_id`."""
        ...

    async def report(self, lease: Lease, status: ShardStatus) -> bool:
        """Publish the shard's status; `False` if the lease is stale."""
        ...

    async def statuses(self) -> dict[int, ShardStatus]:
        """The last reported status of every shard that has reported."""
        ...

    async def owners(self) -> dict[int, tuple[str, int]]:
        """The current lease of every leased shard, as `(owner, epoch)`."""
        ...

    async def store_presence(self, presence: Mapping[str, typing.Any]) -> dict[str, typing.Any]:
        """Merge `presence` (op 3 fields: `status`, `since`, `activities`, `afk`) into the
        fleet's desired presence, which shards identify with from then on; returns the result."""
        ...

    async def load_presence(self) -> dict[str, typing.Any] | None:
        """The fleet's desired presence (`None` when nobody set one)."""
        ...

    async def send_command(self, command: ShardCommand) -> None:
        """Queue `command` for the owner of `command.shard_id`."""
        ...

    def commands(
        self, shard_id: int, *, after: str | None = None
    ) -> AbstractAsyncContextManager[AsyncIterator[ShardCommand]]:
        """Commands sent to `shard_id` from now on, for as long as the context is open; with
        `after` (a delivered command's `cursor`), first those sent since that one, if they
        are at most `REPLAY_WINDOW` seconds old. Each comes with its `cursor`."""
        ...
