"""`GatewayShard`: the thin AnyIO driver around `GatewayProtocol`.

It only moves bytes and sleeps; every decision is the protocol's. Its tree:

```
run()                     the shard's lifetime (a cancel scope that close() cancels)
└── connection loop       connect → serve → close → back off → connect …
    └── per-connection task group
        ├── reader        (the run() task itself) per socket read: frames → protocol → sink
        └── heartbeater   beats on the protocol's schedule; zombie check
```

Guarantees:

* `await tg.start(shard.run)` returns after the first READY (and the sink has seen it).
  `run()` returns after `close()` (or when its caller cancels it) and raises
  `GatewayFatalCloseError` for 4004 and 4010–4014, or `SessionBudgetExhaustedError` from the gate.
* Reconnect delays come from one place, `anycord.gateway.backoff.ReconnectBackoff`: a
  connection that did not reach READY/RESUMED and then stay up for `stable_after` seconds is a
  failure however it ended (op 7 or op 9 right after HELLO, a close, a bad frame, a timeout), and
  failures back off exponentially with jitter (`min(cap, base·2ⁿ⁻¹) × (½ + ½·random())`). So no
  server can make the shard open more than 2 connections in a second or 7 in a minute (defaults).
  After 4007/4009 or INVALID_SESSION the shard waits at least a random 1–5 s, then identifies
  through the `IdentifyGate` (or resumes if Discord said the session is resumable). RESUME goes
  to `resume_gateway_url` and skips the gate.
* Handshake waits are bounded: opening the websocket and then receiving HELLO each get
  `hello_timeout` seconds (20 by default), READY/RESUMED must follow IDENTIFY/RESUME within
  `ready_timeout` seconds of silence (60 by default; each replayed event of a resume restarts
  it, so a slow replay that keeps flowing is not cut). A timeout logs one warning and counts as
  a failed connection: the shard reconnects after its backoff. `start()` stays pending until a
  connection does reach READY; bound it with your own `anyio.fail_after` if you must.
* A reconnect closes the socket with code 4900 (any code but 1000/1001 keeps the session);
  `close()` and cancellation close it with 1001, which ends the session. The close handshake is
  shielded and bounded; there is no fixed sleep anywhere.
* Backpressure: the reader takes every message one socket read completed
  (`WebSocketClient.receive_many`) and hands the sink each dispatch in order, awaiting what
  `deliver_dispatch` returns (if anything) before the next, so a slow
  sink pauses reading and memory stays bounded by one read (64 KiB of frames, or one larger
  message). The zombie check only counts a missed ACK while the
  reader is idle on the socket (see `anycord.gateway.protocol`), so a slow sink never causes a
  false zombie reconnect.
* Sends: one path per connection, through the connection's `SendLimiter` (120 per 60 s, three
  slots reserved for heartbeats). `update_presence` & co. build and validate their payload
  first (`ValueError` over 4096 bytes, nothing sent), then wait for a READY connection and a
  slot, and return once the frame is written. Bound the wait with your own `anyio.fail_after`.
* Commands are delivered at least once, never dropped silently. A written command counts as
  read by Discord only once the ACK of a heartbeat written after it arrives (the server handles
  a connection's frames in order). If the connection ends before that (the server closed it
  while the command was in flight, a zombie, op 7, a dropped socket), the command is written
  again on the next connection, before any newer command and in the original order. So a
  command can arrive twice when the server did read it just before the connection ended;
  presence and voice-state updates are idempotent, and member requests carry a `nonce` to spot
  a repeated chunk. `close()` ends the guarantee: unconfirmed commands are not sent anywhere.
* `max_message_size` bounds one received message: the websocket message for an uncompressed
  connection, the inflated message for a compressed one (`GatewayTransportError`, reconnect).
"""

from __future__ import annotations

import collections
import contextlib
import logging
import math
import typing

import anyio
import anyio.abc

from anycord.errors import (
    ComponentClosedError,
    ComponentStateConflictError,
    GatewayConnectionError,
    GatewayError,
    GatewayFatalCloseError,
    GatewayServerClosedConnectionError,
    GatewayTransportError,
    ShardCloseCode,
)
from anycord.gateway import commands
from anycord.gateway.backoff import ReconnectBackoff
from anycord.gateway.compression import DEFAULT_MAX_SIZE
from anycord.gateway.identify import LocalIdentifyGate
from anycord.gateway.protocol import (
    DEFAULT_HELLO_TIMEOUT,
    DEFAULT_READY_TIMEOUT,
    CloseAction,
    Dispatch,
    GatewayEvent,
    GatewayProtocol,
    HandshakeComplete,
    HeartbeatAck,
    HeartbeatRequested,
    Hello,
    InvalidSession,
    Opcode,
    ReconnectRequested,
)
from anycord.gateway.sendlimit import SendLimiter
from anycord.gateway.websocket import WebSocketClient
from anycord.intents import Intents
from anycord.logs import register_secret
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable

    from anycord.config import HTTPSettings, ProxySettings
    from anycord.gateway.identify import IdentifyGate
    from anycord.gateway.sink import ShardEventSink
    from anycord.gateway.state import ShardState
    from anycord.snowflakes import SnowflakeishOr
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["RECONNECT_CLOSE_CODE", "GatewayShard"]

_LOGGER = logging.getLogger("anycord.gateway")

RECONNECT_CLOSE_CODE: typing.Final[int] = 4900
"""Sent when we drop a connection to reconnect (not 1000/1001, so the session survives)."""

_Outcome = typing.Literal["reconnect", "new_session"]
_RECONNECT: typing.Final = "reconnect"
_NEW_SESSION: typing.Final = "new_session"


def _overdue_message(protocol: GatewayProtocol) -> str:
    awaited = protocol.awaiting
    if awaited == "HELLO":
        return f"no HELLO within {protocol.hello_timeout:g}s of connecting"
    since = {"READY": "IDENTIFY", "RESUMED": "RESUME or the last replayed event"}.get(awaited)
    return (
        f"no {awaited or 'answer'} within {protocol.ready_timeout:g}s of {since or 'the handshake'}"
    )


class _ConnectionLost(Exception):
    """Internal: the connection a sender was waiting on went away."""


class _Connection:
    """One websocket connection's send path, liveness and unconfirmed commands.

    Commands (not IDENTIFY, RESUME or heartbeats) written on the connection stay in
    `unconfirmed` until the ACK of a heartbeat written after them arrives: the server answers
    frames in order, so that ACK proves it read them. When the connection ends, the shard puts
    what is still unconfirmed back at the front of its backlog, which the next connection
    writes before any new command.
    """

    def __init__(self, ws: WebSocketClient, backlog: collections.deque[bytes]) -> None:
        self.ws = ws
        self.limiter = SendLimiter()
        self.lost = anyio.Event()
        self.ready = False
        self.ready_at = math.nan
        self.outcome: _Outcome = _RECONNECT
        self.error: BaseException | None = None
        self.backlog = backlog
        self.unconfirmed: collections.deque[bytes] = collections.deque()
        self.carried = False
        self._written = 0
        self._confirmed = 0
        self._beat_marks: collections.deque[int] = collections.deque()
        self._lock = anyio.Lock()

    async def send(self, frame: bytes) -> None:
        """A handshake frame (IDENTIFY, RESUME): priority slot, not tracked."""
        await self._write(frame, priority=True)

    async def send_heartbeat(self, frame: bytes) -> None:
        """A heartbeat: its ACK will confirm every command written before it."""
        await self._write(frame, priority=True, beat=True)

    async def send_command(self, frame: bytes) -> None:
        """A command, after the backlog; FIFO among commands; tracked until confirmed."""
        async with self._lock:
            await self._drain()
            await self._write(frame, priority=False)
            self._book(frame)

    async def flush_backlog(self) -> None:
        """Write the backlog inherited from earlier connections (a no-op once it is empty)."""
        try:
            async with self._lock:
                await self._drain()
        except _ConnectionLost:
            pass  # the reader sees the loss; the backlog keeps what was not written

    def heartbeat_acked(self) -> None:
        if self._beat_marks:
            mark = self._beat_marks.popleft()
            while self._confirmed < mark:
                self.unconfirmed.popleft()
                self._confirmed += 1

    def carry_over(self) -> None:
        """The connection is gone: its unconfirmed commands go first on the next one."""
        self.carried = True
        self.backlog.extendleft(reversed(self.unconfirmed))
        self.unconfirmed.clear()

    async def _drain(self) -> None:
        backlog = self.backlog
        while backlog:
            frame = backlog[0]
            await self._write(frame, priority=False)
            # Booked in the same step as the write returned: no carry-over can come between.
            backlog.popleft()
            self._book(frame)

    def _book(self, frame: bytes) -> None:
        if self.carried:  # written to a connection that was already given up on
            self.backlog.append(frame)
            return
        self.unconfirmed.append(frame)
        self._written += 1

    async def _write(self, frame: bytes, *, priority: bool, beat: bool = False) -> None:
        while True:
            if self.lost.is_set():
                raise _ConnectionLost
            wait = self.limiter.try_acquire(anyio.current_time(), priority=priority)
            if wait == 0.0:
                break
            with anyio.move_on_after(wait):
                await self.lost.wait()
        if beat:
            # Only commands whose write finished before this beat's write began are covered.
            self._beat_marks.append(self._written)
        try:
            await self.ws.send(frame)
        except GatewayConnectionError:
            raise _ConnectionLost from None


class GatewayShard:
    """One gateway shard. See the module docstring for its guarantees."""

    def __init__(
        self,
        *,
        token: str,
        url: str,
        intents: Intents,
        sink: ShardEventSink,
        shard_id: int = 0,
        shard_count: int = 1,
        identify_gate: IdentifyGate | None = None,
        compression: typing.Literal["zlib-stream", "zstd-stream"] | None = "zlib-stream",
        large_threshold: int = 250,
        initial_activity: object | None = None,
        initial_status: object = "online",
        initial_afk: bool = False,
        initial_idle_since: datetime.datetime | None = None,
        http_settings: HTTPSettings | None = None,
        proxy_settings: ProxySettings | None = None,
        backoff_base: float = 1.0,
        backoff_cap: float = 60.0,
        stable_after: float = 30.0,
        close_grace: float = 5.0,
        resume: tuple[str, int, str] | None = None,
        max_message_size: int = DEFAULT_MAX_SIZE,
        hello_timeout: float = DEFAULT_HELLO_TIMEOUT,
        ready_timeout: float = DEFAULT_READY_TIMEOUT,
    ) -> None:
        register_secret(token)
        self._protocol = GatewayProtocol(
            token=token,
            intents=intents,
            shard_id=shard_id,
            shard_count=shard_count,
            compression=compression,
            large_threshold=large_threshold,
            max_message_size=max_message_size,
            hello_timeout=hello_timeout,
            ready_timeout=ready_timeout,
        )
        self._max_message_size = max_message_size
        if resume is not None:
            # A session handed over by a previous owner (the orchestrator): RESUME it first.
            self._protocol.restore_session(*resume)
        self._close_resumable = False
        self._url = url
        self._intents = Intents(intents)
        self._sink = sink
        self._shard_id = shard_id
        self._shard_count = shard_count
        self._gate: IdentifyGate = identify_gate or LocalIdentifyGate()
        self._http_settings = http_settings
        self._proxy_settings = proxy_settings
        self._backoff = ReconnectBackoff(
            base=backoff_base, cap=backoff_cap, stable_after=stable_after
        )
        self._close_grace = close_grace
        # The presence sent with IDENTIFY; update_presence merges into it.
        self._activity = initial_activity
        self._status = initial_status
        self._afk = initial_afk
        self._idle_since = initial_idle_since
        commands.presence_payload(
            idle_since=initial_idle_since,
            afk=initial_afk,
            activity=initial_activity,
            status=initial_status,
        )
        self._lifecycle = "new"  # new → running → closing → closed
        self._conn: _Connection | None = None
        # Commands to write before any new one: those a lost connection never confirmed.
        self._backlog: collections.deque[bytes] = collections.deque()
        self._run_scope: anyio.CancelScope | None = None
        self._changed: anyio.Event | None = None
        self._exited: anyio.Event | None = None

    def __repr__(self) -> str:
        return f"GatewayShard(id={self._shard_id}, shard_count={self._shard_count}, state={self.state.name})"

    # -- read-only state ----------------------------------------------------------------------

    @property
    def id(self) -> int:
        return self._shard_id

    @property
    def shard_count(self) -> int:
        return self._shard_count

    @property
    def intents(self) -> Intents:
        return self._intents

    @property
    def state(self) -> ShardState:
        """The protocol state (`anycord.gateway.state.ShardState`)."""
        return self._protocol.state

    @property
    def is_alive(self) -> bool:
        """True while `run()` is running."""
        return self._lifecycle in ("running", "closing")

    @property
    def is_connected(self) -> bool:
        """True while a connection has completed READY/RESUMED and is still open."""
        conn = self._conn
        return conn is not None and conn.ready and not conn.lost.is_set()

    @property
    def heartbeat_latency(self) -> float:
        """Seconds from the last answered heartbeat to its ACK; NaN before the first ACK."""
        return self._protocol.heartbeat_latency

    @property
    def received_bytes(self) -> int:
        """Bytes read off this shard's websockets so far, the open one's included."""
        conn = self._conn
        live = conn.ws.received_bytes if conn is not None else 0
        return self._protocol.stats.received_bytes + live

    @property
    def session_id(self) -> str | None:
        return self._protocol.session_id

    @property
    def sequence(self) -> int | None:
        return self._protocol.sequence

    @property
    def resume_gateway_url(self) -> str | None:
        return self._protocol.resume_gateway_url

    @property
    def protocol(self) -> GatewayProtocol:
        return self._protocol

    # -- lifecycle ----------------------------------------------------------------------------

    def _notify(self) -> None:
        if self._changed is not None:
            event, self._changed = self._changed, anyio.Event()
            event.set()

    async def run(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        """Connect and keep the session alive until `close()`; see the module docstring."""
        if self._lifecycle != "new":
            msg = f"shard {self._shard_id} was already started (state {self._lifecycle})"
            raise ComponentStateConflictError(msg)
        self._lifecycle = "running"
        self._changed = anyio.Event()
        self._exited = anyio.Event()
        try:
            with anyio.CancelScope() as scope:
                self._run_scope = scope
                await self._keep_alive(task_status)
        finally:
            self._lifecycle = "closed"
            if self._protocol.state.name != "CLOSED":
                self._protocol.close()
            self._notify()
            self._exited.set()

    async def close(self, *, resumable: bool = False) -> None:
        """Close and wait, shielded and bounded, for `run()` to exit.

        By default the close code is 1001, which ends the session (the bot goes offline).
        `resumable=True` closes with a reconnect code instead, so the session stays resumable
        for a few minutes: the orchestrator uses it to hand a shard to another process.
        """
        if self._lifecycle == "new":
            msg = f"shard {self._shard_id} is not running"
            raise ComponentStateConflictError(msg)
        self._close_resumable = resumable
        if self._lifecycle == "running":
            self._lifecycle = "closing"
            self._notify()
            if self._run_scope is not None:
                self._run_scope.cancel()
        assert self._exited is not None
        with anyio.CancelScope(shield=True), anyio.move_on_after(self._close_grace + 1.0):
            await self._exited.wait()

    async def join(self) -> None:
        """Wait until `run()` has exited."""
        if self._exited is None:
            msg = f"shard {self._shard_id} is not running"
            raise ComponentStateConflictError(msg)
        await self._exited.wait()

    # -- the connection loop ------------------------------------------------------------------

    async def _keep_alive(self, task_status: anyio.abc.TaskStatus[None]) -> None:
        started: list[bool] = [False]
        while True:
            conn: _Connection | None = None
            try:
                conn = await self._connect()
                outcome = await self._serve(conn, task_status, started)
            except GatewayServerClosedConnectionError as exc:
                action = self._protocol.connection_lost(exc.code)
                if action is CloseAction.FATAL:
                    raise GatewayFatalCloseError(exc.reason, exc.code) from None
                _LOGGER.warning("shard %s: %s", self._shard_id, exc)
                outcome = _NEW_SESSION if action is CloseAction.NEW_SESSION else _RECONNECT
            except (GatewayConnectionError, GatewayTransportError) as exc:
                _LOGGER.warning("shard %s: %s; reconnecting", self._shard_id, exc)
                self._protocol.connection_lost(None)
                outcome = _RECONNECT
            else:
                self._protocol.connection_lost(None)
            delay = self._backoff.connection_ended(
                ready_at=conn.ready_at if conn is not None else math.nan,
                now=anyio.current_time(),
                new_session=outcome == _NEW_SESSION,
            )
            _LOGGER.debug("shard %s: reconnecting in %.2fs (%s)", self._shard_id, delay, outcome)
            await anyio.sleep(delay)

    async def _connect(self) -> _Connection:
        url = self._protocol.connect_url(self._url)
        timeout = self._protocol.hello_timeout
        ws: WebSocketClient | None = None
        with anyio.move_on_after(timeout):
            ws = await WebSocketClient.connect(
                url,
                ssl_context=self._http_settings.ssl if self._http_settings is not None else True,
                proxy=self._proxy_settings,
                max_message_size=self._max_message_size,
            )
        if ws is None:
            msg = f"the websocket did not open within {timeout:g}s"
            raise GatewayConnectionError(msg)
        self._protocol.connection_made(anyio.current_time())
        return _Connection(ws, self._backlog)

    async def _serve(
        self, conn: _Connection, task_status: anyio.abc.TaskStatus[None], started: list[bool]
    ) -> _Outcome:
        close_code: int = ShardCloseCode.GOING_AWAY
        self._conn = conn
        try:
            async with anyio.create_task_group() as tg:
                tg.start_soon(self._read, conn, tg, task_status, started)
                tg.start_soon(self._handshake_watchdog, conn, tg.cancel_scope)
            if conn.error is not None:
                raise conn.error
            close_code = RECONNECT_CLOSE_CODE
            return conn.outcome
        except GatewayError:
            close_code = RECONNECT_CLOSE_CODE
            raise
        finally:
            conn.lost.set()
            self._conn = None
            self._protocol.stats.received_bytes += conn.ws.received_bytes
            self._notify()
            with anyio.CancelScope(shield=True):
                if self._lifecycle != "running":
                    close_code = (
                        RECONNECT_CLOSE_CODE if self._close_resumable else ShardCloseCode.GOING_AWAY
                    )
                await conn.ws.close(int(close_code), grace=self._close_grace)
                # After close() no write can land on this socket any more.
                conn.carry_over()
                if conn.ready:
                    with anyio.move_on_after(self._close_grace):
                        await self._sink.on_shard_disconnected(self)

    async def _read(
        self,
        conn: _Connection,
        tg: anyio.abc.TaskGroup,
        task_status: anyio.abc.TaskStatus[None],
        started: list[bool],
    ) -> None:
        try:
            await self._read_loop(conn, tg, task_status, started)
        except Exception as exc:  # re-raised by _serve, outside the task group
            conn.error = exc
        tg.cancel_scope.cancel()

    async def _read_loop(
        self,
        conn: _Connection,
        tg: anyio.abc.TaskGroup,
        task_status: anyio.abc.TaskStatus[None],
        started: list[bool],
    ) -> None:
        receive = self._protocol.receive_dispatch
        ws = conn.ws
        deliver = self._sink.deliver_dispatch  # bound once per connection, not per event
        while True:
            # One pass per socket read: every message it completed, in order. Each message
            # goes through the protocol only once the previous one's events are delivered,
            # so the sequence never runs ahead of what the sink has been handed.
            messages = await ws.receive_many()
            now = ws.received_at
            for message in messages:
                events = receive(message, now)
                if events.__class__ is Dispatch:  # the usual message: one in-order dispatch
                    wait = deliver(self, events[0], events[2])  # (name, sequence, data)
                    if wait is not None:
                        await wait
                    continue
                for event in typing.cast("list[GatewayEvent]", events):
                    if event.__class__ is Dispatch:
                        wait = deliver(self, event.name, event.data)
                        if wait is not None:
                            await wait
                    else:
                        stop = await self._on_event(event, conn, tg, task_status, started)
                        if stop:
                            return

    async def _on_event(
        self,
        event: GatewayEvent,
        conn: _Connection,
        tg: anyio.abc.TaskGroup,
        task_status: anyio.abc.TaskStatus[None],
        started: list[bool],
    ) -> bool:
        """Act on one event that is not a dispatch; True: the connection must end."""
        protocol = self._protocol
        if isinstance(event, HandshakeComplete):
            conn.ready = True
            conn.ready_at = anyio.current_time()
            if conn.backlog:
                tg.start_soon(conn.flush_backlog)
            self._notify()
            await self._sink.on_shard_connected(self)
            if not started[0]:
                started[0] = True
                task_status.started()
        elif isinstance(event, HeartbeatAck):
            conn.heartbeat_acked()
        elif isinstance(event, Hello):
            tg.start_soon(self._heartbeat_loop, conn, tg.cancel_scope)
            if event.resume:
                frame = protocol.resume(now=anyio.current_time())
            else:
                await self._gate.acquire(self._shard_id)
                frame = protocol.identify(self._presence(), now=anyio.current_time())
            tg.start_soon(self._handshake_watchdog, conn, tg.cancel_scope)
            # A failed write means the server is gone: the next receive() says how.
            with contextlib.suppress(_ConnectionLost):
                await conn.send(frame)
        elif isinstance(event, HeartbeatRequested):
            with contextlib.suppress(_ConnectionLost):
                await conn.send_heartbeat(protocol.heartbeat(anyio.current_time(), scheduled=False))
        elif isinstance(event, ReconnectRequested):
            _LOGGER.info("shard %s: Discord asked to reconnect", self._shard_id)
            conn.outcome = _RECONNECT
            return True
        elif isinstance(event, InvalidSession):
            _LOGGER.info(
                "shard %s: invalid session (resumable=%s)", self._shard_id, event.resumable
            )
            conn.outcome = _NEW_SESSION
            return True
        return False

    async def _handshake_watchdog(self, conn: _Connection, scope: anyio.CancelScope) -> None:
        """End the connection if the protocol's handshake deadline passes (one per phase:
        started with the connection for HELLO, and again when IDENTIFY/RESUME goes out)."""
        protocol = self._protocol
        while True:
            deadline = protocol.handshake_deadline
            if deadline == math.inf:
                return  # nothing awaited now: HELLO came, or READY/RESUMED did
            if anyio.current_time() >= deadline:
                conn.error = GatewayConnectionError(_overdue_message(protocol))
                scope.cancel()
                return
            await anyio.sleep(deadline - anyio.current_time())

    async def _heartbeat_loop(self, conn: _Connection, scope: anyio.CancelScope) -> None:
        protocol = self._protocol
        try:
            while True:
                await anyio.sleep(max(protocol.next_heartbeat_at - anyio.current_time(), 0.0))
                now = anyio.current_time()
                if protocol.heartbeat_check(now, reader_idle=conn.ws.waiting):
                    _LOGGER.warning(
                        "shard %s: no heartbeat ACK for %.1fs; reconnecting",
                        self._shard_id,
                        protocol.heartbeat_interval,
                    )
                    protocol.zombie()
                    conn.outcome = _RECONNECT
                    scope.cancel()
                    return
                await conn.send_heartbeat(protocol.heartbeat(now))
        except _ConnectionLost:
            scope.cancel()

    # -- commands -----------------------------------------------------------------------------

    def _presence(self) -> dict[str, typing.Any]:
        return commands.presence_payload(
            idle_since=self._idle_since, afk=self._afk, activity=self._activity, status=self._status
        )

    def _require_running(self) -> None:
        if self._lifecycle in ("new", "closed"):
            state = "not started" if self._lifecycle == "new" else "closed"
            msg = f"shard {self._shard_id} is {state}: gateway commands need a running shard"
            raise ComponentStateConflictError(msg)

    async def _wait_connection(self) -> _Connection:
        while True:
            if self._lifecycle == "new":
                msg = f"shard {self._shard_id} is not running"
                raise ComponentStateConflictError(msg)
            if self._lifecycle != "running":
                msg = f"shard {self._shard_id} closed"
                raise ComponentClosedError(msg)
            conn = self._conn
            if conn is not None and conn.ready and not conn.lost.is_set():
                return conn
            assert self._changed is not None
            await self._changed.wait()

    async def _send_command(self, op: Opcode, data: object) -> None:
        self._require_running()
        frame = self._protocol.encode(op, data)
        while True:
            conn = await self._wait_connection()
            try:
                await conn.send_command(frame)
            except _ConnectionLost:
                continue
            return

    async def update_presence(
        self,
        *,
        idle_since: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        afk: UndefinedOr[bool] = UNDEFINED,
        activity: UndefinedNoneOr[object] = UNDEFINED,
        status: UndefinedOr[object] = UNDEFINED,
    ) -> None:
        """Op 3. Unset fields keep their current values (also used for the next IDENTIFY).

        Like every command: `ComponentStateConflictError` before `run()` or after it ended,
        `ComponentClosedError` if the shard closes while the command waits.
        """
        self._require_running()
        new_idle = self._idle_since if idle_since is UNDEFINED else idle_since
        new_afk = self._afk if afk is UNDEFINED else afk
        new_activity = self._activity if activity is UNDEFINED else activity
        new_status = self._status if status is UNDEFINED else status
        payload = commands.presence_payload(
            idle_since=new_idle, afk=new_afk, activity=new_activity, status=new_status
        )
        self._idle_since, self._afk, self._activity, self._status = (
            new_idle,
            new_afk,
            new_activity,
            new_status,
        )
        await self._send_command(Opcode.PRESENCE_UPDATE, payload)

    async def update_voice_state(
        self,
        guild: SnowflakeishOr,
        channel: SnowflakeishOr | None,
        *,
        self_mute: UndefinedOr[bool] = UNDEFINED,
        self_deaf: UndefinedOr[bool] = UNDEFINED,
    ) -> None:
        """Op 4: join, move or (channel None) leave a voice channel."""
        payload = commands.voice_state_payload(
            guild, channel, self_mute=self_mute, self_deaf=self_deaf
        )
        await self._send_command(Opcode.VOICE_STATE_UPDATE, payload)

    async def request_guild_members(
        self,
        guild: SnowflakeishOr,
        *,
        include_presences: UndefinedOr[bool] = UNDEFINED,
        query: str = "",
        limit: int = 0,
        users: UndefinedOr[Iterable[SnowflakeishOr]] = UNDEFINED,
        nonce: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Op 8, validated as `anycord.gateway.commands.request_guild_members_payload` says."""
        payload = commands.request_guild_members_payload(
            guild,
            intents=self._intents,
            include_presences=include_presences,
            query=query,
            limit=limit,
            users=users,
            nonce=nonce,
        )
        await self._send_command(Opcode.REQUEST_GUILD_MEMBERS, payload)

    async def request_soundboard_sounds(self, guilds: Iterable[SnowflakeishOr]) -> None:
        """Op 31: Discord answers with SOUNDBOARD_SOUNDS for each guild."""
        payload = commands.request_soundboard_sounds_payload(guilds)
        await self._send_command(Opcode.REQUEST_SOUNDBOARD_SOUNDS, payload)

    async def request_channel_info(self, guild: SnowflakeishOr, fields: Iterable[str]) -> None:
        """Op 43: Discord answers with CHANNEL_INFO, the ephemeral `fields` of the guild's channels.

        `fields` are some of `anycord.gateway.commands.CHANNEL_INFO_FIELDS` (`status`,
        `voice_start_time`); anything else raises `ValueError` before anything is sent.
        """
        payload = commands.request_channel_info_payload(guild, fields)
        await self._send_command(Opcode.REQUEST_CHANNEL_INFO, payload)
