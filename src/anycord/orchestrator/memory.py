"""`MemoryCoordinator`: the `ShardCoordinator` of one process.

It backs a plain `GatewayBot` (leases are trivially its own) and the parent process of the
local multi-process back-end, which serves it to its workers over their pipes. Time is
`anyio.current_time()`, so tests drive it with virtual clocks.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import logging
import math
import time
import types
import typing

import anyio

from anycord.errors import SessionBudgetExhaustedError
from anycord.gateway.identify import IdentifyWindows
from anycord.orchestrator.coordinator import (
    REPLAY_WINDOW,
    Lease,
    SessionInfo,
    ShardCommand,
    ShardPlan,
    ShardStatus,
)

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Mapping, Sequence

    from anyio.streams.memory import MemoryObjectSendStream

__all__ = ["MemoryCoordinator"]

_LOGGER = logging.getLogger("anycord.orchestrator")
_COMMAND_BUFFER: typing.Final = 256
_COMMAND_LOG: typing.Final = 1000
"""Commands kept per shard for replay (`commands(after=...)`), newest last."""


def _cursor_number(cursor: str | None) -> int | None:
    """A memory cursor's number; `None` for none, or for a cursor this back-end never gave."""
    if cursor is None or not cursor.isdigit():
        if cursor is not None:
            _LOGGER.warning("ignored a command cursor of another back-end: %r", cursor)
        return None
    return int(cursor)


class MemoryCoordinator:
    """An in-process coordinator (see `ShardCoordinator` for the contract)."""

    def __init__(
        self,
        plan: ShardPlan,
        *,
        remaining_sessions: int | None = None,
        session_reset_after: float | None = None,
        identify_window: float | None = None,
        replay_window: float = REPLAY_WINDOW,
    ) -> None:
        if plan.shard_count < 1 or plan.max_concurrency < 1:
            msg = "shard_count and max_concurrency must be at least 1"
            raise ValueError(msg)
        self._plan = plan
        self._window = plan.identify_window if identify_window is None else identify_window
        self._remaining = remaining_sessions
        self._budget_resets_at = (
            anyio.current_time() + session_reset_after
            if session_reset_after is not None
            else math.inf
        )
        self._windows = IdentifyWindows(plan.max_concurrency, window=self._window)
        self._bucket_locks = [anyio.Lock() for _ in range(plan.max_concurrency)]
        self._leases: dict[int, tuple[str, int, float]] = {}
        self._epochs: dict[int, int] = {}
        self._sessions: dict[int, SessionInfo] = {}
        self._statuses: dict[int, ShardStatus] = {}
        self._subscribers: dict[int, list[MemoryObjectSendStream[ShardCommand]]] = {}
        # Per shard: (sequence number, anyio.current_time() when sent, command), for replays.
        self._command_log: dict[int, collections.deque[tuple[int, float, ShardCommand]]] = {}
        self._command_numbers = itertools.count(1)
        self._replay_window = replay_window
        self._presence: dict[str, typing.Any] | None = None
        self.identify_log: list[tuple[float, int]] = []
        """Every granted identify as `(time, shard_id)`, for tests and diagnostics."""
        self.claim_log: list[tuple[float, str, int | None]] = []
        """Every claim as `(time, owner, shard_id claimed or None)`, for tests and diagnostics."""

    @property
    def remaining_sessions(self) -> int | None:
        """Session starts left today (`None`: unknown, or after the daily reset)."""
        return self._remaining

    @property
    def reported(self) -> Mapping[int, ShardStatus]:
        """The last status each shard reported (what `statuses()` returns), read-only."""
        return types.MappingProxyType(self._statuses)

    async def get_plan(self) -> ShardPlan:
        return self._plan

    async def acquire_identify(self, shard_id: int) -> None:
        windows = self._windows
        # The lock queues shards of one bucket in arrival order; other buckets proceed. Only
        # the lock's holder books its bucket, so one sleep suffices.
        async with self._bucket_locks[windows.bucket(shard_id)]:
            await anyio.sleep(windows.delay(shard_id, anyio.current_time()))
            now = anyio.current_time()
            # The daily budget lives here, not in `windows`: it resets at a known time and
            # its error says when.
            if self._remaining is not None:
                if now >= self._budget_resets_at:
                    self._remaining = None  # unknown after the reset: the bot refreshes it
                elif self._remaining <= 0:
                    raise SessionBudgetExhaustedError(self._budget_resets_at - now)
                else:
                    self._remaining -= 1
            windows.take(shard_id, now)
            self.identify_log.append((now, shard_id))

    async def acquire(self, shard_id: int) -> None:
        """`IdentifyGate.acquire`: the same as `acquire_identify`."""
        await self.acquire_identify(shard_id)

    def _current(self, shard_id: int) -> tuple[str, int, float] | None:
        lease = self._leases.get(shard_id)
        if lease is not None and lease[2] <= anyio.current_time():
            del self._leases[shard_id]
            return None
        return lease

    def _is_current(self, lease: Lease) -> bool:
        held = self._current(lease.shard_id)
        return held is not None and held[0] == lease.owner and held[1] == lease.epoch

    async def claim(
        self, owner: str, shard_ids: Sequence[int] | None = None, *, ttl: float
    ) -> Lease | None:
        candidates = range(self._plan.shard_count) if shard_ids is None else shard_ids
        for shard_id in candidates:
            if not 0 <= shard_id < self._plan.shard_count:
                msg = f"shard {shard_id} is outside 0..{self._plan.shard_count - 1}"
                raise ValueError(msg)
            if self._current(shard_id) is None:
                epoch = self._epochs.get(shard_id, 0) + 1
                self._epochs[shard_id] = epoch
                self._leases[shard_id] = (owner, epoch, anyio.current_time() + ttl)
                self.claim_log.append((anyio.current_time(), owner, shard_id))
                return Lease(shard_id=shard_id, owner=owner, epoch=epoch, ttl=ttl)
        self.claim_log.append((anyio.current_time(), owner, None))
        return None

    async def renew(self, lease: Lease) -> bool:
        if not self._is_current(lease):
            return False
        self._leases[lease.shard_id] = (lease.owner, lease.epoch, anyio.current_time() + lease.ttl)
        return True

    async def release(self, lease: Lease) -> None:
        if self._is_current(lease):
            del self._leases[lease.shard_id]

    async def save_session(self, lease: Lease, session: SessionInfo | None) -> bool:
        if not self._is_current(lease):
            return False
        if session is None:
            self._sessions.pop(lease.shard_id, None)
        else:
            self._sessions[lease.shard_id] = session
        return True

    async def load_session(self, shard_id: int) -> SessionInfo | None:
        return self._sessions.get(shard_id)

    async def report(self, lease: Lease, status: ShardStatus) -> bool:
        if not self._is_current(lease):
            return False
        if status.last_seen == 0.0:
            status = ShardStatus(**{**status.to_json(), "last_seen": time.time()})
        self._statuses[lease.shard_id] = status
        return True

    async def statuses(self) -> dict[int, ShardStatus]:
        return dict(self._statuses)

    async def owners(self) -> dict[int, tuple[str, int]]:
        out: dict[int, tuple[str, int]] = {}
        for shard_id in list(self._leases):
            held = self._current(shard_id)
            if held is not None:
                out[shard_id] = (held[0], held[1])
        return out

    def drop_owner(self, owner: str) -> list[int]:
        """End every lease of `owner` now (its process is known to be dead); returns the shards.

        Only the local back-end's parent may call this: it saw the worker exit, so nobody
        runs those shards any more and waiting out the TTL would only delay the resume.
        Epochs stay, so the dead owner's leases remain fenced.
        """
        dropped = [sid for sid, held in self._leases.items() if held[0] == owner]
        for shard_id in dropped:
            del self._leases[shard_id]
        return dropped

    async def store_presence(self, presence: Mapping[str, typing.Any]) -> dict[str, typing.Any]:
        merged = {**(self._presence or {}), **presence}
        self._presence = merged
        return dict(merged)

    async def load_presence(self) -> dict[str, typing.Any] | None:
        return None if self._presence is None else dict(self._presence)

    async def send_command(self, command: ShardCommand) -> None:
        if not 0 <= command.shard_id < self._plan.shard_count:
            msg = f"shard {command.shard_id} is outside 0..{self._plan.shard_count - 1}"
            raise ValueError(msg)
        number = next(self._command_numbers)
        log = self._command_log.setdefault(command.shard_id, collections.deque(maxlen=_COMMAND_LOG))
        log.append((number, anyio.current_time(), command))
        command = command.delivered(str(number))
        subscribers = self._subscribers.get(command.shard_id, [])
        if not subscribers:
            _LOGGER.debug(
                "no owner is listening for commands to shard %s; %s kept for replay",
                command.shard_id,
                command.kind,
            )
        for stream in subscribers:
            try:
                stream.send_nowait(command)
            except anyio.WouldBlock:
                _LOGGER.warning(
                    "command queue of shard %s is full; dropped %s", command.shard_id, command.kind
                )

    @contextlib.asynccontextmanager
    async def commands(
        self, shard_id: int, *, after: str | None = None
    ) -> AsyncIterator[AsyncIterator[ShardCommand]]:
        send, receive = anyio.create_memory_object_stream[ShardCommand](_COMMAND_BUFFER)
        last = _cursor_number(after)
        if last is not None:
            # Replayed and subscribed in one step (no await): nothing falls in between.
            oldest = anyio.current_time() - self._replay_window
            for number, sent, command in self._command_log.get(shard_id, ()):
                if number > last and sent >= oldest:
                    try:
                        send.send_nowait(command.delivered(str(number)))
                    except anyio.WouldBlock:
                        break  # more than a queue's worth missed: the oldest are replayed
        self._subscribers.setdefault(shard_id, []).append(send)
        try:
            async with receive:
                yield receive
        finally:
            self._subscribers[shard_id].remove(send)
            send.close()
