"""Deadlines with one fixed delay for many requests, watched by one task.

A request that must be acted on if it is still unfinished some fixed time after it began (a
command not answered within its share of Discord's 3 s window; a connection whose handler
keeps running after its HTTP response) registers here instead of starting a timer task of
its own. Because every entry has the same delay, entries expire in the order they were
added, so the queue is a FIFO: adding and cancelling cost O(1) and no task switch, and the
watching task sleeps until the oldest live entry's deadline (it is woken only when an entry
is added to an empty queue). A cancelled entry drops its item at once and is discarded when
it reaches the front.

`fire(item)` runs in the watching task and must not block (start a task for slow work).
"""

from __future__ import annotations

import collections
import logging
import typing

import anyio

if typing.TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Deadlines", "Entry"]

_LOGGER = logging.getLogger("anycord.interactions")

_T = typing.TypeVar("_T")

Entry = list[typing.Any]
"""`[deadline, item]`; `item` is `None` once the entry was cancelled or fired."""


class Deadlines(typing.Generic[_T]):
    """Call `fire(item)` `delay` seconds after `add(item)` unless the entry was cancelled."""

    __slots__ = ("_closed", "_delay", "_fire", "_queue", "_wake")

    def __init__(self, delay: float, fire: Callable[[_T], None]) -> None:
        if not delay >= 0:
            msg = f"delay must be a non-negative number of seconds, not {delay}"
            raise ValueError(msg)
        self._delay = delay
        self._fire = fire
        self._queue: collections.deque[Entry] = collections.deque()
        self._wake: anyio.Event | None = None
        self._closed = False

    @property
    def delay(self) -> float:
        """Seconds from `add` to `fire`."""
        return self._delay

    def add(self, item: _T) -> Entry:
        """Register `item`; keep the entry to `cancel` it."""
        entry = [anyio.current_time() + self._delay, item]
        self._queue.append(entry)
        wake = self._wake
        if wake is not None:
            self._wake = None
            wake.set()
        return entry

    @staticmethod
    def cancel(entry: Entry) -> None:
        """Forget the entry's item (no-op once it fired)."""
        entry[1] = None

    def close(self) -> None:
        """Let `run` return once no live entry is left (entries still fire when due)."""
        self._closed = True
        wake = self._wake
        if wake is not None:
            self._wake = None
            wake.set()

    async def run(self) -> None:
        """Fire entries when due, until cancelled (or closed and empty)."""
        queue = self._queue
        while True:
            while queue and queue[0][1] is None:
                queue.popleft()
            if not queue:
                if self._closed:
                    return
                wake = self._wake = anyio.Event()
                await wake.wait()
                continue
            entry = queue[0]
            wait = entry[0] - anyio.current_time()
            if wait > 0:
                await anyio.sleep(wait)
                continue
            queue.popleft()
            item = entry[1]
            entry[1] = None
            try:
                self._fire(item)
            except Exception:
                _LOGGER.exception("a deadline's action failed")
