"""When a shard opens its next connection: the one decision point for reconnect delays.

Sans-IO: times are arguments and randomness is an injectable `rng`. `GatewayShard` asks
`ReconnectBackoff.connection_ended(...)` once per ended connection and sleeps for the answer.

The rules:

* A connection is **healthy** only if it completed the handshake (READY or RESUMED) and then
  stayed open for `stable_after` seconds. Its end resets the failure count and the next
  connection opens at once (a RESUME after hours of service should not wait).
* **Every other end is a failure**, however it happened: a refused or timed-out connect, op 7
  (RECONNECT) or op 9 (INVALID_SESSION) right after HELLO or RESUME, a close or a bad frame
  right after connecting, a handshake that timed out, a READY followed by an early drop. What
  the server *says* never buys an immediate retry; only a connection that proved useful does.
* After `n` consecutive failures the wait is `min(cap, base·2ⁿ⁻¹) × (½ + ½·random())`:
  exponential, jittered, and never below half of its step. So whatever a server does, the
  shard opens at most `1 + log₂(1 + 2t/base)` connections in `t` seconds of failures (with the
  defaults: at most 2 in the first second, 7 in a minute, then one a minute or less).
* When the session was dropped or refused (INVALID_SESSION, close 4007/4009) Discord asks for a
  random 1–5 s wait before the next IDENTIFY: the wait is at least that.
"""

from __future__ import annotations

import random
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ReconnectBackoff"]


class ReconnectBackoff:
    """The reconnect delay policy of one shard (see the module docstring)."""

    __slots__ = ("_base", "_cap", "_failures", "_rng", "_stable_after")

    def __init__(
        self,
        *,
        base: float = 1.0,
        cap: float = 60.0,
        stable_after: float = 30.0,
        rng: Callable[[], float] = random.random,
    ) -> None:
        if not 0 < base <= cap:
            msg = f"backoff needs 0 < base <= cap, not base={base!r}, cap={cap!r}"
            raise ValueError(msg)
        self._base = base
        self._cap = cap
        self._stable_after = stable_after
        self._rng = rng
        self._failures = 0

    @property
    def failures(self) -> int:
        """Consecutive connections that ended without proving healthy."""
        return self._failures

    def connection_ended(self, *, ready_at: float, now: float, new_session: bool) -> float:
        """Book one ended connection; return the seconds to wait before the next one.

        `ready_at` is when READY/RESUMED arrived on it (NaN if it never did), `now` when it
        ended, `new_session` whether the next connection must IDENTIFY after a dropped session.
        """
        if now - ready_at >= self._stable_after:  # False for NaN: never ready
            self._failures = 0
        else:
            self._failures += 1
        delay = 0.0
        if self._failures:
            step = min(self._cap, self._base * 2.0 ** min(self._failures - 1, 30))
            delay = step * (0.5 + 0.5 * self._rng())
        if new_session:
            delay = max(delay, 1.0 + 4.0 * self._rng())
        return delay
