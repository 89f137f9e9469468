"""The shard's connection state machine: one table, every legal transition in it.

`GatewayProtocol` feeds it a `Trigger` for everything that happens (a frame arrived, a command
was sent, the socket closed) and the table answers with the next `ShardState`. A trigger the
table does not list for the current state is a protocol violation (`InvalidTransition`, a
`GatewayTransportError`): for example a DISPATCH before HELLO, or a second HELLO.

```
DISCONNECTED ─CONNECT→ CONNECTING ─HELLO→ AWAITING_HANDSHAKE
AWAITING_HANDSHAKE ─SEND_IDENTIFY→ IDENTIFYING ─READY→ CONNECTED
AWAITING_HANDSHAKE ─SEND_RESUME→ RESUMING ─RESUMED→ CONNECTED
a live state ─RECONNECT / INVALID_SESSION / ZOMBIE / ERROR→ CLOSING ─CONNECTION_LOST→ DISCONNECTED
any state ─CONNECTION_LOST→ DISCONNECTED;  any state ─FATAL / CLOSE→ CLOSED (terminal)
```
"""

from __future__ import annotations

import enum
import typing

from anycord.errors import GatewayTransportError

__all__ = ["TRANSITIONS", "InvalidTransition", "ShardState", "Trigger", "next_state"]


class ShardState(enum.Enum):
    """Where one shard's session and connection stand."""

    DISCONNECTED = "disconnected"
    """No socket; the next connection resumes if a session is held, else identifies."""
    CONNECTING = "connecting"
    """Socket open, waiting for HELLO."""
    AWAITING_HANDSHAKE = "awaiting_handshake"
    """HELLO seen; IDENTIFY (after the identify gate) or RESUME is about to go out."""
    IDENTIFYING = "identifying"
    """IDENTIFY sent, waiting for READY."""
    RESUMING = "resuming"
    """RESUME sent; replayed dispatches arrive, then RESUMED."""
    CONNECTED = "connected"
    """READY or RESUMED seen: events flow."""
    CLOSING = "closing"
    """The connection is being dropped to reconnect (op 7, op 9, zombie, bad frame)."""
    CLOSED = "closed"
    """Terminal: closed by the user or by a fatal close code."""


class Trigger(enum.Enum):
    """Everything that can move the state machine."""

    CONNECT = enum.auto()
    HELLO = enum.auto()
    SEND_IDENTIFY = enum.auto()
    SEND_RESUME = enum.auto()
    READY = enum.auto()
    RESUMED = enum.auto()
    DISPATCH = enum.auto()
    HEARTBEAT_ACK = enum.auto()
    HEARTBEAT_REQUEST = enum.auto()
    RECONNECT = enum.auto()
    INVALID_SESSION = enum.auto()
    ZOMBIE = enum.auto()
    ERROR = enum.auto()
    CONNECTION_LOST = enum.auto()
    FATAL = enum.auto()
    CLOSE = enum.auto()


class InvalidTransition(GatewayTransportError):
    """The server (or the driver) did something the gateway protocol does not allow here."""

    def __init__(self, state: ShardState, trigger: Trigger) -> None:
        self.state = state
        self.trigger = trigger
        super().__init__(f"{trigger.name} is not valid in state {state.name}")


_S = ShardState
_T = Trigger
_LIVE: typing.Final = (_S.AWAITING_HANDSHAKE, _S.IDENTIFYING, _S.RESUMING, _S.CONNECTED)
_OPEN: typing.Final = (_S.CONNECTING, *_LIVE)


def _build() -> dict[tuple[ShardState, Trigger], ShardState]:
    table: dict[tuple[ShardState, Trigger], ShardState] = {
        (_S.DISCONNECTED, _T.CONNECT): _S.CONNECTING,
        (_S.CONNECTING, _T.HELLO): _S.AWAITING_HANDSHAKE,
        (_S.AWAITING_HANDSHAKE, _T.SEND_IDENTIFY): _S.IDENTIFYING,
        (_S.AWAITING_HANDSHAKE, _T.SEND_RESUME): _S.RESUMING,
        (_S.IDENTIFYING, _T.READY): _S.CONNECTED,
        (_S.RESUMING, _T.RESUMED): _S.CONNECTED,
        # Replayed events arrive before RESUMED; READY is itself a dispatch.
        (_S.RESUMING, _T.DISPATCH): _S.RESUMING,
        (_S.CONNECTED, _T.DISPATCH): _S.CONNECTED,
        # A server op 7 may come before HELLO is answered (Discord sends it first when draining).
        (_S.CONNECTING, _T.RECONNECT): _S.CLOSING,
    }
    for state in _LIVE:
        table[state, _T.HEARTBEAT_ACK] = state
        table[state, _T.HEARTBEAT_REQUEST] = state
        table[state, _T.RECONNECT] = _S.CLOSING
        table[state, _T.INVALID_SESSION] = _S.CLOSING
        table[state, _T.ZOMBIE] = _S.CLOSING
    for state in _OPEN:
        table[state, _T.ERROR] = _S.CLOSING
    for state in (*_OPEN, _S.CLOSING):
        # Frames already in flight when we decided to close are read and ignored.
        table.setdefault((state, _T.HEARTBEAT_ACK), state)
    for frame in (
        _T.DISPATCH,
        _T.HEARTBEAT_REQUEST,
        _T.RECONNECT,
        _T.INVALID_SESSION,
        _T.ZOMBIE,
        _T.ERROR,
    ):
        table[_S.CLOSING, frame] = _S.CLOSING
    for state in ShardState:
        if state is not _S.CLOSED:
            table[state, _T.CONNECTION_LOST] = _S.DISCONNECTED
            table[state, _T.FATAL] = _S.CLOSED
            table[state, _T.CLOSE] = _S.CLOSED
    table[_S.CLOSED, _T.CLOSE] = _S.CLOSED
    table[_S.CLOSED, _T.CONNECTION_LOST] = _S.CLOSED
    return table


TRANSITIONS: typing.Final[typing.Mapping[tuple[ShardState, Trigger], ShardState]] = _build()
"""The whole machine: `(state, trigger) → next state`. Anything absent is invalid."""


def next_state(state: ShardState, trigger: Trigger) -> ShardState:
    """The state after `trigger`, or `InvalidTransition` if the table has no such edge."""
    try:
        return TRANSITIONS[state, trigger]
    except KeyError:
        raise InvalidTransition(state, trigger) from None
