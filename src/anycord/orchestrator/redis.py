"""`RedisCoordinator`: the `ShardCoordinator` of a fleet spread over machines, on Redis or
Valkey through `coredis` (≥ 6, which runs on both AnyIO backends).

Every step that reads and then writes is one Lua script, so it is atomic on the server:

| step | keys | how |
|---|---|---|
| identify | `identify:<bucket>`, `budget` | server `TIME`: "wait N ms", or take the slot (and the budget left) |
| claim | `lease:<id>`, `epoch:<id>` | the first free shard gets `owner|epoch` with a TTL; `epoch` is `INCR`ed |
| renew / release | `lease:<id>` | only when the stored value is still `owner|epoch` |
| save_session, report | `lease:<id>`, `session:<id>`, `status:<id>` | written only while the lease is current |
| commands | `commands:<id>` (a stream) | `XADD` with a capped length; owners poll it (`XREAD`) from their last id |

Keys live under `anycord:{<namespace>}:`; the braces are a Redis Cluster hash tag, so all of a
bot's keys sit in one slot and the scripts stay legal on a cluster. Times come from the Redis
server's clock (identify windows) or are TTLs (leases), so machines' clocks need not agree.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import re
import ssl
import time
import typing

import anyio
import orjson

from anycord.errors import ComponentStateConflictError, SessionBudgetExhaustedError
from anycord.orchestrator.coordinator import (
    REPLAY_WINDOW,
    Lease,
    SessionInfo,
    ShardCommand,
    ShardPlan,
    ShardStatus,
)

if typing.TYPE_CHECKING:
    from collections.abc import AsyncGenerator, AsyncIterator, Mapping, Sequence

    import coredis

__all__ = [
    "COMMAND_POLL_INTERVAL",
    "RedisCoordinator",
    "connect_redis",
    "namespace_for",
    "store_errors",
]

_LOGGER = logging.getLogger("anycord.orchestrator")

_IDENTIFY = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < nxt then return {1, nxt - now} end
local budget = redis.call('GET', KEYS[2])
local left = -1
if budget then
  if tonumber(budget) <= 0 then return {2, redis.call('PTTL', KEYS[2]), 0} end
  left = redis.call('DECR', KEYS[2])
end
redis.call('SET', KEYS[1], now + tonumber(ARGV[1]), 'PX', tonumber(ARGV[1]) * 2)
return {0, 0, left}
"""

_CLAIM = """
for i = 1, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i]) == 0 then
    local epoch = redis.call('INCR', KEYS[i + 1])
    redis.call('SET', KEYS[i], ARGV[1] .. '|' .. epoch, 'PX', tonumber(ARGV[2]))
    return {(i - 1) / 2, epoch}
  end
end
return false
"""

_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0
"""

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
"""

_FENCED_WRITE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[2]) end
return 1
"""

_COMMAND_STREAM_LENGTH: typing.Final = 1000
_STREAM_ID: typing.Final = re.compile(r"\d+-\d+")
COMMAND_POLL_INTERVAL: typing.Final = 0.5
"""Seconds between an owner's reads of a shard's empty command log (the delivery delay)."""


def _stream_id_key(stream_id: str) -> tuple[int, int]:
    milliseconds, _, number = stream_id.partition("-")
    return int(milliseconds), int(number)


def store_errors() -> type[Exception]:
    """The base class of the Redis client's errors (a dropped or refused connection is one of
    them, not an `OSError`); a class nothing raises when coredis is not installed."""
    try:
        from coredis.exceptions import RedisError
    except ImportError:  # pragma: no cover - coredis is an optional extra
        return _NoStoreError
    return RedisError


class _NoStoreError(Exception):
    """Stands in for coredis's errors when coredis is not installed."""


def namespace_for(token: str) -> str:
    """The key namespace of a bot: its user id (the token's first part), else a token digest.

    Every process of one bot derives the same namespace from the same token; the digest is
    truncated and one-way, so the token cannot be read back from Redis keys.
    """
    first = token.strip().split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)).decode("ascii")
    except (ValueError, UnicodeDecodeError):
        decoded = ""
    if decoded.isdigit():
        return decoded
    return hashlib.sha256(token.strip().encode()).hexdigest()[:16]


def connect_redis(
    address: str,
    *,
    ca_cert: str | bytes | None = None,
    certificate: str | None = None,
    private_key: str | None = None,
) -> coredis.Redis[bytes]:
    """A `coredis.Redis` client for `redis://` or `rediss://` URLs.

    `ca_cert` (a path or PEM bytes) verifies the server; `certificate` and `private_key`
    (paths) present a client certificate (mutual TLS). Use it with `async with`.
    """
    import coredis

    kwargs: dict[str, typing.Any] = {}
    if address.startswith("rediss://") or ca_cert is not None or certificate is not None:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
        if isinstance(ca_cert, bytes):
            context.load_verify_locations(cadata=ca_cert.decode())
        elif ca_cert is not None:
            context.load_verify_locations(cafile=ca_cert)
        if certificate is not None:
            context.load_cert_chain(certificate, private_key)
        kwargs["ssl_context"] = context
    return coredis.Redis.from_url(address, decode_responses=False, **kwargs)


class RedisCoordinator:
    """A coordinator on a Redis/Valkey server (see `ShardCoordinator` for the contract).

    `client` is an entered `coredis.Redis` (the caller owns its lifetime); `namespace`
    separates bots sharing one server (the orchestrator uses the bot's user id).
    """

    def __init__(
        self,
        client: coredis.Redis[bytes],
        namespace: str,
        *,
        identify_window: float | None = None,
        replay_window: float = REPLAY_WINDOW,
    ) -> None:
        self._client = client
        self._replay_window_ms = int(replay_window * 1000)
        self._prefix = f"anycord:{{{namespace}}}:"
        self._window_ms = None if identify_window is None else int(identify_window * 1000)
        self._identify = client.register_script(_IDENTIFY)
        self._claim = client.register_script(_CLAIM)
        self._renew = client.register_script(_RENEW)
        self._release = client.register_script(_RELEASE)
        self._fenced_write = client.register_script(_FENCED_WRITE)
        self._plan: ShardPlan | None = None
        self._budget_seen: int | None = None

    def _key(self, *parts: object) -> str:
        return self._prefix + ":".join(str(p) for p in parts)

    # -- plan and budget (written by the supervisor) --------------------------------------

    async def publish_plan(
        self, plan: ShardPlan, *, remaining_sessions: int | None, reset_after: float | None
    ) -> None:
        """Store the fleet's plan and the daily session budget (supervisor only)."""
        await self._client.set(self._key("plan"), orjson.dumps(plan.to_json()))
        if remaining_sessions is not None:
            px = max(1, int((reset_after or 86_400.0) * 1000))
            await self._client.set(self._key("budget"), remaining_sessions, px=px)
        self._plan = plan
        self._budget_seen = remaining_sessions

    async def remaining_sessions(self) -> int | None:
        """Session starts left today (`None` once the counter expired at the daily reset)."""
        raw = await self._client.get(self._key("budget"))
        self._budget_seen = None if raw is None else int(raw)
        return self._budget_seen

    @property
    def remaining_sessions_seen(self) -> int | None:
        """Session starts left today as this coordinator last saw the shared counter, without
        asking Redis (what `anycord.metrics` exports): set by `publish_plan`, by every
        `remaining_sessions()` read and by every identify it granted or refused for a spent
        budget. `None` before it has seen the counter, or once it saw it expired. Other
        processes spend the budget too, so it is as fresh as this process's last look: the
        supervisor's watchdog reads it every `watch_interval`."""
        return self._budget_seen

    async def get_plan(self) -> ShardPlan:
        """The plan the supervisor published; waits (without a deadline of its own) until it has."""
        if self._plan is None:
            waited = False
            # Polling is the honest tool here: the plan lives in another process's store.
            while (raw := await self._client.get(self._key("plan"))) is None:
                if not waited:
                    _LOGGER.info("waiting for the orchestrator server to publish the shard plan")
                    waited = True
                await anyio.sleep(0.2)
            self._plan = ShardPlan.from_json(orjson.loads(raw))
        return self._plan

    # -- identify ------------------------------------------------------------------------

    async def acquire_identify(self, shard_id: int) -> None:
        plan = await self.get_plan()
        keys = [self._key("identify", shard_id % plan.max_concurrency), self._key("budget")]
        while True:
            window_ms = (
                int(plan.identify_window * 1000) if self._window_ms is None else self._window_ms
            )
            code, wait_ms, *left = typing.cast(
                "list[int]", await self._identify(keys=keys, args=[window_ms])
            )
            if code == 0:
                # -1: no budget counter (unknown, or expired at the daily reset).
                self._budget_seen = int(left[0]) if left and int(left[0]) >= 0 else None
                return
            if code == 2:
                self._budget_seen = 0
                raise SessionBudgetExhaustedError(max(0, int(wait_ms)) / 1000)
            # Wait out the window; a few ms of slack absorbs the round trip.
            await anyio.sleep(max(int(wait_ms), 1) / 1000 + 0.005)

    async def acquire(self, shard_id: int) -> None:
        """`IdentifyGate.acquire`."""
        await self.acquire_identify(shard_id)

    # -- leases -------------------------------------------------------------------------

    async def claim(
        self, owner: str, shard_ids: Sequence[int] | None = None, *, ttl: float
    ) -> Lease | None:
        if "|" in owner:
            msg = "an owner name cannot contain '|'"
            raise ValueError(msg)
        plan = await self.get_plan()
        candidates = list(range(plan.shard_count) if shard_ids is None else shard_ids)
        keys: list[str] = []
        for shard_id in candidates:
            keys += [self._key("lease", shard_id), self._key("epoch", shard_id)]
        if not keys:
            return None
        result = typing.cast(
            "list[int] | None", await self._claim(keys=keys, args=[owner, int(ttl * 1000)])
        )
        if not result:
            return None
        index, epoch = int(result[0]), int(result[1])
        return Lease(shard_id=candidates[index], owner=owner, epoch=epoch, ttl=ttl)

    @staticmethod
    def _token(lease: Lease) -> str:
        return f"{lease.owner}|{lease.epoch}"

    async def renew(self, lease: Lease) -> bool:
        keys = [self._key("lease", lease.shard_id)]
        return bool(await self._renew(keys=keys, args=[self._token(lease), int(lease.ttl * 1000)]))

    async def release(self, lease: Lease) -> None:
        await self._release(keys=[self._key("lease", lease.shard_id)], args=[self._token(lease)])

    # -- sessions and status ------------------------------------------------------------

    async def save_session(self, lease: Lease, session: SessionInfo | None) -> bool:
        value = b"" if session is None else orjson.dumps(session.to_json())
        keys = [self._key("lease", lease.shard_id), self._key("session", lease.shard_id)]
        return bool(await self._fenced_write(keys=keys, args=[self._token(lease), value]))

    async def load_session(self, shard_id: int) -> SessionInfo | None:
        raw = await self._client.get(self._key("session", shard_id))
        return None if not raw else SessionInfo.from_json(orjson.loads(raw))

    async def report(self, lease: Lease, status: ShardStatus) -> bool:
        data = status.to_json()
        if not data["last_seen"]:
            data["last_seen"] = time.time()
        keys = [self._key("lease", lease.shard_id), self._key("status", lease.shard_id)]
        return bool(
            await self._fenced_write(keys=keys, args=[self._token(lease), orjson.dumps(data)])
        )

    async def statuses(self) -> dict[int, ShardStatus]:
        plan = await self.get_plan()
        keys = [self._key("status", i) for i in range(plan.shard_count)]
        values = await self._client.mget(keys)
        out: dict[int, ShardStatus] = {}
        for raw in values:
            if raw:
                status = ShardStatus.from_json(orjson.loads(raw))
                out[status.shard_id] = status
        return out

    async def owners(self) -> dict[int, tuple[str, int]]:
        plan = await self.get_plan()
        values = await self._client.mget([self._key("lease", i) for i in range(plan.shard_count)])
        out: dict[int, tuple[str, int]] = {}
        for shard_id, raw in enumerate(values):
            if raw:
                owner, _, epoch = raw.decode().rpartition("|")
                out[shard_id] = (owner, int(epoch))
        return out

    async def store_presence(self, presence: Mapping[str, typing.Any]) -> dict[str, typing.Any]:
        # One hash field per presence field: HSET merges atomically on the server.
        if presence:
            fields = {key: orjson.dumps(value) for key, value in presence.items()}
            await self._client.hset(self._key("presence"), fields)
        return await self.load_presence() or {}

    async def load_presence(self) -> dict[str, typing.Any] | None:
        raw = await self._client.hgetall(self._key("presence"))
        if not raw:
            return None
        return {
            (k.decode() if isinstance(k, bytes) else str(k)): orjson.loads(v)
            for k, v in raw.items()
        }

    async def forget_fleet(self) -> int:
        """Delete every key of this namespace (plan, budget, epochs, sessions, statuses,
        presence, command logs) and return how many were deleted.

        For when a fleet is gone for good (a test run, a retired bot): call it once every
        process has stopped. Raises `ComponentStateConflictError` while any shard is still
        leased, because a live fleet's epochs are what fence a stale owner. The next fleet in
        this namespace starts afresh, and its supervisor re-reads the budget from Discord.
        """
        pattern = re.sub(r"([\\*?\[\]])", r"\\\1", self._prefix)
        keys = [key async for key in self._client.scan_iter(match=pattern + "*", count=1000)]
        lease = self._key("lease", "").encode()
        if any((k if isinstance(k, bytes) else k.encode()).startswith(lease) for k in keys):
            msg = "a shard of this fleet is still leased: stop every process first"
            raise ComponentStateConflictError(msg)
        deleted = 0
        for start in range(0, len(keys), 500):
            deleted += await self._client.delete(keys[start : start + 500])
        self._plan = None
        return deleted

    # -- commands -----------------------------------------------------------------------

    async def send_command(self, command: ShardCommand) -> None:
        plan = await self.get_plan()
        if not 0 <= command.shard_id < plan.shard_count:
            msg = f"shard {command.shard_id} is outside 0..{plan.shard_count - 1}"
            raise ValueError(msg)
        import coredis

        await self._client.xadd(
            self._key("commands", command.shard_id),
            {"command": orjson.dumps(command.to_json())},
            trim_strategy=coredis.PureToken.MAXLEN,
            trim_operator=coredis.PureToken.APPROXIMATELY,
            threshold=_COMMAND_STREAM_LENGTH,
        )

    @contextlib.asynccontextmanager
    async def commands(
        self, shard_id: int, *, after: str | None = None
    ) -> AsyncIterator[AsyncIterator[ShardCommand]]:
        key = self._key("commands", shard_id)
        if after is not None and _STREAM_ID.fullmatch(after):
            # Entries after the cursor, but none older than the replay window.
            oldest = f"{int(time.time() * 1000) - self._replay_window_ms}-0"
            start: bytes | str = max(after, oldest, key=_stream_id_key)
        else:
            if after is not None:
                _LOGGER.warning("ignored a command cursor of another back-end: %r", after)
            newest = await self._client.xrevrange(key, count=1)
            start = newest[0].identifier if newest else b"0-0"
        reader = self._read_commands(key, start)
        try:
            yield reader
        finally:
            # Close the generator here, in the task that used it (trio insists on that).
            await reader.aclose()

    async def _read_commands(
        self, key: str, last: bytes | str
    ) -> AsyncGenerator[ShardCommand, None]:
        while True:
            # Polled, not a blocking XREAD: coredis multiplexes plain commands over a few
            # connections, but a blocking one holds a pooled connection while it waits (one
            # per running shard), and one that dies with the server (a Redis restart) never
            # comes back to the pool: the process ran out of connections and stalled.
            result = await self._client.xread({key: last}, count=100)
            if not result:
                await anyio.sleep(COMMAND_POLL_INTERVAL)
                continue
            for entries in result.values():
                for entry in entries:
                    last = entry.identifier
                    raw = entry.field_values.get(b"command")
                    if raw is not None:
                        cursor = last.decode() if isinstance(last, bytes) else str(last)
                        yield ShardCommand.from_json(orjson.loads(raw)).delivered(cursor)
