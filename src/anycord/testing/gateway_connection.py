"""One connection to the fake gateway, and the record of everything that happened on it.

`FakeGateway` owns the runtime fields (underscored); tests read the public ones: what the client
sent (`received`), what the server sent (`sent`), how it ended (`close_code`, `closed_by`).
"""

from __future__ import annotations

import typing

import anyio
import attrs
import orjson

from anycord.testing.gateway_core import SendWindow
from anycord.testing.gateway_ops import PresenceWindow

if typing.TYPE_CHECKING:
    from anyio.abc import ByteStream, TaskGroup
    from wsproto import WSConnection

    from anycord.testing.gateway_core import Deflater, GatewaySession

__all__ = ["FakeGatewayConnection"]


@attrs.define(eq=False, weakref_slot=False)
class FakeGatewayConnection:
    """One websocket connection to the fake gateway, and everything that happened on it."""

    path: str
    """The request path (`/` for the gateway URL, `/resume` for `resume_gateway_url`)."""
    query: dict[str, str]
    compress: str | None
    opened_at: float
    shard_id: int | None = None
    shard_count: int | None = None
    intents: int | None = None
    session_id: str | None = None
    resumed: bool = False
    """Whether this connection resumed a session (rather than identified)."""
    received: list[typing.Any] = attrs.field(factory=list)
    """Every payload the client sent, decoded (raw str/bytes when it was not valid JSON)."""
    sent_frames: list[bytes] = attrs.field(factory=list, repr=False)
    """Every payload the server sent, as JSON bytes before compression."""
    close_code: int | None = None
    """The close code the connection ended with (None while open, or if TCP just dropped)."""
    close_reason: str = ""
    closed_by: typing.Literal["client", "server", "transport"] | None = None
    closed_at: float | None = None
    heartbeats: int = 0
    last_heartbeat_at: float = 0.0
    closed: anyio.Event = attrs.field(factory=anyio.Event, repr=False)

    # Runtime state, owned by FakeGateway.
    _stream: ByteStream | None = attrs.field(default=None, init=False, repr=False)
    _ws: WSConnection | None = attrs.field(default=None, init=False, repr=False)
    _deflater: Deflater | None = attrs.field(default=None, init=False, repr=False)
    send_lock: anyio.Lock = attrs.field(factory=anyio.Lock, init=False, repr=False)
    _window: SendWindow = attrs.field(factory=SendWindow, init=False, repr=False)
    presence_window: PresenceWindow = attrs.field(factory=PresenceWindow, init=False, repr=False)
    _session: GatewaySession | None = attrs.field(default=None, init=False, repr=False)
    _sent_seq: int = attrs.field(default=0, init=False, repr=False)
    _replay_until: int = attrs.field(default=0, init=False, repr=False)
    writer_wake: anyio.Event = attrs.field(factory=anyio.Event, init=False, repr=False)
    _closing: bool = attrs.field(default=False, init=False, repr=False)
    _tg: TaskGroup | None = attrs.field(default=None, init=False, repr=False)

    @property
    def sent(self) -> list[typing.Any]:
        """Every payload the server sent on this connection, decoded, in order."""
        return [orjson.loads(frame) for frame in self.sent_frames]

    @property
    def is_open(self) -> bool:
        return not self.closed.is_set()

    @property
    def is_ready(self) -> bool:
        """Open and attached to a session (READY or RESUMED is on its way or sent)."""
        return self.is_open and self._session is not None and not self._closing

    @property
    def sequence(self) -> int:
        """The sequence number of the last dispatch sent on this connection."""
        return self._sent_seq

    def wake_writer(self) -> None:
        """Wake the connection's writer (FakeGateway calls it when there is more to send)."""
        self.writer_wake.set()
        self.writer_wake = anyio.Event()
