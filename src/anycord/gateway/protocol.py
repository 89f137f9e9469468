"""`GatewayProtocol`: one shard's gateway logic, with no I/O and the time passed in.

Frames go in (`receive(message, now)`, the raw websocket message: compressed bytes or text)
and typed events come out (`Hello`, `Dispatch`, `HandshakeComplete`, `HeartbeatAck`,
`HeartbeatRequested`, `ReconnectRequested`, `InvalidSession`). Commands go in
(`identify()`, `resume()`, `heartbeat(now)`, `encode(op, d)`) and frames come out as bytes.
The driver (`anycord.gateway.shard`) only moves those bytes and sleeps.

What it owns:

* **Session**: `session_id`, `resume_gateway_url` and `sequence` survive across connections;
  `connect_url(base)` picks the resume URL when a session can be resumed. Dispatches whose
  sequence number is not above the last one seen (a replay overlap after RESUME) are dropped,
  so the driver never sees a sequence number twice.
* **State**: every frame and command moves the table in `anycord.gateway.state`; a frame the
  protocol does not allow in the current state raises `GatewayTransportError`.
* **Heartbeats**: after HELLO the first beat is due at `interval × random()`, then every
  `interval` (`next_heartbeat_at`). Each beat is remembered until its ACK arrives (FIFO), which
  gives `heartbeat_latency`.
* **Zombie detection under backpressure**: the driver pauses reading while a slow sink
  processes a dispatch, so an ACK may sit unread in the socket. `heartbeat_check(now,
  reader_idle=...)` therefore only declares the connection a zombie when a beat is unanswered
  for at least half an interval *and the reader is idle* (waiting on the socket with nothing
  buffered, so any ACK would already have been read). While the reader is busy, the next beat
  is sent anyway, which keeps the session alive server-side, and the verdict is deferred to a
  later tick at which the reader is idle. A dead connection leaves the reader idle, so it is
  still detected within two intervals.
* **Close policy** (`close_action(code)`): 4004 and 4010–4014 are fatal; 4007 and 4009 drop the
  session (identify after a random 1–5 s, as does INVALID_SESSION(false)); any other code, or
  none, resumes.
* **Size**: `encode` refuses a payload over 4096 bytes with `ValueError` (Discord closes with
  4002 otherwise). Inflated messages are bounded by the inflater's `max_size`.
* **Handshake deadline** (`handshake_deadline`, `awaiting`): a new connection must see HELLO
  within `hello_timeout` seconds; IDENTIFY/RESUME must be answered with READY/RESUMED within
  `ready_timeout` seconds of being sent. During a resume every replayed dispatch restarts that
  wait, so a long replay that keeps flowing is never cut; only silence is. The wait for the
  identify gate between HELLO and IDENTIFY is not bounded here (the gate's own windows bound
  it, and heartbeats keep the connection alive meanwhile). Once READY/RESUMED arrives the
  deadline is infinity and heartbeats judge liveness.
"""

from __future__ import annotations

import collections
import enum
import logging
import math
import platform
import random
import typing
import urllib.parse

import attrs
import orjson

from anycord.errors import GatewayTransportError, ShardCloseCode
from anycord.gateway.compression import DEFAULT_MAX_SIZE, make_inflater
from anycord.gateway.state import ShardState, Trigger, next_state
from anycord.logs import TRACE
from anycord.stats import ShardStats

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from anycord.gateway.compression import Inflater
    from anycord.intents import Intents

__all__ = [
    "API_VERSION",
    "DEFAULT_HELLO_TIMEOUT",
    "DEFAULT_READY_TIMEOUT",
    "MAX_PAYLOAD_SIZE",
    "CloseAction",
    "Dispatch",
    "GatewayEvent",
    "GatewayProtocol",
    "HandshakeComplete",
    "HeartbeatAck",
    "HeartbeatRequested",
    "Hello",
    "InvalidSession",
    "Opcode",
    "ReconnectRequested",
    "close_action",
]

_LOGGER = logging.getLogger("anycord.gateway")

_loads: typing.Final = orjson.loads
_CONNECTED: typing.Final = ShardState.CONNECTED
_new_tuple: typing.Final = tuple.__new__
_SESSION_DISPATCHES: typing.Final = frozenset({"READY", "RESUMED"})
"""The dispatches the protocol itself acts on (session id and resume URL; the handshake):
never on the short path."""

API_VERSION: typing.Final[int] = 10
MAX_PAYLOAD_SIZE: typing.Final[int] = 4096
"""Largest payload Discord accepts from a client, in bytes of encoded JSON."""
DEFAULT_HELLO_TIMEOUT: typing.Final[float] = 20.0
"""Seconds to wait for HELLO (Discord sends it as soon as the websocket opens)."""
DEFAULT_READY_TIMEOUT: typing.Final[float] = 60.0
"""Seconds of silence to accept after IDENTIFY/RESUME before READY/RESUMED (Discord answers
within a second or two; a resume's replay restarts the wait with every event)."""


class Opcode(enum.IntEnum):
    """Gateway opcodes (topics/opcodes-and-status-codes.mdx)."""

    DISPATCH = 0
    HEARTBEAT = 1
    IDENTIFY = 2
    PRESENCE_UPDATE = 3
    VOICE_STATE_UPDATE = 4
    RESUME = 6
    RECONNECT = 7
    REQUEST_GUILD_MEMBERS = 8
    INVALID_SESSION = 9
    HELLO = 10
    HEARTBEAT_ACK = 11
    REQUEST_SOUNDBOARD_SOUNDS = 31
    REQUEST_CHANNEL_INFO = 43


# -- events out -----------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Hello:
    """op 10. The driver answers with `resume()` if `resume`, else `identify()` after the gate."""

    heartbeat_interval: float
    resume: bool


class Dispatch(typing.NamedTuple):
    """op 0, in sequence order; READY and RESUMED included.

    A named tuple because one is built per frame: the hot path makes it with `tuple.__new__`,
    a C call, where a class with an `__init__` would cost a Python call per dispatch.
    """

    name: str
    sequence: int | None
    data: dict[str, typing.Any]


@attrs.frozen(slots=True)
class HandshakeComplete:
    """READY or RESUMED was seen (emitted right after that dispatch)."""

    resumed: bool


@attrs.frozen(slots=True)
class HeartbeatAck:
    """op 11; `latency` is the seconds since the beat it answers."""

    latency: float


@attrs.frozen(slots=True)
class HeartbeatRequested:
    """op 1 from the server: send a heartbeat now."""


@attrs.frozen(slots=True)
class ReconnectRequested:
    """op 7: close (not with 1000/1001) and resume."""


@attrs.frozen(slots=True)
class InvalidSession:
    """op 9. Not `resumable`: the session is already cleared; identify after a random 1–5 s."""

    resumable: bool


GatewayEvent = (
    Hello
    | Dispatch
    | HandshakeComplete
    | HeartbeatAck
    | HeartbeatRequested
    | ReconnectRequested
    | InvalidSession
)


class CloseAction(enum.Enum):
    """What a closed connection means for the session."""

    RESUME = "resume"
    NEW_SESSION = "new_session"
    FATAL = "fatal"


def close_action(code: int | None) -> CloseAction:
    """The policy for a close code (`None`: the connection dropped without one)."""
    if code is None:
        return CloseAction.RESUME
    try:
        known = ShardCloseCode(code)
    except ValueError:
        return CloseAction.RESUME
    if known.is_fatal:
        return CloseAction.FATAL
    if known.drops_session:
        return CloseAction.NEW_SESSION
    return CloseAction.RESUME


def _default_properties() -> dict[str, str]:
    return {"os": platform.system().lower() or "unknown", "browser": "anycord", "device": "anycord"}


def _undecodable(raw: bytes | bytearray | str, exc: orjson.JSONDecodeError) -> Exception:
    """The error for a frame `orjson.loads` refused: invalid UTF-8 (orjson checks it while it
    parses, so the reader never decodes text) is named as such."""
    if not isinstance(raw, str):
        try:
            raw.decode()
        except UnicodeDecodeError:
            return GatewayTransportError("frame is not UTF-8 text")
    return GatewayTransportError(f"frame is not valid JSON ({exc.msg} at {exc.pos})")


def _fail(message: str) -> typing.NoReturn:
    raise GatewayTransportError(message)


class GatewayProtocol:
    """The sans-IO gateway client for one shard. See the module docstring for what it owns."""

    __slots__ = (
        "_compression",
        "_deadline",
        "_events",
        "_hello_timeout",
        "_inflater",
        "_intents",
        "_interval",
        "_large_threshold",
        "_latency",
        "_max_message_size",
        "_next_beat_at",
        "_properties",
        "_ready_timeout",
        "_resume_url",
        "_rng",
        "_seq",
        "_session_id",
        "_shard_count",
        "_shard_id",
        "_state",
        "_stats",
        "_token",
        "_unacked",
    )

    def __init__(
        self,
        *,
        token: str,
        intents: Intents | int,
        shard_id: int = 0,
        shard_count: int = 1,
        compression: typing.Literal["zlib-stream", "zstd-stream"] | None = "zlib-stream",
        large_threshold: int = 250,
        properties: Mapping[str, str] | None = None,
        rng: Callable[[], float] = random.random,
        max_message_size: int = DEFAULT_MAX_SIZE,
        hello_timeout: float = DEFAULT_HELLO_TIMEOUT,
        ready_timeout: float = DEFAULT_READY_TIMEOUT,
    ) -> None:
        if not 0 <= shard_id < shard_count:
            msg = f"shard_id must be in 0..{shard_count - 1}, not {shard_id}"
            raise ValueError(msg)
        if not 50 <= large_threshold <= 250:
            msg = f"large_threshold must be between 50 and 250, not {large_threshold}"
            raise ValueError(msg)
        for name, timeout in (("hello_timeout", hello_timeout), ("ready_timeout", ready_timeout)):
            if not timeout > 0:
                msg = f"{name} must be a positive number of seconds, not {timeout!r}"
                raise ValueError(msg)
        if compression is not None:
            make_inflater(compression)  # fail now on an unknown or unavailable compression
        self._token = token
        self._intents = int(intents)
        self._shard_id = shard_id
        self._shard_count = shard_count
        self._compression = compression
        self._large_threshold = large_threshold
        self._properties = dict(properties) if properties is not None else _default_properties()
        self._rng = rng
        self._max_message_size = max_message_size
        self._hello_timeout = float(hello_timeout)
        self._ready_timeout = float(ready_timeout)
        self._deadline = math.inf
        self._state = ShardState.DISCONNECTED
        self._session_id: str | None = None
        self._resume_url: str | None = None
        self._seq: int | None = None
        self._inflater: Inflater | None = None
        self._interval = math.nan
        self._next_beat_at = math.inf
        self._unacked: collections.deque[float] = collections.deque()
        self._latency = math.nan
        self._stats = ShardStats()
        self._events = self._stats.events  # the hot path's one increment, without a lookup

    # -- read-only state ------------------------------------------------------------------

    @property
    def state(self) -> ShardState:
        return self._state

    @property
    def session_id(self) -> str | None:
        return self._session_id

    @property
    def sequence(self) -> int | None:
        """The last sequence number seen (sent with heartbeats and RESUME)."""
        return self._seq

    @property
    def resume_gateway_url(self) -> str | None:
        return self._resume_url

    @property
    def can_resume(self) -> bool:
        return self._session_id is not None and self._seq is not None

    @property
    def heartbeat_interval(self) -> float:
        """Seconds between beats (NaN before HELLO)."""
        return self._interval

    @property
    def next_heartbeat_at(self) -> float:
        """When the next scheduled beat is due (infinity before HELLO)."""
        return self._next_beat_at

    @property
    def heartbeat_latency(self) -> float:
        """Seconds between the last answered beat and its ACK (NaN before the first ACK)."""
        return self._latency

    @property
    def unacked_heartbeats(self) -> int:
        return len(self._unacked)

    @property
    def stats(self) -> ShardStats:
        """What this protocol counted (`anycord.stats.ShardStats`)."""
        return self._stats

    @property
    def compression(self) -> str | None:
        return self._compression

    @property
    def hello_timeout(self) -> float:
        return self._hello_timeout

    @property
    def ready_timeout(self) -> float:
        return self._ready_timeout

    @property
    def handshake_deadline(self) -> float:
        """When the connection gives up on the server's handshake (infinity: nothing awaited)."""
        return self._deadline

    @property
    def awaiting(self) -> str:
        """What the handshake deadline waits for: `HELLO`, `READY`, `RESUMED`, or `""`."""
        state = self._state
        if state is ShardState.CONNECTING:
            return "HELLO"
        if state is ShardState.IDENTIFYING:
            return "READY"
        if state is ShardState.RESUMING:
            return "RESUMED"
        return ""

    # -- connection lifecycle -------------------------------------------------------------

    def connect_url(self, base_url: str) -> str:
        """The URL for the next connection: the resume URL if resuming, with v/encoding/compress."""
        url = self._resume_url if self.can_resume and self._resume_url else base_url
        parts = urllib.parse.urlsplit(url)
        query = dict(urllib.parse.parse_qsl(parts.query))
        query["v"] = str(API_VERSION)
        query["encoding"] = "json"
        if self._compression is not None:
            query["compress"] = self._compression
        else:
            query.pop("compress", None)
        return urllib.parse.urlunsplit(
            (parts.scheme, parts.netloc, parts.path or "/", urllib.parse.urlencode(query), "")
        )

    def connection_made(self, now: float) -> None:
        """A socket is open: fresh inflater and heartbeat state; HELLO is due by the deadline."""
        self._state = next_state(self._state, Trigger.CONNECT)
        self._stats.connections += 1
        self._deadline = now + self._hello_timeout
        self._inflater = (
            None
            if self._compression is None
            else make_inflater(self._compression, max_size=self._max_message_size)
        )
        self._interval = math.nan
        self._next_beat_at = math.inf
        self._unacked.clear()

    def connection_lost(self, code: int | None) -> CloseAction:
        """The socket closed (`code` from the close frame, None if it just dropped)."""
        action = close_action(code)
        if self._state is ShardState.CLOSED:
            return action
        if action is CloseAction.FATAL:
            self._state = next_state(self._state, Trigger.FATAL)
        else:
            self._state = next_state(self._state, Trigger.CONNECTION_LOST)
            if action is CloseAction.NEW_SESSION:
                self.clear_session()
        self._next_beat_at = math.inf
        self._deadline = math.inf
        self._inflater = None
        return action

    def zombie(self) -> None:
        """The driver is dropping the connection because heartbeats went unanswered."""
        self._state = next_state(self._state, Trigger.ZOMBIE)

    def fail(self) -> None:
        """The driver is dropping the connection after a bad frame."""
        self._state = next_state(self._state, Trigger.ERROR)

    def close(self) -> None:
        """The shard is closing for good."""
        self._state = next_state(self._state, Trigger.CLOSE)

    def restore_session(self, session_id: str, sequence: int, resume_gateway_url: str) -> None:
        """Adopt a session another connection (or process) started: the next connection
        RESUMEs it at `resume_gateway_url` from `sequence` instead of identifying."""
        if not session_id or sequence < 0:
            msg = "a restored session needs a session id and a sequence >= 0"
            raise ValueError(msg)
        self._session_id = session_id
        self._seq = sequence
        self._resume_url = resume_gateway_url

    def clear_session(self) -> None:
        """Forget the session: the next connection identifies at the original URL."""
        self._session_id = None
        self._resume_url = None
        self._seq = None

    # -- inbound --------------------------------------------------------------------------

    def receive(self, message: bytes | bytearray | str, now: float) -> list[GatewayEvent]:
        """One websocket message in, its events out (see `receive_dispatch` for the rules)."""
        events = self.receive_dispatch(message, now)
        return [events] if isinstance(events, Dispatch) else events

    def receive_dispatch(
        self, message: bytes | bytearray | str, now: float
    ) -> Dispatch | list[GatewayEvent]:
        """One websocket message in: `bytes` for a binary one (transport-compressed when
        compression is on), a `bytearray` of UTF-8 or a `str` for a text one. Text that is not
        UTF-8 raises `GatewayTransportError`, as does anything that is not JSON.

        The common frame, the next in-order dispatch on a connected session, takes a short
        path with the same checks as `receive_payload` (op an int 0, `t` a string, `s` the
        next number, `d` an object) and no state-table lookup, since CONNECTED + DISPATCH
        stays CONNECTED. Anything else, including READY, RESUMED, a replayed
        or skipped sequence number and every malformed frame, goes the general way.

        The short path returns its `Dispatch` bare (the reader's hot path: no list per
        message); everything else returns the list `receive` would.
        """
        inflater = self._inflater
        if inflater is not None and type(message) is bytes:  # binary, not a text bytearray
            raw: bytes | bytearray | str | None = inflater.feed(message)
            if raw is None:
                return []
        else:
            raw = message
        try:
            payload = _loads(raw)
        except orjson.JSONDecodeError as exc:
            raise _undecodable(raw, exc) from None
        if payload.__class__ is dict and self._state is _CONNECTED:
            try:
                op = payload["op"]
                name = payload["t"]
                seq = payload["s"]
                data = payload["d"]
            except KeyError:
                pass  # not the common shape: the general path says what is wrong
            else:
                last = self._seq
                if (
                    op == 0
                    and op.__class__ is int
                    and name.__class__ is str
                    and seq.__class__ is int
                    and data.__class__ is dict
                    and last is not None
                    and seq == last + 1
                    and name not in _SESSION_DISPATCHES
                ):
                    self._seq = seq
                    events = self._events
                    events[name] = events.get(name, 0) + 1
                    return _new_tuple(Dispatch, (name, seq, data))
        return self.receive_payload(payload, now)

    def receive_payload(self, payload: object, now: float) -> list[GatewayEvent]:
        """One decoded gateway payload in."""
        if not isinstance(payload, dict):
            _fail(f"payload must be a JSON object, not {type(payload).__name__}")
        op = payload.get("op")
        if type(op) is not int:
            _fail(f"payload op must be an int, not {op!r:.40}")
        data = payload.get("d")
        if op == Opcode.DISPATCH:
            return self._on_dispatch(payload, data, now)
        if op == Opcode.HEARTBEAT_ACK:
            self._state = next_state(self._state, Trigger.HEARTBEAT_ACK)
            if not self._unacked:
                return []
            self._latency = now - self._unacked.popleft()
            return [HeartbeatAck(self._latency)]
        if op == Opcode.HELLO:
            if not isinstance(data, dict):
                _fail("HELLO d must be an object")
            interval = data.get("heartbeat_interval")
            if not isinstance(interval, (int, float)) or isinstance(interval, bool):
                _fail(f"HELLO heartbeat_interval must be a number, not {interval!r:.40}")
            if not 0 < interval < 3_600_000:
                _fail(f"HELLO heartbeat_interval must be positive ms, not {interval!r:.40}")
            self._state = next_state(self._state, Trigger.HELLO)
            self._deadline = math.inf  # until IDENTIFY/RESUME goes out (after the gate)
            self._interval = interval / 1000
            self._next_beat_at = now + self._interval * self._rng()
            return [Hello(self._interval, resume=self.can_resume)]
        if op == Opcode.HEARTBEAT:
            self._state = next_state(self._state, Trigger.HEARTBEAT_REQUEST)
            return [HeartbeatRequested()]
        if op == Opcode.RECONNECT:
            self._state = next_state(self._state, Trigger.RECONNECT)
            return [ReconnectRequested()]
        if op == Opcode.INVALID_SESSION:
            if not isinstance(data, bool):
                _fail(f"INVALID_SESSION d must be a bool, not {data!r:.40}")
            self._state = next_state(self._state, Trigger.INVALID_SESSION)
            if not data:
                self.clear_session()
            return [InvalidSession(resumable=data)]
        if _LOGGER.isEnabledFor(TRACE):
            _LOGGER.log(TRACE, "shard %s ignoring unknown op %s", self._shard_id, op)
        return []

    def _on_dispatch(
        self, payload: dict[str, typing.Any], data: object, now: float
    ) -> list[GatewayEvent]:
        name = payload.get("t")
        seq = payload.get("s")
        if not isinstance(name, str):
            _fail(f"dispatch t must be a string, not {name!r:.40}")
        if seq is not None and type(seq) is not int:
            _fail(f"dispatch s must be an int or null, not {seq!r:.40}")
        if not isinstance(data, dict):
            _fail(f"dispatch {name} d must be an object, not {type(data).__name__}")
        if name == "READY":
            session_id = data.get("session_id")
            resume_url = data.get("resume_gateway_url")
            if not isinstance(session_id, str) or not isinstance(resume_url, (str, type(None))):
                _fail("READY needs a string session_id and resume_gateway_url")
            self._state = next_state(self._state, Trigger.READY)
            self._deadline = math.inf
            self._session_id = session_id
            self._resume_url = resume_url
        elif name == "RESUMED":
            self._state = next_state(self._state, Trigger.RESUMED)
            self._stats.resumes += 1
            self._deadline = math.inf
        elif self._state is not ShardState.CONNECTED:  # CONNECTED → CONNECTED needs no lookup
            self._state = next_state(self._state, Trigger.DISPATCH)
            if self._state is ShardState.RESUMING:  # a replay that flows is not a silence
                self._deadline = now + self._ready_timeout
        if seq is not None:
            last = self._seq
            if last is not None and seq <= last:
                _LOGGER.debug(
                    "shard %s dropping replayed dispatch %s (seq %s <= %s)",
                    self._shard_id,
                    name,
                    seq,
                    last,
                )
                return []
            if last is not None and seq != last + 1:
                _LOGGER.warning(
                    "shard %s: sequence jumped from %s to %s", self._shard_id, last, seq
                )
            self._seq = seq
        counts = self._events
        counts[name] = counts.get(name, 0) + 1
        events: list[GatewayEvent] = [Dispatch(name, seq, data)]
        if name in ("READY", "RESUMED"):
            events.append(HandshakeComplete(resumed=name == "RESUMED"))
        return events

    # -- outbound -------------------------------------------------------------------------

    def encode(self, op: int, data: object) -> bytes:
        """One command frame; `ValueError` (nothing sent) if it is over 4096 bytes."""
        frame = orjson.dumps({"op": op, "d": data})
        if len(frame) > MAX_PAYLOAD_SIZE:
            msg = f"payload for op {op} is {len(frame)} bytes; the limit is {MAX_PAYLOAD_SIZE}"
            raise ValueError(msg)
        return frame

    def identify(
        self, presence: Mapping[str, typing.Any] | None = None, *, now: float = math.inf
    ) -> bytes:
        """The IDENTIFY frame. Starts a new session: the sequence restarts.

        `now` is when it is sent: READY is due `ready_timeout` seconds later (the default,
        infinity, sets no deadline; for drivers that bound the wait themselves).
        """
        data: dict[str, typing.Any] = {
            "token": self._token,
            "properties": self._properties,
            "large_threshold": self._large_threshold,
            "shard": [self._shard_id, self._shard_count],
            "intents": self._intents,
        }
        if presence is not None:
            data["presence"] = dict(presence)
        frame = self.encode(Opcode.IDENTIFY, data)
        self._state = next_state(self._state, Trigger.SEND_IDENTIFY)
        self._stats.identifies += 1
        self._deadline = now + self._ready_timeout
        self.clear_session()
        return frame

    def resume(self, *, now: float = math.inf) -> bytes:
        """The RESUME frame for the held session; RESUMED is due as `identify` says for READY."""
        if not self.can_resume:
            msg = "there is no session to resume"
            raise RuntimeError(msg)
        frame = self.encode(
            Opcode.RESUME, {"token": self._token, "session_id": self._session_id, "seq": self._seq}
        )
        self._state = next_state(self._state, Trigger.SEND_RESUME)
        self._deadline = now + self._ready_timeout
        return frame

    def heartbeat(self, now: float, *, scheduled: bool = True) -> bytes:
        """A heartbeat frame, booked as sent at `now`; `scheduled` moves the schedule on."""
        self._unacked.append(now)
        if scheduled:
            self._next_beat_at = now + self._interval
        return b'{"op":1,"d":' + (b"null" if self._seq is None else str(self._seq).encode()) + b"}"

    def heartbeat_check(self, now: float, *, reader_idle: bool) -> bool:
        """True if the connection is a zombie (see the module docstring for the rule)."""
        if not self._unacked or not reader_idle:
            return False
        return now - self._unacked[0] >= self._interval / 2
